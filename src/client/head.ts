// The page's head tags (title, description, canonical link, Open Graph) in the browser.
// unhead writes them, and writes them into every prerendered page; in the browser it is
// needed only once the reader leaves the page the site was opened on, since a prerendered
// head is already what that page's components ask for. So unhead (its core and its DOM
// renderer, about 5 KiB gzip) is not part of the app every first visit loads: components
// ask for their tags through usePageHead, which keeps what they ask for until unhead is in,
// and unhead loads with the first client-side navigation (headRuntime.ts).
//
// On that navigation unhead first takes over the prerendered tags with what the page still
// on screen asks for, so that the next page's tags replace them and the ones the next page
// lacks (an article's og:image on the listing) are removed: a navigation waits for it
// (loaded in parallel with the new page's data) before the new page mounts.
import { useHead, type UseHeadInput } from '@unhead/vue'
import { createHead } from '@unhead/vue/server'
import { onScopeDispose } from 'vue'
import { START_LOCATION, type RouteLocationNormalized, type Router } from 'vue-router'
import { PRERENDERED_ATTR } from './headMark'
import type { HeadRuntime, HeadEntry } from './headRuntime'

/** what the mounted components ask for, each until its component unmounts */
const entries = new Set<HeadEntry>()
let runtime: HeadRuntime | undefined

/** The tags `input` gives, in the page's head while the calling component is mounted. */
export function usePageHead(input: UseHeadInput): void {
  // prerendering: straight into the page's head (the server's, which main.ts provides)
  if (import.meta.env.SSR) {
    useHead(input)
    return
  }
  const entry: HeadEntry = { input }
  entries.add(entry)
  runtime?.add(entry)
  onScopeDispose(() => {
    entries.delete(entry)
    runtime?.remove(entry)
  })
}

/**
 * The head a page is prerendered with: unhead's, its tags in <head> marked (PRERENDERED_ATTR).
 * The first time unhead renders in the browser it removes those that no mounted component
 * asks for any more (headRuntime.ts), so none is left behind, whichever page it renders first.
 */
export function prerenderHead() {
  return createHead({
    hooks: {
      'tags:resolve': ({ tags }) => {
        for (const tag of tags) {
          // (the title is one per document, and unhead writes it whatever it was)
          const inHead = tag.tag !== 'title' && !tag.tag.endsWith('Attrs') && (tag.tagPosition ?? 'head') === 'head'
          if (inHead) tag.props[PRERENDERED_ATTR] = ''
        }
      },
    },
  })
}

let ready: Promise<void> | undefined

/**
 * Load unhead, hand it what the mounted components ask for and write that into the document
 * (the first time, taking over the prerendered tags). Once is enough: what components ask for
 * later goes straight to it.
 */
export function loadHead(): Promise<void> {
  ready ??= import('./headRuntime').then((m) => {
    const loaded = m.createHeadRuntime()
    for (const entry of entries) loaded.add(entry)
    runtime = loaded
    return loaded.render()
  })
  // unhead did not load (offline, or a deploy replaced its file): the navigation goes on
  // without it, keeping the page's title and tags, and the next one tries again. (once it has
  // loaded it stays, whatever its first render did: a second would write beside it)
  return ready.catch(() => {
    if (!runtime) ready = undefined
  })
}

/**
 * Whether the page's prerendered head is the one its address asks for: not when the
 * address carries a query (the search page's ?q=, which the page reads in the browser), nor
 * when a host serves the site's 404.html at an address of the site that has no page (the
 * app shows that address's own page). Its canonical link names the page it was rendered for.
 */
function prerenderedForAddress(): boolean {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel=canonical]')?.href
  if (!canonical || location.search) return false
  try {
    return decodeURI(new URL(canonical).pathname) === decodeURI(location.pathname)
  } catch {
    // an address that does not decode is not the canonical one
    return false
  }
}

/** the address without its #section: a link to a heading on the same page changes no tags */
const pageOf = (fullPath: string) => fullPath.replace(/#.*$/, '')

/**
 * Load unhead with the first navigation `router` makes after the page the site was opened
 * on, or at once when the prerendered head is not that page's (prerenderedForAddress);
 * `eager`: at once (the dev server's page starts from an empty head, with nothing
 * prerendered to take over).
 */
export function installClientHead(router: Router, { eager = false } = {}): void {
  if (eager) {
    void loadHead()
    return
  }
  void router.isReady().then(() => {
    if (!prerenderedForAddress()) void loadHead()
  })
  const leaves = (to: RouteLocationNormalized, from: RouteLocationNormalized) =>
    from !== START_LOCATION && pageOf(to.fullPath) !== pageOf(from.fullPath)
  // started before the new page's data loads, waited for once it has
  router.beforeEach((to, from) => {
    if (leaves(to, from)) void loadHead()
  })
  router.beforeResolve((to, from) => (leaves(to, from) ? loadHead() : undefined))
}
