// the photos' variants made so far, kept in the project's variants/ folder (VARIANTS_DIR),
// which the newsroom commits with its content (or keeps between CI runs), so a build, even on
// a fresh clone, makes only the variants of photos added since. a variant's name is the one it
// has in the site (`<id>-<width>.<format>`), and a photo's id hashes its bytes and the variant
// settings, so an entry never goes stale: a changed photo or setting is a new name. an entry
// is written whole or not at all (a temporary file renamed), so a build stopped midway leaves
// no half a variant behind. the folder is made when the first variant is written: a site
// without photos of its own never has one.
import { copyFile, link, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** what a temporary file of this cache is called (its writer's process id, then a count) */
const TEMPORARY = /\.tmp-(\d+)-\d+$/

/** whether the process `pid` is running (a dev server may be writing a variant while npm run photos opens the folder) */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export class PhotoCache {
  private readonly names = new Set<string>()
  private opened: Promise<void> | undefined
  private written = 0

  constructor(readonly dir: string) {}

  /** Read which variants are there (once); left-over temporary files of a stopped process are removed. */
  open(): Promise<void> {
    this.opened ??= (async () => {
      const names = await readdir(this.dir).catch((err: NodeJS.ErrnoException) => {
        // no variant made yet: the folder comes with the first
        if (err.code === 'ENOENT') return []
        throw err
      })
      for (const name of names) {
        const temporary = TEMPORARY.exec(name)
        if (!temporary) this.names.add(name)
        // a stopped build's, or this process's from before: another running process's is left to it
        else if (Number(temporary[1]) === process.pid || !running(Number(temporary[1])))
          await rm(join(this.dir, name), { force: true })
      }
    })()
    return this.opened
  }

  /** The entries there (open() first). */
  entries(): string[] {
    return [...this.names]
  }

  /** Remove the entry `name` (a variant no article uses any more). */
  async remove(name: string): Promise<void> {
    await rm(join(this.dir, name), { force: true })
    this.names.delete(name)
  }

  has(name: string): boolean {
    return this.names.has(name)
  }

  path(name: string): string {
    return join(this.dir, name)
  }

  /**
   * Put the entry `name` at `to` (a new file in the site being built): a hard link where the
   * two are on one disk, so publishing a thousand photos' variants costs no copy, else a
   * copy. An entry is never changed once written (a new photo is a new name), so the site
   * and the cache sharing the bytes is safe, as long as nothing edits the built files in place.
   */
  async publish(name: string, to: string): Promise<void> {
    try {
      await link(join(this.dir, name), to)
    } catch (err) {
      // another disk, or a file system without hard links: a copy does the same
      if (!['EXDEV', 'EPERM', 'ENOTSUP', 'EMLINK', 'ENOSYS'].includes((err as NodeJS.ErrnoException).code ?? ''))
        throw err
      await copyFile(join(this.dir, name), to)
    }
  }

  /** Keep a variant under `name`. */
  async write(name: string, bytes: Uint8Array): Promise<void> {
    // (the folder made with the first, or again if it was removed meanwhile: one call)
    await mkdir(this.dir, { recursive: true })
    const temporary = join(this.dir, `${name}.tmp-${process.pid}-${this.written++}`)
    await writeFile(temporary, bytes)
    await rename(temporary, join(this.dir, name))
    this.names.add(name)
  }
}
