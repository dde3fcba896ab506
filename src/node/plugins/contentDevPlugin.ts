// the dev server's content: read at start (every file parsed, a body rendered only when its
// article is asked for), watched, answered as payloads by a middleware, and pushed to the
// open page when a file changes (devContent.ts). what it parsed and rendered is kept between runs.
import type { ServerResponse } from 'node:http'
import { sep } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Connect, ConfigEnv, Plugin, UserConfig, ViteDevServer } from 'vite'
import { parseDataRequest } from '../content/dataRequest.ts'
import { firstLine, type ContentContext } from './contentContext.ts'
import { DevContent } from './devContent.ts'

export function contentDevPlugin(ctx: ContentContext): Plugin {
  const dev = new DevContent(ctx)
  return {
    name: 'news:content-dev',
    apply: 'serve',
    enforce: 'pre',

    config(user, env) {
      const { config, own } = watchConfig(user, env, ctx)
      dev.ownWatch = own
      return config
    },

    configureServer(server) {
      dev.watch(server)
      // the server starts at once and answers once the content is in: its start does not
      // wait for thousands of files
      ctx.loading ??= dev.start()
      ctx.loading.then(
        (c) => dev.report(c, server.config.logger.warn),
        (err) => server.config.logger.error(`[news:content] content/ could not be read: ${firstLine(err)}`),
      )
      server.middlewares.use(payloadMiddleware(ctx, dev, server))
    },

    async buildEnd() {
      // the dev server is closing: what it parsed and rendered is kept for the next start
      dev.close()
      await ctx.loader.flush()
    },
  }
}

/**
 * The config that leaves the photos' variants (which the server writes as pages ask for
 * them: nothing to reload) out of vite's watcher, and content/ too, for the plugin to watch
 * it itself (`own`). vite's watcher would hold a watch on every article and read their whole
 * folder again on each change, which for a large archive is most of a second per edit; where
 * files are polled (a container, a network drive) fs.watch sees nothing, so there vite's
 * watcher keeps content/.
 */
function watchConfig(user: UserConfig, env: ConfigEnv, ctx: ContentContext): { config?: UserConfig; own: boolean } {
  const watch = user.server?.watch
  if (env.command !== 'serve' || watch === null) return { own: false }
  // (vite's watcher also polls when CHOKIDAR_USEPOLLING is set to anything but false or 0)
  const polling = watch?.usePolling || !/^(|false|0)$/i.test(process.env.CHOKIDAR_USEPOLLING ?? '')
  // (compared with forward slashes: on windows vite hands its watcher normalised paths)
  const slashes = (p: string) => p.split(sep).join('/')
  const root = user.root ?? process.cwd()
  const dirs = [slashes(ctx.variantsDir(root)), ...(polling ? [] : [slashes(ctx.contentDir(root))])]
  const ignored = (path: string) => dirs.some((dir) => slashes(path) === dir || slashes(path).startsWith(`${dir}/`))
  return { config: { server: { watch: { ignored: [ignored] } } }, own: !polling }
}

/** The middleware that answers `<base>_data/...` with payloads, compressed as the build stores them. */
function payloadMiddleware(ctx: ContentContext, dev: DevContent, server: ViteDevServer): Connect.NextHandleFunction {
  return async (req, res, next) => {
    const request = parseDataRequest(req.url, ctx.config.base)
    if (request.kind === 'other') return next()
    if (request.kind === 'refused') return sendText(res, request.status, `bad request: ${request.reason}`)
    try {
      await ctx.loading
      const json = await dev.payload(request.path)
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

/** a short plain-text answer that repeats nothing of the request */
function sendText(res: ServerResponse, status: number, text: string) {
  if (res.headersSent) return void res.end()
  res.statusCode = status
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.end(text)
}
