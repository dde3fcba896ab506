// what an incremental build may reuse of the last one: its bundles and its pages, as long as
// nothing that makes them changed. the fingerprint is every input of the app's bundles and of
// the build's own code, hashed: the source, the page template, the configs, the public files
// vite copies, the installed dependencies, node's version, the build's arguments and the
// environment vite and the site's settings read. content/ is not in it: the pages' own
// inputs are compared one by one (outputKeys.ts).
import { createHash } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { hashFiles, hashFolder } from '../../utils/hashFiles.ts'

/** folders whose every file is hashed (at any depth) */
const DIRS = ['src', 'public']
/** files of the project root that shape the build */
const FILES = [
  'index.html',
  'vite.config.ts',
  'site.config.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  // what npm installed, which the lockfile alone does not prove (npm writes it on every install)
  'node_modules/.package-lock.json',
  'scripts/build.mjs',
]
/** the environment the build reads besides the publishing flags (which only choose articles): vite's VITE_ variables and the site's url (NODE_ENV is vite-ssg's own: production) */
const ENV = /^(VITE_|SITE_URL$|BASE_URL$)/

/** The environment that shapes the bundles, as sorted `name=value` lines. */
export function buildEnvironment(env: NodeJS.ProcessEnv = process.env): string {
  return Object.keys(env)
    .filter((k) => ENV.test(k))
    .sort()
    .map((k) => `${k}=${env[k]}`)
    .join('\n')
}

/**
 * The fingerprint of the code and settings of a build in `root` with `args` (the arguments
 * given to vite-ssg build, such as --base). Two builds with the same one make the same
 * bundles, so the second may reuse the first's and re-render only pages whose inputs changed.
 */
export async function buildFingerprint(root: string, args: readonly string[], env = process.env): Promise<string> {
  const hash = createHash('sha256')
  hash.update(`node ${process.version}\0args ${JSON.stringify(args)}\0env ${buildEnvironment(env)}\0`)
  for (const dir of DIRS) await hashFolder(hash, root, dir)
  // and the .env files, which vite reads for import.meta.env
  const envFiles = (await readdir(root)).filter((n) => /^\.env/.test(n)).sort()
  await hashFiles(hash, root, [...FILES, ...envFiles])
  return hash.digest('hex').slice(0, 32)
}
