// the content index's heavy steps: quick estimates of many files (the dev server), the
// related lists and the search index. for a large archive they run on the index worker's
// threads (contentWorker.ts), so the dev server keeps answering and the build goes on with
// the client and server bundles meanwhile; for a small one, in this thread, where starting
// a thread would cost more than the work.
import { fileURLToPath } from 'node:url'
import type { Article, ArticleLink } from '../../../shared/types.ts'
import { relatedArticles, type RelatedDoc } from '../../build/related.ts'
import { searchIndexFiles, type SearchSource } from '../../build/search/searchIndex.ts'
import type { PayloadText } from '../../build/payloads.ts'
import { bundledModule } from '../../utils/bundleModule.ts'
import { batches, onWorkersOrHere, workerCount, WORKER_HEAP_MB, type WorkerSpec } from '../../utils/workerPool.ts'
import { codeVersion } from '../cache/codeVersion.ts'
import type { FileResult } from '../types.ts'
import { estimateTask, type EstimateTask, type FileTask, type IndexTask } from './contentWorker.ts'
import { WORKER_THRESHOLD } from './renderBodies.ts'
import { cachePath } from '../../utils/cacheFolder.ts'

const INDEX_WORKER = fileURLToPath(new URL('./contentWorker.ts', import.meta.url))
/** files estimated in one task */
const ESTIMATE_BATCH = 250
/**
 * an index task's heap limit, in bytes of the text it is given: the search index of the
 * 10,000 bench articles (51 MB of html as two-byte strings) leaves about 280 MiB alive with
 * its input, more on the way; a limit, not a reservation
 */
const INDEX_HEAP_FACTOR = 8

/** The index steps of one project's content, each on the index worker's threads or in this thread by its size. */
export class IndexWork {
  private spec?: Promise<WorkerSpec>
  /** the worker specs the related lists and the search index are waiting for, until their threads start */
  private starting: Array<Promise<unknown>> = []

  constructor(
    /** project root: the worker's bundle is kept under its node_modules/.cache */
    private readonly root: string,
  ) {}

  /** Start bundling the worker now if `count` files will want it (it is made while they are read). */
  prepare(count: number): void {
    if (count >= WORKER_THRESHOLD) void this.worker()
  }

  /**
   * These files' estimates (see estimateFile), in order, without their body text unless
   * `text`: the text is most of an estimate, and the dev server's first listing needs none.
   */
  async estimate(files: FileTask[], text = false): Promise<FileResult[]> {
    const tasks = batches(files, ESTIMATE_BATCH).map((b): EstimateTask => (text ? { estimate: b, text } : { estimate: b }))
    const { results } = await onWorkersOrHere(await this.workerFor(files.length, 0), tasks, workerCount(), estimateTask)
    return results.flat()
  }

  /** The related lists of these articles, in order (see relatedArticles). */
  async related(docs: RelatedDoc[]): Promise<ArticleLink[][]> {
    const tasks: IndexTask[] = [{ related: docs }]
    const chars = docs.reduce((sum, d) => sum + d.title.length + d.excerpt.length + d.featureText.length, 0)
    const { results } = await onWorkersOrHere(await this.starts(this.workerFor(docs.length, chars)), tasks, 1, () => relatedArticles(docs))
    return results[0]
  }

  /** The search index files of these articles, by path (see searchIndexFiles). */
  async search(articles: Article[]): Promise<Map<string, PayloadText>> {
    const tasks: IndexTask[] = [{ search: articles.map(searchSource) }]
    const chars = articles.reduce((sum, a) => sum + a.html.length, 0)
    const { results } = await onWorkersOrHere<IndexTask, Iterable<[string, PayloadText]>>(await this.starts(this.workerFor(articles.length, chars)), tasks, 1, () => searchIndexFiles(articles))
    return new Map(results[0])
  }

  /**
   * Resolves once the related lists and the search index asked for so far have started on
   * their threads (or here, for a small archive). A caller about to keep this thread busy for
   * long awaits it first: the worker's spec is worked out with file reads (codeVersion), which
   * would otherwise wait for that work to end before the threads could start.
   */
  async started(): Promise<void> {
    // (each waiter's continuation, which hands its task to a thread, was queued before this one's)
    await Promise.all(this.starting)
  }

  /** `spec`, noted as a start to wait for (see started) */
  private starts<T>(spec: Promise<T>): Promise<T> {
    const waiting: Promise<unknown> = spec.then(
      () => this.starting.splice(this.starting.indexOf(waiting), 1),
      () => this.starting.splice(this.starting.indexOf(waiting), 1),
    )
    this.starting.push(waiting)
    return spec
  }

  /**
   * the worker for `count` items of `chars` characters of text in all, or undefined where they
   * are too few to be worth a thread. its heap is sized to the task: the text copied to it
   * (two bytes a hangul character) and what is made from it, a few times that
   */
  private async workerFor(count: number, chars: number): Promise<WorkerSpec | undefined> {
    if (count < WORKER_THRESHOLD) return undefined
    return { ...(await this.worker()), heapMb: Math.max(WORKER_HEAP_MB, Math.ceil((chars * 2 * INDEX_HEAP_FACTOR) / 2 ** 20)) }
  }

  /**
   * The index worker as a thread starts it: bundled into one file under node_modules/.cache
   * once per code version (see bundledModule), or run through vite's runner where it cannot
   * be bundled.
   */
  private worker(): Promise<WorkerSpec> {
    return (this.spec ??= (async (): Promise<WorkerSpec> => {
      try {
        const file = cachePath(this.root, `contentWorker-${await codeVersion()}.mjs`)
        return { module: await bundledModule(INDEX_WORKER, file), native: true, entry: 'main' }
      } catch {
        // rolldown failed or the cache folder cannot be written: the thread loads the
        // typescript module through vite's runner instead, slower to start but the same work
        return { module: INDEX_WORKER, entry: 'main' }
      }
    })())
  }
}

/** what the search index reads of an article (less to copy to its thread) */
function searchSource({ slug, title, excerpt, date, featureText, headings, categories, html, tags }: Article): SearchSource {
  return { slug, title, excerpt, date, featureText, headings, categories, html, tags }
}
