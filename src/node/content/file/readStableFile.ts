// reading an article that an editor may be saving at that moment. an editor that writes the
// file in place (truncate, then write in parts) leaves it cut off for a while, and a build
// that read it then published half an article, or failed on a multi-byte character cut in
// two. a file is read whole and taken only when nothing about it changed while it was read
// and it has been left alone for a moment; otherwise it is read again, a bounded number of
// times, and then named as a problem.
import { closeSync, fstatSync, openSync, readFileSync, statSync, type Stats } from 'node:fs'

/**
 * A file written this recently (ms) may still be being written: it is read again once it
 * has been left alone this long. Saving an article takes an editor a few milliseconds; a
 * network drive or a sync tool writes in parts, with pauses between them.
 */
export const SETTLE_MS = 300
/** reads of one file before it is named as changing */
export const READ_ATTEMPTS = 8

export const KEPT_CHANGING = 'the file kept changing while it was read; save it and build again'

/** A file that changed every time it was read. Its message is the whole problem. */
export class FileKeptChanging extends Error {
  readonly code = 'EKEPTCHANGING'
  constructor(readonly path: string) {
    super(KEPT_CHANGING)
  }
}

export interface StableReadOptions {
  /**
   * how long a file must have been left alone (0: not waited for; the dev server re-reads a
   * file on its watcher's next event anyway, so it only re-reads what changed mid-read)
   */
  settleMs?: number
  attempts?: number
}

/** the same file, with the same size and times, as far as a stat tells */
function sameFile(a: Stats, b: Stats): boolean {
  return a.ino === b.ino && a.dev === b.dev && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs
}

const sleeper = new Int32Array(new SharedArrayBuffer(4))
/** blocks this thread: the callers read files one after another, synchronously (see contentWorker.ts) */
function sleep(ms: number): void {
  if (ms > 0) Atomics.wait(sleeper, 0, 0, ms)
}

/**
 * The bytes of a file as it stood, unchanged, for the whole read. Costs one fstat more than
 * a plain read; waits only for a file written within the last `settleMs`. Throws what a read
 * throws (ENOENT and so on), or FileKeptChanging.
 */
export function readStableFileSync(path: string, { settleMs = SETTLE_MS, attempts = READ_ATTEMPTS }: StableReadOptions = {}): Uint8Array {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const fd = openSync(path, 'r')
    let before: Stats
    let bytes: Buffer
    let after: Stats
    try {
      before = fstatSync(fd)
      bytes = readFileSync(fd)
      after = fstatSync(fd)
    } finally {
      closeSync(fd)
    }
    // (a writer that appended or rewrote it meanwhile; bytes past the size read are not
    // looked at: a file that grew is read again)
    const changed = !sameFile(before, after) || bytes.length !== after.size
    // how long ago it was last written; a time in the future (another machine's clock, an
    // archive's dates) says nothing about a writer
    const age = Date.now() - after.mtimeMs
    if (!changed && !(settleMs > 0 && age >= 0 && age < settleMs)) return bytes
    // wait until it is settleMs old (a just-changed file: a share of that, longer each time),
    // then take it if it is still the file that was read
    sleep(changed ? Math.ceil((settleMs || 20) * (attempt / attempts)) : Math.ceil(settleMs - age))
    if (changed) continue
    const now = statSync(path, { throwIfNoEntry: false })
    if (now && sameFile(after, now)) return bytes
  }
  throw new FileKeptChanging(path)
}

/**
 * Files read at most once between two steps: bytes read early (for the build cache's keys)
 * are held until the file is rendered, and a file that could not be read fails again with the
 * same error rather than being read a second time.
 */
export class ReadOnce {
  private readonly held = new Map<string, Uint8Array>()
  private readonly failed = new Map<string, unknown>()

  constructor(
    /** see StableReadOptions */
    private readonly settleMs: number,
  ) {}

  /** The file's bytes, read now; undefined where it cannot be read (the error is kept for `bytesOf`). */
  read(abs: string): Uint8Array | undefined {
    try {
      return readStableFileSync(abs, { settleMs: this.settleMs })
    } catch (err) {
      this.failed.set(abs, err)
      return undefined
    }
  }

  /** Keep these bytes for `bytesOf`. */
  hold(abs: string, bytes: Uint8Array): void {
    this.held.set(abs, bytes)
  }

  /**
   * The bytes held for a file, or read now; rejects with a read's error. A synchronous read,
   * as in contentWorker.ts, behind a promise so that the error is a rejection.
   */
  readonly bytesOf = async (abs: string): Promise<Uint8Array> => {
    if (this.failed.has(abs)) throw this.failed.get(abs)
    return this.held.get(abs) ?? readStableFileSync(abs, { settleMs: this.settleMs })
  }
}
