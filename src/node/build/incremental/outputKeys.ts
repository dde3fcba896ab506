// every file a build makes from the content, each with the key of its inputs, worked out
// without rendering anything: a page's key is its payload's (the page is the app's rendering
// of it, and the app is the same while the fingerprint is), a payload's and a crawler file's
// their text's, a photo's its name (which holds the photo's id). an incremental build makes
// the files whose key changed since the last build (publish.ts), and says why (describeRerender).
import { sep } from 'node:path'
import type { Article } from '../../../shared/types.ts'
import { isArticleDataPath, parseRoute } from '../../../shared/paths.ts'
import { IMAGES_DIR } from '../../../shared/photos/photos.ts'
import { publishedCrawlerFiles } from '../crawlers/crawlerFiles.ts'
import {
  BuildPayloads,
  routeDataPath,
  routes,
  siteIndex,
  siteIndexModule,
  withPhotoHtml,
  type PayloadSource,
  type PayloadText,
} from '../payloads.ts'
import { pageFile } from '../prerenderWorker.ts'
import type { SiteConfig } from '../../../shared/types.ts'
import { inputKey } from './record.ts'

/** What the content gives this build: what is worked out on other threads as promises, so the rest is made meanwhile. */
export interface ContentOutputs {
  /** the articles with their related lists */
  related: Promise<readonly Article[]>
  /** the same without them (what the crawler files are made from, as in a full build) */
  listed: readonly Article[]
  /** the search index files */
  search: Promise<ReadonlyMap<string, PayloadText>>
  /** the names of the photos' files of _images/ */
  photos: readonly string[]
}

export interface SiteSettings {
  site: SiteConfig
  base: string
  publicDir: string
  now: Date
  notFoundRoute: string
}

/** every output file from the content, and what each is */
export interface SiteFiles {
  /** the site index module the app would be bundled with */
  index: string
  /** path under dist/ -> key of its inputs */
  files: Map<string, string>
  /** every route, the not-found one last */
  routes: string[]
  /** route -> its page's path under dist/ */
  pageOf: Map<string, string>
  /**
   * every payload by its decoded path, those only read by pages (articles') too: the search
   * index's files held, the others made when asked for (as in a full build)
   */
  payloads: BuildPayloads
  /** the payloads pages read */
  readBy: Set<string>
  /** crawler files: path -> text */
  crawler: Map<string, string>
  /** photo files: path under dist/ -> name under _images/ */
  photos: Map<string, string>
}

/** The page file of `route`, with '/' separators, as the state keeps it. */
export const pagePath = (route: string, notFoundRoute: string) =>
  pageFile(route, { notFoundRoute }).split(sep).join('/')

/**
 * The key of each route's page (its payload's text; '' for a page that reads none) and of each
 * payload file pages read and which is written (a listing's: its page's key; an article's
 * payload is only read), set in `files`; each route's page path, and the payloads pages read.
 * A full build records them (prerender.ts), an incremental one compares them with the record.
 * The payloads no page reads (the search index's) are keyed by the caller.
 */
export function pageKeys(
  routes: readonly string[],
  payloads: PayloadSource,
  notFoundRoute: string,
  files: Map<string, string>,
): { pageOf: Map<string, string>; readBy: Set<string> } {
  const pageOf = new Map<string, string>()
  const readBy = new Set<string>()
  const pageKey = pageKeyRecorder(notFoundRoute, files)
  for (const route of routes) {
    const path = routeDataPath(route)
    if (path !== undefined) readBy.add(path)
    pageOf.set(route, pagePath(route, notFoundRoute))
    pageKey(route, path, path === undefined ? undefined : payloads.get(path))
  }
  return { pageOf, readBy }
}

/**
 * What sets each page's key in `files` from the payload it reads (`path`, undefined for a page
 * that reads none, and its json): the payload's key, which is also the key of the payload's
 * own file where one is written (a listing's; an article's is only read). A full build's
 * prerender step notes them so as it hands pages over (plugins/prerender.ts), pageKeys for an
 * incremental one. A payload is hashed once for pages in a row that read it (an article's
 * page and its summary's, hashing being most of the time).
 */
export function pageKeyRecorder(
  notFoundRoute: string,
  files: Map<string, string>,
): (route: string, path: string | undefined, json: PayloadText | undefined) => void {
  let lastJson: PayloadText | undefined
  let lastKey: string | undefined
  return (route, path, json) => {
    if (lastKey === undefined || lastJson !== json) [lastJson, lastKey] = [json, inputKey(json ?? '')]
    files.set(pagePath(route, notFoundRoute), lastKey)
    if (path !== undefined && json !== undefined && !isArticleDataPath(path)) files.set(path, lastKey)
  }
}

/** Where a photo's file of the site's _images/ is under dist/; its key is its name, which holds the photo's id. */
export const photoPath = (name: string) => `${IMAGES_DIR}/${name}`

/** Every file the content makes, keyed (see the top of this file). */
export async function outputKeys(c: ContentOutputs, s: SiteSettings): Promise<SiteFiles> {
  const files = new Map<string, string>()
  // first what needs neither the related lists nor the search index, made while they are worked out
  const crawler = publishedCrawlerFiles(c.listed, s.site, { base: s.base, publicDir: s.publicDir, now: s.now })
  for (const [path, text] of crawler) files.set(path, inputKey(text))
  const photos = new Map<string, string>()
  for (const name of c.photos) {
    photos.set(photoPath(name), name)
    files.set(photoPath(name), name)
  }
  const index = siteIndexModule(siteIndex(c.listed, s.site, ''), [], false)
  const related = await c.related
  // each article's and listing page's json made as its key is taken, and let go (a gigabyte
  // and more at 100,000 articles); again for the pages to render
  const payloads = new BuildPayloads(withPhotoHtml(related, s.base), s.site, new Map())
  const all = [...routes(related, s.site), s.notFoundRoute]
  const { pageOf, readBy } = pageKeys(all, payloads, s.notFoundRoute, files)
  for (const [path, json] of await c.search) {
    payloads.files.set(path, json)
    files.set(path, inputKey(json))
  }
  return { index, files, routes: all, pageOf, payloads, readBy, crawler, photos }
}

/** why a page was made again */
export type Reason = 'content' | 'links' | 'listing' | 'new page' | 'other'

const REASONS: Record<Reason, (n: number) => string> = {
  content: (n) => `${n} of articles whose file changed`,
  links: (n) => `${n} of articles whose links to others changed`,
  listing: (n) => `${n} listing page${n === 1 ? '' : 's'} (home, categories, authors, tags)`,
  'new page': (n) => `${n} new`,
  other: (n) => `${n} other`,
}

const DETAIL: Record<Reason, string> = {
  content: "its article's file changed",
  links: "its article's related or previous/next links changed (or its authors' entry in authors.yml)",
  listing: 'a card on it changed, or moved',
  'new page': 'new',
  other: 'its inputs changed',
}

/**
 * Why each route of `rendered` was made again: a new page; an article's page whose file
 * changed (`edited`: the slugs of those), or whose file did not and so what it shows of other
 * articles did; a listing.
 */
export function rerenderReasons(
  rendered: readonly string[],
  pageOf: ReadonlyMap<string, string>,
  had: Readonly<Record<string, string>>,
  edited: ReadonlySet<string>,
): Map<string, Reason> {
  const out = new Map<string, Reason>()
  for (const route of rendered) {
    const target = parseRoute(route)
    if (!(pageOf.get(route)! in had)) out.set(route, 'new page')
    else if (target?.kind === 'article' || target?.kind === 'excerpt')
      out.set(route, edited.has(target.slug) ? 'content' : 'links')
    else if (target && target.kind !== 'search') out.set(route, 'listing')
    else out.set(route, 'other')
  }
  return out
}

/** The summary line of what was re-rendered and why, and a line a page for --explain. */
export function describeRerender(
  reasons: ReadonlyMap<string, Reason>,
  total: number,
): { line: string; detail: string[] } {
  const counts = new Map<Reason, number>()
  for (const r of reasons.values()) counts.set(r, (counts.get(r) ?? 0) + 1)
  const parts = [...counts].map(([r, n]) => REASONS[r](n))
  const what = `re-rendered ${reasons.size.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} pages`
  return {
    line: parts.length ? `${what}: ${parts.join(', ')}` : what,
    detail: [...reasons].map(([route, r]) => `${route}: ${DETAIL[r]}`),
  }
}
