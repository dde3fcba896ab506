// find files -> parse -> validate -> render -> order. the result holds every valid article
// and every problem; nothing valid is dropped because another file is broken.
// a large archive renders in worker threads (contentWorker.ts); the dev server renders a
// body only when it is first asked for (see ContentLoader.loadIndex).
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs'
import { lstat, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { Article, ArticleLink, Problem } from '../../shared/types.ts'
import { findContent, isContentFile, type SkippedLink } from './findContent.ts'
import type { RelatedDoc } from '../build/related.ts'
import { IndexWork } from './threads/indexWork.ts'
import { renderFiles, startBrowserFor, type RenderedIn } from './threads/renderBodies.ts'
import { ReadOnce, SETTLE_MS } from './file/readStableFile.ts'
import { BuildCache } from './cache/buildCache.ts'
import { DevCache } from './cache/devCache.ts'
import { arrange, compareCodePoints } from './order.ts'
import type { CacheEntry, FileResult } from './types.ts'
import { unreadable } from './file/processFile.ts'

export { isContentFile }

export interface Content {
  /** in listing order: dated articles newest first, then undated ones in file-name order */
  articles: Article[]
  problems: Problem[]
  /** absolute paths of every content file read */
  files: string[]
  /** symbolic links under content/ that are not followed (see findContent), to be named in the terminal */
  skippedLinks: SkippedLink[]
  /**
   * dev only: sources (as in `Article.source`) whose body is not rendered yet. their card
   * values (excerpt, reading time) are estimated from the raw body, their `html` is that
   * text escaped, and they have no headings until `ContentLoader.render` is called.
   */
  estimated?: Set<string>
}

/** Options of one load. */
export interface LoadOptions {
  /** estimate bodies not rendered yet instead of rendering them (dev server) */
  lazy?: boolean
}

/**
 * Loads content/ with a cache keyed by file modification time and size, so the dev server
 * re-renders only the files that changed. Loaders are shared per folder within a process
 * (`ContentLoader.for`): vite-ssg's client and server builds then read the content once.
 */
export class ContentLoader {
  private cache = new Map<string, CacheEntry>()
  private files: string[] = []
  /** the folders the last walk read (findContent): a file a watcher names elsewhere needs a walk */
  private folders = new Set<string>()
  /** the links the last walk skipped, and a key to see when they change */
  private skipped: { links: SkippedLink[]; key: string } = { links: [], key: '' }
  /** moves whenever a file is added, changed or removed */
  private generation = 0
  private memos = new Map<string, { generation: number; value: unknown }>()
  /** dev: the related lists last computed, by slug (see loadIndex) */
  private relatedBySlug = new Map<string, ArticleLink[]>()
  /** dev: the cache kept in a file between runs (see persistTo) */
  private devCache?: DevCache
  /** build: how many files the last render took from the build cache */
  reusedCount = 0
  /** where the last render ran: a headless Chromium, jsdom on worker threads, or jsdom in this thread */
  renderedIn: RenderedIn = 'this thread'
  /** build: rendered results by path and content hash, from the last build and for the next */
  private buildCache?: BuildCache

  /** estimates, related lists and the search index, each on threads or here by its size */
  private readonly index: IndexWork

  constructor(
    /** project root; reported paths are relative to it */
    readonly root: string,
    /** absolute path of the content folder */
    readonly dir: string,
  ) {
    this.index = new IndexWork(root)
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
   * Everything rendered: the build's view of the content (the same object until a file
   * changes). A large archive's related lists are worked out on another thread (seconds at
   * 10,000 articles).
   */
  async load(): Promise<Content> {
    const { related } = await this.loadStaged()
    return related
  }

  /**
   * The build's content in two stages: `content`, every article rendered, with no related
   * lists yet; `related`, the same with them, worked out meanwhile on another thread for a
   * large archive (seconds at 10,000 articles), which the build awaits only where it needs
   * them (the articles' payloads, for prerendering). `search` (with `withSearch`): the search
   * index files, made alongside on a thread of their own. Until both are in, this thread is
   * free for the rest of the client build and the server build.
   */
  async loadStaged({ withSearch = false }: { withSearch?: boolean } = {}): Promise<{ content: Content; related: Promise<Content>; search?: Promise<Map<string, string>> }> {
    const files = await this.refresh({ lazy: false })
    return this.memo('content', async () => {
      const { estimated: _, ...content } = this.collect(files, 'none')
      const { articles } = content
      // both on threads of their own for a large archive, started side by side (see WorkerPool)
      const lists = this.index.related(articles.map(relatedDoc))
      const search = withSearch ? this.index.search(articles) : undefined
      const related = lists.then((found) => ({ ...content, articles: articles.map((a, i) => ({ ...a, related: found[i] })) }))
      return { content, related, search }
    })
  }

  /**
   * Every file parsed, bodies rendered only where the cache has them (dev server). In the
   * result, `estimated` names the articles whose body is still to be rendered, and the
   * related lists are the last ones `computeRelated` made (none at first): at 10,000
   * articles they take seconds, which neither the first listing nor an edit should wait for.
   * `only`: just these absolute paths were added, changed or removed (a watcher event).
   */
  async loadIndex(only?: string[]): Promise<Content> {
    const files = await this.refresh({ lazy: true, only })
    return this.memo('index', () => this.collect(files, 'reuse'))
  }

  /**
   * Dev: work out the related lists anew for what loadIndex returned; returns it with them.
   * A large archive's are worked out on another thread (seconds at 10,000 articles).
   */
  async computeRelated(content: Content): Promise<Content> {
    const generation = this.generation
    const lists = await this.index.related(content.articles.map(relatedDoc))
    this.relatedBySlug = new Map(content.articles.map((a, i) => [a.slug, lists[i]]))
    const next = { ...content, articles: content.articles.map((a, i) => ({ ...a, related: lists[i] })) }
    // what loadIndex hands out until the next change (unless a file changed meanwhile)
    if (generation === this.generation) this.memos.set('index', { generation, value: next })
    return next
  }

  /** Dev: a version of the files read (their paths, times and sizes), cheap enough for every edit. */
  stamp(): string {
    return this.memo('stamp', () => {
      const hash = createHash('sha256')
      for (const abs of this.files) {
        const e = this.cache.get(abs)
        hash.update(`${abs}\0${e?.mtimeMs}\0${e?.size}\n`)
      }
      return hash.digest('hex').slice(0, 12)
    })
  }

  /**
   * Dev: keep what was parsed and rendered in `file` between runs, so a restart reads one
   * file instead of thousands. Entries count only for the same `version` of the code
   * (see codeVersion) and the same file times and sizes. Estimates are kept without their
   * body text, which `fillText` brings back when the dev search needs it.
   */
  persistTo(file: string, version: string): void {
    this.devCache = new DevCache(file, version, this.cache)
  }

  /** Dev: write the cache now if anything is waiting to be written (the server is closing). */
  async flush(): Promise<void> {
    await this.devCache?.flush()
  }

  /**
   * Build: reuse the rendered articles of the last build whose file (path and bytes) and
   * code `version` are the same, kept in `file`; `saveBuildCache` writes this build's.
   * Rendering is most of a large build; a warm one renders only what changed.
   */
  useBuildCache(file: string, version: string): void {
    this.buildCache = new BuildCache(file, version)
  }

  /** Build: write what this build rendered for the next one. */
  async saveBuildCache(): Promise<void> {
    await this.buildCache?.save()
  }

  /** Dev: give estimates read back from the cache their body text again (for the search index). */
  async fillText(): Promise<void> {
    const todo = this.files.filter((abs) => this.cache.get(abs)?.textless)
    if (!todo.length) return
    const results = await this.index.estimate(todo.map((abs) => ({ abs, rel: this.rel(abs) })), true)
    todo.forEach((abs, i) => {
      const e = this.cache.get(abs)
      if (e?.textless) this.cache.set(abs, { ...e, result: results[i], textless: false })
    })
    this.generation++
  }

  /** A value derived from the content, made again only after a file changed. */
  memo<T>(key: string, make: () => T): T {
    const hit = this.memos.get(key)
    if (hit && hit.generation === this.generation) return hit.value as T
    const value = make()
    this.memos.set(key, { generation: this.generation, value })
    return value
  }

  /** Render the bodies of these sources (as in `Article.source`) if they are estimated. */
  async render(sources: Iterable<string>): Promise<void> {
    const wanted = new Set(sources)
    const todo = this.files.filter((abs) => wanted.has(this.rel(abs)) && this.cache.get(abs)?.estimated)
    if (!todo.length) return
    // (the dev server: a file saved meanwhile is read again on its watcher's event)
    await this.renderInto(todo, 0)
    this.generation++
    this.devCache?.markDirty()
  }

  private rel(abs: string): string {
    return relative(this.root, abs).split(sep).join('/')
  }

  /** bring the cache up to date with the folder; returns the files in order */
  private async refresh({ lazy, only }: LoadOptions & { only?: string[] }): Promise<string[]> {
    if (lazy) await this.devCache?.restore()
    let files: string[] | undefined
    let check: string[] = []
    let changed = false
    if (only && this.generation > 0) {
      // a watcher named the files: stat those alone (10,000 stats take a while). a link, or a
      // file in a folder the last walk did not read, is for the walk to judge (findContent)
      const found = await Promise.all(only.map((abs) => lstat(abs).catch(() => undefined)))
      if (only.every((abs, i) => !found[i]?.isSymbolicLink() && this.folders.has(dirname(abs)))) {
        const present = only.map((abs, i) => !!found[i]?.isFile() && isContentFile(relative(this.dir, abs)))
        const live = new Set(this.files)
        only.forEach((abs, i) => (present[i] ? live.add(abs) : live.delete(abs)))
        files = [...live].sort(compareCodePoints)
        check = only.filter((_, i) => present[i])
      }
    }
    if (!files) {
      const tree = await findContent(this.dir)
      files = check = tree.files
      this.folders = new Set(tree.folders)
      const key = tree.skipped.map((l) => `${l.path}\0${l.reason}\0${l.target}`).join('\n')
      if (key !== this.skipped.key) {
        this.skipped = { links: tree.skipped, key }
        changed = true
      }
      // a large folder: the index worker (estimates, related lists) is bundled meanwhile
      this.index.prepare(files.length)
    }
    const live = new Set(files)
    if (files.length !== this.files.length || this.generation === 0) changed = true
    /** the cache holds something the dev cache file does not (not so when it was just read back whole) */
    let unsaved = false
    for (const key of this.cache.keys()) {
      if (!live.has(key)) {
        this.cache.delete(key)
        changed = unsaved = true
      }
    }
    this.files = files

    const stale: Array<{ abs: string; mtimeMs: number; size: number }> = []
    // one after another in this thread: 10,000 stats take 50 ms so, against 150 ms or more
    // (and the garbage) as 10,000 promises through the thread pool
    for (const abs of check) {
      try {
        const info = statSync(abs)
        const hit = this.cache.get(abs)
        if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size && (lazy || !hit.estimated)) continue
        stale.push({ abs, mtimeMs: info.mtimeMs, size: info.size })
      } catch (err) {
        this.cache.set(abs, { mtimeMs: -1, size: -1, estimated: false, result: unreadable(this.rel(abs), err) })
        changed = unsaved = true
      }
    }
    if (stale.length) changed = unsaved = true
    if (changed) this.generation++
    // a handful of changed files (an edit in dev) are rendered at once; many are estimated
    if (lazy && stale.length > 16) {
      // on other threads: the dev server's own keeps answering (and transforming the app) meanwhile
      // (without their text, which fillText brings back for the dev search)
      const all = await this.index.estimate(stale.map(({ abs }) => ({ abs, rel: this.rel(abs) })))
      stale.forEach(({ abs, mtimeMs, size }, i) => this.cache.set(abs, { mtimeMs, size, result: all[i], estimated: all[i].ok, textless: all[i].ok }))
    } else {
      // a build (and npm run check) reads each file once, so it waits for one being saved
      await this.renderInto(stale.map((s) => s.abs), lazy ? 0 : SETTLE_MS)
    }
    if (unsaved && lazy) this.devCache?.markDirty()
    return files
  }

  /** render these files into the cache (see renderFiles); `settleMs`: see readStableFileSync */
  private async renderInto(files: string[], settleMs: number): Promise<void> {
    if (!files.length) return
    const infos = statAll(files)
    const bc = this.buildCache
    await bc?.open()
    // nothing to reuse and many files: Chromium starts (a second) while they are read and hashed
    const browser = bc?.warm ? undefined : startBrowserFor(files.length)
    const reads = new ReadOnce(settleMs)
    const { reused, keys } = bc ? this.reuse(bc, files, reads) : { reused: new Map<string, FileResult>(), keys: new Map<string, string>() }
    const todo = files.filter((abs) => !reused.has(abs))
    this.reusedCount = reused.size
    const { results, renderedIn } = await renderFiles(todo.map((abs) => ({ abs, rel: this.rel(abs) })), reads.bytesOf, browser)
    this.renderedIn = renderedIn
    const byFile = new Map(todo.map((abs, i) => [abs, results[i]]))
    for (const { abs, mtimeMs, size } of infos) {
      const result = reused.get(abs) ?? byFile.get(abs)!
      this.cache.set(abs, { mtimeMs, size, result, estimated: false })
      const key = keys.get(abs)
      if (key) bc?.keep(key, result)
    }
  }

  /**
   * What the last build rendered from the same bytes, taken as it is. Each file is read for
   * its key; the bytes of a file to render are held for it, so none is read twice.
   */
  private reuse(bc: BuildCache, files: string[], reads: ReadOnce): { reused: Map<string, FileResult>; keys: Map<string, string> } {
    const reused = new Map<string, FileResult>()
    const keys = new Map<string, string>()
    for (const abs of files) {
      const bytes = reads.read(abs)
      // (one that cannot be read is named as unreadable when it is rendered)
      if (!bytes) continue
      const key = BuildCache.key(this.rel(abs), bytes)
      keys.set(abs, key)
      const hit = bc.get(key)
      if (hit) reused.set(abs, hit)
      else reads.hold(abs, bytes)
    }
    return { reused, keys }
  }

  /** the valid articles in order, linked to their neighbours; related lists from the last computeRelated ('reuse') or none */
  private collect(files: string[], related: 'none' | 'reuse'): Content {
    const problems: Problem[] = []
    const valid: Article[] = []
    const estimated = new Set<string>()
    for (const abs of files) {
      const entry = this.cache.get(abs)
      if (!entry) continue
      const r = entry.result
      if (r.ok) {
        valid.push(r.article)
        if (entry.estimated) estimated.add(r.article.source)
      } else {
        problems.push(...r.problems)
      }
    }
    const site = arrange(valid, (a) => (related === 'reuse' ? (this.relatedBySlug.get(a.slug) ?? []) : []))
    problems.push(...site.problems)
    return { articles: site.articles, problems, files, skippedLinks: this.skipped.links, estimated }
  }
}

/** what the related lists are worked out from (less to copy to a thread than the whole article) */
function relatedDoc({ slug, title, excerpt, categories, headings, featureText }: Article): RelatedDoc {
  return { slug, title, excerpt, categories, headings, featureText }
}

/**
 * The modification time and size of each file, -1 where it is gone. Synchronous, one after
 * another, as in refresh: promises through the thread pool would cost this thread far more.
 */
function statAll(files: string[]): Array<{ abs: string; mtimeMs: number; size: number }> {
  return files.map((abs) => {
    const s = statSync(abs, { throwIfNoEntry: false })
    return s ? { abs, mtimeMs: s.mtimeMs, size: s.size } : { abs, mtimeMs: -1, size: -1 }
  })
}
