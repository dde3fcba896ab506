// what tells search engines which pages the site has: robots.txt names the sitemap index
// (sitemap.xml), which names the parts (sitemap-1.xml …, each at most SITEMAP_URLS urls,
// each url with the date its page last changed) and the Google News sitemap (the articles
// of the last two days). summaries are left out: they are noindex pages (a summary repeats
// its article, and 10,000 near-duplicates would be offered for the index).
import type { Article, SiteConfig } from '../../../shared/types.ts'
import { crawlerPath, parseRoute, routePath } from '../../../shared/paths.ts'
import { absoluteUrl, categoriesOf, routes } from '../payloads.ts'
import { instantOf, laterDate, lastModified } from './articleDates.ts'
import { escapeXml } from './xml.ts'

/**
 * urls in one sitemap file. the protocol allows 50,000 (and 50 MB); a part is cut well
 * before, as @astrojs/sitemap cuts at 45,000, so a part never nears the limit
 */
export const SITEMAP_URLS = 45_000

/** how far back from the build's time the news sitemap reaches: Google News reads articles published in the last two days */
export const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000

/** the most urls Google News reads from one news sitemap: the newest are kept */
export const NEWS_URLS = 1000

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9'
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'

/** one page of a sitemap: its route, and when it last changed ('' when no date says) */
export interface SitemapEntry {
  route: string
  lastmod: string
  /** lastmod's instant in ms, for comparing (-Infinity when it has none) */
  time: number
}

const NONE = { lastmod: '', time: -Infinity }

/** the later of two (lastmod, time) pairs */
const later = <T extends { time: number }>(a: T, b: T): T => (b.time > a.time ? b : a)

/**
 * Every page a search engine should index, in the order the build renders them, each with
 * the date it last changed: an article's `updated` or `date`; a listing page's, its
 * listing's newest (a new article moves every page of the listing along one card).
 */
export function sitemapEntries(articles: readonly Article[], site: SiteConfig): SitemapEntry[] {
  // each article's date read once (a build compares each several times: its listings' and its categories')
  const stamps = new Map<Article, { lastmod: string; time: number }>()
  let newest = NONE
  for (const a of articles) {
    const lastmod = lastModified(a)
    const stamp = lastmod ? { lastmod, time: instantOf(lastmod) } : NONE
    stamps.set(a, stamp)
    newest = later(newest, stamp)
  }
  const categories = new Map<string, typeof NONE>()
  for (const [slug, { articles: list }] of categoriesOf(articles))
    categories.set(
      slug,
      list.reduce((n, a) => later(n, stamps.get(a)!), NONE),
    )
  const bySlug = new Map(articles.map((a) => [a.slug, a]))
  const entries: SitemapEntry[] = []
  // the prerendered routes are the pages there are (routes() decides which, in one place)
  for (const route of routes(articles, site)) {
    const target = parseRoute(route)
    if (target?.kind === 'excerpt') continue
    let stamp = NONE
    if (target?.kind === 'home') stamp = newest
    else if (target?.kind === 'article') stamp = stamps.get(bySlug.get(target.slug)!)!
    else if (target?.kind === 'category') stamp = categories.get(target.category) ?? NONE
    entries.push({ route, lastmod: stamp.lastmod, time: stamp.time })
  }
  return entries
}

/** One sitemap file (a `urlset`) of these entries. */
export function sitemapXml(entries: ReadonlyArray<Omit<SitemapEntry, 'time'>>, site: SiteConfig, base: string): string {
  // the site's address under the base, made once rather than for each of 45,000 urls
  const root = absoluteUrl(site, base, '')
  const urls = entries.map(({ route, lastmod }) => {
    const loc = `<loc>${escapeXml(root + encodeURI(route))}</loc>`
    return `  <url>${loc}${lastmod ? `<lastmod>${escapeXml(lastmod)}</lastmod>` : ''}</url>`
  })
  return [XML_DECLARATION, `<urlset xmlns="${SITEMAP_NS}">`, ...urls, '</urlset>', ''].join('\n')
}

/** The sitemap index: each file by its path under the base, with the newest lastmod in it ('' when none). */
export function sitemapIndexXml(
  files: ReadonlyArray<{ path: string; lastmod: string }>,
  site: SiteConfig,
  base: string,
): string {
  const items = files.map(({ path, lastmod }) => {
    const loc = `<loc>${escapeXml(absoluteUrl(site, base, `/${path}`))}</loc>`
    return `  <sitemap>${loc}${lastmod ? `<lastmod>${escapeXml(lastmod)}</lastmod>` : ''}</sitemap>`
  })
  return [XML_DECLARATION, `<sitemapindex xmlns="${SITEMAP_NS}">`, ...items, '</sitemapindex>', ''].join('\n')
}

/**
 * The articles for Google News: published no earlier than two days before the build's
 * time, newest first, at most NEWS_URLS. The build's time rather than the newest article's
 * date: Google reads the file after the build and counts two days back from then, so a
 * site that stops publishing stops offering old articles as news at its next build (a
 * scheduled rebuild keeps the window moving), where counting from its newest article
 * would offer the same articles for ever.
 */
export function newsArticles(articles: readonly Article[], now: Date): Article[] {
  const from = now.getTime() - NEWS_WINDOW_MS
  const recent = articles.flatMap((a) => {
    const t = a.date ? instantOf(a.date) : NaN
    return t >= from ? [{ a, t }] : []
  })
  recent.sort((x, y) => y.t - x.t)
  return recent.slice(0, NEWS_URLS).map((r) => r.a)
}

/** The Google News sitemap of these articles (newsArticles): `news:news` with the publication, its language, the date and the title. */
export function newsSitemapXml(articles: readonly Article[], site: SiteConfig, base: string): string {
  const publication = `<news:publication><news:name>${escapeXml(site.name)}</news:name><news:language>ko</news:language></news:publication>`
  const urls = articles.map((a) => {
    const loc = `<loc>${escapeXml(absoluteUrl(site, base, routePath.article(a.slug)))}</loc>`
    const news = `${publication}<news:publication_date>${escapeXml(a.date)}</news:publication_date><news:title>${escapeXml(a.title)}</news:title>`
    return `  <url>${loc}<news:news>${news}</news:news></url>`
  })
  return [XML_DECLARATION, `<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">`, ...urls, '</urlset>', ''].join(
    '\n',
  )
}

/**
 * robots.txt: every page may be crawled, and the sitemap index is here. Crawlers read it
 * only at the root of a host: built for a subpath, the host's own robots.txt needs the
 * Sitemap line (the README says so).
 */
export function robotsTxt(site: SiteConfig, base: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    '',
    `Sitemap: ${absoluteUrl(site, base, `/${crawlerPath.sitemapIndex()}`)}`,
    '',
  ].join('\n')
}

/**
 * The sitemap index, its parts and the news sitemap, by path under the base. `now` is the
 * build's time, which the news sitemap's window counts from. The news sitemap is always
 * written (a console it was submitted to keeps finding it), and named in the index only
 * while it lists an article: the protocol's urlset holds at least one url.
 */
export function sitemapFiles(
  articles: readonly Article[],
  site: SiteConfig,
  base: string,
  now: Date,
): Map<string, string> {
  const files = new Map<string, string>()
  const parts: Array<{ path: string; lastmod: string }> = []
  const entries = sitemapEntries(articles, site)
  for (let start = 0, part = 1; start < entries.length; start += SITEMAP_URLS, part++) {
    const slice = entries.slice(start, start + SITEMAP_URLS)
    parts.push({ path: crawlerPath.sitemap(part), lastmod: slice.reduce(later, NONE).lastmod })
    files.set(crawlerPath.sitemap(part), sitemapXml(slice, site, base))
  }
  const news = newsArticles(articles, now)
  files.set(crawlerPath.newsSitemap(), newsSitemapXml(news, site, base))
  if (news.length)
    parts.push({
      path: crawlerPath.newsSitemap(),
      lastmod: news.reduce((newest, a) => laterDate(newest, lastModified(a)), ''),
    })
  files.set(crawlerPath.sitemapIndex(), sitemapIndexXml(parts, site, base))
  return files
}
