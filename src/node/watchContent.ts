// the dev server's watch over content/: one fs.watch per folder. vite's watcher (chokidar)
// holds a watch on every file (10,000 of them, past the inotify limit of some systems), stats
// each at start, and reads the whole folder again (an lstat per file) on every change in it:
// at 10,000 articles that is most of a second per edit, on the thread that serves the page.
import { watch, type FSWatcher } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join, sep } from 'node:path'

export interface ContentWatcher {
  close(): void
}

/** a hidden file or folder (.git, an editor's swap file): never content */
const hidden = (name: string) => name.startsWith('.')

/**
 * Watch `dir` and the folders in it (not hidden ones). `onChange` is called with the
 * absolute path of a file that may have been added, changed or removed, or with undefined
 * when a folder came or went (or a watch failed): then everything is to be looked at again.
 * A missing `dir` is looked for every second until it exists.
 */
export function watchContent(dir: string, onChange: (file: string | undefined) => void): ContentWatcher {
  const watchers = new Map<string, FSWatcher>()
  let closed = false
  let retry: ReturnType<typeof setInterval> | undefined

  const unwatch = (folder: string) => {
    for (const [path, w] of watchers) {
      if (path === folder || path.startsWith(folder + sep)) {
        w.close()
        watchers.delete(path)
      }
    }
  }

  /** a folder is gone (or cannot be watched): everything is looked at again */
  const lost = (folder: string) => {
    unwatch(folder)
    onChange(undefined)
    if (folder === dir) waitForDir()
  }

  const watchFolder = (folder: string): boolean => {
    if (closed || watchers.has(folder)) return true
    let w: FSWatcher
    try {
      w = watch(folder, (_event, name) => {
        if (name === null) return onChange(undefined)
        const entry = name.toString()
        if (entry.split(/[\\/]/).some(hidden)) return
        const abs = join(folder, entry)
        void stat(abs).then(
          (s) => {
            if (s.isDirectory()) {
              // a folder moved in: its files are new
              if (!watchers.has(abs)) void watchTree(abs).then(() => onChange(undefined))
              return
            }
            if (watchers.has(abs)) lost(abs)
            onChange(abs)
          },
          () => {
            if (watchers.has(abs)) return lost(abs)
            // removed, or its folder was
            void stat(folder).then(
              () => onChange(abs),
              () => lost(folder),
            )
          },
        )
      })
    } catch {
      return false
    }
    w.on('error', () => lost(folder))
    watchers.set(folder, w)
    return true
  }

  /** watch a folder and every folder in it */
  async function watchTree(root: string): Promise<boolean> {
    if (!watchFolder(root)) return false
    const entries = await readdir(root, { withFileTypes: true, recursive: true }).catch(() => [])
    for (const e of entries) {
      if (!e.isDirectory()) continue
      const abs = join(e.parentPath, e.name)
      if (!abs.slice(root.length + 1).split(sep).some(hidden)) watchFolder(abs)
    }
    return true
  }

  /** no content folder (yet, or any more): it counts from when it appears */
  function waitForDir() {
    if (closed || retry) return
    retry = setInterval(() => {
      void watchTree(dir).then((found) => {
        if (!found || closed) return
        clearInterval(retry)
        retry = undefined
        onChange(undefined)
      })
    }, 1000)
    retry.unref?.()
  }

  void watchTree(dir).then((ok) => ok || waitForDir())

  return {
    close() {
      closed = true
      clearInterval(retry)
      for (const w of watchers.values()) w.close()
      watchers.clear()
    },
  }
}
