// the dev server's view of the content (contentDevPlugin.ts): the index read at start and
// again after each change, the related lists worked out once the server is idle, a payload
// made when it is asked for (with the photos of the articles it shows), and the open page
// told when the content changed.
import { relative, resolve, sep } from 'node:path'
import type { ViteDevServer } from 'vite'
import { CONTENT_UPDATE_EVENT, RESOLVED_INDEX_ID } from '../../shared/moduleIds.ts'
import { parseDataPath, type DataPathTarget } from '../../shared/paths.ts'
import type { Article } from '../../shared/types.ts'
import { isAuthorsFile, isContentFile } from '../content/loadContent.ts'
import type { Content } from '../content/types.ts'
import { codeVersion } from '../content/cache/codeVersion.ts'
import { formatProblems, formatWarnings } from '../content/problems.ts'
import { watchContent, type ContentWatcher } from '../content/watchContent.ts'
import { authorsOf, categoriesOf, payloadAt, tagsOf } from '../build/payloads.ts'
import { searchIndexFiles } from '../build/search/searchIndex.ts'
import { firstLine, type ContentContext } from './contentContext.ts'

/** how long the server is left idle before the related lists are worked out again */
const RELATED_DELAY_MS = 1500
/** how long a burst of file events settles before the content is read again */
const SETTLE_MS = 30

export class DevContent {
  /** content/ is watched by watchContent, not vite's watcher, unless files are polled (contentDevPlugin's config) */
  ownWatch = false
  private watcher: ContentWatcher | undefined
  private relatedTimer: ReturnType<typeof setTimeout> | undefined
  /** the photo problems named so far: each is named once, not on every request */
  private namedPhotoProblems = new Set<string>()

  constructor(private readonly ctx: ContentContext) {}

  /**
   * The first read: what the last run parsed and rendered is restored from one file (kept
   * for the code version that made it), so a restart does not parse every file again.
   */
  start(): Promise<Content> {
    return codeVersion().then((version) => {
      this.ctx.loader.persistTo(this.ctx.cacheFile('dev-content.json'), version)
      return this.load()
    })
  }

  /** The index (`only`: the files a watcher named; `refresh`: to see a render, with no new related lists). */
  async load(only?: string[], { refresh = false } = {}): Promise<Content> {
    const content = (this.ctx.content = await this.ctx.loader.loadIndex(only))
    if (!refresh) this.scheduleRelated()
    return content
  }

  /** Work out the related lists once the server is idle: for a large archive they take seconds. */
  private scheduleRelated(): void {
    const { ctx } = this
    clearTimeout(this.relatedTimer)
    this.relatedTimer = setTimeout(async () => {
      if (!ctx.content) return
      try {
        await ctx.loader.computeRelated(ctx.content)
        // what the loader has now: the new lists, and any edit made meanwhile
        ctx.content = await ctx.loader.loadIndex([])
      } catch (err) {
        // the lists stay as they were; the next change tries again
        ctx.config.logger.error(`[news:content] related articles could not be worked out: ${firstLine(err)}`)
      }
    }, RELATED_DELAY_MS)
    this.relatedTimer.unref?.()
  }

  /** One payload (a decoded path), its article rendered first if it was only estimated; undefined when there is none. */
  async payload(path: string): Promise<string | undefined> {
    const { ctx } = this
    let c = ctx.content ?? (await ctx.loading!)
    const target = parseDataPath(path)
    const a = target?.kind === 'article' ? c.articles.find((x) => x.slug === target.slug) : undefined
    if (a && c.estimated?.has(a.source)) {
      await ctx.loader.render([a.source])
      c = await this.load([], { refresh: true })
    }
    if (target?.kind.startsWith('search-')) {
      // estimates read back from the dev cache get their text again before the index is made
      await ctx.loader.fillText()
      c = await this.load([], { refresh: true })
    }
    const articles = await this.withPhotos(c.articles, target)
    return payloadAt(path, articles, ctx.site, () => ctx.loader.memo('search', () => searchIndexFiles(c.articles)))
  }

  /**
   * The articles, those the payload `target` shows with their photos (read when first shown,
   * their variants made when a page asks for one: contentPhotosPlugin.ts). A photo that is
   * missing or broken is named in the terminal, and its article served without it.
   */
  private async withPhotos(articles: Article[], target: DataPathTarget | undefined): Promise<Article[]> {
    const photos = this.ctx.loader.photos
    if (!photos || !target) return articles
    const size = this.ctx.site.pageSize
    const pageOf = (list: Article[], n: number) => list.slice((n - 1) * size, n * size)
    const shown =
      target.kind === 'article'
        ? articles.filter((a) => a.slug === target.slug)
        : target.kind === 'page'
          ? pageOf(articles, target.page)
          : target.kind === 'category'
            ? pageOf(categoriesOf(articles).get(target.category)?.articles ?? [], target.page)
            : target.kind === 'author'
              ? pageOf(authorsOf(articles).get(target.author)?.articles ?? [], target.page)
              : target.kind === 'tag'
                ? pageOf(tagsOf(articles).get(target.tag)?.articles ?? [], target.page)
                : []
    if (!shown.length) return articles
    const found = new Map<Article, Article>()
    for (const a of shown) {
      const { photos: list, image, problems } = await photos.photoFor(a)
      found.set(a, { ...a, photos: list, image })
      const fresh = problems.filter((p) => !this.namedPhotoProblems.has(`${p.file}:${p.line}:${p.message}`))
      for (const p of fresh) this.namedPhotoProblems.add(`${p.file}:${p.line}:${p.message}`)
      if (fresh.length)
        this.ctx.config.logger.warn(
          `\n${formatProblems(fresh)}\n(the dev server shows the article without these photos)\n`,
        )
    }
    return articles.map((a) => found.get(a) ?? a)
  }

  /** Watch content/ (with watchContent, or vite's watcher where files are polled), reading it again once a burst of changes settles. */
  watch(server: ViteDevServer): void {
    if (server.config.server.watch === null) return
    const dir = this.ctx.loader.dir
    let timer: ReturnType<typeof setTimeout> | undefined
    const changed = new Set<string>()
    let everything = false
    const onChange = (file: string | undefined) => {
      if (file === undefined) everything = true
      // (the authors file is no article, but what it says is on the pages of its authors)
      else if (!resolve(file).startsWith(dir + sep) || !isWatched(relative(dir, resolve(file)))) return
      else changed.add(resolve(file))
      // editors write in bursts (temp file, rename; or a write in two parts): settle first
      clearTimeout(timer)
      timer = setTimeout(() => {
        const files = everything ? undefined : [...changed]
        changed.clear()
        everything = false
        void this.reload(server, files)
      }, SETTLE_MS)
    }
    if (this.ownWatch) {
      this.watcher = watchContent(dir, onChange, { warn: (msg) => server.config.logger.warn(msg) })
      return
    }
    server.watcher.add(dir)
    server.watcher.on('add', onChange)
    server.watcher.on('change', onChange)
    server.watcher.on('unlink', onChange)
  }

  /** Read the content again after `files` changed (all of it: undefined), and push the new index to the page. */
  private async reload(server: ViteDevServer, files: string[] | undefined): Promise<void> {
    const { ctx } = this
    let c: Content
    try {
      c = await (ctx.loading = this.load(files))
    } catch (err) {
      // (a folder that cannot be read, say): named, and the server goes on with what it had
      server.config.logger.error(`[news:content] content/ could not be read again: ${firstLine(err)}`)
      if (ctx.content) ctx.loading = Promise.resolve(ctx.content)
      return
    }
    this.report(c, server.config.logger.warn)
    const mod = server.moduleGraph.getModuleById(RESOLVED_INDEX_ID)
    if (mod) server.moduleGraph.invalidateModule(mod)
    server.ws.send({ type: 'custom', event: CONTENT_UPDATE_EVENT, data: { version: ctx.loader.stamp() } })
    if (mod) server.reloadModule(mod)
  }

  /** Name the links skipped since the last report, and the files with problems. */
  report(c: Content, warn: (msg: string) => void): void {
    this.ctx.reportLinks(c.skippedLinks, warn)
    if (c.warnings.length) warn(`[news:content] ${formatWarnings(c.warnings)}`)
    if (c.problems.length)
      warn(`\n${formatProblems(c.problems)}\n(the dev server goes on with the ${c.articles.length} valid articles)\n`)
  }

  close(): void {
    this.watcher?.close()
  }
}

/** a file under content/ whose change the dev server shows: an article, or the authors file */
function isWatched(rel: string): boolean {
  return isContentFile(rel) || isAuthorsFile(rel)
}
