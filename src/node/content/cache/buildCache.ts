// the build's cache of rendered articles, kept between builds in one file. rendering is most
// of a large build, so a warm build renders only the files whose bytes changed. an entry is
// keyed by the file's path and a hash of its bytes, and the file counts only for the code
// version that wrote it (see codeVersion): other code might render the same bytes otherwise.
//
// the file is a record per entry, each its length (4 bytes) and then the entry in v8's
// serialization (node:v8), after a first record naming the code. every incremental build reads
// it whole before it can start: at 10,000 articles (72 MB) json lines took 0.63 s, most of it
// decoding the utf-8 of the bodies, and v8's records take 0.18 s. read a chunk at a time, so a
// large archive's cache is never in memory twice.
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { closeSync, createWriteStream, openSync, readSync } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { deserialize, serialize } from 'node:v8'
import type { ReadOnce } from '../file/readStableFile.ts'
import type { FileResult } from '../types.ts'

/** bump when what the file holds changes shape */
const FORMAT = 2
/** bytes read at once */
const CHUNK = 8 * 2 ** 20
/** no entry is this big (an article's body is limited far below it): a length past it is damage */
const MAX_RECORD = 256 * 2 ** 20

/** The first line of the file: what wrote it. */
interface Head {
  format: number
  version: string
}

/**
 * The last build's rendered articles (read once, on `open`) and this build's (written by
 * `save` for the next one). Use: `open`, then `reuse` what the last build made of the same
 * files (or `get` it by key), `keep` what this build made, and `save`.
 */
export class BuildCache {
  /** what the last build rendered, by key */
  private previous?: Map<string, FileResult>
  /** what this build rendered, by key */
  private readonly current = new Map<string, FileResult>()

  constructor(
    /** where the cache is kept */
    readonly file: string,
    /** the code version (see codeVersion) the entries are for */
    readonly version: string,
  ) {}

  /** A file's key: its path as problems name it, and the hash of its bytes. */
  static key(rel: string, bytes: Uint8Array): string {
    return `${rel}\0${createHash('sha256').update(bytes).digest('hex')}`
  }

  /** Read the last build's entries, the first time only. */
  async open(): Promise<void> {
    this.previous ??= readEntries(this.file, this.version)
  }

  /** Has the last build left anything to reuse (once opened)? A cold cache reuses nothing. */
  get warm(): boolean {
    return !!this.previous?.size
  }

  /** What the last build rendered from this key, if anything. */
  get(key: string): FileResult | undefined {
    return this.previous?.get(key)
  }

  /**
   * What the last build rendered from the same bytes as these files, by absolute path, and
   * each file's key for `keep`. Each file is read for its key; the bytes of a file to render
   * are held in `reads` for it, so none is read twice. A file that cannot be read has no key
   * and is named as unreadable when it is rendered.
   */
  reuse(files: Array<{ abs: string; rel: string }>, reads: ReadOnce): { reused: Map<string, FileResult>; keys: Map<string, string> } {
    const reused = new Map<string, FileResult>()
    const keys = new Map<string, string>()
    for (const { abs, rel } of files) {
      const bytes = reads.read(abs)
      if (!bytes) continue
      const key = BuildCache.key(rel, bytes)
      keys.set(abs, key)
      const hit = this.get(key)
      if (hit) reused.set(abs, hit)
      else reads.hold(abs, bytes)
    }
    return { reused, keys }
  }

  /**
   * Keep what this build rendered for the next one. Only articles are kept: a file with a
   * problem is read again next time, since an unreadable one may be readable then.
   */
  keep(key: string, result: FileResult): void {
    if (result.ok) this.current.set(key, result)
  }

  /** Write this build's entries for the next build: a record per file, after one naming the code. */
  async save(): Promise<void> {
    // the same entries as the file holds: nothing to write (a build after an edit of nothing, or a second save)
    const same = this.previous?.size === this.current.size && [...this.current.keys()].every((k) => this.previous!.has(k))
    if (same && this.current.size > 0) return
    const tmp = `${this.file}.${process.pid}.tmp`
    try {
      await mkdir(dirname(this.file), { recursive: true })
      const out = createWriteStream(tmp)
      // (a file that cannot be written, or a full disk, fails the save: unheard, it would end the process)
      let failure: Error | undefined
      out.on('error', (err) => (failure = err))
      const write = (value: unknown) => {
        if (failure) throw failure
        const body = serialize(value)
        const length = Buffer.alloc(4)
        length.writeUInt32LE(body.length)
        out.write(length)
        if (out.write(body)) return Promise.resolve()
        // (rejects on an error, and leaves no listener behind either way: one per wait piled up)
        return once(out, 'drain').then(() => undefined)
      }
      await write({ format: FORMAT, version: this.version } satisfies Head)
      // entry by entry: the whole archive at once would be hundreds of megabytes
      for (const entry of this.current) await write(entry)
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())))
      if (failure) throw failure
      await rename(tmp, this.file)
      // what the file holds now, for a second save of the same build
      this.previous = new Map(this.current)
    } catch {
      // a cache that cannot be written only makes the next build slower: it renders everything
      await rm(tmp, { force: true }).catch(() => {})
    }
  }
}

/** the entries of a cache file, if written by this code; none when it is missing or broken */
function readEntries(file: string, version: string): Map<string, FileResult> {
  const entries = new Map<string, FileResult>()
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch {
    // no cache yet
    return entries
  }
  try {
    const records = new Records(fd)
    const head = records.next()
    const { format, version: wrote } = (head ? deserialize(head) : {}) as Partial<Head>
    if (format !== FORMAT || wrote !== version) return entries
    for (let record = records.next(); record; record = records.next()) {
      // (a copy: v8 gives typed arrays as views of what it read, and the reader's buffer is reused)
      const [key, result] = deserialize(Buffer.from(record)) as [string, FileResult]
      entries.set(key, result)
    }
  } catch {
    // a broken file: the entries read before the break are kept, and every other file is rendered
  } finally {
    closeSync(fd)
  }
  return entries
}

/** the records of a file (see the top), a chunk read at a time; each is valid until the next is asked for */
class Records {
  private buffer = Buffer.alloc(CHUNK)
  private start = 0
  private end = 0
  private done = false

  constructor(private readonly fd: number) {}

  /** the next record, undefined at the end of the file; throws where the file breaks off inside one */
  next(): Buffer | undefined {
    if (!this.have(4)) {
      if (this.end > this.start) throw new Error('the file ends inside a record')
      return undefined
    }
    const length = this.buffer.readUInt32LE(this.start)
    if (length > MAX_RECORD) throw new Error('a record longer than any entry')
    if (!this.have(4 + length)) throw new Error('the file ends inside a record')
    const record = this.buffer.subarray(this.start + 4, this.start + 4 + length)
    this.start += 4 + length
    return record
  }

  /** whether `n` bytes are in the buffer from `start`, reading more (and growing it) as needed */
  private have(n: number): boolean {
    while (this.end - this.start < n && !this.done) {
      if (this.start > 0) {
        this.buffer.copy(this.buffer, 0, this.start, this.end)
        this.end -= this.start
        this.start = 0
      }
      if (n > this.buffer.length) {
        const grown = Buffer.alloc(Math.max(n, this.buffer.length * 2))
        this.buffer.copy(grown, 0, 0, this.end)
        this.buffer = grown
      }
      const read = readSync(this.fd, this.buffer, this.end, this.buffer.length - this.end, null)
      if (read === 0) this.done = true
      this.end += read
    }
    return this.end - this.start >= n
  }
}
