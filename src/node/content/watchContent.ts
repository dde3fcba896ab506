// the dev server's watch over content/: one fs.watch per folder. vite's watcher (chokidar)
// holds a watch on every file, which on a large archive passes the inotify limit of some
// systems, stats each file at start, and reads the whole folder again (an lstat per file) on
// every change in it, on the thread that serves the page; a watch per folder costs none of that.
import { watch, type FSWatcher, type Stats } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename, dirname, join, sep } from 'node:path'
import { findContent } from './findContent.ts'

export interface ContentWatcher {
  /** settles once the folders there are at the start are watched */
  ready: Promise<void>
  close(): void
}

export interface WatchContentOptions {
  /** told when a folder cannot be watched (out of inotify watches, no permission) */
  warn?: (message: string) => void
}

/** a hidden file or folder (.git, an editor's swap file): never content */
const hidden = (name: string) => name.startsWith('.')

/**
 * which folder a path is: a watch follows the folder, not its path. the birth time too: a
 * folder removed and made again at once often gets the same inode number, and its old
 * watch is dead (where the file system keeps no birth time it is 0, and the inode decides)
 */
const idOf = (s: Stats) => `${s.dev}:${s.ino}:${s.birthtimeMs}`

/** a path's stat, or undefined where it is gone or cannot be read (either way, nothing to watch there) */
const statOrNone = (path: string) => stat(path).catch(() => undefined)

/**
 * Watch `dir` and the folders in it (not hidden ones). `onChange` is called with the
 * absolute path of a file that may have been added, changed or removed, or with undefined
 * when folders came, went or were replaced: then everything is to be looked at again.
 * A missing `dir` is watched from when it appears; one removed, made again, swapped for
 * another or (a link) pointed elsewhere is watched anew.
 */
export function watchContent(dir: string, onChange: (file: string | undefined) => void, { warn }: WatchContentOptions = {}): ContentWatcher {
  const watch = new FolderWatch(dir, onChange, warn)
  return { ready: watch.start(), close: () => watch.close() }
}

/** The watches over one content folder: a watch per folder in it, and one on its parent. */
class FolderWatch {
  /** each watched folder: its watcher, and which folder it watches */
  private readonly watched = new Map<string, { watcher: FSWatcher; id: string }>()
  private closed = false
  /** set while there is no content folder: it is looked for every second */
  private retry?: ReturnType<typeof setInterval>
  /** the content folder as its parent sees it: made, removed, renamed, or a link changed */
  private parent?: FSWatcher

  constructor(
    private readonly dir: string,
    private readonly onChange: (file: string | undefined) => void,
    private readonly warn?: (message: string) => void,
  ) {}

  /** Start watching; settles once the folders there are now are watched. */
  start(): Promise<void> {
    this.watchParent()
    return this.watchTree(this.dir).then((found) => {
      if (!found) this.waitForDir()
    })
  }

  close(): void {
    this.closed = true
    this.stopRetry()
    this.parent?.close()
    for (const w of this.watched.values()) w.watcher.close()
    this.watched.clear()
  }

  private report(file: string | undefined): void {
    if (!this.closed) this.onChange(file)
  }

  private unwatch(folder: string): void {
    for (const [path, w] of this.watched) {
      if (path === folder || path.startsWith(folder + sep)) {
        w.watcher.close()
        this.watched.delete(path)
      }
    }
  }

  /**
   * look at a folder again: still the one watched, gone, or another one at its path (on
   * linux a watch stays with the folder it was set on, so a folder removed and made again
   * would never be heard from)
   */
  private async recheck(folder: string): Promise<void> {
    const s = await statOrNone(folder)
    if (this.closed) return
    const w = this.watched.get(folder)
    if (s?.isDirectory() && w && w.id === idOf(s)) return
    this.unwatch(folder)
    if (s?.isDirectory()) {
      await this.watchTree(folder)
      if (folder === this.dir) this.stopRetry()
    } else if (folder === this.dir) {
      this.waitForDir()
    }
    this.report(undefined)
  }

  /** watch one folder (`s` its stat); false when it cannot be watched (the warning says so) */
  private watchFolder(folder: string, s: Stats): boolean {
    if (this.closed || this.watched.has(folder)) return true
    let watcher: FSWatcher
    try {
      watcher = watch(folder, (_event, name) => this.onEvent(folder, name))
    } catch (err) {
      this.warn?.(`[news:content] ${folder} cannot be watched (${(err as Error).message}): changes in it are seen when the dev server restarts`)
      return false
    }
    watcher.on('error', () => void this.recheck(folder))
    this.watched.set(folder, { watcher, id: idOf(s) })
    return true
  }

  /** an event in a watched folder: `name` is the entry it concerns, null where the system does not say */
  private onEvent(folder: string, name: string | Buffer | null): void {
    if (this.closed) return
    if (name === null) return this.report(undefined)
    const entry = name.toString()
    if (entry.split(/[\\/]/).some(hidden)) return
    const abs = join(folder, entry)
    void stat(abs).then(
      (st) => {
        if (!st.isDirectory()) {
          // (a folder replaced by a file: its watches go)
          if (this.watched.has(abs)) void this.recheck(abs)
          return this.report(abs)
        }
        // a folder moved in or made (its files are new), or one watched that may be another now
        if (this.watched.has(abs)) void this.recheck(abs)
        else void this.watchTree(abs).then(() => this.report(undefined))
      },
      () => {
        if (this.watched.has(abs)) return void this.recheck(abs)
        // removed; or the folder itself went (then its own events name it)
        void this.recheck(folder).then(() => this.report(abs))
      },
    )
  }

  /**
   * watch a folder and every folder in it that the build reads; false when it is not there.
   * which folders those are is findContent's to say, as for the build: links are followed
   * only to folders inside content/, each folder once (a link to a parent is no endless walk)
   */
  private async watchTree(root: string): Promise<boolean> {
    const s = await statOrNone(root)
    if (this.closed || !s?.isDirectory()) return false
    // watched before it is listed, so a folder made in it meanwhile is heard of; given up
    // below if the rule does not follow it (until then, what it names is judged by the
    // loader, which walks again for a file in a folder it has not read)
    if (!this.watchFolder(root, s)) return true
    let folders: string[]
    try {
      folders = (await findContent(this.dir)).folders
    } catch (err) {
      this.warn?.(`[news:content] the folders in ${root} cannot be listed (${(err as Error).message.split('\n')[0]}): changes in them are seen when the dev server restarts`)
      return true
    }
    if (!folders.includes(root)) {
      this.unwatch(root)
      return true
    }
    for (const folder of folders) {
      if (this.closed) break
      if (!folder.startsWith(root + sep)) continue
      const st = await statOrNone(folder)
      if (st?.isDirectory()) this.watchFolder(folder, st)
    }
    return true
  }

  private stopRetry(): void {
    clearInterval(this.retry)
    this.retry = undefined
  }

  /** no content folder (yet, or any more): looked for every second, and by its parent's watch */
  private waitForDir(): void {
    if (this.closed || this.retry) return
    this.retry = setInterval(() => {
      void stat(this.dir).then(
        (s) => s.isDirectory() && !this.watched.has(this.dir) && void this.recheck(this.dir),
        // still not there: looked for again in a second
        () => {},
      )
    }, 1000)
    this.retry.unref?.()
  }

  private watchParent(): void {
    try {
      const parent = (this.parent = watch(dirname(this.dir), (_event, name) => {
        if (!this.closed && name?.toString() === basename(this.dir)) void this.recheck(this.dir)
      }))
      // a parent that can no longer be watched is let go: the folder's own watch and the retry remain
      parent.on('error', () => parent.close())
    } catch {
      // no parent to watch: the folder's own watch and the retry remain
    }
  }
}
