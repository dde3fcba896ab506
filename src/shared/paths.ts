// the site's routes and where the payloads live, relative to the site's base: each built by
// one function here and parsed back by one function here, so the build that writes the
// files, the dev server that answers for them and the browser that fetches them agree on
// one spelling. a parser takes a path as the site made it (a route raw, a payload path
// decoded) and returns undefined for anything else.
import { slugify } from './slug.ts'

export const DATA_DIR = '_data'

/**
 * payload files are json stored gzip-compressed (as pagefind stores its index): a third of
 * the bytes on the host, and the same bytes on the wire, since a host would gzip json
 * anyway. the browser undoes it (client/data/decodePayload.ts); a host that sends the file
 * with `Content-Encoding: gzip` has undone it already, which is read too.
 */
export const PAYLOAD_EXT = '.json.gz'

const seg = (s: string) => encodeURIComponent(s)

/**
 * payload of one article: served by the dev server and read while prerendering, never
 * written by the build. in a build the article's own prerendered page is its data (the
 * browser reads its state and body: client/data/data.ts loadArticleData), so a build writes
 * one file fewer per article, all of which would sit in one folder, and spends no rendering
 * thread's time compressing them
 */
export function articleDataPath(slug: string): string {
  return `${DATA_DIR}/articles/${seg(slug)}${PAYLOAD_EXT}`
}

/** is this (decoded) payload path an article's, which the build does not write? */
export function isArticleDataPath(path: string): boolean {
  return parseDataPath(path)?.kind === 'article'
}

/** payload of one page of the home listing (1-based) */
export function pageDataPath(page: number): string {
  return `${DATA_DIR}/pages/${page}${PAYLOAD_EXT}`
}

/** payload of one page of a category listing (1-based) */
export function categoryDataPath(category: string, page: number): string {
  return `${DATA_DIR}/categories/${seg(category)}/${page}${PAYLOAD_EXT}`
}

/** payload of one page of an author's listing (1-based), by the author's slug */
export function authorDataPath(slug: string, page: number): string {
  return `${DATA_DIR}/authors/${seg(slug)}/${page}${PAYLOAD_EXT}`
}

/** payload of one page of a tag's listing (1-based), by the tag's slug */
export function tagDataPath(slug: string, page: number): string {
  return `${DATA_DIR}/tags/${seg(slug)}/${page}${PAYLOAD_EXT}`
}

/** search index: what is loaded first (the map of parts, the fields' average lengths) */
export function searchMetaPath(): string {
  return `${DATA_DIR}/search/meta${PAYLOAD_EXT}`
}

/** search index: one part of the terms (a query loads only the parts its words need) */
export function searchPartPath(part: number): string {
  return `${DATA_DIR}/search/terms/${part}${PAYLOAD_EXT}`
}

/** search index: the slugs of one run of documents (a query loads those of the hits it shows) */
export function searchDocsPath(shard: number): string {
  return `${DATA_DIR}/search/docs/${shard}${PAYLOAD_EXT}`
}

/** route paths (without the base), always with a trailing slash */
export const routePath = {
  home: (page = 1) => (page <= 1 ? '/' : `/page/${page}/`),
  article: (slug: string) => `/articles/${slug}/`,
  excerpt: (slug: string) => `/articles/${slug}/excerpt/`,
  category: (name: string, page = 1) => `/categories/${slugify(name)}/${page <= 1 ? '' : `page/${page}/`}`,
  /** an author's page, by the author's slug (which the authors file may choose: never slugified again) */
  author: (slug: string, page = 1) => `/authors/${slug}/${page <= 1 ? '' : `page/${page}/`}`,
  tag: (name: string, page = 1) => `/tags/${slugify(name)}/${page <= 1 ? '' : `page/${page}/`}`,
  search: (q?: string) => (q ? `/search/?q=${encodeURIComponent(q)}` : '/search/'),
}

/** what a payload path names (parseDataPath): `page` is 1-based, a search `part` 0-based */
export type DataPathTarget =
  | { kind: 'article'; slug: string }
  | { kind: 'page'; page: number }
  | { kind: 'category'; category: string; page: number }
  | { kind: 'author'; author: string; page: number }
  | { kind: 'tag'; tag: string; page: number }
  | { kind: 'search-meta' }
  | { kind: 'search-part'; part: number }
  | { kind: 'search-docs'; shard: number }

/**
 * What a payload path names, read from the path decoded (as a payload file's name on disk,
 * and as the dev server's request judge hands it on), or undefined when it names nothing.
 * The inverse of the path functions above once their result is decoded; a page number is
 * any run of digits, so `007` names page 7, as the dev server has always answered it.
 */
export function parseDataPath(path: string): DataPathTarget | undefined {
  // (the spellings of the functions above: DATA_DIR, then PAYLOAD_EXT; `s`: a name may hold
  // any character, a line separator among them, and still reads back whole)
  let m: RegExpExecArray | null
  if ((m = /^_data\/articles\/(.+)\.json\.gz$/s.exec(path))) return { kind: 'article', slug: m[1] }
  if ((m = /^_data\/pages\/(\d+)\.json\.gz$/.exec(path))) return { kind: 'page', page: Number(m[1]) }
  if ((m = /^_data\/categories\/(.+)\/(\d+)\.json\.gz$/s.exec(path)))
    return { kind: 'category', category: m[1], page: Number(m[2]) }
  if ((m = /^_data\/authors\/(.+)\/(\d+)\.json\.gz$/s.exec(path)))
    return { kind: 'author', author: m[1], page: Number(m[2]) }
  if ((m = /^_data\/tags\/(.+)\/(\d+)\.json\.gz$/s.exec(path))) return { kind: 'tag', tag: m[1], page: Number(m[2]) }
  if (path === searchMetaPath()) return { kind: 'search-meta' }
  if ((m = /^_data\/search\/terms\/(\d+)\.json\.gz$/.exec(path))) return { kind: 'search-part', part: Number(m[1]) }
  if ((m = /^_data\/search\/docs\/(\d+)\.json\.gz$/.exec(path))) return { kind: 'search-docs', shard: Number(m[1]) }
  return undefined
}

/** what a route names (parseRoute): `page` is 1-based */
export type RouteTarget =
  | { kind: 'home'; page: number }
  | { kind: 'article'; slug: string }
  | { kind: 'excerpt'; slug: string }
  | { kind: 'category'; category: string; page: number }
  | { kind: 'author'; author: string; page: number }
  | { kind: 'tag'; tag: string; page: number }
  | { kind: 'search' }

/**
 * What a route (as routePath makes it, without the base or a query) names, or undefined
 * for any other path, the not-found page's among them. A slug holds no '/' (slugify drops
 * it), so one segment is read as one slug.
 */
export function parseRoute(route: string): RouteTarget | undefined {
  let m: RegExpExecArray | null
  if (route === routePath.home()) return { kind: 'home', page: 1 }
  if ((m = /^\/page\/(\d+)\/$/.exec(route))) return { kind: 'home', page: Number(m[1]) }
  if ((m = /^\/articles\/([^/]+)\/(excerpt\/)?$/.exec(route))) return { kind: m[2] ? 'excerpt' : 'article', slug: m[1] }
  if ((m = /^\/categories\/([^/]+)\/(?:page\/(\d+)\/)?$/.exec(route)))
    return { kind: 'category', category: m[1], page: Number(m[2] ?? 1) }
  if ((m = /^\/authors\/([^/]+)\/(?:page\/(\d+)\/)?$/.exec(route)))
    return { kind: 'author', author: m[1], page: Number(m[2] ?? 1) }
  if ((m = /^\/tags\/([^/]+)\/(?:page\/(\d+)\/)?$/.exec(route)))
    return { kind: 'tag', tag: m[1], page: Number(m[2] ?? 1) }
  if (route === routePath.search()) return { kind: 'search' }
  return undefined
}

/** the formats every feed is written in: RSS 2.0, Atom 1.0 and JSON Feed 1.1 */
export type FeedFormat = 'rss' | 'atom' | 'json'

/** the groupings of articles that get a feed of their own (the categories; tags and authors when articles have them) */
export type FeedGroupKind = 'category' | 'tag' | 'author'

/** whose feed: the whole site's, or one group's, named by its slug */
export type FeedScope = { kind: 'site' } | { kind: FeedGroupKind; slug: string }

export const SITE_FEED: FeedScope = { kind: 'site' }

/** the feed formats, in the order a page links them */
export const FEED_FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json']

/**
 * the site's RSS feed, by the name readers are subscribed to. a name of its own: the footer
 * links it, and the app every page loads then carries this string rather than feedPath
 */
export const SITE_RSS = 'feed.xml'

/** file name of each format */
const FEED_FILES: Record<FeedFormat, string> = { rss: SITE_RSS, atom: 'atom.xml', json: 'feed.json' }

/** the folder a group's pages live in: its feeds sit in its page's folder, beside the index.html */
const FEED_GROUP_DIRS: Record<FeedGroupKind, string> = { category: 'categories', tag: 'tags', author: 'authors' }

/**
 * A feed's file, relative to the base and unencoded, as routes are (a slug is letters,
 * digits, '-' and '_': encodeURI makes it a URL). A function of its own, apart from the
 * sitemaps' paths: the app links feeds, and bundles only what it imports.
 */
export function feedPath(format: FeedFormat, scope: FeedScope = SITE_FEED): string {
  return scope.kind === 'site'
    ? FEED_FILES[format]
    : `${FEED_GROUP_DIRS[scope.kind]}/${scope.slug}/${FEED_FILES[format]}`
}

/**
 * The files the build writes for crawlers besides the feeds, relative to the base. The
 * sitemaps sit beside the index rather than in a folder of their own: a sitemap may list
 * only the URLs under its own folder, and every page is under the base, not under sitemaps/.
 */
export const crawlerPath = {
  robots: () => 'robots.txt',
  sitemapIndex: () => 'sitemap.xml',
  /** one part of the sitemap (1-based) */
  sitemap: (part: number) => `sitemap-${part}.xml`,
  newsSitemap: () => 'sitemap-news.xml',
}

/** what a crawler's or feed reader's file names (parseCrawlerPath): a sitemap `part` is 1-based */
export type CrawlerFileTarget =
  | { kind: 'robots' }
  | { kind: 'sitemap-index' }
  | { kind: 'sitemap'; part: number }
  | { kind: 'news-sitemap' }
  | { kind: 'feed'; format: FeedFormat; scope: FeedScope }

/** What a path made by crawlerPath or feedPath names, or undefined for any other. */
export function parseCrawlerPath(path: string): CrawlerFileTarget | undefined {
  if (path === crawlerPath.robots()) return { kind: 'robots' }
  if (path === crawlerPath.sitemapIndex()) return { kind: 'sitemap-index' }
  if (path === crawlerPath.newsSitemap()) return { kind: 'news-sitemap' }
  const part = /^sitemap-([1-9]\d*)\.xml$/.exec(path)
  if (part) return { kind: 'sitemap', part: Number(part[1]) }
  // a feed: its file name, alone (the site's) or in a group's folder (a slug holds no '/')
  const feed = /^(?:([^/]+)\/([^/]+)\/)?([^/]+)$/.exec(path)
  const format = feed && FEED_FORMATS.find((f) => FEED_FILES[f] === feed[3])
  if (!feed || !format) return undefined
  if (feed[1] === undefined) return { kind: 'feed', format, scope: SITE_FEED }
  const kind = (Object.keys(FEED_GROUP_DIRS) as FeedGroupKind[]).find((k) => FEED_GROUP_DIRS[k] === feed[1])
  return kind ? { kind: 'feed', format, scope: { kind, slug: feed[2] } } : undefined
}
