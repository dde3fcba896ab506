import { createPinia } from 'pinia'
import { ViteSSG } from 'vite-ssg'
import App from './App.vue'
import { onContentUpdate } from './data/data'
import { installDataGuard, listingStore, loadRouteData, routes, scrollBehavior } from './router'
import { installLinkNavigation } from './router/links'
import { useArticleStore } from './stores/article'
import './styles/main.css'

export const createApp = ViteSSG(
  App,
  { routes, base: import.meta.env.BASE_URL, scrollBehavior },
  (ctx) => {
    const { app, router, isClient } = ctx
    let pinia = createPinia()
    app.use(pinia)
    installDataGuard(router, () => pinia)
    // (links in view start loading once the app has taken the page over: App.vue)
    if (isClient) installLinkNavigation(router)
    if (import.meta.env.SSR) {
      // prerendering renders route after route with one app (src/node/build/renderPage.ts):
      // each page starts from empty stores, as a page of its own app would
      Object.assign(ctx, { freshStores: () => app.use((pinia = createPinia())) })
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
  { hydration: !import.meta.env.DEV },
)
