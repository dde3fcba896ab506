import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import 'vite-ssg'
import site from './site.config.ts'
import { contentPlugin } from './src/node/contentPlugin.ts'
import { prerenderPlugin } from './src/node/prerender.ts'

export default defineConfig({
  plugins: [vue(), contentPlugin({ dir: 'content', site }), prerenderPlugin({ notFoundRoute: '/404' })],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src/client', import.meta.url)) },
  },
  define: {
    // every component uses <script setup> or setup(): vue's options api is dead weight on
    // every first visit (about 2 KiB gzip)
    __VUE_OPTIONS_API__: 'false',
  },
  build: {
    // payload json is emitted as-is; only code and css go to assets/
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  ssgOptions: {
    // every route (from the content the client build read) is prerendered by
    // prerenderPlugin in worker threads once the server build is written, each as a folder
    // with an index.html (deep links work on any static host) and /404 as 404.html.
    // vite-ssg's own loop, one page at a time with a jsdom document each, would take
    // minutes for 10,000 articles (see BENCHMARKS.md), so it is given no routes.
    includedRoutes: () => [],
    // no critical-css inlining: the policy forbids inline styles
    beastiesOptions: false,
  },
})
