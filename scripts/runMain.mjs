// the site's commands are written in typescript (src/node/), which node 20 cannot run: a
// command's module is loaded through a vite module runner, which transforms it the way the
// build does, and its main(argv) gives the exit code. the runner stays open until main is
// done: the module imports some of its libraries only when it needs them (playwright-core for
// rendering bodies in Chromium, rolldown), which a closed runner could no longer load.
import { fileURLToPath } from 'node:url'
import { createServer, createServerModuleRunner } from 'vite'

const root = fileURLToPath(new URL('..', import.meta.url))

/** Run `main` of the module at `path` (relative to the project root) with the command line's arguments. */
export async function runMain(path) {
  // configFile: false: the commands need none of the site's plugins, only the typescript; no
  // watcher, no websocket, no dependency scan: nothing is served
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, watch: null, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  })
  const runner = createServerModuleRunner(server.environments.ssr, { hmr: false })
  try {
    const module = await runner.import(fileURLToPath(new URL(`../${path}`, import.meta.url)))
    process.exitCode = await module.main(process.argv.slice(2))
  } finally {
    await runner.close()
    await server.close()
  }
}
