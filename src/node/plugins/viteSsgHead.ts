// vite-ssg makes the app's head itself unless told not to (`useHead: false`), and its browser
// code imports @unhead/vue's client head for that either way: a static import the bundler
// cannot drop, which would put unhead's DOM renderer back into the app chunk that every first
// visit loads. The app makes its own head (src/client/head.ts), whose renderer loads with the
// first client-side navigation, so in vite-ssg's browser code that import is replaced with a
// module that says so if it is ever called. (The dev server pre-bundles vite-ssg as it is;
// there the unused import costs nothing.)
import type { Plugin } from 'vite'

const REPLACED = '\0news:vite-ssg-head'

export function viteSsgHeadPlugin(): Plugin {
  return {
    name: 'news:vite-ssg-head',
    enforce: 'pre',
    resolveId(id, importer, options) {
      if (id !== '@unhead/vue/client' || options?.ssr || !importer) return
      return /[\\/]node_modules[\\/]vite-ssg[\\/]/.test(importer) ? REPLACED : undefined
    },
    load(id) {
      if (id !== REPLACED) return
      return `export function createHead() {
  throw new Error('vite-ssg was asked for a head although main.ts gives it useHead: false (src/client/head.ts makes it)')
}\n`
    },
  }
}
