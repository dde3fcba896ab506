// The page's head tags in the browser. unhead's core keeps what each component asks for
// (useHead); its DOM renderer, which writes those tags into the document, is loaded with the
// first client-side navigation instead of with the app. A prerendered page's head is already
// what its components ask for, so until the reader leaves the page the renderer would only
// re-read it: its code (about 1 KiB gzip) is not part of every first visit.
//
// What the renderer must do on its first run is take over the prerendered tags, so that the
// next page's tags replace them and the ones the next page lacks (an article's
// article:published_time on the listing) are removed. It can only tell which tags those are
// while the page that wrote them is still on screen, so a navigation waits for it (in
// parallel with the new page's data) before the new page mounts.
import { createUnhead, headSymbol } from '@unhead/vue'
import { START_LOCATION, type Router } from 'vue-router'
import type { App } from 'vue'

type Head = ReturnType<typeof createUnhead>

/**
 * Provide a head to `app` whose DOM renderer loads on the first navigation `router` makes
 * after the page it was opened on; `eager`: at once (the dev server's page starts from an
 * empty head, with nothing prerendered to take over).
 */
export function installClientHead(app: App, router: Router, { eager = false } = {}): Head {
  let render: (() => void) | undefined
  const head: Head = createUnhead({ document, hooks: { 'entries:updated': () => render?.() } })
  app.provide(headSymbol, head)

  let ready: Promise<void> | undefined
  const takeOver = (): Promise<void> => {
    ready ??= import('@unhead/vue/client').then(async ({ renderDOMHead }) => {
      // what the page's components asked for, as the prerendered head shows it
      head.dirty = true
      await renderDOMHead(head)
      // then every change, once per task as @unhead/vue's own client head does
      let queued = false
      render = () => {
        if (queued) return
        queued = true
        setTimeout(() => {
          queued = false
          void renderDOMHead(head)
        })
      }
    })
    // a renderer that did not load (offline) is tried again by the next navigation; this one
    // goes on without it and keeps the page's title and tags until then
    return ready.catch(() => {
      ready = undefined
    })
  }

  if (eager) void takeOver()
  else {
    // started before the new page's data loads, waited for once it has
    // (a #section link on the same page changes no tags)
    const leaves = (to: { path: string }, from: { path: string }) => from !== START_LOCATION && to.path !== from.path
    router.beforeEach((to, from) => {
      if (leaves(to, from)) void takeOver()
    })
    router.beforeResolve((to, from) => (leaves(to, from) ? takeOver() : undefined))
  }
  return head
}
