// what a build changed in the published site, so a deploy sends only that. a build writes
// every file anew into its staging folder; before it is swapped in, each file whose bytes are
// the same as the published one's gets the published one's modification time back, so rsync,
// `aws s3 sync` and rclone, which compare size and time, pass it over. the files written and
// removed are listed beside the build's cache (never in dist/, which a host would serve).
import { mkdir, open, readdir, stat, utimes, writeFile } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import { mapLimited } from '../../utils/limited.ts'

export interface DistChanges {
  /** files new or changed, relative to dist/ with '/' separators */
  written: string[]
  /** files the published site had and the new build has not */
  removed: string[]
  /** files whose bytes did not change (their time kept) */
  unchanged: number
}

/** how many files are compared at once: enough to keep a disk busy, few enough for the descriptor limit */
const CONCURRENCY = 32
/** the read size when two files of one size are compared */
const CHUNK = 64 * 1024

/** every regular file under `dir`, relative to it with '/' separators; none when there is no `dir` */
async function filesUnder(dir: string): Promise<string[]> {
  let entries
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true })
  } catch (err) {
    // no published site yet (the first build): everything is new
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort()
}

/** whether two files of the same size hold the same bytes, read a chunk at a time */
async function sameBytes(a: string, b: string, size: number): Promise<boolean> {
  const [fa, fb] = await Promise.all([open(a, 'r'), open(b, 'r')])
  try {
    const ba = Buffer.allocUnsafe(Math.min(CHUNK, size))
    const bb = Buffer.allocUnsafe(ba.length)
    for (let at = 0; at < size; at += ba.length) {
      const n = Math.min(ba.length, size - at)
      const [ra, rb] = await Promise.all([fa.read(ba, 0, n, at), fb.read(bb, 0, n, at)])
      if (ra.bytesRead !== n || rb.bytesRead !== n || !ba.subarray(0, n).equals(bb.subarray(0, n))) return false
    }
    return true
  } finally {
    await Promise.all([fa.close(), fb.close()])
  }
}

/**
 * Compare the staged build with the published site: a staged file whose bytes equal the
 * published one's takes its modification time, the rest are written. Returns what changed.
 */
export async function keepUnchangedTimes(staging: string, published: string): Promise<DistChanges> {
  const [next, before] = await Promise.all([filesUnder(staging), filesUnder(published)])
  const had = new Set(before)
  const written: string[] = []
  let unchanged = 0
  await mapLimited(next, CONCURRENCY, async (file) => {
    if (!had.has(file)) {
      written.push(file)
      return
    }
    const [n, p] = await Promise.all([stat(join(staging, file)), stat(join(published, file))])
    // one file under two names (a photo's variant is a hard link to its cache, in both builds):
    // the same without reading it, and already with its published time
    const linked = n.ino === p.ino && n.dev === p.dev
    if (linked || (n.size === p.size && (await sameBytes(join(staging, file), join(published, file), n.size)))) {
      if (!linked) await utimes(join(staging, file), p.atime, p.mtime)
      unchanged++
    } else written.push(file)
  })
  const staged = new Set(next)
  return { written: written.sort(), removed: before.filter((f) => !staged.has(f)), unchanged }
}

/** where a build keeps the lists of the files it wrote and removed: beside its other caches, never in dist/ */
export const changesDir = (root: string) => join(root, 'node_modules', '.cache', 'hangul-news', 'deploy')

/** Write the lists of files written and removed (one path a line, as rsync's --files-from reads them) into `dir`. */
export async function saveChanges(dir: string, changes: DistChanges): Promise<{ written: string; removed: string }> {
  const written = join(dir, 'written.txt')
  const removed = join(dir, 'removed.txt')
  await mkdir(dirname(written), { recursive: true })
  const lines = (list: string[]) => (list.length ? `${list.join('\n')}\n` : '')
  await Promise.all([writeFile(written, lines(changes.written)), writeFile(removed, lines(changes.removed))])
  return { written, removed }
}
