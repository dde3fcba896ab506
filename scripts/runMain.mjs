// the site's commands are written in typescript (src/node/), which node 20 cannot run: a
// command's module is loaded through vite's module runner (runnerImport), which transforms it
// the way the build does, and its main(argv) gives the exit code.
import { fileURLToPath } from 'node:url'
import { runnerImport } from 'vite'

const root = fileURLToPath(new URL('..', import.meta.url))

/** Run `main` of the module at `path` (relative to the project root) with the command line's arguments. */
export async function runMain(path) {
  // configFile: false: the commands need none of the site's plugins, only the typescript
  const { module } = await runnerImport(fileURLToPath(new URL(`../${path}`, import.meta.url)), {
    root,
    configFile: false,
    logLevel: 'error',
  })
  process.exitCode = await module.main(process.argv.slice(2))
}
