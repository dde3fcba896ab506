// the prerendering loop, in worker processes (prerender.ts starts them), or in the build's
// own thread for a small site: each task's payload files are written and kept in memory for
// its pages, its routes rendered one after another (renderPage.ts) and each page written.
import { mkdirSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { dirname, join } from 'node:path'
import type { MessagePort } from 'node:worker_threads'
import { PAYLOAD_DIR_KEY, PAYLOAD_MEMORY_KEY } from './bridge.ts'
import { serveTasks } from '../utils/workerPool.ts'
import { PAYLOAD_GZIP, payloadFile } from './writePayloads.ts'
import { isArticleDataPath } from '../../shared/paths.ts'
import { pageRenderer, renderersOf, type PageTemplate } from './renderPage.ts'

/** What every page of one build shares: what it is rendered into, and where it is written. */
export interface PageShell extends PageTemplate {
  /** where the pages are written (the client build's output folder) */
  outDir: string
  /** the route rendered as 404.html */
  notFoundRoute: string
  /** where payloads not handed over in memory are read (default: outDir) */
  payloadDir?: string
}

/** The file a route is written to: a folder with an index.html, so deep links work on any host. */
export function pageFile(route: string, shell: Pick<PageShell, 'notFoundRoute'>): string {
  if (route === shell.notFoundRoute) return '404.html'
  return join(route.replace(/^\/+/, ''), 'index.html')
}

/** Render routes and write their files; returns how many were written. */
export async function writePages(
  routes: readonly string[],
  shell: PageShell,
  render: (route: string) => Promise<string>,
): Promise<number> {
  for (const route of routes) {
    let html: string
    try {
      html = await render(route)
    } catch (err) {
      throw new Error(`prerendering ${route} failed: ${(err as Error)?.stack ?? err}`)
    }
    writeSync(join(shell.outDir, pageFile(route, shell)), html)
  }
  return routes.length
}

/** folders known to exist (each page has one of its own) */
const madeDirs = new Set<string>()

/**
 * Write a file, making its folder. Synchronous, on the rendering thread: asynchronous writes
 * would go through libuv's thread pool (an open, a write and a close a round trip each), and
 * for tens of thousands of files those threads would take from the renderers the cores they
 * need, so each renderer writes its own files between pages instead.
 */
function writeSync(file: string, data: string | Uint8Array): void {
  const dir = dirname(file)
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true })
    madeDirs.add(dir)
  }
  writeFileSync(file, data)
}

/**
 * Some routes to render and the payloads their pages read (decoded path -> json), which the
 * task also writes, but for the articles' (see isArticleDataPath).
 */
export interface PageTask {
  routes: string[]
  files: Array<[string, string]>
}

/**
 * Write a task's payload files and render its routes, which read the payloads from memory
 * (the server bundle's readPayload looks there first). an article's payload is only read.
 */
export async function runPageTask(
  task: PageTask,
  shell: PageShell,
  render: (route: string) => Promise<string>,
): Promise<number> {
  ;(globalThis as Record<symbol, unknown>)[Symbol.for(PAYLOAD_DIR_KEY)] = shell.payloadDir ?? shell.outDir
  const key = Symbol.for(PAYLOAD_MEMORY_KEY)
  const memory = ((globalThis as Record<symbol, unknown>)[key] ??= new Map<string, string>()) as Map<string, string>
  for (const [path, json] of task.files) {
    if (!isArticleDataPath(path)) writeSync(payloadFile(shell.outDir, path), gzipSync(json, PAYLOAD_GZIP))
    memory.set(path, json)
  }
  try {
    return await writePages(task.routes, shell, render)
  } finally {
    for (const [path] of task.files) memory.delete(path)
  }
}

/** Worker entry: render each batch of routes posted. */
export function main(port: MessagePort, shell: PageShell, natives: Array<Record<string, unknown>>): void {
  // one app for every page this thread renders
  const render = pageRenderer(shell, renderersOf(natives))
  serveTasks<PageTask, number>(port, (task) => runPageTask(task, shell, render))
}
