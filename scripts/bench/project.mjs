// a throwaway copy of the project to build and serve a corpus in. vite-ssg always writes
// <root>/.vite-ssg-temp and <root>/dist, so a benchmark never builds in the working tree
// (another build or test there would break, and be broken by, this one).
import { execFileSync } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** top-level entries never copied: outputs, caches, history, and the content itself */
const SKIP = new Set([
  'node_modules',
  'dist',
  '.vite-ssg-temp',
  '.git',
  'content',
  '.bench',
  'variants',
  'test-results',
  'tmp',
  'coverage',
])

/**
 * Copy the project at `root` (its working tree, without content/) into a new temp folder.
 * node_modules becomes a folder of links to the real packages, so vite's caches
 * (node_modules/.vite, node_modules/.cache) stay private to the copy.
 */
export async function makeProject(root, label = 'bench') {
  const dir = await mkdtemp(join(tmpdir(), `hangul-${label}-`))
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue
    await cp(join(root, entry.name), join(dir, entry.name), { recursive: true, verbatimSymlinks: true })
  }
  const modules = join(root, 'node_modules')
  await mkdir(join(dir, 'node_modules'))
  for (const name of await readdir(modules)) {
    if (name === '.vite' || name === '.cache' || name === '.vite-temp') continue
    await symlink(join(modules, name), join(dir, 'node_modules', name))
  }
  return {
    dir,
    content: join(dir, 'content'),
    dist: join(dir, 'dist'),
    /**
     * forget the outputs and caches of an earlier build, for a cold build (a fresh clone):
     * node_modules/.cache and vite's folders. `variants`: false to forget the photos'
     * variants too (variants/, which a newsroom commits with its content)
     */
    async clean({ variants = true } = {}) {
      for (const p of [
        'dist',
        '.vite-ssg-temp',
        'node_modules/.cache',
        'node_modules/.vite',
        'node_modules/.vite-temp',
        ...(variants ? [] : ['variants']),
      ]) {
        await rm(join(dir, p), { recursive: true, force: true })
      }
      // the deletion's writes reach the disk before the next build starts, not during it (the
      // tens of thousands of files of a large build's dist/ are the filesystem's work for
      // seconds after rm returns)
      execFileSync('sync')
    },
    async remove() {
      await rm(dir, { recursive: true, force: true })
    },
  }
}
