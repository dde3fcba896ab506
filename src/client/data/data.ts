// the one place the app touches the content plugin's output: the site index module and
// the payload files (fetched in the browser, read from the build while prerendering).
import { shallowRef } from 'vue'
import indexModule, { articlePayloads, problems as problemsModule } from 'virtual:news/index'
import type { Article, Problem, SiteIndex } from '../../shared/types'
import { CONTENT_UPDATE_EVENT } from '../../shared/moduleIds'
import { articleDataPath } from '../../shared/paths'
import { ARTICLE_STATE_ID, articleOfPage, type ArticleMeta, type LoadedArticle } from './pageState'

export type { ArticleMeta, LoadedArticle }

/** the settings and the header's categories; replaced in dev when content/ changes */
export const siteIndex = shallowRef<SiteIndex>(indexModule)
/** dev only: content files the dev server skipped */
export const contentProblems = shallowRef<Problem[]>(problemsModule)

const cache = new Map<string, Promise<unknown>>()
const listeners = new Set<() => void>()

/** Called after content/ changed in dev, once the new index is in. */
export function onContentUpdate(fn: () => void): () => void {
  listeners.add(fn)
  return () => listeners.delete(fn)
}

/** Where the payload at `path` (relative to the base) is fetched from (a preload of it must name the same url). */
export function payloadUrl(path: string): string {
  const version = siteIndex.value.version
  return `${import.meta.env.BASE_URL}${path}${version ? `?v=${version}` : ''}`
}

/** The payload at `path` (relative to the base), or null when there is none. */
export function loadPayload<T>(path: string): Promise<T | null> {
  if (import.meta.env.SSR) {
    return import('virtual:news/ssr-data').then((m) => m.readPayload(path) as T | null)
  }
  let p = cache.get(path) as Promise<T | null> | undefined
  if (!p) {
    // (its own chunk, loaded alongside the first payload: an article's first visit reads none)
    const decoding = import('./decodePayload')
    // a chunk that fails to load fails the payload below, which reports it; this only keeps
    // the failure from also being reported as unhandled while the fetch is under way
    decoding.catch(() => {})
    p = fetch(payloadUrl(path)).then(async (res) => {
      if (res.status === 404) return null
      if (!res.ok) throw new Error(`${res.status} ${res.statusText}`)
      return (await decoding).decodePayload(res) as Promise<T>
    })
    // a failed fetch (offline) may be tried again
    p.catch(() => cache.delete(path))
    cache.set(path, p)
  }
  return p
}

/**
 * The article the page being hydrated was rendered with, if it is `slug`'s: read once, by
 * the navigation that hydrates the page, so a first visit fetches nothing more. Without
 * its body, which is in the page already.
 */
export function takePrerenderedArticle(slug: string): ArticleMeta | null {
  if (import.meta.env.SSR) return null
  const el = document.querySelector(`body > script[type="application/json"]#${ARTICLE_STATE_ID}`)
  el?.remove()
  return el && articleOfPage(document, el, slug)
}

/**
 * The article `slug`, for the article view (`body`: its html too) or the summary view, or
 * null when there is none. The build writes no data file per article: a navigation reads
 * the article's own prerendered page (its state and body; the summary's page is smaller and
 * has all the summary needs), which a static host serves anyway. The dev server has no
 * pages: there, and while prerendering, each article is a payload (the content plugin says
 * which: `articlePayloads`, not import.meta.env.DEV, which a build run with NODE_ENV=test has).
 */
export function loadArticleData(
  slug: string,
  { body = false }: { body?: boolean } = {},
): Promise<LoadedArticle | null> {
  if (import.meta.env.SSR || articlePayloads) return loadPayload<Article>(articleDataPath(slug))
  // (its own small chunk: a first visit needs none of it)
  return import('./articlePage').then((m) => m.loadArticlePage(slug, body))
}

/** Start loading an article ahead of need (never on a save-data connection); see loadArticleData. */
export function prefetchArticleData(slug: string, options?: { body?: boolean }): void {
  // a prefetch that fails is dropped (loadArticleData forgets it), and the navigation that
  // needs the article loads it again and shows the error then
  if (!import.meta.env.SSR && !saveDataMode()) loadArticleData(slug, options).catch(() => {})
}

/** True when the reader's connection is metered, slow or asks to save data: then nothing loads ahead. */
export function saveDataMode(): boolean {
  const c = (navigator as Navigator & { connection?: { saveData?: boolean; effectiveType?: string; type?: string } })
    .connection
  return !!c && (c.saveData === true || c.type === 'cellular' || /(^|-)2g$/.test(c.effectiveType ?? ''))
}

if (import.meta.hot) {
  import.meta.hot.accept('virtual:news/index', (mod) => {
    if (!mod) return
    siteIndex.value = mod.default
    contentProblems.value = mod.problems
  })
  import.meta.hot.on(CONTENT_UPDATE_EVENT, () => {
    cache.clear()
    // the index module arrives through accept(); give it a tick
    setTimeout(() => listeners.forEach((fn) => fn()), 50)
  })
}
