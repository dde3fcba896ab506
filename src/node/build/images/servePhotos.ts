// the dev server's _images/: the variants of the photos of the articles it has served, made
// when first asked for (and kept in the build's cache, so the next build has them), and the
// copies of the photos kept beside articles. a request names a file only by a photo's id, a width and a
// format (checked before anything is looked up), so nothing else on the disk can be asked for.
import { createReadStream } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { IMAGES_DIR } from '../../../shared/photos/photos.ts'
import type { PhotoSet } from './photoSet.ts'

const TYPES: Record<string, string> = { webp: 'image/webp', avif: 'image/avif', jpg: 'image/jpeg' }

/** a file name the dev server's _images/ may hold: a photo's id with a width and a format, or with an extension */
const NAME = /^[0-9a-f]{16}(?:-\d{1,6}\.(?:webp|avif)|\.jpg)$/

/**
 * Answer a request for `<base>_images/<name>` from `photos` (true when it was one, answered or
 * refused); any other request is left to the next handler (false). Rejects when the photo
 * cannot be made (PhotoFailed, which names the articles using it), unanswered, for the
 * caller to say so where it reports problems.
 */
export async function servePhoto(
  photos: PhotoSet,
  base: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const prefix = `${base}${IMAGES_DIR}/`
  const path = (req.url ?? '').split('?')[0]
  if (!path.startsWith(prefix)) return false
  const name = path.slice(prefix.length)
  const file = NAME.test(name) ? await photos.file(name) : undefined
  if (!file) {
    res.statusCode = 404
    res.end('no such photo')
    return true
  }
  res.setHeader('Content-Type', TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream')
  // a photo's id changes with its bytes: the same address is always the same file
  res.setHeader('Cache-Control', 'max-age=31536000, immutable')
  await new Promise<void>((done) => {
    const stream = createReadStream(file)
    // a file gone between the lookup and the read (a cache folder deleted meanwhile): the
    // request fails, as the next one will not
    stream.on('error', () => {
      res.statusCode = 500
      res.end()
      done()
    })
    stream.on('end', () => done())
    stream.pipe(res)
  })
  return true
}
