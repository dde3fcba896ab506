// the dev server's content: read at start (every file parsed, a body rendered only when its
// article is asked for), watched, answered as payloads by a middleware, and pushed to the
// open page when a file changes (hmr). what it parsed and rendered is kept between runs.
import type { ServerResponse } from 'node:http'
import { relative, resolve, sep } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Connect, Plugin, ViteDevServer } from 'vite'
import { CONTENT_UPDATE_EVENT, RESOLVED_INDEX_ID } from '../../shared/moduleIds.ts'
import { parseDataPath } from '../../shared/paths.ts'
import { isContentFile, type Content } from '../content/loadContent.ts'
import { codeVersion } from '../content/codeVersion.ts'
import { formatProblems } from '../content/problems.ts'
import { watchContent, type ContentWatcher } from '../content/watchContent.ts'
import { parseDataRequest } from '../content/dataRequest.ts'
import { payloadAt } from '../build/payloads.ts'
import { searchIndexFiles } from '../build/searchIndex.ts'
import { firstLine, type ContentContext } from './contentContext.ts'

/** how long the server is left idle before the related lists are worked out again */
const RELATED_DELAY_MS = 1500
/** how long a burst of file events settles before the content is read again */
const SETTLE_MS = 30

export function contentDevPlugin(ctx: ContentContext): Plugin {
  /** content/ is watched by watchContent, not vite's watcher, unless files are polled (see config) */
  let ownWatch = false
  let watcher: ContentWatcher | undefined
  let relatedTimer: ReturnType<typeof setTimeout> | undefined

  /** The index (`only`: the files a watcher named; `refresh`: to see a render, with no new related lists). */
  async function load(only?: string[], { refresh = false } = {}): Promise<Content> {
    const content = (ctx.content = await ctx.loader.loadIndex(only))
    if (!refresh) scheduleRelated()
    return content
  }

  /** Work out the related lists once the server is idle: for a large archive they take seconds. */
  function scheduleRelated(): void {
    clearTimeout(relatedTimer)
    relatedTimer = setTimeout(async () => {
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
    relatedTimer.unref?.()
  }

  /** One payload (a decoded path), its article rendered first if it was only estimated. */
  async function devPayload(path: string): Promise<string | undefined> {
    let c = ctx.content ?? (await ctx.loading!)
    const target = parseDataPath(path)
    const a = target?.kind === 'article' ? c.articles.find((x) => x.slug === target.slug) : undefined
    if (a && c.estimated?.has(a.source)) {
      await ctx.loader.render([a.source])
      c = await load([], { refresh: true })
    }
    if (target?.kind === 'search-meta' || target?.kind === 'search-part') {
      // estimates read back from the dev cache get their text again before the index is made
      await ctx.loader.fillText()
      c = await load([], { refresh: true })
    }
    return payloadAt(path, c.articles, ctx.site, () => ctx.loader.memo('search', () => searchIndexFiles(c.articles)))
  }

  /** The middleware that answers `<base>_data/...` with payloads, compressed as the build stores them. */
  function payloadMiddleware(server: ViteDevServer): Connect.NextHandleFunction {
    return async (req, res, next) => {
      const request = parseDataRequest(req.url, ctx.config.base)
      if (request.kind === 'other') return next()
      if (request.kind === 'refused') return sendText(res, request.status, `bad request: ${request.reason}`)
      try {
        await ctx.loading
        const json = await devPayload(request.path)
        if (json === undefined) return sendText(res, 404, 'not found')
        // compressed as the build stores it, so dev reads payloads the way the built site does
        res.setHeader('Content-Type', 'application/gzip')
        res.setHeader('Cache-Control', 'no-store')
        res.end(gzipSync(json, { level: 1 }))
      } catch (err) {
        // a payload that cannot be made fails this request, never the server
        server.config.logger.error(`[news:content] ${request.path.slice(0, 200)} could not be made: ${firstLine(err)}`)
        sendText(res, 500, 'the payload could not be made: see the terminal')
      }
    }
  }

  /** Read the content again after `files` changed (all of it: undefined), and push the new index to the page. */
  async function reload(server: ViteDevServer, files: string[] | undefined): Promise<void> {
    let c: Content
    try {
      c = await (ctx.loading = load(files))
    } catch (err) {
      // (a folder that cannot be read, say): named, and the server goes on with what it had
      server.config.logger.error(`[news:content] content/ could not be read again: ${firstLine(err)}`)
      if (ctx.content) ctx.loading = Promise.resolve(ctx.content)
      return
    }
    report(c, server.config.logger.warn)
    const mod = server.moduleGraph.getModuleById(RESOLVED_INDEX_ID)
    if (mod) server.moduleGraph.invalidateModule(mod)
    server.ws.send({ type: 'custom', event: CONTENT_UPDATE_EVENT, data: { version: ctx.loader.stamp() } })
    if (mod) server.reloadModule(mod)
  }

  /** Watch content/ (with watchContent, or vite's watcher where files are polled), reading it again once a burst of changes settles. */
  function watchDev(server: ViteDevServer): void {
    if (server.config.server.watch === null) return
    const dir = ctx.loader.dir
    let timer: ReturnType<typeof setTimeout> | undefined
    const changed = new Set<string>()
    let everything = false
    const onChange = (file: string | undefined) => {
      if (file === undefined) everything = true
      else if (!resolve(file).startsWith(dir + sep) || !isContentFile(relative(dir, resolve(file)))) return
      else changed.add(resolve(file))
      // editors write in bursts (temp file, rename; or a write in two parts): settle first
      clearTimeout(timer)
      timer = setTimeout(() => {
        const files = everything ? undefined : [...changed]
        changed.clear()
        everything = false
        void reload(server, files)
      }, SETTLE_MS)
    }
    if (ownWatch) {
      watcher = watchContent(dir, onChange, { warn: (msg) => server.config.logger.warn(msg) })
      return
    }
    server.watcher.add(dir)
    server.watcher.on('add', onChange)
    server.watcher.on('change', onChange)
    server.watcher.on('unlink', onChange)
  }

  function report(c: Content, warn: (msg: string) => void) {
    ctx.reportLinks(c.skippedLinks, warn)
    if (c.problems.length) warn(`\n${formatProblems(c.problems)}\n(the dev server goes on with the ${c.articles.length} valid articles)\n`)
  }

  return {
    name: 'news:content-dev',
    apply: 'serve',
    enforce: 'pre',

    config(user, env) {
      // vite's watcher would hold a watch on every article and read their whole folder again
      // on each change, which for a large archive is most of a second per edit; where files
      // are polled (a container, a network drive) fs.watch sees nothing, so vite's watcher
      // keeps them
      const watch = user.server?.watch
      // (vite's watcher also polls when CHOKIDAR_USEPOLLING is set to anything but false or 0)
      const polling = watch?.usePolling || !/^(|false|0)$/i.test(process.env.CHOKIDAR_USEPOLLING ?? '')
      if (env.command !== 'serve' || watch === null || polling) return
      ownWatch = true
      // (compared with forward slashes: on windows vite hands its watcher normalised paths)
      const slashes = (p: string) => p.split(sep).join('/')
      const dir = slashes(ctx.contentDir(user.root ?? process.cwd()))
      return { server: { watch: { ignored: [(path: string) => slashes(path) === dir || slashes(path).startsWith(`${dir}/`)] } } }
    },

    configureServer(server) {
      watchDev(server)
      // the server starts at once and answers once the content is in: its start does not
      // wait for thousands of files. a restart reads what the last run parsed and rendered
      // from one file.
      ctx.loading ??= codeVersion().then((version) => {
        ctx.loader.persistTo(ctx.cacheFile('dev-content.json'), version)
        return load()
      })
      ctx.loading.then(
        (c) => report(c, server.config.logger.warn),
        (err) => server.config.logger.error(`[news:content] content/ could not be read: ${firstLine(err)}`),
      )
      server.middlewares.use(payloadMiddleware(server))
    },

    async buildEnd() {
      // the dev server is closing: what it parsed and rendered is kept for the next start
      watcher?.close()
      await ctx.loader.flush()
    },
  }
}

/** a short plain-text answer that repeats nothing of the request */
function sendText(res: ServerResponse, status: number, text: string) {
  if (res.headersSent) return void res.end()
  res.statusCode = status
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.end(text)
}
