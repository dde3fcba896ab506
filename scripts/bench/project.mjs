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
     * forget the outputs and caches of an earlier build, for a cold build; `keepPhotos`:
     * all but the photos' variants (node_modules/.cache/hangul-news/images/), as a build on a
     * ci runner that keeps that folder between runs
     */
    async clean({ keepPhotos = false } = {}) {
      const caches = keepPhotos
        ? await cachesBut(join(dir, 'node_modules/.cache'), 'hangul-news/images')
        : ['node_modules/.cache']
      for (const p of ['dist', '.vite-ssg-temp', ...caches, 'node_modules/.vite', 'node_modules/.vite-temp']) {
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

/** the entries of the cache folder `cache` (relative to the project) but the one at `keep` and the folders holding it */
async function cachesBut(cache, keep) {
  const [top, inner] = keep.split('/')
  const listed = async (d) =>
    readdir(d).catch((err) => {
      // no cache yet: nothing to remove
      if (err.code === 'ENOENT') return []
      throw err
    })
  const out = []
  for (const name of await listed(cache)) {
    if (name !== top) out.push(`node_modules/.cache/${name}`)
    else
      for (const sub of await listed(join(cache, top))) if (sub !== inner) out.push(`node_modules/.cache/${top}/${sub}`)
  }
  return out
}
