// worker thread: reads, parses and renders content files for the loader (loadContent.ts),
// so a large archive renders on every core.
import { readFile } from 'node:fs/promises'
import type { MessagePort } from 'node:worker_threads'
import { processFile, type FileResult } from './loadContent.ts'
import { serveTasks } from './workerPool.ts'

/** one file to render: its absolute path and the path problems name */
export interface RenderTask {
  abs: string
  rel: string
}

export function main(port: MessagePort): void {
  serveTasks<RenderTask[], FileResult[]>(port, (files) => Promise.all(files.map(async (f) => processFile(f.rel, await readFile(f.abs)))))
}
