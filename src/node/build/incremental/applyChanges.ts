// an incremental build's files are made in a folder beside dist/ (on the same file system),
// then moved into dist/ one rename each, and the files of pages that are gone are removed:
// dist/ is changed only once everything is made, in moments, not while pages render. a file
// made again with the same bytes is left as it was (its modification time kept), so a deploy
// of what changed (changedFiles.ts) passes it over.
import { mkdir, readFile, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { DistChanges } from '../output/changedFiles.ts'
import { mapLimited } from '../../utils/limited.ts'

/** files compared, moved or written at once (each a few operations on libuv's threads) */
const AT_ONCE = 8

/** Write text files (path under `dir` -> text) into `dir`. */
export async function stageFiles(dir: string, files: ReadonlyArray<readonly [string, string]>): Promise<void> {
  await mapLimited(files, AT_ONCE, async ([path, text]) => {
    await mkdir(dirname(join(dir, path)), { recursive: true })
    await writeFile(join(dir, path), text)
  })
}

/** whether `a` (staged) holds the same bytes as `b` (published), which may not exist */
async function sameFile(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([stat(a), stat(b).catch(() => undefined)])
  if (!sb) return false
  if (sa.ino === sb.ino && sa.dev === sb.dev) return true
  if (sa.size !== sb.size) return false
  const [x, y] = await Promise.all([readFile(a), readFile(b)])
  return x.equals(y)
}

/**
 * Move the `changed` files (paths under both folders, '/'-separated) from `staged` into
 * `outDir` and remove the `removed` ones from it, with the folders they leave empty. Returns
 * what was written and removed; a changed file whose bytes are the same counts as unchanged.
 */
export async function applyStaged(
  staged: string,
  outDir: string,
  changed: readonly string[],
  removed: readonly string[],
): Promise<DistChanges> {
  const written: string[] = []
  let unchanged = 0
  await mapLimited(changed, AT_ONCE, async (path) => {
    const from = join(staged, path)
    const to = join(outDir, path)
    if (await sameFile(from, to)) {
      unchanged++
      return
    }
    await mkdir(dirname(to), { recursive: true })
    await rename(from, to)
    written.push(path)
  })
  const gone: string[] = []
  await mapLimited(removed, AT_ONCE, async (path) => {
    try {
      await unlink(join(outDir, path))
      gone.push(path)
    } catch (err) {
      // (removed by hand since: gone all the same)
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
  })
  await removeEmptyFolders(outDir, gone)
  return { written: written.sort(), removed: gone.sort(), unchanged }
}

/** Remove the folders of `paths` (under `root`) that are empty now, deepest first, up to `root`. */
async function removeEmptyFolders(root: string, paths: readonly string[]): Promise<void> {
  const folders = new Set<string>()
  for (const path of paths)
    for (let d = dirname(path); d !== '.' && d !== '/' && d !== ''; d = dirname(d)) folders.add(d)
  const deepestFirst = [...folders].sort((a, b) => b.split('/').length - a.split('/').length)
  for (const folder of deepestFirst) {
    try {
      await rmdir(join(root, folder))
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOENT') throw err
    }
  }
}
