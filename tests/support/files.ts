// a folder's files as the build tests compare them: every file with the sha-256 of its bytes
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

/** every file of a folder (at any depth, relative to it) with its sha-256 */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue
    const path = join(e.parentPath, e.name)
    out[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex')
  }
  return out
}
