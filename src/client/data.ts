// the one place the app touches the content plugin's output: the site index module and
// the payload files (fetched in the browser, read from the build while prerendering).
import { shallowRef } from 'vue'
import indexModule, { problems as problemsModule } from 'virtual:news/index'
import type { Article, Problem, SiteIndex } from '../shared/types'
import { CONTENT_UPDATE_EVENT } from '../shared/moduleIds'
import { decodePayload } from './decodePayload'
import { squash } from '../shared/text'

/** settings, counts and categories; replaced in dev when content/ changes */
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

/** The payload at `path` (relative to the base), or null when there is none. */
export function loadPayload<T>(path: string): Promise<T | null> {
  if (import.meta.env.SSR) {
    return import('virtual:news/ssr-data').then((m) => m.readPayload(path) as T | null)
  }
  let p = cache.get(path)
  if (!p) {
    const url = `${import.meta.env.BASE_URL}${path}?v=${siteIndex.value.version}`
    p = fetch(url).then(async (res) => {
      if (res.status === 404) return null
      if (!res.ok) throw new Error(`${res.status} ${res.statusText}`)
      return decodePayload(res)
    })
    // a failed fetch (offline) may be tried again
    p.catch(() => cache.delete(path))
    cache.set(path, p)
  }
  return p as Promise<T | null>
}

/** An article without its body (and source path): what a prerendered page carries inline. */
export type ArticleMeta = Omit<Article, 'html' | 'source'>

/** id of the `<script type="application/json">` a prerendered article or excerpt page ends with */
export const ARTICLE_STATE_ID = 'article-state'

/**
 * The article a prerendered page was rendered with, if it is `slug`'s: read once, by the
 * navigation that hydrates the page, so a first visit fetches no payload. The body is not in
 * it; it is in the page already. Later navigations fetch payloads.
 */
export function takePrerenderedArticle(slug: string): ArticleMeta | null {
  if (import.meta.env.SSR) return null
  const el = document.querySelector(`body > script[type="application/json"]#${ARTICLE_STATE_ID}`)
  if (!el) return null
  el.remove()
  try {
    const meta = JSON.parse(el.textContent ?? '') as (Omit<ArticleMeta, 'excerpt' | 'headings'> & { excerpt?: string }) | null
    if (meta?.slug !== slug) return null
    // left out of the state (useShownArticle): the excerpt where it is the feature text, and
    // the headings, which are the body's h2 and h3 with the ids the build gave them
    const body = document.querySelector('.article-body')
    // no body to adopt (an altered page): the app fetches the payload, headings and all
    if (!body?.firstChild) return null
    const headings = [...body.querySelectorAll('h2[id], h3[id]')].map((h) => ({
      level: h.tagName === 'H2' ? (2 as const) : (3 as const),
      id: h.id,
      text: squash(h.textContent ?? ''),
    }))
    return { ...meta, excerpt: meta.excerpt ?? meta.featureText, headings }
  } catch {
    return null
  }
}

/** True when the reader's connection is metered, slow or asks to save data: then nothing loads ahead. */
export function saveDataMode(): boolean {
  const c = (navigator as Navigator & { connection?: { saveData?: boolean; effectiveType?: string; type?: string } }).connection
  return !!c && (c.saveData === true || c.type === 'cellular' || /(^|-)2g$/.test(c.effectiveType ?? ''))
}

/** Start loading a payload ahead of need (never on a save-data connection). */
export function prefetchPayload(path: string): void {
  if (import.meta.env.SSR || saveDataMode() || cache.has(path)) return
  void loadPayload(path).catch(() => {})
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
