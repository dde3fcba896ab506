// the key of the caches kept between runs (the build's rendered articles, the dev server's
// index and its worker bundle). it must change whenever anything that shapes their entries
// changes, or a cache would serve output the current code would not make.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { hashFiles, hashFolder } from '../../utils/hashFiles.ts'

/** the project this file belongs to: src/node/content/cache/ is four folders down */
const PROJECT_ROOT = fileURLToPath(new URL('../../../../', import.meta.url))

/** the libraries that parse, sanitize and render (gray-matter's own among them: the index worker's bundle holds them), and the bundler that makes that bundle */
const LIBRARIES = ['dompurify', 'jsdom', 'markdown-it', 'gray-matter', 'js-yaml', 'section-matter', 'kind-of', 'strip-bom-string', 'rolldown']

/** the code, at any depth: a module moved into a sub-folder still counts */
const CODE_DIRS = ['src/node', 'src/shared']

/**
 * the project's files that decide the output besides the code: the lockfile (every
 * dependency's exact version, including those the libraries above pull in) and the site's
 * settings (its name and url are written into pages)
 */
const PROJECT_FILES = ['package-lock.json', 'site.config.ts']

/**
 * A version of the code that turns files into articles, for caches kept between runs: any
 * change to a file under src/node or src/shared (at any depth), to the lockfile, to the
 * site's settings or to an installed version of the libraries above makes them start over.
 */
export async function codeVersion(root = PROJECT_ROOT): Promise<string> {
  const hash = createHash('sha256')
  for (const name of LIBRARIES) hash.update(`${name}@${await packageVersion(name)}\0`)
  // (the .ts and .vue files: a missing folder, a project without src/shared in a test, has none)
  for (const dir of CODE_DIRS) await hashFolder(hash, root, dir, (name) => /\.(ts|vue)$/.test(name))
  // (a project without a lockfile, a copy made for a test, hashes that it has none)
  await hashFiles(hash, root, PROJECT_FILES)
  return hash.digest('hex').slice(0, 16)
}

/** the version of an installed package (found above its entry: not every package exports package.json) */
async function packageVersion(name: string): Promise<string> {
  let entry: string
  try {
    entry = fileURLToPath(import.meta.resolve(name))
  } catch {
    // not installed: hashed as such, so installing it later changes the version
    return '?'
  }
  for (let dir = dirname(entry); ; dir = dirname(dir)) {
    // a folder without a package.json is one on the way up to the package's own
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8').catch(() => 'null')) as { name?: string; version?: string } | null
    if (pkg?.name === name) return pkg.version ?? '?'
    if (dirname(dir) === dir) return '?'
  }
}
