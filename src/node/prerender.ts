// prerendering of every route, in worker threads, as soon as vite-ssg's server build is
// written. vite-ssg still builds the client and the server bundle and hydrates the pages;
// only its render loop is replaced (vite.config.ts gives it no routes): it renders one page
// at a time on one thread and parses each into a jsdom document to add head tags, about
// 20 ms a page here, so the 20,000 pages of 10,000 articles took seven minutes.
// prerenderWorker.ts does the same steps with strings, on every core.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Plugin, ResolvedConfig } from 'vite'
import { readBuild } from './bridge.ts'
import { WorkerPool, workerCount } from './workerPool.ts'
import { pageRenderer, renderersOf, writePages, type PageShell } from './prerenderWorker.ts'

export interface PrerenderOptions {
  /** the route written as 404.html (default '/404') */
  notFoundRoute?: string
}

/** below this many pages, worker threads cost more to start than they save */
const WORKER_THRESHOLD = 300
/** routes handed to a worker at a time */
const BATCH = 100

const WORKER_MODULE = fileURLToPath(new URL('./prerenderWorker.ts', import.meta.url))
/** the worker module, built to javascript with the server bundle */
const WORKER_FILE = 'prerender-worker.mjs'

export function prerenderPlugin(options: PrerenderOptions = {}): Plugin {
  let config: ResolvedConfig
  return {
    name: 'news:prerender',
    apply: 'build',
    configResolved(resolved) {
      config = resolved
    },
    buildStart() {
      // built with the app's server bundle, so worker threads import plain javascript
      if (config.build.ssr) this.emitFile({ type: 'chunk', id: WORKER_MODULE, fileName: WORKER_FILE })
    },
    async writeBundle(output, bundle) {
      if (!config.build.ssr) return
      const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.fileName !== WORKER_FILE)
      if (!entry || !output.dir) throw new Error('prerender: the server build wrote no entry')
      const { outDir, routes } = readBuild()
      const notFoundRoute = options.notFoundRoute ?? '/404'
      const shell: PageShell = {
        // the indentation between the template's own tags is 100 bytes on each of 20,000 pages
        template: (await readFile(join(outDir, 'index.html'), 'utf8')).replace(/>\s+</g, '><').trim(),
        manifest: JSON.parse(await readFile(join(outDir, '.vite', 'ssr-manifest.json'), 'utf8')),
        outDir,
        notFoundRoute,
      }
      const all = [...routes, notFoundRoute]
      const natives = [pathToFileURL(join(output.dir, entry.fileName)).href, import.meta.resolve('vue/server-renderer'), import.meta.resolve('@unhead/vue/server')]
      const started = performance.now()
      const threads = all.length >= WORKER_THRESHOLD ? workerCount() : 0
      if (threads > 0) {
        const pool = new WorkerPool<string[], number>({ module: join(output.dir, WORKER_FILE), native: true, entry: 'main', data: shell, natives }, threads)
        try {
          const batches: string[][] = []
          for (let i = 0; i < all.length; i += BATCH) batches.push(all.slice(i, i + BATCH))
          await Promise.all(batches.map((b) => pool.run(b)))
        } finally {
          await pool.close()
        }
      } else {
        await writePages(all, shell, pageRenderer(shell, renderersOf(await Promise.all(natives.map((url) => import(url))))))
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1)
      config.logger.info(`\n[news:prerender] ${all.length} pages in ${seconds} s (${threads > 0 ? `${threads} worker threads` : 'one thread'})`)
    },
  }
}
