// prerendering of every route, in worker processes, as soon as vite-ssg's server build is
// written. vite-ssg still builds the client and the server bundle and hydrates the pages;
// only its render loop is replaced (vite.config.ts gives it no routes): that loop renders one
// page at a time on one thread and parses each into a jsdom document to add head tags, which
// for a large archive takes minutes. build/renderPage.ts does the same steps with strings,
// and build/prerenderWorker.ts runs them on every core.
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Plugin, ResolvedConfig } from 'vite'
import { readBuild } from '../build/bridge.ts'
import { WorkerPool, workerCount } from '../utils/workerPool.ts'
import { runPageTask, type PageShell, type PageTask } from '../build/prerenderWorker.ts'
import { pageRenderer, renderersOf } from '../build/renderPage.ts'
import { routeDataPath } from '../build/payloads.ts'
import { isArticleDataPath } from '../../shared/paths.ts'
import { writePayloadFiles } from '../build/writePayloads.ts'

export interface PrerenderOptions {
  /** the route written as 404.html (default '/404') */
  notFoundRoute?: string
}

/** below this many pages, worker threads cost more to start than they save */
const WORKER_THRESHOLD = 300
/** routes handed to a worker at a time */
const BATCH = 100

const WORKER_MODULE = fileURLToPath(new URL('../build/prerenderWorker.ts', import.meta.url))
/** the worker module, built to javascript with the server bundle */
const WORKER_FILE = 'prerender-worker.mjs'

/**
 * What the client build writes into the output folder for the build's own use, not the
 * reader's: vite's manifests (vite-ssg turns on the ssr manifest, which prerendering reads
 * for each page's preload links). Never published: a host would serve them to anyone.
 */
export const BUILD_ONLY_DIR = '.vite'

/**
 * Remove the build-only files from the output folder (`outDir`: the client build's, by
 * default), once vite-ssg has read the ssr manifest too: it reads it after the server
 * build, so this runs from its `onFinished` (vite.config.ts).
 */
export async function removeBuildOnlyFiles(outDir = readBuild().outDir): Promise<void> {
  await rm(join(outDir, BUILD_ONLY_DIR), { recursive: true, force: true })
}

/**
 * Routes in batches, each with the payloads its pages read (an article's page and its
 * excerpt's read the same one, and are neighbours in `routes`); `rest`: the payloads no
 * page reads, to be written.
 */
export function pageTasks(
  routes: readonly string[],
  payloads: ReadonlyMap<string, string>,
): { tasks: PageTask[]; rest: Array<[string, string]> } {
  const left = new Map(payloads)
  const tasks: PageTask[] = []
  for (let i = 0; i < routes.length; i += BATCH) {
    const batch = routes.slice(i, i + BATCH)
    const files: Array<[string, string]> = []
    for (const route of batch) {
      const path = routeDataPath(route)
      const json = path === undefined ? undefined : left.get(path)
      if (path === undefined || json === undefined) continue
      files.push([path, json])
      left.delete(path)
    }
    tasks.push({ routes: batch, files })
  }
  // (an article's payload is read by its pages only, never written: isArticleDataPath)
  return { tasks, rest: [...left].filter(([path]) => !isArticleDataPath(path)) }
}

/** What every page of this build shares: the client build's index.html and ssr manifest, and where pages go. */
async function readShell(outDir: string, notFoundRoute: string): Promise<PageShell> {
  return {
    // the indentation between the template's own tags would otherwise be repeated on every page
    template: (await readFile(join(outDir, 'index.html'), 'utf8')).replace(/>\s+</g, '><').trim(),
    manifest: JSON.parse(await readFile(join(outDir, BUILD_ONLY_DIR, 'ssr-manifest.json'), 'utf8')),
    outDir,
    notFoundRoute,
  }
}

/**
 * Render and write every task's pages: on `threads` worker processes running `module` (the
 * built prerenderWorker.ts), or here when there are none. `natives`: the server bundle and
 * the server renderers, which each renderer imports. Tasks are let go as they are handed on.
 */
async function renderTasks(
  tasks: PageTask[],
  shell: PageShell,
  how: { module: string; natives: string[]; threads: number },
): Promise<void> {
  const { module, natives, threads } = how
  if (threads === 0) {
    const render = pageRenderer(shell, renderersOf(await Promise.all(natives.map((url) => import(url)))))
    for (let task = tasks.shift(); task; task = tasks.shift()) await runPageTask(task, shell, render)
    return
  }
  // processes rather than threads, with v8's garbage collector on each one's own thread:
  // each renderer keeps a core busy, so v8's parallel and concurrent collectors would only
  // compete with the other renderers for the cores. v8's flags are a process's, and the
  // content phase before this is quicker with them as they are, so only these processes
  // get the flag.
  const pool = new WorkerPool<PageTask, number>(
    { module, native: true, entry: 'main', data: shell, natives, processArgs: ['--single-threaded-gc'] },
    threads,
  )
  try {
    await Promise.all(tasks.splice(0).map((t) => pool.run(t)))
  } finally {
    await pool.close()
  }
}

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
      const build = readBuild()
      const { outDir, routes } = build
      // (the related lists and the search index were made on other threads while vite built)
      const payloads = await build.payloads
      const notFoundRoute = options.notFoundRoute ?? '/404'
      const shell = await readShell(outDir, notFoundRoute)
      const all = [...routes, notFoundRoute]
      const natives = [
        pathToFileURL(join(output.dir, entry.fileName)).href,
        import.meta.resolve('vue/server-renderer'),
        import.meta.resolve('@unhead/vue/server'),
      ]
      const started = performance.now()
      const threads = all.length >= WORKER_THRESHOLD ? workerCount() : 0
      const { tasks, rest } = pageTasks(all, payloads)
      // from here each payload is held by the one task that writes it, and let go once handed
      // to its thread, so a large archive's json is never held twice
      payloads.clear()
      // the payloads no page reads (the search index) are written here meanwhile
      const writingRest = writePayloadFiles(outDir, rest.splice(0))
      await renderTasks(tasks, shell, { module: join(output.dir, WORKER_FILE), natives, threads })
      await writingRest
      const seconds = ((performance.now() - started) / 1000).toFixed(1)
      config.logger.info(
        `\n[news:prerender] ${all.length} pages in ${seconds} s (${threads > 0 ? `${threads} worker processes` : 'one thread'})`,
      )
    },
  }
}
