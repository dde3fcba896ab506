// tools only the benchmark uses (lighthouse and its chrome-launcher) live in their own
// folder with their own lockfile, scripts/bench/tools/, and are installed there the first
// time the benchmark needs them. they are half of what a plain `npm ci` of the site would
// otherwise install, for a figure most runs (and CI) never ask for.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const TOOLS = join(dirname(fileURLToPath(import.meta.url)), 'tools')

/** Installs the bench's tools (once, from their lockfile) and imports `name` from them. */
export async function importBenchTool(name) {
  if (!existsSync(join(TOOLS, 'node_modules', name))) {
    console.error(`[bench] installing ${name} into scripts/bench/tools/ (once; npm ci there)`)
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    const run = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: TOOLS, stdio: 'inherit' })
    if (run.status !== 0)
      throw new Error(
        `could not install the bench's tools (npm ci in ${TOOLS} exited with ${run.status}); run it there by hand to see why`,
      )
  }
  const require = createRequire(join(TOOLS, 'package.json'))
  return import(pathToFileURL(require.resolve(name)).href)
}
