// everything the build writes from the content: the small site index, one payload per
// article and per listing page, the route list, the feed and the sitemap.
import { createHash } from 'node:crypto'
import type { Article, ArticleCard, CategoryInfo, ListingPage, SiteConfig, SiteIndex } from '../../shared/types.ts'
import { articleDataPath, categoryDataPath, pageDataPath, parseDataPath, parseRoute, routePath } from '../../shared/paths.ts'
import { slugify } from '../../shared/slug.ts'
import { makeExcerpt } from '../../shared/text.ts'
import { cardCategories } from '../../shared/cards.ts'
import { leadPhoto } from '../../shared/photos.ts'
import { searchIndexFiles } from './searchIndex.ts'

/** newest items in feed.xml */
export const FEED_ITEMS = 30

/** a card shows three lines of its excerpt (listing.css): about this many characters */
export const CARD_EXCERPT_LENGTH = 160

/**
 * categories in the site index, for the header: the biggest. a constant, so the app every
 * page loads does not grow with the taxonomy; a category page's payload names its own
 * category, and the rest are reachable from the articles
 */
export const HEADER_CATEGORIES = 6

export function toCard(a: Article): ArticleCard {
  const { slug, title, image, date, readingMinutes } = a
  // cut at a sentence, as the meta description is: the whole excerpt again in every
  // listing and category page (html and payload) was a tenth of an archive's output.
  // the categories are cut too: a card is on the page of each of its article's categories,
  // so all of them on every card made the output grow with their square
  const card: ArticleCard = { slug, title, categories: cardCategories(a.categories), excerpt: makeExcerpt(a.excerpt, CARD_EXCERPT_LENGTH), image, date, readingMinutes }
  // a card shows its lead photo at a card's width: its variants, not the original
  const photo = leadPhoto(a)
  return photo ? { ...card, photo } : card
}

export function categoriesOf(articles: readonly Article[]): Map<string, { info: CategoryInfo; articles: Article[] }> {
  const map = new Map<string, { info: CategoryInfo; articles: Article[] }>()
  for (const a of articles) {
    for (const name of a.categories) {
      const slug = slugify(name)
      let entry = map.get(slug)
      if (!entry) map.set(slug, (entry = { info: { name, slug, count: 0 }, articles: [] }))
      entry.info.count++
      entry.articles.push(a)
    }
  }
  return map
}

/**
 * How many pages a listing of `total` articles has at `size` a page. An empty listing has
 * one, so the home page always has its page 1. Every count of pages (the site index's, the
 * routes', the payloads') is this one.
 */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size))
}

/**
 * Page `n` (1-based) of a listing, or undefined past its end; `category`: the category
 * whose listing it is, which its pages name. The one place a listing is cut into pages:
 * the build writes every page of it, the dev server makes the one asked for.
 */
function listingPage(articles: readonly Article[], size: number, n: number, category?: CategoryInfo): ListingPage | undefined {
  const count = pageCount(articles.length, size)
  if (!Number.isInteger(n) || n < 1 || n > count) return undefined
  const cards = articles.slice((n - 1) * size, n * size).map(toCard)
  return { page: n, pageCount: count, total: articles.length, cards, ...(category ? { category } : {}) }
}

/**
 * The settings, counts and biggest categories every page loads. `version` changes whenever the
 * content does; by default it hashes every article, which a caller that has the payloads
 * (or, in dev, the files' stamps) can spare with its own.
 */
export function siteIndex(articles: readonly Article[], site: SiteConfig, version?: string): SiteIndex {
  if (version === undefined) {
    const hash = createHash('sha256')
    for (const a of articles) hash.update(JSON.stringify(a))
    version = hash.digest('hex').slice(0, 12)
  }
  const categories = [...categoriesOf(articles).values()].map((c) => c.info)
  categories.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'ko'))
  return {
    site,
    total: articles.length,
    pageCount: pageCount(articles.length, site.pageSize),
    topCategories: categories.slice(0, HEADER_CATEGORIES),
    version,
  }
}

/**
 * A build's version of the content: changes whenever an article does (its related lists
 * aside: they follow from the articles and the code) or the site's settings, and with the
 * code that makes the payloads (codeVersion in `site`'s place for a caller that has it, or
 * the payload format). Known as soon as the bodies are rendered, before the related lists
 * and the search index, which the build makes alongside the client and server builds.
 */
export function contentVersion(articles: readonly Article[], site: SiteConfig, code = ''): string {
  const hash = createHash('sha256')
  hash.update(`${code}\0${JSON.stringify(site)}\0`)
  for (const a of articles) hash.update(JSON.stringify(a)).update('\0')
  return hash.digest('hex').slice(0, 12)
}

/** every payload file, by its path under the output folder (`search`: the search index's files, if made already) */
export function payloadFiles(articles: readonly Article[], site: SiteConfig, search?: ReadonlyMap<string, string>): Map<string, string> {
  const files = new Map<string, string>()
  for (const a of articles) files.set(decodeURIComponent(articleDataPath(a.slug)), JSON.stringify(a))
  const listing = (list: readonly Article[], path: (n: number) => string, category?: CategoryInfo) => {
    for (let n = 1; n <= pageCount(list.length, site.pageSize); n++) files.set(path(n), JSON.stringify(listingPage(list, site.pageSize, n, category)))
  }
  listing(articles, pageDataPath)
  for (const { info, articles: list } of categoriesOf(articles).values()) {
    listing(list, (n) => decodeURIComponent(categoryDataPath(info.slug, n)), info)
  }
  for (const [path, json] of search ?? searchIndexFiles(articles)) files.set(path, json)
  return files
}

/**
 * One payload by its path (decoded, as a key of payloadFiles), or undefined: what the dev
 * server answers on request instead of making every file of a large archive at start.
 * `search` gives the search index files, made on first need.
 */
export function payloadAt(path: string, articles: readonly Article[], site: SiteConfig, search: () => ReadonlyMap<string, string>): string | undefined {
  const page = (list: readonly Article[], n: number, category?: CategoryInfo) => {
    const p = listingPage(list, site.pageSize, n, category)
    return p && JSON.stringify(p)
  }
  const target = parseDataPath(path)
  switch (target?.kind) {
    case 'article': {
      const a = articles.find((x) => x.slug === target.slug)
      return a && JSON.stringify(a)
    }
    case 'page':
      return page(articles, target.page)
    case 'category': {
      const c = categoriesOf(articles).get(target.category)
      return c && page(c.articles, target.page, c.info)
    }
    case 'search-meta':
    case 'search-part':
      return search().get(path)
  }
  return undefined
}

/**
 * The payload a prerendered route reads (a key of payloadFiles), or undefined for a route
 * that reads none (search, not found).
 */
export function routeDataPath(route: string): string | undefined {
  const target = parseRoute(route)
  switch (target?.kind) {
    case 'home':
      return pageDataPath(target.page)
    case 'article':
    case 'excerpt':
      return decodeURIComponent(articleDataPath(target.slug))
    case 'category':
      return decodeURIComponent(categoryDataPath(target.category, target.page))
  }
  return undefined
}

/** every route to prerender, without the base */
export function routes(articles: readonly Article[], site: SiteConfig): string[] {
  const out = [routePath.home()]
  for (let p = 2; p <= pageCount(articles.length, site.pageSize); p++) out.push(routePath.home(p))
  for (const a of articles) out.push(routePath.article(a.slug), routePath.excerpt(a.slug))
  for (const { info } of categoriesOf(articles).values()) {
    for (let p = 1; p <= pageCount(info.count, site.pageSize); p++) out.push(routePath.category(info.slug, p))
  }
  out.push(routePath.search())
  return out
}

/** an absolute url for a route (which starts with '/'), percent-encoded */
export function absoluteUrl(site: SiteConfig, base: string, route: string): string {
  return encodeURI(`${site.url.replace(/\/+$/, '')}${base.replace(/\/+$/, '')}${route}`)
}

export function escapeXml(s: string): string {
  // also drop characters xml 1.0 does not allow at all
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

export function sitemapXml(articles: readonly Article[], site: SiteConfig, base: string): string {
  const urls = routes(articles, site)
    .map((r) => `  <url><loc>${escapeXml(absoluteUrl(site, base, r))}</loc></url>`)
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`
}

export function feedXml(articles: readonly Article[], site: SiteConfig, base: string): string {
  const home = absoluteUrl(site, base, '/')
  const items = articles.slice(0, FEED_ITEMS).map((a) => {
    const url = absoluteUrl(site, base, routePath.article(a.slug))
    return [
      '    <item>',
      `      <title>${escapeXml(a.title)}</title>`,
      `      <link>${escapeXml(url)}</link>`,
      `      <guid isPermaLink="true">${escapeXml(url)}</guid>`,
      `      <description>${escapeXml(a.excerpt)}</description>`,
      a.date ? `      <pubDate>${new Date(a.date).toUTCString()}</pubDate>` : '',
      ...a.categories.map((c) => `      <category>${escapeXml(c)}</category>`),
      '    </item>',
    ].filter(Boolean).join('\n')
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    <title>${escapeXml(site.name)}</title>`,
    `    <link>${escapeXml(home)}</link>`,
    `    <description>${escapeXml(site.description)}</description>`,
    '    <language>ko</language>',
    `    <atom:link href="${escapeXml(absoluteUrl(site, base, '/feed.xml'))}" rel="self" type="application/rss+xml"/>`,
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n')
}
