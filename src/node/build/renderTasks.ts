// the pages of a build in tasks, and the tasks rendered: on worker processes for many pages,
// in this thread for a few. the full build's prerender step (plugins/prerender.ts) renders
// every route, an incremental build (incremental/publish.ts) the ones whose inputs changed.
import { WorkerPool } from '../utils/workerPool.ts'
import { runPageTask, type PageShell, type PageTask } from './prerenderWorker.ts'
import { pageRenderer, renderersOf } from './renderPage.ts'
import { payloadString, routeDataPath, type PayloadSource, type PayloadText } from './payloads.ts'
import { isArticleDataPath } from '../../shared/paths.ts'

/** below this many pages, worker processes cost more to start than they save */
export const WORKER_THRESHOLD = 300
/** routes handed to a worker at a time */
const BATCH = 100

/**
 * Routes in batches, each with the payloads its pages read: every task holds what its own
 * pages read, so an article whose page ends one batch and whose summary starts the next (they
 * read the same payload) is in both. Each task is made when asked for: its payloads are read
 * from `payloads` then (a full build's articles' and listings' json is made there:
 * BuildPayloads), so no more of them are held than the tasks on their way to a renderer. `onPage`: each route with the path and the
 * payload its page reads (undefined for a page that reads none), as its task is made.
 */
export function* taskStream(
  routes: readonly string[],
  payloads: PayloadSource,
  onPage?: (route: string, path: string | undefined, json: PayloadText | undefined) => void,
): Generator<PageTask> {
  for (let i = 0; i < routes.length; i += BATCH) {
    const batch = routes.slice(i, i + BATCH)
    const files = new Map<string, string>()
    for (const route of batch) {
      const path = routeDataPath(route)
      // (an article's payload is made once for its page and its summary, which come together)
      const json = path === undefined ? undefined : (files.get(path) ?? payloads.get(path))
      onPage?.(route, path, json)
      if (path !== undefined && json !== undefined) files.set(path, payloadString(json))
    }
    yield { routes: batch, files: [...files] }
  }
}

/**
 * The payloads no page of `routes` reads, to be written apart (the search index's). An
 * article's payload is read by its pages only, never written (isArticleDataPath); the others
 * are each read by one page, so written by its task.
 */
export function unreadPayloads(
  routes: readonly string[],
  payloads: Iterable<[string, PayloadText]>,
): Array<[string, PayloadText]> {
  const read = new Set<string>()
  for (const route of routes) {
    const path = routeDataPath(route)
    if (path !== undefined) read.add(path)
  }
  return [...payloads].filter(([path]) => !read.has(path) && !isArticleDataPath(path))
}

/**
 * Render and write every task's pages: on `threads` worker processes running `module` (the
 * built prerenderWorker.ts), or here when there are none. `natives`: the server bundle and
 * the server renderers, which each renderer imports. Tasks are taken as renderers are ready
 * for them (two on their way to each: none waits while the next is made), and let go as they
 * are handed on.
 */
export async function renderTasks(
  tasks: PageTask[] | Iterator<PageTask>,
  shell: PageShell,
  how: { module: string; natives: string[]; threads: number },
): Promise<void> {
  const { module, natives, threads } = how
  const next = Array.isArray(tasks) ? () => tasks.shift() : () => tasks.next().value
  if (threads === 0) {
    const render = pageRenderer(shell, renderersOf(await Promise.all(natives.map((url) => import(url)))))
    for (let task = next(); task; task = next()) await runPageTask(task, shell, render)
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
    const feed = async () => {
      for (let task = next(); task; task = next()) await pool.run(task)
    }
    await Promise.all(Array.from({ length: threads * 2 }, feed))
  } finally {
    await pool.close()
  }
}
