// the content plugin: reads content/, reports problems, serves the payloads in dev and
// makes them in the build (the prerender step writes them), with feed.xml and sitemap.xml.
// the dev server parses every file at start but renders a body only when its article is
// asked for; the build renders them all (loadContent.ts, on every core).
import type { ServerResponse } from 'node:http'
import { relative, resolve, sep } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Plugin, ResolvedConfig, ViteDevServer } from 'vite'
import type { SiteConfig } from '../../shared/types.ts'
import { DATA_DIR } from '../../shared/paths.ts'
import { CONTENT_UPDATE_EVENT, RESOLVED_INDEX_ID, RESOLVED_SSR_DATA_ID, VIRTUAL_INDEX_ID, VIRTUAL_SSR_DATA_ID } from '../../shared/moduleIds.ts'
import { ContentLoader, isContentFile, type Content } from '../content/loadContent.ts'
import { codeVersion } from '../content/cache/codeVersion.ts'
import { contentVersion, feedXml, payloadAt, payloadFiles, routes, siteIndex, sitemapXml } from '../build/payloads.ts'
import { formatProblems } from '../content/problems.ts'
import { PAYLOAD_MEMORY_KEY, publishBuild, readBuild } from '../build/bridge.ts'
import { searchIndexFiles } from '../build/searchIndex.ts'
import { contentSecurityPolicy } from '../build/csp.ts'
import { watchContent, type ContentWatcher } from '../content/watchContent.ts'
import { parseDataRequest } from '../content/dataRequest.ts'
import { describeSkippedLink, type SkippedLink } from '../content/findContent.ts'

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/** an error's first line, bounded: what a terminal line shows of it */
const firstLine = (err: unknown) => String((err as Error)?.message ?? err).split('\n')[0].slice(0, 300)

/** a short plain-text answer that repeats nothing of the request */
function sendText(res: ServerResponse, status: number, text: string) {
  if (res.headersSent) return void res.end()
  res.statusCode = status
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.end(text)
}

export interface ContentPluginOptions {
  /** folder of the articles, relative to the project root (default 'content') */
  dir?: string
  site: SiteConfig
}

export function contentPlugin(options: ContentPluginOptions): Plugin {
  let config: ResolvedConfig
  let loader: ContentLoader
  let content: Content | undefined
  let loading: Promise<Content> | undefined
  let relatedTimer: ReturnType<typeof setTimeout> | undefined

  const site = { ...options.site, url: process.env.SITE_URL || options.site.url }
  const isBuild = () => config.command === 'build'

  /**
   * build: the payload files, made by the client build once the related lists and the
   * search index are in (on other threads, while vite goes on with the client and server
   * builds), and handed to the prerender step
   */
  let payloads: Promise<Map<string, string>> | undefined
  /** build: the content's version, which the server build reads too (one loader per process) */
  const buildVersion = (c: Content) => loader.memo('version', () => contentVersion(c.articles, site, code))
  /** build: the version of the code that makes the payloads (codeVersion; the client build's, which makes the version) */
  let code = ''
  /** build: the content, then its related lists and search index (loadStaged), read once per build */
  let staged: ReturnType<ContentLoader['loadStaged']> | undefined

  /** build: every article rendered (related lists to come); dev: the index (`only`: the files a watcher named; `refresh`: to see a render) */
  async function load(only?: string[], { refresh = false } = {}): Promise<Content> {
    if (isBuild()) return (content = (await (staged ??= loader.loadStaged({ withSearch: !config.build.ssr }))).content)
    content = await loader.loadIndex(only)
    if (refresh) return content
    // related lists take seconds at 10,000 articles: worked out once the server is idle
    clearTimeout(relatedTimer)
    relatedTimer = setTimeout(async () => {
      if (!content) return
      try {
        await loader.computeRelated(content)
        // what the loader has now: the new lists, and any edit made meanwhile
        content = await loader.loadIndex([])
      } catch (err) {
        // the lists stay as they were; the next change tries again
        config.logger.error(`[news:content] related articles could not be worked out: ${firstLine(err)}`)
      }
    }, 1500)
    relatedTimer.unref?.()
    return content
  }

  function indexModule(c: Content): string {
    const version = isBuild() ? buildVersion(c) : loader.stamp()
    const index = siteIndex(c.articles, site, version)
    // a build writes no payload per article (its page is its data: client/data.ts); the dev server answers them
    return `export default ${JSON.stringify(index)}\nexport const problems = ${JSON.stringify(isBuild() ? [] : c.problems)}\nexport const articlePayloads = ${!isBuild()}\n`
  }

  /** dev: one payload, its article rendered first if it was only estimated */
  async function devPayload(path: string): Promise<string | undefined> {
    let c = content ?? (await loading!)
    const slug = /^_data\/articles\/(.+)\.json\.gz$/.exec(path)?.[1]
    const a = slug === undefined ? undefined : c.articles.find((x) => x.slug === slug)
    if (a && c.estimated?.has(a.source)) {
      await loader.render([a.source])
      c = await load([], { refresh: true })
    }
    if (path.startsWith(`${DATA_DIR}/search/`)) {
      // estimates read back from the dev cache get their text again before the index is made
      await loader.fillText()
      c = await load([], { refresh: true })
    }
    return payloadAt(path, c.articles, site, () => loader.memo('search', () => searchIndexFiles(c.articles)))
  }

  /** dev: content/ is watched by watchContent, not vite's watcher, unless files are polled (see config) */
  let ownWatch = false
  let watcher: ContentWatcher | undefined

  function watchDev(server: ViteDevServer) {
    if (server.config.server.watch === null) return
    const dir = loader.dir
    let timer: ReturnType<typeof setTimeout> | undefined
    const changed = new Set<string>()
    let everything = false
    const onChange = (file: string | undefined) => {
      if (file === undefined) everything = true
      else if (!resolve(file).startsWith(dir + sep) || !isContentFile(relative(dir, resolve(file)))) return
      else changed.add(resolve(file))
      // editors write in bursts (temp file, rename; or a write in two parts): settle first
      clearTimeout(timer)
      timer = setTimeout(async () => {
        const files = everything ? undefined : [...changed]
        changed.clear()
        everything = false
        let c: Content
        try {
          c = await (loading = load(files))
        } catch (err) {
          // (a folder that cannot be read, say): named, and the server goes on with what it had
          server.config.logger.error(`[news:content] content/ could not be read again: ${firstLine(err)}`)
          if (content) loading = Promise.resolve(content)
          return
        }
        report(c, server.config.logger.warn)
        const mod = server.moduleGraph.getModuleById(RESOLVED_INDEX_ID)
        if (mod) server.moduleGraph.invalidateModule(mod)
        server.ws.send({ type: 'custom', event: CONTENT_UPDATE_EVENT, data: { version: loader.stamp() } })
        if (mod) server.reloadModule(mod)
      }, 30)
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
    reportLinks(c.skippedLinks, warn)
    if (c.problems.length) warn(`\n${formatProblems(c.problems)}\n(the dev server goes on with the ${c.articles.length} valid articles)\n`)
  }

  /** the links named so far: the dev server names a link once, not again on every edit */
  let namedLinks = new Set<string>()
  function reportLinks(links: readonly SkippedLink[], warn: (msg: string) => void) {
    const lines = links.map((l) => `[news:content] ${describeSkippedLink(config.root, l)}`)
    for (const line of lines) if (!namedLinks.has(line)) warn(line)
    namedLinks = new Set(lines)
  }

  return {
    name: 'news:content',
    enforce: 'pre',

    config(user, env) {
      // vite's watcher would hold a watch on every article and read their whole folder again
      // on each change (most of a second at 10,000); where files are polled (a container, a
      // network drive) fs.watch sees nothing, so vite's watcher keeps them
      const watch = user.server?.watch
      // (vite's watcher also polls when CHOKIDAR_USEPOLLING is set to anything but false or 0)
      const polling = watch?.usePolling || !/^(|false|0)$/i.test(process.env.CHOKIDAR_USEPOLLING ?? '')
      if (env.command !== 'serve' || watch === null || polling) return
      ownWatch = true
      // (compared with forward slashes: on windows vite hands its watcher normalised paths)
      const slashes = (p: string) => p.split(sep).join('/')
      const dir = slashes(resolve(user.root ?? process.cwd(), options.dir ?? 'content'))
      return { server: { watch: { ignored: [(path: string) => slashes(path) === dir || slashes(path).startsWith(`${dir}/`)] } } }
    },

    configResolved(resolved) {
      config = resolved
      // one loader per folder and process: vite-ssg's server build reuses what the client build read
      loader = ContentLoader.for(config.root, resolve(config.root, options.dir ?? 'content'))
    },

    async buildStart() {
      // the dev server watches content/ itself and answers once the content is in: its
      // start does not wait for thousands of files
      if (!isBuild()) return
      const started = performance.now()
      // a build reuses what the last one rendered from the same files (node_modules/.cache)
      if (!config.build.ssr && !loading) loader.useBuildCache(resolve(config.cacheDir, '..', '.cache', 'hangul-news', 'build-content.jsonl'), (code = await codeVersion()))
      loading ??= load()
      const c = await loading
      if (isBuild() && !config.build.ssr) {
        const loaded = performance.now()
        const seconds = (t: number) => `${(t / 1000).toFixed(1)} s`
        const { related, search } = await staged!
        // awaited by the prerender step (a failure there fails the build)
        payloads = Promise.all([related, search]).then(([full, searchFiles]) => {
          const made = performance.now()
          const files = payloadFiles(full.articles, site, searchFiles)
          config.logger.info(`[news:content] ${c.articles.length} articles read and rendered in ${seconds(loaded - started)} (${loader.reusedCount ? `${loader.reusedCount} as the last build left them, ` : ''}sanitized in ${loader.renderedIn}), ${files.size} payload files made in ${seconds(performance.now() - made)} (related lists and search index in ${seconds(made - loaded)}, alongside the client and server builds)`)
          return files
        })
        payloads.catch(() => {})
        // written while the server build and the prerender run (this thread is idle then)
        void loader.saveBuildCache()
      }
      for (const f of c.files) this.addWatchFile(f)
      // (once: the server build reads the same content)
      if (!config.build.ssr) reportLinks(c.skippedLinks, (line) => config.logger.warn(line))
      if (c.problems.length) {
        this.error(`content/ has problems; fix them and build again:\n${formatProblems(c.problems)}`)
      }
    },

    resolveId(id) {
      if (id === VIRTUAL_INDEX_ID) return RESOLVED_INDEX_ID
      if (id === VIRTUAL_SSR_DATA_ID) return RESOLVED_SSR_DATA_ID
    },

    async load(id) {
      if (id === RESOLVED_INDEX_ID) return indexModule(content ?? (await (loading ??= load())))
      if (id === RESOLVED_SSR_DATA_ID) {
        // prerendering (in this process or its worker threads) reads the payload files the
        // client build has just written
        if (!config.build.ssr) return `export function readPayload() {\n  throw new Error('payloads are read from files only while prerendering')\n}\n`
        // (from memory: the prerender step hands each thread the payloads of its pages, see
        // prerender.ts; from the files the build wrote otherwise)
        return `import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
const OUT_DIR = ${JSON.stringify(readBuild().outDir)}
const memory = globalThis[Symbol.for(${JSON.stringify(PAYLOAD_MEMORY_KEY)})]
export function readPayload(path) {
  // (a path the site itself made; one that is malformed or leaves the output folder names nothing)
  let file
  try {
    file = decodeURIComponent(path)
  } catch {
    return null
  }
  if (/[\\0\\\\]/.test(file) || file.split('/').some((s) => s === '.' || s === '..')) return null
  let json = memory && memory.get(file)
  if (json === undefined) {
    try {
      json = gunzipSync(readFileSync(OUT_DIR + '/' + file)).toString('utf8')
    } catch (err) {
      if (err && err.code === 'ENOENT') return null
      throw err
    }
  }
  return JSON.parse(json)
}\n`
      }
    },

    configureServer(server) {
      watchDev(server)
      // a restart reads what the last run parsed and rendered from one file
      loading ??= codeVersion().then((version) => {
        loader.persistTo(resolve(config.cacheDir, '..', '.cache', 'hangul-news', 'dev-content.json'), version)
        return load()
      })
      loading.then(
        (c) => report(c, server.config.logger.warn),
        (err) => server.config.logger.error(`[news:content] content/ could not be read: ${firstLine(err)}`),
      )
      server.middlewares.use(async (req, res, next) => {
        const request = parseDataRequest(req.url, config.base)
        if (request.kind === 'other') return next()
        if (request.kind === 'refused') return sendText(res, request.status, `bad request: ${request.reason}`)
        try {
          await loading
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
      })
    },

    async buildEnd() {
      // the dev server is closing: what it parsed and rendered is kept for the next start
      if (isBuild()) return
      watcher?.close()
      await loader.flush()
    },

    transformIndexHtml: {
      order: 'post',
      handler(html) {
        // the policy ships inside every page so it holds on any static host; dev needs
        // vite's inline styles and its websocket, so only the build gets it
        if (config.command !== 'build') return
        // written as is, first in the head: vite's tag writer would spell each of its 26
        // quotes as &#39;, 130 bytes more on each of 20,000 pages, and the policy holds
        // nothing an attribute value must escape
        const policy = contentSecurityPolicy()
        if (/["&<>]/.test(policy)) throw new Error(`the content security policy cannot hold " & < or >: ${policy}`)
        // the feed exists only in the build; written here with the base (in index.html, vite's
        // dev server would add the base to %BASE_URL% a second time)
        const feed = `<link rel="alternate" type="application/rss+xml" href="${escapeAttr(config.base)}feed.xml" title="RSS">`
        return html
          .replace(/<head>/i, (head) => `${head}\n    <meta http-equiv="Content-Security-Policy" content="${policy}">`)
          .replace(/<\/head>/i, (end) => `  ${feed}\n  ${end}`)
      },
    },

    generateBundle() {
      if (config.build.ssr || !content) return
      this.emitFile({ type: 'asset', fileName: 'sitemap.xml', source: sitemapXml(content.articles, site, config.base) })
      this.emitFile({ type: 'asset', fileName: 'feed.xml', source: feedXml(content.articles, site, config.base) })
    },

    writeBundle(output) {
      if (config.build.ssr || !content || !payloads) return
      // not emitted (20,000 assets through the bundler cost seconds and a second copy of them
      // in memory): the prerender step writes them, each on the thread that renders its pages
      const outDir = output.dir ?? resolve(config.root, config.build.outDir)
      publishBuild({ outDir, routes: routes(content.articles, site), payloads })
      payloads = undefined
    },
  }
}
