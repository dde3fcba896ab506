// the list of content files the loader works from, kept up to date. a walk of the folder
// (findContent) decides which files are content; after a watcher's event the list is
// updated from the files the event names alone, since on a large archive a walk costs far
// more than looking at a few files. anything the walk would judge differently is left to it.
import { lstat } from 'node:fs/promises'
import { dirname, relative } from 'node:path'
import { findContent, isContentFile, type SkippedLink } from './findContent.ts'
import { compareCodePoints } from './order.ts'

/** What an update found. */
export interface ListUpdate {
  /** the files to look at again: every one after a walk, else those named that are there */
  check: string[]
  /** the folder was walked (every file was listed anew) */
  walked: boolean
  /** the symbolic links the walk skipped are not the ones it skipped before */
  linksChanged: boolean
}

/** The content files of one folder, as of the last `update`. */
export class FileList {
  /** absolute paths, in code-point order */
  files: string[] = []
  /** the symbolic links the last walk did not follow (see findContent) */
  skippedLinks: SkippedLink[] = []
  /** a key of skippedLinks, to see when they change */
  private linksKey = ''
  /** the folders the last walk read: a file a watcher names elsewhere needs a walk */
  private folders = new Set<string>()
  private walked = false

  constructor(
    /** absolute path of the content folder */
    readonly dir: string,
  ) {}

  /** Bring the list up to date; `named`: only these absolute paths were added, changed or removed (a watcher's event). */
  async update(named?: string[]): Promise<ListUpdate> {
    const check = named && this.walked ? await this.updateNamed(named) : undefined
    if (check) return { check, walked: false, linksChanged: false }
    const tree = await findContent(this.dir)
    this.files = tree.files
    this.folders = new Set(tree.folders)
    this.walked = true
    const key = tree.skipped.map((l) => `${l.path}\0${l.reason}\0${l.target}`).join('\n')
    const linksChanged = key !== this.linksKey
    if (linksChanged) {
      this.skippedLinks = tree.skipped
      this.linksKey = key
    }
    return { check: tree.files, walked: true, linksChanged }
  }

  /**
   * The list with the named files added or removed, and those of them that are there; undefined
   * when one is a symbolic link or lies in a folder the last walk did not read, which only a
   * walk can judge (see findContent).
   */
  private async updateNamed(named: string[]): Promise<string[] | undefined> {
    // (a file the event names that is gone was removed: it leaves the list)
    const found = await Promise.all(named.map((abs) => lstat(abs).catch(() => undefined)))
    if (!named.every((abs, i) => !found[i]?.isSymbolicLink() && this.folders.has(dirname(abs)))) return undefined
    const present = named.map((abs, i) => !!found[i]?.isFile() && isContentFile(relative(this.dir, abs)))
    const live = new Set(this.files)
    named.forEach((abs, i) => (present[i] ? live.add(abs) : live.delete(abs)))
    this.files = [...live].sort(compareCodePoints)
    return named.filter((_, i) => present[i])
  }
}
