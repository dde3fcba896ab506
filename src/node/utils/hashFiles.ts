// files hashed into a version: the caches' code version (content/cache/codeVersion.ts) and the
// incremental build's fingerprint (build/incremental/fingerprint.ts). each file counts with its
// path relative to the root (forward slashes, so the hash is the same on every system), in a
// sorted order (not the order the disk lists them in).
import type { Hash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'

/** Hash every file under `root`/`dir` (at any depth) whose name `keep` accepts; a missing folder has none. */
export async function hashFolder(hash: Hash, root: string, dir: string, keep: (name: string) => boolean = () => true) {
  const entries = await readdir(join(root, dir), { withFileTypes: true, recursive: true }).catch(() => [])
  const files = entries
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort()
  for (const file of files) hash.update(`${relative(root, file).split(sep).join('/')}\0`).update(await readFile(file))
}

/** Hash each of these files of `root` by name, or that it is not there (a copy of the project made for a test). */
export async function hashFiles(hash: Hash, root: string, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const bytes = await readFile(join(root, name)).catch(() => null)
    hash.update(`${name}\0`).update(bytes ?? 'absent')
  }
}
