// the content plugin: reads content/, reports problems, serves the payloads in dev and
// writes them (plus feed.xml and sitemap.xml) in the build.
import { resolve } from 'node:path'
import type { Plugin, ResolvedConfig, ViteDevServer } from 'vite'
import type { SiteConfig } from '../shared/types.ts'
import { DATA_DIR } from '../shared/paths.ts'
import { CONTENT_UPDATE_EVENT, RESOLVED_INDEX_ID, RESOLVED_SSR_DATA_ID, VIRTUAL_INDEX_ID, VIRTUAL_SSR_DATA_ID } from '../shared/moduleIds.ts'
import { ContentLoader, isContentFile, type Content } from './loadContent.ts'
import { feedXml, payloadFiles, routes, siteIndex, sitemapXml } from './payloads.ts'
import { formatProblems } from './problems.ts'
import { BRIDGE_KEY, publishBuild } from './bridge.ts'
import { contentSecurityPolicy } from './csp.ts'

export interface ContentPluginOptions {
  /** folder of the articles, relative to the project root (default 'content') */
  dir?: string
  site: SiteConfig
}

export function contentPlugin(options: ContentPluginOptions): Plugin {
  let config: ResolvedConfig
  let loader: ContentLoader
  let content: Content | undefined
  let payloads = new Map<string, string>()
  let loading: Promise<Content> | undefined

  const site = { ...options.site, url: process.env.SITE_URL || options.site.url }

  async function reload(): Promise<Content> {
    const next = await loader.load()
    content = next
    payloads = payloadFiles(next.articles, site)
    return next
  }

  function indexModule(c: Content): string {
    const index = siteIndex(c.articles, site)
    return `export default ${JSON.stringify(index)}\nexport const problems = ${JSON.stringify(config.command === 'serve' ? c.problems : [])}\n`
  }

  function watchDev(server: ViteDevServer) {
    const dir = loader.dir
    let timer: ReturnType<typeof setTimeout> | undefined
    const onChange = (file: string) => {
      if (!resolve(file).startsWith(dir) || !isContentFile(file)) return
      // editors write in bursts (temp file, rename); settle first
      clearTimeout(timer)
      timer = setTimeout(async () => {
        const c = await reload()
        report(c, server.config.logger.warn)
        const mod = server.moduleGraph.getModuleById(RESOLVED_INDEX_ID)
        if (mod) server.moduleGraph.invalidateModule(mod)
        server.ws.send({ type: 'custom', event: CONTENT_UPDATE_EVENT, data: { version: siteIndex(c.articles, site).version } })
        if (mod) server.reloadModule(mod)
      }, 30)
    }
    server.watcher.add(dir)
    server.watcher.on('add', onChange)
    server.watcher.on('change', onChange)
    server.watcher.on('unlink', onChange)
  }

  function report(c: Content, warn: (msg: string) => void) {
    if (c.problems.length) warn(`\n${formatProblems(c.problems)}\n(the dev server goes on with the ${c.articles.length} valid articles)\n`)
  }

  return {
    name: 'news:content',
    enforce: 'pre',

    configResolved(resolved) {
      config = resolved
      loader = new ContentLoader(config.root, resolve(config.root, options.dir ?? 'content'))
    },

    async buildStart() {
      loading ??= reload()
      const c = await loading
      for (const f of c.files) this.addWatchFile(f)
      if (config.command === 'build' && c.problems.length) {
        this.error(`content/ has problems; fix them and build again:\n${formatProblems(c.problems)}`)
      }
    },

    resolveId(id) {
      if (id === VIRTUAL_INDEX_ID) return RESOLVED_INDEX_ID
      if (id === VIRTUAL_SSR_DATA_ID) return RESOLVED_SSR_DATA_ID
    },

    async load(id) {
      if (id === RESOLVED_INDEX_ID) return indexModule(content ?? (await (loading ??= reload())))
      if (id === RESOLVED_SSR_DATA_ID) {
        // prerendering runs in the process that built the client, which left the payloads here
        return `const build = globalThis[Symbol.for(${JSON.stringify(BRIDGE_KEY)})]
export function readPayload(path) {
  if (!build) throw new Error('the content payloads are missing: prerender only through "npm run build"')
  const json = build.payloads.get(decodeURIComponent(path))
  return json === undefined ? null : JSON.parse(json)
}\n`
      }
    },

    configureServer(server) {
      watchDev(server)
      loading ??= reload()
      loading.then((c) => report(c, server.config.logger.warn))
      const prefix = `${config.base}${DATA_DIR}/`
      server.middlewares.use(async (req, res, next) => {
        const url = req.url?.split('?')[0] ?? ''
        if (!url.startsWith(prefix)) return next()
        await loading
        const json = payloads.get(decodeURIComponent(url.slice(config.base.length)))
        if (json === undefined) {
          res.statusCode = 404
          res.end('not found')
          return
        }
        res.setHeader('Content-Type', 'application/json; charset=utf-8')
        res.setHeader('Cache-Control', 'no-store')
        res.end(json)
      })
    },

    transformIndexHtml: {
      order: 'post',
      handler() {
        // the policy ships inside every page so it holds on any static host; dev needs
        // vite's inline styles and its websocket, so only the build gets it
        if (config.command !== 'build') return
        return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy() }, injectTo: 'head-prepend' }]
      },
    },

    generateBundle() {
      if (config.build.ssr || !content) return
      for (const [fileName, source] of payloads) this.emitFile({ type: 'asset', fileName, source })
      this.emitFile({ type: 'asset', fileName: 'sitemap.xml', source: sitemapXml(content.articles, site, config.base) })
      this.emitFile({ type: 'asset', fileName: 'feed.xml', source: feedXml(content.articles, site, config.base) })
      publishBuild({ payloads, routes: routes(content.articles, site) })
    },
  }
}
