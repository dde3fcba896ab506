// everything the build writes from the content for the app: the small site index, one
// payload per article and per listing page, and the route list. (the sitemaps and the
// feeds, for crawlers and readers, are crawlerFiles.ts.)
import type {
  Article,
  ArticleCard,
  AuthorInfo,
  CategoryInfo,
  ListingPage,
  Problem,
  SiteConfig,
  SiteIndex,
} from '../../shared/types.ts'
import {
  articleDataPath,
  authorDataPath,
  categoryDataPath,
  pageDataPath,
  parseDataPath,
  parseRoute,
  routePath,
  tagDataPath,
} from '../../shared/paths.ts'
import { slugify } from '../../shared/slug.ts'
import { makeExcerpt } from '../../shared/text.ts'
import { cardAuthors, cardCategories } from '../../shared/cards.ts'
import { leadPhoto } from '../../shared/photos/photos.ts'
import { decoratePhotos } from '../../shared/photos/photoHtml.ts'
import { searchIndexFiles } from './search/searchIndex.ts'

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
  // (the byline, cut as the categories are, and for the same reason)
  const card: ArticleCard = {
    slug,
    title,
    categories: cardCategories(a.categories),
    excerpt: makeExcerpt(a.excerpt, CARD_EXCERPT_LENGTH),
    image,
    date,
    readingMinutes,
    authors: cardAuthors(a.authors),
  }
  // a card shows its lead photo at a card's width: its variants, not the original
  const photo = leadPhoto(a)
  return photo ? { ...card, photo } : card
}

/** the articles of each name (a category, a tag, an author) by its slug, in listing order: one pass over the articles' names */
function groupBy<I extends { slug: string; count: number }, N>(
  articles: readonly Article[],
  namesOf: (a: Article) => readonly N[],
  infoOf: (name: N) => I,
): Map<string, { info: I; articles: Article[] }> {
  const map = new Map<string, { info: I; articles: Article[] }>()
  for (const a of articles) {
    for (const name of namesOf(a)) {
      const info = infoOf(name)
      let entry = map.get(info.slug)
      if (!entry) map.set(info.slug, (entry = { info, articles: [] }))
      entry.info.count++
      entry.articles.push(a)
    }
  }
  return map
}

export function categoriesOf(articles: readonly Article[]): Map<string, { info: CategoryInfo; articles: Article[] }> {
  return groupBy(
    articles,
    (a) => a.categories,
    (name) => ({ name, slug: slugify(name), count: 0 }),
  )
}

/** each tag's articles, by the tag's slug (Tag and tag are one tag, as for categories) */
export function tagsOf(articles: readonly Article[]): Map<string, { info: CategoryInfo; articles: Article[] }> {
  return groupBy(
    articles,
    (a) => a.tags,
    (name) => ({ name, slug: slugify(name), count: 0 }),
  )
}

/**
 * each author's articles, by the author's slug: an author's page shows what the authors
 * file says of them, which every article of theirs carries (joinAuthors), so the page needs
 * no other source than the articles
 */
export function authorsOf(articles: readonly Article[]): Map<string, { info: AuthorInfo; articles: Article[] }> {
  return groupBy(
    articles,
    (a) => a.authors,
    (author) => ({ ...author, count: 0 }),
  )
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
function listingPage(
  articles: readonly Article[],
  size: number,
  n: number,
  about?: ListingAbout,
): ListingPage | undefined {
  const count = pageCount(articles.length, size)
  if (!Number.isInteger(n) || n < 1 || n > count) return undefined
  const cards = articles.slice((n - 1) * size, n * size).map(toCard)
  return { page: n, pageCount: count, total: articles.length, cards, ...about }
}

/** what a listing's pages name besides their cards: the category, author or tag whose listing it is */
type ListingAbout = Pick<ListingPage, 'category' | 'author' | 'tag'>

/**
 * The settings and the header's categories every page loads: the site's sections that have
 * articles, else the biggest categories; without their counts, so the module every page runs
 * changes only when the header does, not with every article. `version`: the dev server's stamp of the content, which busts the browser's cache
 * of payloads; a build has none (SiteIndex.version).
 */
export function siteIndex(articles: readonly Article[], site: SiteConfig, version = ''): SiteIndex {
  const byslug = categoriesOf(articles)
  let categories: CategoryInfo[]
  if (site.sections) {
    // the newsroom's sections, in its order, each once it has an article
    const named = site.sections.map((name) => byslug.get(slugify(name))?.info)
    categories = [...new Map(named.filter((c) => c !== undefined).map((c) => [c.slug, c])).values()]
  } else {
    categories = [...byslug.values()].map((c) => c.info)
    categories.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'ko'))
    categories = categories.slice(0, HEADER_CATEGORIES)
  }
  return { site, topCategories: categories.map(({ name, slug }) => ({ name, slug })), version }
}

/**
 * The text of `virtual:news/index`, the module every page runs: the site index, the content's
 * problems (dev) and whether articles are read as payloads (dev) or from their pages (a build).
 */
export function siteIndexModule(index: SiteIndex, problems: readonly Problem[], articlePayloads: boolean): string {
  return `export default ${JSON.stringify(index)}\nexport const problems = ${JSON.stringify(problems)}\nexport const articlePayloads = ${articlePayloads}\n`
}

/**
 * The articles as their pages and payloads show them: each photo kept in the site with its
 * width, height and srcset under `base` (the body the loader keeps is the sanitizer's alone).
 */
export function withPhotoHtml(articles: readonly Article[], base: string): Article[] {
  return articles.map((a) => (a.photos.length ? { ...a, html: decoratePhotos(a.html, a.photos, base) } : a))
}

/**
 * A payload file's json: text, or its utf-8 bytes (the search index's files come from their
 * thread as bytes: held as strings of korean text, two bytes a character on the heap, they
 * were the most of node's heap at 100,000 articles).
 */
export type PayloadText = string | Uint8Array

const utf8 = new TextDecoder()
/** A payload's json as text. */
export const payloadString = (p: PayloadText): string => (typeof p === 'string' ? p : utf8.decode(p))

/** every payload file, by its path under the output folder (`search`: the search index's files, if made already) */
export function payloadFiles<T extends PayloadText = string>(
  articles: readonly Article[],
  site: SiteConfig,
  search?: ReadonlyMap<string, T>,
): Map<string, string | T> {
  const files: Map<string, string | T> = articlePayloads(articles)
  for (const [path, json] of listingPayloads(articles, site)) files.set(path, json)
  for (const [path, json] of search ?? searchIndexFiles(articles)) files.set(path, json)
  return files
}

/** each article's payload, by its path under the output folder */
export function articlePayloads(articles: readonly Article[]): Map<string, string> {
  const files = new Map<string, string>()
  for (const a of articles) files.set(articlePayloadPath(a), articlePayload(a))
  return files
}

/** an article's payload's path under the output folder (decoded) */
const articlePayloadPath = (a: Article) => decodeURIComponent(articleDataPath(a.slug))
/** an article's payload: the article, with its related lists and its photos' html */
const articlePayload = (a: Article) => JSON.stringify(a)

/** What payloads are read by path from: a Map of them, or a build's (BuildPayloads). */
export interface PayloadSource {
  get(path: string): PayloadText | undefined
}

/**
 * A full build's payloads: the search index's files, and the articles' and the listings',
 * whose json (most of a large archive's payloads: a gigabyte of text at 100,000 articles for
 * the articles, half a gigabyte for the listings' cards) is made when asked for, by the
 * prerender step as it hands each batch of pages to a renderer, and let go with it. An
 * article's is asked for once or twice (its page and its summary's), a listing page's once;
 * each is the same json articlePayloads and listingPayloads make.
 */
export class BuildPayloads implements PayloadSource {
  private readonly articles = new Map<string, Article>()
  private readonly listings: Map<string, () => string>
  /** the payloads made up front (the search index's files), by path */
  readonly files: Map<string, PayloadText>

  /** `search`: the search index's files, if made already */
  constructor(articles: readonly Article[], site: SiteConfig, search?: ReadonlyMap<string, PayloadText>) {
    for (const a of articles) this.articles.set(articlePayloadPath(a), a)
    this.listings = listingPayloadMakers(articles, site)
    this.files = new Map(search ?? searchIndexFiles(articles))
  }

  get size(): number {
    return this.articles.size + this.listings.size + this.files.size
  }

  get(path: string): PayloadText | undefined {
    const file = this.files.get(path)
    if (file !== undefined) return file
    const listing = this.listings.get(path)
    if (listing) return listing()
    const article = this.articles.get(path)
    return article && articlePayload(article)
  }
}

/**
 * every page of every listing (home, categories, authors, tags), by its path under the
 * output folder: made of cards, which neither the related lists nor the bodies are part of
 */
export function listingPayloads(articles: readonly Article[], site: SiteConfig): Map<string, string> {
  return new Map(Array.from(listingPayloadMakers(articles, site), ([path, make]) => [path, make()]))
}

/** listingPayloads' paths, each with what makes its json when called (a large archive's are half a gigabyte of text) */
export function listingPayloadMakers(articles: readonly Article[], site: SiteConfig): Map<string, () => string> {
  const files = new Map<string, () => string>()
  const listing = (list: readonly Article[], path: (n: number) => string, about?: ListingAbout) => {
    for (let n = 1; n <= pageCount(list.length, site.pageSize); n++)
      files.set(path(n), () => JSON.stringify(listingPage(list, site.pageSize, n, about)))
  }
  listing(articles, pageDataPath)
  for (const { info, articles: list } of categoriesOf(articles).values()) {
    listing(list, (n) => decodeURIComponent(categoryDataPath(info.slug, n)), { category: info })
  }
  for (const { info, articles: list } of authorsOf(articles).values()) {
    listing(list, (n) => decodeURIComponent(authorDataPath(info.slug, n)), { author: info })
  }
  for (const { info, articles: list } of tagsOf(articles).values()) {
    listing(list, (n) => decodeURIComponent(tagDataPath(info.slug, n)), { tag: info })
  }
  return files
}

/**
 * One payload by its path (decoded, as a key of payloadFiles), or undefined: what the dev
 * server answers on request instead of making every file of a large archive at start.
 * `search` gives the search index files, made on first need.
 */
export function payloadAt(
  path: string,
  articles: readonly Article[],
  site: SiteConfig,
  search: () => ReadonlyMap<string, string>,
): string | undefined {
  const page = (list: readonly Article[], n: number, about?: ListingAbout) => {
    const p = listingPage(list, site.pageSize, n, about)
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
      return c && page(c.articles, target.page, { category: c.info })
    }
    case 'author': {
      const c = authorsOf(articles).get(target.author)
      return c && page(c.articles, target.page, { author: c.info })
    }
    case 'tag': {
      const c = tagsOf(articles).get(target.tag)
      return c && page(c.articles, target.page, { tag: c.info })
    }
    case 'search-meta':
    case 'search-part':
    case 'search-docs':
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
    case 'author':
      return decodeURIComponent(authorDataPath(target.author, target.page))
    case 'tag':
      return decodeURIComponent(tagDataPath(target.tag, target.page))
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
  for (const { info } of authorsOf(articles).values()) {
    for (let p = 1; p <= pageCount(info.count, site.pageSize); p++) out.push(routePath.author(info.slug, p))
  }
  for (const { info } of tagsOf(articles).values()) {
    for (let p = 1; p <= pageCount(info.count, site.pageSize); p++) out.push(routePath.tag(info.slug, p))
  }
  out.push(routePath.search())
  return out
}

/** an absolute url for a route (which starts with '/'), percent-encoded */
export function absoluteUrl(site: SiteConfig, base: string, route: string): string {
  return encodeURI(`${site.url.replace(/\/+$/, '')}${base.replace(/\/+$/, '')}${route}`)
}
