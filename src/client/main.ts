import { createPinia } from 'pinia'
import { ViteSSG } from 'vite-ssg'
import App from './App.vue'
import { installClientHead, prerenderHead } from './head'
import { onContentUpdate } from './data/data'
import { installDataGuard, isUnderBase, listingStore, loadRouteData, routes, scrollBehavior } from './router'
import { installLinkNavigation } from './router/links'
import { installNavigationFeedback } from './router/navigationFeedback'
import { useArticleStore } from './stores/article'
import './styles/main.css'

// the site's 404.html served at an address outside the site (see isUnderBase): the
// prerendered not-found page stays as it is, a static page whose links are plain links, and
// the app never starts, since an app started here would take the address for one of the
// site's pages. vue-router's web history, which vite-ssg creates as soon as it is called,
// rewrites an address without history state to one under the base: a state keeps it as it is
const outsideSite = !import.meta.env.SSR && !isUnderBase(window.location.pathname, import.meta.env.BASE_URL)
if (outsideSite && !history.state) history.replaceState({ outsideSite: true }, '')

export const createApp = ViteSSG(
  App,
  { routes, base: import.meta.env.BASE_URL, scrollBehavior },
  (ctx) => {
    const { app, router, isClient } = ctx
    // never settles, so vite-ssg never mounts the app (see outsideSite)
    if (outsideSite) return new Promise<void>(() => {})
    // the head: unhead's server renderer when prerendering; in the browser, unhead loads with
    // the first navigation (head.ts). vite-ssg is told not to make one
    if (import.meta.env.SSR) app.use((ctx.head = prerenderHead()))
    else installClientHead(router, { eager: import.meta.env.DEV })
    let pinia = createPinia()
    app.use(pinia)
    installDataGuard(router, () => pinia)
    // (links start loading what they point to once the app has taken the page over: App.vue)
    if (isClient) {
      installLinkNavigation(router)
      installNavigationFeedback(router)
    }
    if (import.meta.env.SSR) {
      // prerendering renders route after route with one app (src/node/build/renderPage.ts):
      // each page starts from empty stores and a new head, as a page of its own app would
      const freshPage = () => {
        app.use((pinia = createPinia()))
        const head = prerenderHead()
        app.use(head)
        return head
      }
      Object.assign(ctx, { freshPage })
    }
    if (import.meta.env.DEV && isClient) {
      // dev: content/ changed; refetch what is on screen without a reload
      onContentUpdate(async () => {
        useArticleStore(pinia).invalidate()
        ;(await listingStore(pinia)).invalidate()
        void loadRouteData(pinia, router.currentRoute.value)
      })
    }
  },
  // the built pages are prerendered, so the app takes them over; dev starts empty
  { hydration: !import.meta.env.DEV, useHead: false },
)
