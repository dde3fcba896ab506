// a plain static file server, like `python3 -m http.server` or a bucket behind a cdn:
// no spa fallback, so a deep link only works if the build wrote a file for it.
//
// usage:
//   const server = await serveStatic(dist, { mount: '/news/' })
//   await page.goto(`${server.url}articles/3f06a9bec7bd6d0f/`)   // server.url ends with /news/
//   await server.close()
//
// what it does, and why:
// - a url is percent-decoded before it is looked up, so hangul slugs find their folders.
// - a folder url serves its index.html; a folder url without the trailing slash is
//   redirected (301) to the slash form, as python's http.server, nginx and most hosts do.
// - anything missing is a 404. By default the body is plain text, as with python's
//   http.server; with `notFoundPage: true` it is the mount's 404.html, still with status
//   404, as GitHub Pages, Netlify and Cloudflare Pages serve it.
// - nothing outside the mount is served, and '..' can never leave the folder.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, resolve, sep } from 'node:path'

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json; charset=utf-8',
}

export interface StaticServerOptions {
  /** the url path the folder appears under, e.g. '/news/' (default '/') */
  mount?: string
  /** serve <folder>/404.html as the body of 404 responses (status stays 404) */
  notFoundPage?: boolean
}

export interface StaticServer {
  /** http://127.0.0.1:<port><mount>, ending with '/' */
  url: string
  origin: string
  /** every request path seen, in order (raw, as the browser sent it) */
  requests: string[]
  close(): Promise<void>
}

export async function serveStatic(folder: string, options: StaticServerOptions = {}): Promise<StaticServer> {
  const root = resolve(folder)
  const mount = normalizeMount(options.mount ?? '/')
  const requests: string[] = []

  const server: Server = createServer(async (req, res) => {
    const rawPath = (req.url ?? '/').split('?')[0].split('#')[0]
    requests.push(req.url ?? '/')
    res.setHeader('Cache-Control', 'no-store')

    const send = (status: number, body: string, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) })
      res.end(req.method === 'HEAD' ? undefined : body)
    }
    const notFound = async () => {
      if (options.notFoundPage) {
        const page = join(root, '404.html')
        // (no 404.html: the plain answer below)
        const info = await stat(page).catch(() => null)
        if (info?.isFile()) return sendFile(page, info.size, 404)
      }
      send(404, `404 not found: ${rawPath}\n`)
    }
    const sendFile = (file: string, size: number, status = 200) => {
      const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': size })
      if (req.method === 'HEAD') return res.end()
      createReadStream(file).pipe(res)
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n')

    let path: string
    try {
      path = decodeURIComponent(rawPath)
    } catch {
      return send(400, 'bad request: malformed percent-encoding\n')
    }
    // the mount without its slash redirects, as a folder would
    if (path === mount.slice(0, -1) && mount !== '/') {
      res.writeHead(301, { Location: mount })
      return res.end()
    }
    if (!path.startsWith(mount) || path.includes('\0')) return notFound()

    const file = resolve(root, '.' + sep + path.slice(mount.length))
    if (file !== root && !file.startsWith(root + sep)) return notFound()

    // (not there: a 404 below)
    const info = await stat(file).catch(() => null)
    if (info?.isDirectory()) {
      if (!path.endsWith('/')) {
        const query = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?')) : ''
        res.writeHead(301, { Location: rawPath + '/' + query })
        return res.end()
      }
      const index = join(file, 'index.html')
      // (a folder without an index.html: a 404)
      const indexInfo = await stat(index).catch(() => null)
      return indexInfo?.isFile() ? sendFile(index, indexInfo.size) : notFound()
    }
    if (info?.isFile() && !path.endsWith('/')) return sendFile(file, info.size)
    return notFound()
  })

  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => done())
  })
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  return {
    url: origin + mount,
    origin,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}

function normalizeMount(mount: string): string {
  let m = mount.startsWith('/') ? mount : `/${mount}`
  if (!m.endsWith('/')) m += '/'
  return m
}
