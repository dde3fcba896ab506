// the site's links are plain <a href> elements, as VitePress writes its own: one listener on
// the document turns a click on a link to a page of the site into a client-side navigation,
// and a hover, focus or touch on a link to an article starts loading it. a RouterLink
// per link would be a component with its own route resolution on every page, a large share
// of what prerendering a page costs, for nothing a link needs.
import type { Pinia } from 'pinia'
import type { Router } from 'vue-router'
import { saveDataMode } from '../data/data'
import { useArticleStore } from '../stores/article'

const BASE = import.meta.env.BASE_URL

/**
 * The href of a route path (and #hash) of the site, with the base. hangul stays as it is,
 * as a RouterLink writes it (a third of the bytes of its percent-encoding; the browser
 * encodes it when it follows the link); slugs and ids hold nothing else to escape.
 */
export function linkHref(path: string, hash = ''): string {
  return `${BASE.replace(/\/$/, '')}${path}${hash}`
}

/** the url of a link to one of the site's pages (not another host, a new tab, a download or a file such as the feed) */
function siteUrl(target: EventTarget | null): URL | undefined {
  const a = target instanceof Element ? target.closest('a') : null
  if (!a?.hasAttribute('href') || a.hasAttribute('download') || (a.target && a.target !== '_self')) return undefined
  const url = new URL(a.href, location.href)
  return url.origin === location.origin && url.pathname.startsWith(BASE) && !/\.[a-z0-9]+$/i.test(url.pathname)
    ? url
    : undefined
}

/** Clicks on links to the site's pages navigate in the app, as a RouterLink's would (modified clicks open a tab). */
export function installLinkNavigation(router: Router): void {
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.altKey || e.ctrlKey || e.shiftKey) return
    const url = siteUrl(e.target)
    if (!url) return
    e.preventDefault()
    // the link chosen stays marked until its page is in (or the navigation fails): styles/main.css
    const link = (e.target as Element).closest('a')
    link?.setAttribute('data-nav-pending', '')
    void router
      .push(url.pathname.slice(BASE.length - 1) + url.search + url.hash)
      .catch(() => {})
      .finally(() => link?.removeAttribute('data-nav-pending'))
  })
}

/**
 * Links to articles load them ahead when the reader shows they are about to open one: a
 * hover, a focus or a touch (a tap's touchstart comes a good 100 ms before its click), the
 * sanitizer too, which the article view needs to put the body into the page. Nothing loads
 * for links merely in view: on a listing that was every card's article, ten times what a
 * reader opens, and more than the listing itself weighs (BENCHMARKS.md, issue 21). Nothing at
 * all on a connection that is metered or asks to save data (returns what stops it), and
 * nothing for a link within the page on screen (its contents): the page has it all.
 */
export function installLinkPrefetch(pinia: Pinia): () => void {
  if (saveDataMode()) return () => {}
  const store = useArticleStore(pinia)
  const open = (e: Event) => {
    const url = siteUrl(e.target)
    const m =
      url &&
      url.pathname !== location.pathname &&
      /^\/articles\/([^/]+)\/(excerpt\/)?$/.exec(url.pathname.slice(BASE.length - 1))
    try {
      if (m) store.prefetchArticle(decodeURIComponent(m[1]), { body: !m[2], opening: true })
    } catch {
      // a link of an article's own with a broken %-escape: nothing to load
    }
  }
  const events = ['mouseover', 'focusin', 'touchstart']
  for (const name of events) document.addEventListener(name, open, { passive: true })
  return () => {
    for (const name of events) document.removeEventListener(name, open)
  }
}
