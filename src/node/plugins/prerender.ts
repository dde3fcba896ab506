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
import { workerCount } from '../utils/workerPool.ts'
import type { PageShell } from '../build/prerenderWorker.ts'
import type { BuildPayloads } from '../build/payloads.ts'
import { withStaticImports } from '../build/renderPage.ts'
import { pageKeyRecorder } from '../build/incremental/outputKeys.ts'
import { buildRecord, inputKey } from '../build/incremental/record.ts'
import { keepServerBundle } from '../build/incremental/state.ts'
import { renderTasks, taskStream, unreadPayloads, WORKER_THRESHOLD } from '../build/renderTasks.ts'
import { writePayloadFiles } from '../build/writePayloads.ts'

export interface PrerenderOptions {
  /** the route written as 404.html (default '/404') */
  notFoundRoute?: string
}

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

/** What every page of this build shares: the client build's index.html and ssr manifest, and where pages go. */
async function readShell(outDir: string, notFoundRoute: string, base: string): Promise<PageShell> {
  const read = async (name: string) => JSON.parse(await readFile(join(outDir, BUILD_ONLY_DIR, name), 'utf8'))
  return {
    // the indentation between the template's own tags would otherwise be repeated on every page
    template: (await readFile(join(outDir, 'index.html'), 'utf8')).replace(/>\s+</g, '><').trim(),
    manifest: withStaticImports(await read('ssr-manifest.json'), await read('manifest.json'), base),
    outDir,
    notFoundRoute,
  }
}

/**
 * Note for the next build the key of each payload file made up front (the search index's)
 * and the shell the pages are rendered into (incremental/record.ts); the pages' keys, and
 * the listings' payloads' (their pages'), are noted as their tasks are made (pageKeyRecorder).
 */
function recordShell(payloads: BuildPayloads, shell: PageShell): void {
  const record = buildRecord()
  for (const [path, json] of payloads.files) record.files.set(path, inputKey(json))
  record.template = shell.template
  record.manifest = shell.manifest
}

export function prerenderPlugin(options: PrerenderOptions = {}): Plugin {
  let config: ResolvedConfig
  return {
    name: 'news:prerender',
    apply: 'build',
    config(_config, env) {
      // the client build's chunk graph, for each page's preload links (withStaticImports)
      if (!env.isSsrBuild) return { build: { manifest: true } }
    },
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
      const shell = await readShell(outDir, notFoundRoute, config.base)
      const all = [...routes, notFoundRoute]
      const natives = [
        pathToFileURL(join(output.dir, entry.fileName)).href,
        import.meta.resolve('vue/server-renderer'),
        import.meta.resolve('@unhead/vue/server'),
      ]
      const started = performance.now()
      const threads = all.length >= WORKER_THRESHOLD ? workerCount() : 0
      recordShell(payloads, shell)
      Object.assign(buildRecord(), { serverEntry: entry.fileName, base: config.base, notFoundRoute })
      // the payloads no page reads (the search index) are written here meanwhile
      const writingRest = writePayloadFiles(outDir, unreadPayloads(all, payloads.files))
      // each task's payloads are made as a renderer is ready for it, and let go once handed
      // over, so a large archive's json is never held all at once
      const tasks = taskStream(all, payloads, pageKeyRecorder(notFoundRoute, buildRecord().files))
      await renderTasks(tasks, shell, { module: join(output.dir, WORKER_FILE), natives, threads })
      await writingRest
      // (for the next build, which renders with it what changed: incremental/state.ts)
      await keepServerBundle(config.root, output.dir, buildRecord().builder)
      const seconds = ((performance.now() - started) / 1000).toFixed(1)
      config.logger.info(
        `\n[news:prerender] ${all.length} pages in ${seconds} s (${threads > 0 ? `${threads} worker processes` : 'one thread'})`,
      )
    },
  }
}
