// the dev server's cache of parsed files, kept in one file between runs so that a restart
// reads that file instead of every article. like Astro's mutable data store: the entries
// live in memory, a change marks them dirty, and they are written a little later, once for
// any number of changes; closing the server flushes what is waiting.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { CacheEntry, FileResult } from '../types.ts'

/** bump when what the file holds changes shape */
const FORMAT = 1
/** entries turned into json at a time: between two runs, the server answers requests */
const CHUNK = 250
/** how long after a change the file is written: an editor saving often causes one write */
const WRITE_DELAY_MS = 2000

/** One entry in the file: path, modification time, size, estimated or not, and the result. */
type Saved = [abs: string, mtimeMs: number, size: number, estimated: boolean, result: FileResult]

/** The file: what wrote it, and its entries. */
interface SavedFile {
  format: number
  version: string
  entries: Saved[]
}

/**
 * The loader's entries kept in `file` between runs. They count only for the same `version`
 * of the code (see codeVersion); the loader checks each against its file's time and size.
 * Estimates are kept without their body text, the bulk of them and quick to make again.
 */
export class DevCache {
  private restored = false
  private timer?: ReturnType<typeof setTimeout>
  /** the write under way, if any: writes run one after another */
  private writing?: Promise<void>

  constructor(
    /** where the cache is kept */
    readonly file: string,
    /** the code version (see codeVersion) the entries are for */
    readonly version: string,
    /** the loader's entries by absolute path, read into and written from */
    private readonly entries: Map<string, CacheEntry>,
  ) {}

  /**
   * Read the file's entries into the loader's, the first time only; an entry the loader has
   * already is newer and stays. A missing or damaged file, or one from other code, adds none.
   */
  async restore(): Promise<void> {
    if (this.restored) return
    this.restored = true
    try {
      const saved = JSON.parse(await readFile(this.file, 'utf8')) as SavedFile
      if (saved.format !== FORMAT || saved.version !== this.version) return
      for (const [abs, mtimeMs, size, estimated, result] of saved.entries) {
        if (!this.entries.has(abs)) this.entries.set(abs, { mtimeMs, size, estimated, result, textless: estimated && result.ok })
      }
    } catch {
      // no cache yet, or a damaged one: the files it does not give are read as if there were none
    }
  }

  /** The entries hold something the file does not: write them a little later (once for many changes). */
  markDirty(): void {
    if (this.timer) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.write()
    }, WRITE_DELAY_MS)
    // a write still waiting does not keep the process alive: closing the server flushes it
    this.timer.unref?.()
  }

  /** Write now if a write is waiting, and wait for any under way (the server is closing). */
  async flush(): Promise<void> {
    if (!this.timer) return this.writing
    clearTimeout(this.timer)
    this.timer = undefined
    await this.write()
  }

  /** one write after another: a write yields as it goes, and two at once would share the temporary file */
  private write(): Promise<void> {
    return (this.writing = (this.writing ?? Promise.resolve()).then(() => this.writeNow()))
  }

  private async writeNow(): Promise<void> {
    const entries: Saved[] = []
    for (const [abs, e] of this.entries) {
      // a file that could not be read is read again next time
      if (e.mtimeMs < 0) continue
      const result = e.estimated && e.result.ok ? { ...e.result, article: { ...e.result.article, html: '' } } : e.result
      entries.push([abs, e.mtimeMs, e.size, e.estimated, result])
    }
    try {
      const text = await toJson(this.version, entries)
      await mkdir(dirname(this.file), { recursive: true })
      const tmp = `${this.file}.${process.pid}.tmp`
      await writeFile(tmp, text)
      await rename(tmp, this.file)
    } catch {
      // a cache that cannot be written only makes the next start slower: it reads every file
    }
  }
}

/**
 * The file's json, made a few hundred entries at a time with the event loop turning in
 * between: a large archive's entries made in one piece would hold the server's thread long
 * enough to keep an edit waiting.
 */
async function toJson(version: string, entries: Saved[]): Promise<string> {
  const parts = [`${JSON.stringify({ format: FORMAT, version }).slice(0, -1)},"entries":[`]
  for (let i = 0; i < entries.length; i += CHUNK) {
    if (i) await new Promise((r) => setImmediate(r))
    parts.push((i ? ',' : '') + JSON.stringify(entries.slice(i, i + CHUNK)).slice(1, -1))
  }
  parts.push(']}')
  return parts.join('')
}
