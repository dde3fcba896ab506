// the site's links are plain <a href> elements, as VitePress writes its own: one listener on
// the document turns a click on a link to a page of the site into a client-side navigation,
// and one observer starts loading the articles that links in view point to. a RouterLink
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
    void router.push(url.pathname.slice(BASE.length - 1) + url.search + url.hash)
  })
}

/**
 * Links to articles load them ahead, unless the connection is metered or asks to save data
 * (returns what stops it): in view, the article's payload once the browser is idle;
 * hovered, focused or touched (the reader is about to open it), the sanitizer too, which
 * the article view needs to put the body into the page. a link within the page on screen
 * (its contents) loads nothing: the page has it all.
 */
export function installLinkPrefetch(pinia: Pinia, root: Element): () => void {
  if (saveDataMode()) return () => {}
  const store = useArticleStore(pinia)
  const prefetch = (target: EventTarget | null, opening: boolean) => {
    const url = siteUrl(target)
    const m =
      url &&
      url.pathname !== location.pathname &&
      /^\/articles\/([^/]+)\/(excerpt\/)?$/.exec(url.pathname.slice(BASE.length - 1))
    try {
      if (m) store.prefetchArticle(decodeURIComponent(m[1]), { body: !m[2], opening })
    } catch {
      // a link of an article's own with a broken %-escape: nothing to load
    }
  }
  const open = (e: Event) => prefetch(e.target, true)
  const events = ['mouseover', 'focusin', 'touchstart']
  for (const name of events) document.addEventListener(name, open, { passive: true })
  const idle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 200))
  const inView = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (!e.isIntersecting) continue
      inView.unobserve(e.target)
      // when the browser is idle, so prefetching never competes with the page
      idle(() => prefetch(e.target, false))
    }
  })
  const watched = new WeakSet<Element>()
  const scan = () => {
    for (const a of root.querySelectorAll('a[href*="/articles/"]')) {
      if (watched.has(a)) continue
      watched.add(a)
      inView.observe(a)
    }
  }
  // links come and go with every page and every "more" of a listing
  const changes = new MutationObserver(() => requestAnimationFrame(scan))
  changes.observe(root, { childList: true, subtree: true })
  scan()
  return () => {
    for (const name of events) document.removeEventListener(name, open)
    changes.disconnect()
    inView.disconnect()
  }
}
