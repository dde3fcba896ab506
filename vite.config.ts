import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import 'vite-ssg'
import site from './site.config.ts'
import { contentPlugin } from './src/node/contentPlugin.ts'
import { readBuild } from './src/node/bridge.ts'

export default defineConfig({
  plugins: [vue(), contentPlugin({ dir: 'content', site })],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src/client', import.meta.url)) },
  },
  build: {
    // payload json is emitted as-is; only code and css go to assets/
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  ssgOptions: {
    // every route folder gets an index.html, so deep links work on any static host
    dirStyle: 'nested',
    // the routes come from the content the client build just read
    includedRoutes: () => [...readBuild().routes, '/404'],
    htmlFileName: (file) => (file === '404/index.html' ? '404.html' : file),
    // no critical-css inlining: the policy forbids inline styles
    beastiesOptions: false,
  },
})
