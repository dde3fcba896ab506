// worker thread for the content index (started by indexWork.ts): quick estimates of many
// files, the related lists of a large archive, or its search index, so the dev server's (or
// the build's) own thread stays free. it loads no jsdom (renderWorker.ts renders bodies).
import type { MessagePort } from 'node:worker_threads'
import type { ArticleLink } from '../../../shared/types.ts'
import { estimateFile } from '../file/estimateArticle.ts'
import type { FileResult } from '../types.ts'
import { relatedArticles, type RelatedDoc } from '../../build/related.ts'
import { SearchIndexer, type SearchSource } from '../../build/searchIndex.ts'
import { serveTasks } from '../../utils/workerPool.ts'
import { FileKeptChanging, readStableFileSync, type StableReadOptions } from '../file/readStableFile.ts'

/** one file: its absolute path and the path problems name */
export interface FileTask {
  abs: string
  rel: string
}

/**
 * `estimate`: these files' estimates, without their body text unless `text`. The text is
 * most of an estimate, and copying it back to the server's thread would hold up the first
 * listing, which does not need it; the dev search asks for it when first used.
 */
export type EstimateTask = { estimate: FileTask[]; text?: boolean }
/**
 * The search index, made from batches of articles: `searchAdd`, the next ones, oldest first
 * (answered with nothing); then `searchFiles`, the files of all those added (path, utf-8 json).
 */
export type SearchTask = { searchAdd: SearchSource[] } | { searchFiles: true }
export type IndexTask = EstimateTask | { related: RelatedDoc[] } | SearchTask

export function main(port: MessagePort): void {
  const search = searchTasks()
  serveTasks<IndexTask, FileResult[] | ArticleLink[][] | Array<[string, Uint8Array]>>(port, (task) =>
    'related' in task ? relatedArticles(task.related) : 'estimate' in task ? estimateTask(task) : search(task),
  )
}

/**
 * What answers search tasks, one index at a time: each batch is indexed as it comes and let
 * go. The files come back as utf-8 bytes, which reach the build's thread outside its heap
 * (hundreds of megabytes of json at 100,000 articles, twice that as strings of korean text),
 * each made, turned into bytes and let go before the next: no more than one part's json is
 * held. (Also the build's own thread's, where no thread can be started.)
 */
export function searchTasks(): (task: SearchTask) => Array<[string, Uint8Array]> {
  let indexer: SearchIndexer | undefined
  return (task) => {
    if ('searchAdd' in task) {
      ;(indexer ??= new SearchIndexer()).add(task.searchAdd)
      return []
    }
    const out: Array<[string, Uint8Array]> = []
    for (const [path, json] of (indexer ?? new SearchIndexer()).files()) out.push([path, Buffer.from(json)])
    indexer = undefined
    return out
  }
}

/** An estimate task's results, in order (in a worker, or in the server's thread for a few files). */
export function estimateTask(task: EstimateTask): FileResult[] {
  // (the dev server's: a file saved meanwhile is read again on its watcher's next event)
  return readFiles(task.estimate, (rel, bytes) => estimateFile(rel, bytes, { text: !!task.text }), { settleMs: 0 })
}

/**
 * read files and hand each to `work`; a file that cannot be read is a problem, not a crash.
 * one after another: this thread has nothing else to do meanwhile, and a synchronous read
 * costs far less than one through promises and the thread pool.
 * a file being saved meanwhile is read again once it is whole (see readStableFileSync).
 */
export function readFiles(files: FileTask[], work: (rel: string, bytes: Uint8Array) => FileResult, read: StableReadOptions = {}): FileResult[] {
  return files.map((f): FileResult => {
    let bytes: Uint8Array
    try {
      bytes = readStableFileSync(f.abs, read)
    } catch (err) {
      const message = err instanceof FileKeptChanging ? err.message : `could not be read: ${(err as Error).message}`
      return { ok: false, problems: [{ file: f.rel, message }] }
    }
    return work(f.rel, bytes)
  })
}
