// the dev server's watch over content/: one fs.watch per folder. vite's watcher (chokidar)
// holds a watch on every file (10,000 of them, past the inotify limit of some systems), stats
// each at start, and reads the whole folder again (an lstat per file) on every change in it:
// at 10,000 articles that is most of a second per edit, on the thread that serves the page.
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

/**
 * Watch `dir` and the folders in it (not hidden ones). `onChange` is called with the
 * absolute path of a file that may have been added, changed or removed, or with undefined
 * when folders came, went or were replaced: then everything is to be looked at again.
 * A missing `dir` is watched from when it appears; one removed, made again, swapped for
 * another or (a link) pointed elsewhere is watched anew.
 */
export function watchContent(dir: string, onChange: (file: string | undefined) => void, { warn }: WatchContentOptions = {}): ContentWatcher {
  /** each watched folder: its watcher, and which folder it watches */
  const watched = new Map<string, { watcher: FSWatcher; id: string }>()
  let closed = false
  let retry: ReturnType<typeof setInterval> | undefined
  const report = (file: string | undefined) => {
    if (!closed) onChange(file)
  }

  const unwatch = (folder: string) => {
    for (const [path, w] of watched) {
      if (path === folder || path.startsWith(folder + sep)) {
        w.watcher.close()
        watched.delete(path)
      }
    }
  }

  /**
   * look at a folder again: still the one watched, gone, or another one at its path (on
   * linux a watch stays with the folder it was set on, so a folder removed and made again
   * would never be heard from)
   */
  async function recheck(folder: string): Promise<void> {
    const s = await stat(folder).catch(() => undefined)
    if (closed) return
    const w = watched.get(folder)
    if (s?.isDirectory() && w && w.id === idOf(s)) return
    unwatch(folder)
    if (s?.isDirectory()) {
      await watchTree(folder)
      if (folder === dir) stopRetry()
    } else if (folder === dir) {
      waitForDir()
    }
    report(undefined)
  }

  function watchFolder(folder: string, s: Stats): boolean {
    if (closed || watched.has(folder)) return true
    let watcher: FSWatcher
    try {
      watcher = watch(folder, (_event, name) => {
        if (closed) return
        if (name === null) return report(undefined)
        const entry = name.toString()
        if (entry.split(/[\\/]/).some(hidden)) return
        const abs = join(folder, entry)
        void stat(abs).then(
          (st) => {
            if (!st.isDirectory()) {
              // (a folder replaced by a file: its watches go)
              if (watched.has(abs)) void recheck(abs)
              return report(abs)
            }
            // a folder moved in or made (its files are new), or one watched that may be another now
            if (watched.has(abs)) void recheck(abs)
            else void watchTree(abs).then(() => report(undefined))
          },
          () => {
            if (watched.has(abs)) return void recheck(abs)
            // removed; or the folder itself went (then its own events name it)
            void recheck(folder).then(() => report(abs))
          },
        )
      })
    } catch (err) {
      warn?.(`[news:content] ${folder} cannot be watched (${(err as Error).message}): changes in it are seen when the dev server restarts`)
      return false
    }
    watcher.on('error', () => void recheck(folder))
    watched.set(folder, { watcher, id: idOf(s) })
    return true
  }

  /**
   * watch a folder and every folder in it that the build reads; false when it is not there.
   * which folders those are is findContent's to say, as for the build: links are followed
   * only to folders inside content/, each folder once (a link to a parent is no endless walk)
   */
  async function watchTree(root: string): Promise<boolean> {
    const s = await stat(root).catch(() => undefined)
    if (closed || !s?.isDirectory()) return false
    // watched before it is listed, so a folder made in it meanwhile is heard of; given up
    // below if the rule does not follow it (until then, what it names is judged by the
    // loader, which walks again for a file in a folder it has not read)
    if (!watchFolder(root, s)) return true
    let folders: string[]
    try {
      folders = (await findContent(dir)).folders
    } catch (err) {
      warn?.(`[news:content] the folders in ${root} cannot be listed (${(err as Error).message.split('\n')[0]}): changes in them are seen when the dev server restarts`)
      return true
    }
    if (!folders.includes(root)) {
      unwatch(root)
      return true
    }
    for (const folder of folders) {
      if (closed) break
      if (!folder.startsWith(root + sep)) continue
      const st = await stat(folder).catch(() => undefined)
      if (st?.isDirectory()) watchFolder(folder, st)
    }
    return true
  }

  const stopRetry = () => {
    clearInterval(retry)
    retry = undefined
  }
  /** no content folder (yet, or any more): looked for every second, and by its parent's watch */
  function waitForDir() {
    if (closed || retry) return
    retry = setInterval(() => {
      void stat(dir).then(
        (s) => s.isDirectory() && !watched.has(dir) && void recheck(dir),
        () => {},
      )
    }, 1000)
    retry.unref?.()
  }

  // the content folder as its parent sees it: made, removed, renamed, or a link changed
  let parent: FSWatcher | undefined
  try {
    parent = watch(dirname(dir), (_event, name) => {
      if (!closed && name?.toString() === basename(dir)) void recheck(dir)
    })
    parent.on('error', () => parent?.close())
  } catch {
    // (no parent to watch: the folder's own watch and the retry remain)
  }

  const ready = watchTree(dir).then((found) => {
    if (!found) waitForDir()
  })

  return {
    ready,
    close() {
      closed = true
      stopRetry()
      parent?.close()
      for (const w of watched.values()) w.watcher.close()
      watched.clear()
    },
  }
}
