import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import 'vite-ssg'
import site from './site.config.ts'
import { atomicBuildPlugin } from './src/node/plugins/atomicBuild.ts'
import { contentPlugin } from './src/node/plugins/contentPlugin.ts'
import { prerenderPlugin, removeBuildOnlyFiles } from './src/node/plugins/prerender.ts'
import { viteSsgHeadPlugin } from './src/node/plugins/viteSsgHead.ts'

/** libraries every page runs, and src/ modules that are not one view's own or loaded on demand */
const SHELL_LIBRARIES = /[\\/]node_modules[\\/](vue|@vue[\\/][^\\/]+|vue-router|pinia|vite-ssg)[\\/]/
/**
 * modules of src/ that not every page runs (a view's own, or loaded on demand), as paths under
 * src/ written as regular expressions; they stay out of the app chunk
 */
const ON_DEMAND_PATHS = [
  'client/views/(?!ArticleView)',
  'client/data/(articlePage|decodePayload)\\.ts',
  'client/search/',
  'client/composables/useReaderPrefs\\.ts',
  'client/headRuntime\\.ts',
  'client/styles/(listing|excerpt|pages)\\.css',
  'client/stores/listing\\.ts',
  'client/components/(ArticleListing|ArticleCard|ReaderSettingsPanel|SearchSuggestions|ContentProblems|NotFound|LoadError)\\.vue',
  'shared/sanitize/',
  'shared/search/',
  'shared/photos/photoHtml\\.ts',
  'shared/(jsonLd|cards)\\.ts',
]
// (either separator: windows paths too)
const ON_DEMAND = new RegExp(`[\\\\/]src[\\\\/](${ON_DEMAND_PATHS.map((p) => p.replaceAll('/', '[\\\\/]')).join('|')})`)
function isShellModule(id: string): boolean {
  if (SHELL_LIBRARIES.test(id)) return true
  return /[\\/]src[\\/](client|shared)[\\/]/.test(id) && !ON_DEMAND.test(id)
}

export default defineConfig({
  // atomicBuildPlugin: one build at a time in this folder, and dist/ replaced only by a finished one
  plugins: [
    atomicBuildPlugin(),
    vue(),
    contentPlugin({ dir: 'content', site }),
    prerenderPlugin({ notFoundRoute: '/404' }),
    viteSsgHeadPlugin(),
  ],
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
    // every browser the site supports preloads modules itself
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // what every page runs (vue, the router, the store, the head, the shell, and the
            // bits every view uses) in one file: a first visit loads it and its view's chunk.
            // left to itself the bundler made eight files of an article page, a few hundred
            // bytes each, every one a request and its own gzip stream
            { name: 'app', test: (id) => isShellModule(id) },
            // DOMPurify and the site's rules (the photos' attributes among them), loaded together on a client-side navigation to an article
            {
              name: 'sanitizer',
              test: /[\\/](node_modules[\\/]dompurify|src[\\/]shared[\\/](sanitize[\\/]|photos[\\/]photoHtml\.ts))/,
            },
          ],
        },
      },
    },
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
    // the ssr manifest (dist/.vite/) is read by prerendering and by vite-ssg after the
    // server build; once the build is done it is not published
    onFinished: () => removeBuildOnlyFiles(),
  },
})
