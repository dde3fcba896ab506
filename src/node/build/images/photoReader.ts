// a photo file read for a build and checked: there, a file, inside its folder once symbolic
// links are followed, and a photo (its header and hash, see encode.ts). each file is read once
// per build, and again only when its time or size has changed.
import type { Stats } from 'node:fs'
import { mkdir, readFile, realpath, rename, stat, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { readPhotoInfo, type PhotoInfo } from './encode.ts'
import { SETTINGS_KEY } from './settings.ts'
import { inside, type PhotoFolders } from './locate.ts'
import { unreadableWhy } from './photoProblems.ts'

/** a photo file as read: its info, or why it cannot be one */
export type Read = { info: PhotoInfo; size: number; mtimeMs: number } | { why: string }

/**
 * What an earlier build read of a photo file, with the file's inode, size and times then:
 * while all four are the same (a write changes the change time, which no tool sets back), the
 * file holds the same bytes, and is not read and hashed again (229 MiB for the 1,000 photos
 * of the bench's 10,000 articles, a second of an incremental build).
 */
type KnownRead = [ino: number, size: number, mtimeMs: number, ctimeMs: number, info: PhotoInfo]

/** Reads the photo files of a build's folders, each once while it is unchanged. */
export class PhotoReader {
  private readonly reads = new Map<string, Promise<Read>>()
  private readonly realFolders: Promise<{ public: string; content: string }>
  /** the reads kept by the last build (see KnownRead), by path; loaded on first use */
  private known?: Promise<Map<string, KnownRead>>
  /** this build's reads, for the next */
  private readonly learned = new Map<string, KnownRead>()

  constructor(
    folders: PhotoFolders,
    /** where the time spent reading headers and hashing bytes is added up */
    private readonly timing: { readMs: number },
    /** where the reads are kept between builds (none: every build reads every photo) */
    private readonly keptIn?: string,
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
    const kept = (await this.knownReads()).get(path)
    const same = (k: KnownRead) => k[0] === s.ino && k[1] === s.size && k[2] === s.mtimeMs && k[3] === s.ctimeMs
    if (kept && same(kept)) {
      this.learned.set(path, kept)
      return { info: kept[4], size: s.size, mtimeMs: s.mtimeMs }
    }
    const started = performance.now()
    try {
      const bytes = await readFile(path)
      const info = await readPhotoInfo(bytes)
      this.learned.set(path, [s.ino, s.size, s.mtimeMs, s.ctimeMs, info])
      return { info, size: s.size, mtimeMs: s.mtimeMs }
    } catch (err) {
      return { why: unreadableWhy(err) }
    } finally {
      this.timing.readMs += performance.now() - started
    }
  }

  /** the reads the last build kept, if they were made with these settings (a damaged file: none) */
  private knownReads(): Promise<Map<string, KnownRead>> {
    return (this.known ??= (async () => {
      if (!this.keptIn) return new Map()
      try {
        const kept = JSON.parse(await readFile(this.keptIn, 'utf8')) as { settings?: string; reads?: unknown }
        if (kept.settings !== SETTINGS_KEY || !Array.isArray(kept.reads)) return new Map()
        const valid = (r: unknown): r is [string, ...KnownRead] =>
          Array.isArray(r) &&
          typeof r[0] === 'string' &&
          r.slice(1, 5).every((n) => typeof n === 'number') &&
          typeof r[5]?.id === 'string' &&
          /^[0-9a-f]{16}$/.test(r[5].id) &&
          Number.isInteger(r[5].width) &&
          Number.isInteger(r[5].height)
        return new Map(kept.reads.filter(valid).map(([path, ...read]) => [path, read as KnownRead]))
      } catch {
        return new Map()
      }
    })())
  }

  /** Keep this build's reads for the next one (a cache that cannot be written only makes it read again). */
  async save(): Promise<void> {
    if (!this.keptIn) return
    try {
      await mkdir(dirname(this.keptIn), { recursive: true })
      const tmp = `${this.keptIn}.${process.pid}.tmp`
      const reads = [...this.learned].map(([path, read]) => [path, ...read])
      await writeFile(tmp, JSON.stringify({ settings: SETTINGS_KEY, reads }))
      await rename(tmp, this.keptIn)
    } catch {
      // (the next build reads every photo again)
    }
  }
}
