// worker thread for the build (started by renderBodies.ts): reads (waiting for a file being
// saved: see readStableFile.ts), parses and renders content files, so a large archive renders
// on every core when no Chromium does it.
import type { MessagePort } from 'node:worker_threads'
import { readFiles, type FileTask } from './contentWorker.ts'
import { processFile } from '../file/processFile.ts'
import type { FileResult } from '../types.ts'
import { serveTasks } from '../../utils/workerPool.ts'

export function main(port: MessagePort): void {
  serveTasks<FileTask[], FileResult[]>(port, (files) => readFiles(files, processFile))
}
