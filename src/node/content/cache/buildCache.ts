// the build's cache of rendered articles, kept between builds in one file. rendering is most
// of a large build, so a warm build renders only the files whose bytes changed. an entry is
// keyed by the file's path and a hash of its bytes, and the file counts only for the code
// version that wrote it (see codeVersion): other code might render the same bytes otherwise.
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rename } from 'node:fs/promises'
import { dirname } from 'node:path'
import { createInterface } from 'node:readline'
import type { ReadOnce } from '../file/readStableFile.ts'
import type { FileResult } from '../types.ts'

/** bump when what the file holds changes shape */
const FORMAT = 1

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
    this.previous ??= await readEntries(this.file, this.version)
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

  /** Write this build's entries for the next build: a line of json per file, after a line naming the code. */
  async save(): Promise<void> {
    // the same entries as the file holds: nothing to write (a build after an edit of nothing, or a second save)
    const same = this.previous?.size === this.current.size && [...this.current.keys()].every((k) => this.previous!.has(k))
    if (same && this.current.size > 0) return
    const tmp = `${this.file}.${process.pid}.tmp`
    try {
      await mkdir(dirname(this.file), { recursive: true })
      const out = createWriteStream(tmp)
      const write = (line: string) => (out.write(line) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', r)))
      await write(`${JSON.stringify({ format: FORMAT, version: this.version } satisfies Head)}\n`)
      // line by line: the whole archive as one string would be hundreds of megabytes at once
      for (const [key, result] of this.current) await write(`${JSON.stringify([key, result])}\n`)
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())))
      await rename(tmp, this.file)
      // what the file holds now, for a second save of the same build
      this.previous = new Map(this.current)
    } catch {
      // a cache that cannot be written only makes the next build slower: it renders everything
    }
  }
}

/** the entries of a cache file, if written by this code; none when it is missing or broken */
async function readEntries(file: string, version: string): Promise<Map<string, FileResult>> {
  const entries = new Map<string, FileResult>()
  try {
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
    let first = true
    for await (const line of lines) {
      if (first) {
        first = false
        const head = JSON.parse(line) as Head
        if (head.format !== FORMAT || head.version !== version) break
        continue
      }
      if (!line) continue
      const [key, result] = JSON.parse(line) as [string, FileResult]
      entries.set(key, result)
    }
  } catch {
    // no cache yet, or a broken one: the entries read before the break are kept, and every
    // other file is rendered
  }
  return entries
}
