// a photo file read for a build and checked: there, a file, inside its folder once symbolic
// links are followed, and a photo (its header and hash, see encode.ts). each file is read once
// per build, and again only when its time or size has changed.
import type { Stats } from 'node:fs'
import { readFile, realpath, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { readPhotoInfo, type PhotoInfo } from './encode.ts'
import { inside, type PhotoFolders } from './locate.ts'
import { unreadableWhy } from './photoProblems.ts'

/** a photo file as read: its info, or why it cannot be one */
export type Read = { info: PhotoInfo; size: number; mtimeMs: number } | { why: string }

/** Reads the photo files of a build's folders, each once while it is unchanged. */
export class PhotoReader {
  private readonly reads = new Map<string, Promise<Read>>()
  private readonly realFolders: Promise<{ public: string; content: string }>

  constructor(
    folders: PhotoFolders,
    /** where the time spent reading headers and hashing bytes is added up */
    private readonly timing: { readMs: number },
  ) {
    // a file is the site's only if its real path (symbolic links followed) is in the real
    // folder. a folder that is not there (a project without public/) has no links to follow:
    // its own path stands, and every photo looked for in it is named as not there
    const real = (dir: string) => realpath(dir).catch(() => resolve(dir))
    this.realFolders = Promise.all([real(folders.publicDir), real(folders.contentDir)]).then(([p, c]) => ({
      public: p,
      content: c,
    }))
  }

  /** the file at `path` read as a photo (once per build, again when it has changed since) */
  async read(path: string, under: 'public' | 'content'): Promise<Read> {
    const s = await stat(path).catch((err: NodeJS.ErrnoException) => err)
    const known = this.reads.get(path)
    if (known && !(s instanceof Error)) {
      const r = await known
      if ('why' in r || (r.size === s.size && r.mtimeMs === s.mtimeMs)) return r
    }
    const reading = this.readNow(path, under, s)
    this.reads.set(path, reading)
    return reading
  }

  private async readNow(path: string, under: 'public' | 'content', s: Stats | NodeJS.ErrnoException): Promise<Read> {
    const where = under === 'public' ? 'under public/' : 'beside the article'
    if (s instanceof Error) {
      if (s.code === 'ENOENT' || s.code === 'ENOTDIR')
        return { why: `is not there: add the file ${where}, or correct the address` }
      return { why: `cannot be read (${s.code ?? s.message}): check the file's permissions` }
    }
    if (!s.isFile()) return { why: 'is not a file: name the photo itself' }
    const folder = (await this.realFolders)[under]
    const real = await realpath(path)
    if (!inside(real, folder))
      return {
        why: `is a symbolic link to a file outside ${under === 'public' ? 'public' : 'content'}/: put the photo itself there`,
      }
    const started = performance.now()
    try {
      const bytes = await readFile(path)
      const info = await readPhotoInfo(bytes)
      return { info, size: s.size, mtimeMs: s.mtimeMs }
    } catch (err) {
      return { why: unreadableWhy(err) }
    } finally {
      this.timing.readMs += performance.now() - started
    }
  }
}
