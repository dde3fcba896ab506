// content/ into the site's articles: list the files (fileList.ts over findContent.ts), parse,
// validate and render each (file/), on threads where there are many (threads/), then keep one
// article per address in listing order (order.ts). the result holds every valid article and
// every problem: nothing valid is dropped because another file is broken. the loader keeps
// what each file gave, so a second load reads only what changed; the dev server's entries
// persist between runs (cache/devCache.ts), the build's rendered articles between builds
// (cache/buildCache.ts). the dev server renders a body only when it is first asked for
// (see ContentLoader.loadIndex). a build's articles get their photos kept in the site (the
// lead image's and the body's, see usePhotos and build/images/withPhotos.ts) once every body
// is rendered.
import { createHash } from 'node:crypto'
import { statSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import type { Article, ArticleLink } from '../../shared/types.ts'
import type { RelatedDoc } from '../build/related.ts'
import type { PhotoSet } from '../build/images/photoSet.ts'
import { withPhotos } from '../build/images/withPhotos.ts'
import { AUTHORS_FILE, AuthorsFile } from './authors.ts'
import { BuildCache } from './cache/buildCache.ts'
import { RelatedCache } from './cache/relatedCache.ts'
import { DevCache } from './cache/devCache.ts'
import { unreadable } from './file/processFile.ts'
import { ReadOnce, SETTLE_MS } from './file/readStableFile.ts'
import { FileList } from './fileList.ts'
import { isAuthorsFile, isContentFile } from './findContent.ts'
import { collectContent } from './order.ts'
import { EVERYTHING, policyKey, showEverything, type PublishPolicy } from './publish.ts'
import { IndexWork } from './threads/indexWork.ts'
import { renderFiles, startBrowserFor, type RenderedIn } from './threads/renderBodies.ts'
import type { CacheEntry, Content, FileResult } from './types.ts'
import type { PayloadText } from '../build/payloads.ts'

export { isAuthorsFile, isContentFile }

/** Options of one load. */
export interface LoadOptions {
  /** estimate bodies not rendered yet instead of rendering them (dev server) */
  lazy?: boolean
}

/** A file's modification time and size when it was looked at (-1 where it could not be). */
interface FileStat {
  abs: string
  mtimeMs: number
  size: number
}

/**
 * Changed files up to this many are rendered at once on the dev server (an edit); more (the
 * first start, a branch switched) are estimated, and each body is rendered when it is asked for.
 */
const RENDER_AT_ONCE = 16

/**
 * Loads content/, keeping what each file gave by its modification time and size, so that a
 * second load (the dev server after an edit) reads only the files that changed. Loaders are
 * shared per folder within a process (`ContentLoader.for`): vite-ssg's client and server
 * builds then read the content once.
 */
export class ContentLoader {
  /** where the last render ran: a headless Chromium, jsdom on worker threads, or jsdom in this thread */
  renderedIn: RenderedIn = 'this thread'
  /** build: how many files the last render took from the build cache */
  reusedCount = 0
  /** build: the files (as `Article.source` names them) the last render did not find in the build cache: new or changed since the build that left it */
  freshSources: ReadonlySet<string> = new Set()
  /** what each file gave, by absolute path */
  private readonly entries = new Map<string, CacheEntry>()
  /** the content files, as of the last load */
  private readonly list: FileList
  /** estimates, related lists and the search index, each on threads or here by its size */
  private readonly index: IndexWork
  /** moves whenever a file is added, changed or removed: a memo of an older one is made again */
  private generation = 0
  private readonly memos = new Map<string, { generation: number; value: unknown }>()
  /** dev: the related lists last computed, by slug (see loadIndex) */
  private relatedBySlug = new Map<string, ArticleLink[]>()
  /** dev: the entries kept in a file between runs (see persistTo) */
  private devCache?: DevCache
  /** build: the rendered articles kept between builds (see useBuildCache) */
  private buildCache?: BuildCache
  /** build: the related lists kept between builds, with what they were worked out from (see useBuildCache) */
  private relatedCache?: RelatedCache
  /** build and check: the photos of the articles (see usePhotos) */
  photos?: PhotoSet
  /** content/authors.yml, joined to the articles after they are read (see authors.ts) */
  private readonly authors: AuthorsFile

  constructor(
    /** project root; reported paths are relative to it */
    readonly root: string,
    /** absolute path of the content folder */
    readonly dir: string,
  ) {
    this.list = new FileList(dir)
    this.index = new IndexWork(root)
    this.authors = new AuthorsFile(dir, relative(root, join(dir, AUTHORS_FILE)).split(sep).join('/'))
  }

  /** The loader of this folder in this process, made on first use. */
  static for(root: string, dir: string): ContentLoader {
    const key = Symbol.for('hangul-news:content-loaders')
    const all = ((globalThis as Record<symbol, unknown>)[key] ??= new Map<string, ContentLoader>()) as Map<string, ContentLoader>
    const id = `${root}\0${dir}`
    let loader = all.get(id)
    if (!loader) all.set(id, (loader = new ContentLoader(root, dir)))
    return loader
  }

  /**
   * Everything rendered, with the related lists: the build's view of the content (the same
   * object until a file changes). `policy`: which articles are listed (default: all of them,
   * none marked as scheduled).
   */
  async load(policy: PublishPolicy = EVERYTHING): Promise<Content> {
    const { related } = await this.loadStaged({ policy })
    return related
  }

  /**
   * The build's content in two stages: `content`, every article rendered, with no related
   * lists yet; `related`, the same with them. For a large archive the lists are worked out
   * meanwhile on another thread, which is worth it because they take long, and the build
   * awaits them only where it needs them (the articles' payloads, for prerendering).
   * `search` (with `withSearch`): the search index files, made alongside on a thread of their
   * own. Until both are in, this thread is free for the client and server builds.
   * `policy`: which articles are listed (drafts, scheduled ones), decided after the caches.
   */
  async loadStaged({ withSearch = false, policy = EVERYTHING }: { withSearch?: boolean; policy?: PublishPolicy } = {}): Promise<{ content: Content; related: Promise<Content>; search?: Promise<Map<string, PayloadText>> }> {
    const files = await this.refresh({ lazy: false })
    return this.memo(`content:${policyKey(policy)}`, async () => {
      const { estimated: _, ...collected } = this.collect(files, 'none', policy)
      const content = this.photos ? await withPhotos(collected, this.photos) : collected
      const { articles } = content
      // both on threads of their own for a large archive, started side by side (see WorkerPool)
      const docs = articles.map(relatedDoc)
      const work = () => this.index.related(docs)
      const lists = this.relatedCache ? this.relatedCache.lists(docs, work) : work()
      const search = withSearch ? this.index.search(articles) : undefined
      const related = lists.then((found) => ({ ...content, articles: articles.map((a, i) => ({ ...a, related: found[i] })) }))
      return { content, related, search }
    })
  }

  /** Build: resolves once the related lists' and the search index's threads have started (see IndexWork.started). */
  threadsStarted(): Promise<void> {
    return this.index.started()
  }

  /**
   * Dev: every file parsed, bodies rendered only where the entries have them. In the result,
   * `estimated` names the articles whose body is still to be rendered, and the related lists
   * are the last ones `computeRelated` made (none at first): on a large archive they take long
   * enough that neither the first listing nor an edit should wait for them.
   * `only`: just these absolute paths were added, changed or removed (a watcher's event).
   * Every article is listed, drafts and scheduled ones too (marked, for their banners); which
   * are scheduled is as of the last change to the files, when this list was made.
   */
  async loadIndex(only?: string[]): Promise<Content> {
    const files = await this.refresh({ lazy: true, only })
    return this.memo('index', () => this.collect(files, 'reuse', showEverything()))
  }

  /** Dev: work out the related lists anew for what loadIndex returned, on another thread for a large archive; returns it with them. */
  async computeRelated(content: Content): Promise<Content> {
    const generation = this.generation
    const lists = await this.index.related(content.articles.map(relatedDoc))
    this.relatedBySlug = new Map(content.articles.map((a, i) => [a.slug, lists[i]]))
    const next = { ...content, articles: content.articles.map((a, i) => ({ ...a, related: lists[i] })) }
    // what loadIndex hands out until the next change (unless a file changed meanwhile)
    if (generation === this.generation) this.memos.set('index', { generation, value: next })
    return next
  }

  /** Dev: render the bodies of these sources (as in `Article.source`) if they are estimated. */
  async render(sources: Iterable<string>): Promise<void> {
    const wanted = new Set(sources)
    const todo = this.list.files.filter((abs) => wanted.has(this.rel(abs)) && this.entries.get(abs)?.estimated)
    if (!todo.length) return
    // (not waiting for a file being saved: its watcher's event reads it again)
    await this.renderInto(todo, 0)
    this.generation++
    this.devCache?.markDirty()
  }

  /** Dev: give estimates read back from the dev cache their body text again (for the search index). */
  async fillText(): Promise<void> {
    const todo = this.list.files.filter((abs) => this.entries.get(abs)?.textless)
    if (!todo.length) return
    const results = await this.index.estimate(todo.map((abs) => this.task(abs)), true)
    todo.forEach((abs, i) => {
      const e = this.entries.get(abs)
      if (e?.textless) this.entries.set(abs, { ...e, result: results[i], textless: false })
    })
    this.generation++
  }

  /** Dev: a version of the files read (their paths, times and sizes), cheap enough for every edit. */
  stamp(): string {
    return this.memo('stamp', () => {
      const hash = createHash('sha256')
      // (the authors file too: what it says is on every page of its authors)
      hash.update(`${this.authors.stamp}\n`)
      for (const abs of this.list.files) {
        const e = this.entries.get(abs)
        hash.update(`${abs}\0${e?.mtimeMs}\0${e?.size}\n`)
      }
      return hash.digest('hex').slice(0, 12)
    })
  }

  /** A value derived from the content, made again only after a file changed. */
  memo<T>(key: string, make: () => T): T {
    const hit = this.memos.get(key)
    if (hit && hit.generation === this.generation) return hit.value as T
    const value = make()
    this.memos.set(key, { generation: this.generation, value })
    return value
  }

  /**
   * Dev: keep the entries in `file` between runs, so a restart reads one file instead of
   * every article (see DevCache). They count only for the same `version` of the code (see
   * codeVersion) and the same file times and sizes.
   */
  persistTo(file: string, version: string): void {
    this.devCache = new DevCache(file, version, this.entries)
  }

  /** Dev: write the dev cache now if anything is waiting to be written (the server is closing). */
  async flush(): Promise<void> {
    await this.devCache?.flush()
  }

  /**
   * Build: reuse the rendered articles of the last build whose file (path and bytes) and
   * code `version` are the same, kept in `file` (see BuildCache); `saveBuildCache` writes
   * this build's for the next.
   */
  useBuildCache(file: string, version: string): void {
    this.buildCache = new BuildCache(file, version)
    this.relatedCache = new RelatedCache(join(dirname(file), 'build-related.json'), version)
  }

  /**
   * Build and check: find each article's images kept in the site (its lead image's file and
   * its body's) with `photos`, which records them (an article gets them as `photos`, and a
   * lead image beside it its address on the site as `image`), names what is wrong with them
   * among the content's problems, and makes their variants. Set once: vite-ssg's server build
   * shares this loader, and these photos, with the client build.
   */
  usePhotos(photos: PhotoSet): void {
    this.photos ??= photos
  }

  /** Build: write what this build rendered for the next one. */
  async saveBuildCache(): Promise<void> {
    await this.buildCache?.save()
  }

  /** bring the entries up to date with the folder; returns the files in order */
  private async refresh({ lazy = false, only }: LoadOptions & { only?: string[] }): Promise<string[]> {
    if (lazy) await this.devCache?.restore()
    const before = this.list.files.length
    const { check, walked, linksChanged } = await this.list.update(only)
    // a large folder: the index worker (estimates, related lists) is bundled while the files are read
    if (walked) this.index.prepare(this.list.files.length)
    const { files } = this.list
    const gone = this.forgetGone(files)
    const { stale, failed } = this.staleOf(check, lazy)
    // the authors file changes what every page of its authors shows, though no article changed
    const authorsChanged = await this.authors.refresh()
    // the entries now hold what the dev cache file does not (not so when it was just read back whole)
    const unsaved = gone || failed || stale.length > 0
    if (unsaved || linksChanged || authorsChanged || files.length !== before || this.generation === 0) this.generation++
    if (lazy && stale.length > RENDER_AT_ONCE) await this.estimateInto(stale)
    // a build (and npm run check) reads each file once, so it waits for one being saved
    else await this.renderInto(stale.map((s) => s.abs), lazy ? 0 : SETTLE_MS)
    if (unsaved && lazy) this.devCache?.markDirty()
    return files
  }

  /** drop the entries of files no longer listed; were there any? */
  private forgetGone(files: string[]): boolean {
    const live = new Set(files)
    let gone = false
    for (const key of this.entries.keys()) {
      if (live.has(key)) continue
      this.entries.delete(key)
      gone = true
    }
    return gone
  }

  /**
   * Those of these files whose entry is missing or out of date by time and size (without
   * `lazy`, an estimate is out of date too: the build renders every body). A file that cannot
   * be stat'ed gets its problem as its entry at once (`failed`). One after another in this
   * thread: as many promises through the thread pool would cost this thread more than the stats.
   */
  private staleOf(check: string[], lazy: boolean): { stale: FileStat[]; failed: boolean } {
    const stale: FileStat[] = []
    let failed = false
    for (const abs of check) {
      try {
        const info = statSync(abs)
        const hit = this.entries.get(abs)
        if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size && (lazy || !hit.estimated)) continue
        stale.push({ abs, mtimeMs: info.mtimeMs, size: info.size })
      } catch (err) {
        this.entries.set(abs, { mtimeMs: -1, size: -1, estimated: false, result: unreadable(this.rel(abs), err) })
        failed = true
      }
    }
    return { stale, failed }
  }

  /**
   * estimate these files into the entries, on other threads for many (the dev server's own
   * keeps answering meanwhile), without their text, which fillText brings back for the search
   */
  private async estimateInto(stale: FileStat[]): Promise<void> {
    const all = await this.index.estimate(stale.map(({ abs }) => this.task(abs)))
    stale.forEach(({ abs, mtimeMs, size }, i) => this.entries.set(abs, { mtimeMs, size, result: all[i], estimated: all[i].ok, textless: all[i].ok }))
  }

  /** render these files into the entries (see renderFiles); `settleMs`: see readStableFileSync */
  private async renderInto(files: string[], settleMs: number): Promise<void> {
    if (!files.length) return
    const infos = statAll(files)
    const bc = this.buildCache
    await bc?.open()
    // nothing to reuse and many files: Chromium starts while they are read and hashed, not after
    const browser = bc?.warm ? undefined : startBrowserFor(files.length)
    const reads = new ReadOnce(settleMs)
    const tasks = files.map((abs) => this.task(abs))
    const { reused, keys } = bc?.reuse(tasks, reads) ?? { reused: new Map<string, FileResult>(), keys: new Map<string, string>() }
    const todo = tasks.filter((t) => !reused.has(t.abs))
    this.reusedCount = reused.size
    this.freshSources = new Set(todo.map((t) => t.rel))
    const { results, renderedIn } = await renderFiles(todo, reads.bytesOf, browser)
    this.renderedIn = renderedIn
    const byFile = new Map(todo.map((t, i) => [t.abs, results[i]]))
    for (const { abs, mtimeMs, size } of infos) {
      const result = reused.get(abs) ?? byFile.get(abs)!
      this.entries.set(abs, { mtimeMs, size, result, estimated: false })
      const key = keys.get(abs)
      if (key) bc?.keep(key, result)
    }
  }

  /** the content as the entries of these files give it (see collectContent) */
  private collect(files: string[], related: 'none' | 'reuse', policy: PublishPolicy): Content {
    const relatedOf = (a: Article) => (related === 'reuse' ? (this.relatedBySlug.get(a.slug) ?? []) : [])
    const { entries, authors, list } = this
    return collectContent({ files, entries, authors: authors.read, relatedOf, policy, skippedLinks: list.skippedLinks })
  }

  /** the path of a file as problems name it: relative to the project root, with forward slashes */
  private rel(abs: string): string {
    return relative(this.root, abs).split(sep).join('/')
  }

  /** a file as the threads take it */
  private task(abs: string): { abs: string; rel: string } {
    return { abs, rel: this.rel(abs) }
  }
}

/** what the related lists are worked out from (less to copy to a thread than the whole article) */
function relatedDoc({ slug, title, excerpt, categories, headings, featureText, tags }: Article): RelatedDoc {
  return { slug, title, excerpt, categories, headings, featureText, tags }
}

/**
 * The modification time and size of each file, -1 where it is gone. Synchronous, one after
 * another, as in refresh: promises through the thread pool would cost this thread far more.
 */
function statAll(files: string[]): FileStat[] {
  return files.map((abs) => {
    const s = statSync(abs, { throwIfNoEntry: false })
    return s ? { abs, mtimeMs: s.mtimeMs, size: s.size } : { abs, mtimeMs: -1, size: -1 }
  })
}
