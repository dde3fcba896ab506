// a static file server for a built site, as a static host with compression serves it:
// gzip for text, long caching for the hashed assets, revalidation for the rest, no spa
// fallback (a missing page is the site's 404.html with status 404). it logs every response
// with the bytes it put on the wire, which is what a first visit "transfers".
import { readFile, stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { gzipSync } from 'node:zlib'

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.gz': 'application/gzip',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
}
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.xml', '.txt'])

/** raster images: photos, which the page-weight budgets count apart */
const PHOTO_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.avif', '.gif'])

/** What a request was for, by its path: the columns of the page-weight table. */
export function kindOf(path) {
  if (/\/_data\/search\//.test(path)) return 'search'
  if (/\/_data\//.test(path)) return 'data'
  const ext = extname(path)
  if (PHOTO_EXTENSIONS.has(ext.toLowerCase())) return 'photo'
  if (ext === '.js') return 'js'
  if (ext === '.css') return 'css'
  if (ext === '.html' || path.endsWith('/')) return 'html'
  return 'other'
}

/**
 * Serve `dir` on 127.0.0.1. `log` holds { path, status, bytes, kind, at } for each response;
 * `gzipSize(file)` is the size a file has on the wire.
 */
export async function serveDist(dir) {
  const gzipCache = new Map()
  const log = []
  const root = normalize(dir)

  async function body(file, gzip) {
    const ext = extname(file)
    if (!gzip || !COMPRESSIBLE.has(ext)) return { data: await readFile(file), encoded: false }
    let data = gzipCache.get(file)
    if (!data) gzipCache.set(file, (data = gzipSync(await readFile(file), { level: 6 })))
    return { data, encoded: true }
  }

  async function resolveFile(urlPath) {
    let path
    try {
      path = decodeURIComponent(urlPath)
    } catch {
      // a malformed percent-escape names no file: a 404, as a static host answers
      return null
    }
    const file = normalize(join(root, path))
    if (file !== root && !file.startsWith(root + sep)) return null
    // (not there: a 404 below)
    const info = await stat(file).catch(() => null)
    if (info?.isFile()) return file
    if (info?.isDirectory()) {
      if (!path.endsWith('/')) return { redirect: `${urlPath}/` }
      const index = join(file, 'index.html')
      if (
        await stat(index).then(
          (s) => s.isFile(),
          () => false,
        )
      )
        return index
    }
    return null
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')
    const found = await resolveFile(url.pathname)
    const record = (status, bytes) =>
      log.push({ path: url.pathname + url.search, status, bytes, kind: kindOf(url.pathname), at: performance.now() })
    if (found && typeof found === 'object') {
      res.writeHead(301, { Location: found.redirect })
      res.end()
      record(301, 0)
      return
    }
    let file = found
    let status = 200
    if (!file) {
      status = 404
      file = join(root, '404.html')
      if (
        !(await stat(file).then(
          (s) => s.isFile(),
          () => false,
        ))
      ) {
        res.writeHead(404, { 'Content-Type': 'text/plain' })
        res.end('not found')
        record(404, 9)
        return
      }
    }
    const info = await stat(file)
    const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`
    const headers = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': /\/assets\//.test(url.pathname) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ETag: etag,
      Vary: 'Accept-Encoding',
    }
    if (status === 200 && req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers)
      res.end()
      record(304, 0)
      return
    }
    const { data, encoded } = await body(file, gzip)
    if (encoded) headers['Content-Encoding'] = 'gzip'
    headers['Content-Length'] = data.length
    res.writeHead(status, headers)
    res.end(req.method === 'HEAD' ? undefined : data)
    record(status, data.length)
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  return {
    origin: `http://127.0.0.1:${port}`,
    log,
    /** the gzip size of a file of the site (as served) */
    async gzipSize(file) {
      return (await body(file, true)).data.length
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}
