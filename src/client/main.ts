import { createPinia } from 'pinia'
import { ViteSSG } from 'vite-ssg'
import App from './App.vue'
import { onContentUpdate } from './data'
import { installDataGuard, loadRouteData, routes, scrollBehavior } from './router'
import { useContentStore } from './stores/content'
import './styles/main.css'

export const createApp = ViteSSG(
  App,
  { routes, base: import.meta.env.BASE_URL, scrollBehavior },
  ({ app, router, isClient }) => {
    const pinia = createPinia()
    app.use(pinia)
    installDataGuard(router, pinia)
    if (isClient) {
      // dev: content/ changed; refetch what is on screen without a reload
      onContentUpdate(() => {
        useContentStore(pinia).invalidate()
        void loadRouteData(pinia, router.currentRoute.value)
      })
    }
  },
  // the built pages are prerendered, so the app takes them over; dev starts empty
  { hydration: !import.meta.env.DEV },
)
