// where an image an article names is, on disk: a path on the site (`/images/a.jpg`) is a file
// under public/, which vite copies into the site as it is; a relative address (`photo.jpg`,
// `img/a.png`) is a file beside the article in content/. pure: no file is read here, and the
// path found never leaves its folder (dot segments are resolved as a browser resolves them
// before the folder is joined, and a relative address that climbs out of content/ is refused).
import { dirname, extname, join, relative, resolve, sep } from 'node:path'
import { PHOTO_EXTENSIONS } from './settings.ts'

/** The folders an image may come from, absolute. */
export interface PhotoFolders {
  /** the project, which messages name paths relative to */
  root: string
  contentDir: string
  publicDir: string
}

export type LocatedImage =
  /** not the build's to process: another host's, or a kind of file it leaves as it is (settings.ts PHOTO_EXTENSIONS) */
  | { kind: 'left' }
  /** a file the build makes variants of; `under` is the folder it must stay inside */
  | { kind: 'photo'; path: string; under: 'public' | 'content' }
  /** an address that cannot name a photo of the site; `why` completes "the image "...": …" */
  | { kind: 'refused'; why: string }

/**
 * Where the image `src` of the article at `articleFile` (absolute) is. `src` is the address
 * as the sanitized page has it: never `javascript:` or host-relative, but possibly with
 * percent escapes, a query or a fragment.
 */
export function locateImage(src: string, articleFile: string, folders: PhotoFolders): LocatedImage {
  const address = src.trim()
  if (!address || /^[a-z][a-z0-9+.-]*:/i.test(address) || /^[\\/]{2}/.test(address)) return { kind: 'left' }
  // what a browser would ask the host for: the path without its query and fragment
  const path = address.replace(/[?#].*$/s, '')
  let decoded: string
  try {
    decoded = decodeURIComponent(path)
  } catch {
    return {
      kind: 'refused',
      why: 'has a malformed percent escape: write the file name as it is, or escape "%" as %25',
    }
  }
  if (!PHOTO_EXTENSIONS.has(extname(decoded).toLowerCase())) return { kind: 'left' }
  if (decoded.includes('\0') || decoded.includes('\\'))
    return { kind: 'refused', why: 'holds a backslash or a NUL: write the path with "/"' }

  if (decoded.startsWith('/')) {
    // a browser resolves dot segments in a path before asking for it: /images/../a.jpg is /a.jpg,
    // and no number of them climbs above the site's root
    const onSite = new URL(path, 'http://site.invalid/').pathname
    // (an escaped "/" or "." is one only once decoded: the joined path is checked again)
    const full = join(folders.publicDir, ...decodeURIComponent(onSite).split('/'))
    if (!inside(full, folders.publicDir))
      return {
        kind: 'refused',
        why: 'climbs out of public/ through escaped "/" or "." characters: write the path plainly',
      }
    return { kind: 'photo', path: full, under: 'public' }
  }
  const full = resolve(dirname(articleFile), ...decoded.split('/'))
  if (!inside(full, folders.contentDir)) {
    return {
      kind: 'refused',
      why: `points outside ${shownPath(folders.root, folders.contentDir)}/: keep the photo beside the article in content/, or in public/ and write its path on the site (/images/...)`,
    }
  }
  return { kind: 'photo', path: full, under: 'content' }
}

/** is `path` in the folder `dir` (both absolute and normalised)? */
export const inside = (path: string, dir: string) => path.startsWith(dir + sep)

/** `path` relative to the project, with forward slashes: as a message names it */
export function shownPath(root: string, path: string): string {
  const rel = relative(root, path)
  return (rel && !rel.startsWith('..') ? rel : path).split(sep).join('/')
}
