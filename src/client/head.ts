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
import { onScopeDispose } from 'vue'
import { START_LOCATION, type Router } from 'vue-router'
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

let ready: Promise<void> | undefined

/**
 * Load unhead, hand it what the mounted components ask for and write that into the document
 * (the first time, taking over the prerendered tags). Once is enough: what components ask for
 * later goes straight to it.
 */
export function loadHead(): Promise<void> {
  ready ??= import('./headRuntime').then(async (m) => {
    const loaded = m.createHeadRuntime()
    for (const entry of entries) loaded.add(entry)
    runtime = loaded
    await loaded.render()
  })
  // unhead did not load (offline): the navigation goes on without it, keeping the page's
  // title and tags, and the next one tries again
  return ready.catch(() => {
    ready = undefined
  })
}

/**
 * Load unhead with the first navigation `router` makes after the page the site was opened
 * on; `eager`: at once (the dev server's page starts from an empty head, with nothing
 * prerendered to take over).
 */
export function installClientHead(router: Router, { eager = false } = {}): void {
  if (eager) {
    void loadHead()
    return
  }
  // (a #section link on the same page changes no tags)
  const leaves = (to: { path: string }, from: { path: string }) => from !== START_LOCATION && to.path !== from.path
  // started before the new page's data loads, waited for once it has
  router.beforeEach((to, from) => {
    if (leaves(to, from)) void loadHead()
  })
  router.beforeResolve((to, from) => (leaves(to, from) ? loadHead() : undefined))
}
