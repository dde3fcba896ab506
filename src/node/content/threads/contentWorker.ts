// worker thread for the content index (started by indexWork.ts): quick estimates of many
// files, the related lists of a large archive, or its search index, so the dev server's (or
// the build's) own thread stays free. it loads no jsdom (renderWorker.ts renders bodies).
import type { MessagePort } from 'node:worker_threads'
import type { ArticleLink } from '../../../shared/types.ts'
import { estimateFile } from '../file/estimateArticle.ts'
import type { FileResult } from '../types.ts'
import { relatedArticles, type RelatedDoc } from '../../build/related.ts'
import { SearchIndexer, type SearchSource } from '../../build/search/searchIndex.ts'
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
/** `search`: the search index files of these articles, newest first (path, utf-8 json) */
export type SearchTask = { search: SearchSource[] }
export type IndexTask = EstimateTask | { related: RelatedDoc[] } | SearchTask

export function main(port: MessagePort): void {
  serveTasks<IndexTask, FileResult[] | ArticleLink[][] | SearchFiles>(
    port,
    (task) =>
      'related' in task ? relatedArticles(task.related) : 'search' in task ? searchFileBytes(task.search) : estimateTask(task),
    // the search index's bytes are handed over, not copied (370 MB at 100,000 articles)
    (result, task) => ('search' in task ? (result as SearchFiles).map(([, bytes]) => bytes.buffer as ArrayBuffer) : []),
  )
}

/**
 * The search index files as utf-8 bytes, each in a buffer of its own, handed over to the
 * build's thread rather than copied, and outside its heap (370 MB of json at 100,000 articles,
 * twice that as strings of korean text). `articles` are this thread's copy: each is let go
 * once indexed, and each file made, turned into bytes and let go before the next, so no more
 * than one part's json is held.
 */
export function searchFileBytes(articles: SearchSource[]): SearchFiles {
  const indexer = new SearchIndexer()
  // oldest first (ids are the order they come in), each let go once read
  for (let i = articles.length - 1; i >= 0; i--) {
    indexer.add(articles[i])
    articles.length = i
  }
  const utf8 = new TextEncoder()
  return Array.from(indexer.files(), ([path, json]) => [path, utf8.encode(json)])
}

/** The search index files (path, utf-8 json), as a thread answers a search task. */
type SearchFiles = Array<[string, Uint8Array]>

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
