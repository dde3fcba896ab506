#!/usr/bin/env node
// npm run build [-- --drafts] [-- --future] [-- --full] [-- --explain] [-- <vite-ssg build's own options, e.g. --base /news/>]:
// with the state an earlier build left and the same code, settings and arguments, the build is
// incremental: only the files whose inputs changed are made (src/node/build/incremental/); else,
// or with --full, it runs `vite-ssg build`, which builds everything. vite-ssg's command line
// rejects options it does not know, so this script takes its own, hands the publishing ones to
// the content plugin through the environment (src/node/content/publish.ts reads NEWS_DRAFTS,
// NEWS_FUTURE and NEWS_BUILD_TIME) and gives vite-ssg the rest. the build's time is taken
// here, once, so every process of the build lists the same articles.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** This script's own flags, taken out of the arguments; the rest go to vite-ssg as they are. */
export function splitArgs(argv) {
  const rest = []
  let drafts = false
  let future = false
  let full = false
  let explain = false
  for (const arg of argv) {
    if (arg === '--drafts') drafts = true
    else if (arg === '--future') future = true
    else if (arg === '--full') full = true
    else if (arg === '--explain') explain = true
    else rest.push(arg)
  }
  return { drafts, future, full, explain, rest }
}

/**
 * The environment of the build: the flags as NEWS_DRAFTS and NEWS_FUTURE, and the build's time
 * as NEWS_BUILD_TIME, `now` unless the caller set one (a test, or a rebuild for a given time).
 */
export function buildEnv(env, { drafts, future }, now = new Date()) {
  const out = { ...env, NEWS_BUILD_TIME: env.NEWS_BUILD_TIME?.trim() || now.toISOString() }
  if (drafts) out.NEWS_DRAFTS = '1'
  if (future) out.NEWS_FUTURE = '1'
  return out
}

/**
 * The incremental build, when an earlier build left its state (src/node/build/incremental/):
 * `{ built: true, exitCode }` when it ran, else `{ built: false, reason }`. Its code is loaded
 * only when there is a state (see builderModule).
 */
async function incremental(rest, explain) {
  if (!existsSync(`${ROOT}node_modules/.cache/hangul-news/build/state.json`))
    return { built: false, reason: 'no earlier build left its state (the first build, or one that did not finish)' }
  // the mode vite-ssg builds in, which vite's runner would otherwise set to development: vue's
  // production build renders the pages, as in a full build
  process.env.NODE_ENV ??= 'production'
  const { module, builtFor } = await builderModule()
  // the renderers a full build's prerender step imports (natively, in the worker processes)
  const renderers = [import.meta.resolve('vue/server-renderer'), import.meta.resolve('@unhead/vue/server')]
  return module.incrementalBuild({ root: ROOT, args: rest, renderers, explain, builtFor })
}

/**
 * The incremental build's code: the bundle the last full build kept beside its server bundle
 * (src/node/build/incremental/state.ts, BUILDER_FILE), imported natively, with the fingerprint
 * it was made for (`builtFor`, BUILDER_STAMP); where there is none, the typescript through
 * vite's module runner (about 0.7 s more on this project's machine).
 */
async function builderModule() {
  const kept = `${ROOT}node_modules/.cache/hangul-news/build/server/incremental-build`
  let builtFor
  try {
    builtFor = readFileSync(`${kept}.fingerprint`, 'utf8')
  } catch {
    // none kept (or only half of it, when a full build stopped between the two files)
  }
  if (builtFor !== undefined && existsSync(`${kept}.mjs`))
    return { module: await import(pathToFileURL(`${kept}.mjs`).href), builtFor }
  const { runnerImport } = await import('vite')
  const entry = fileURLToPath(new URL('../src/node/build/incremental/publish.ts', import.meta.url))
  const { module } = await runnerImport(entry, { root: ROOT, configFile: false, logLevel: 'error' })
  return { module }
}

/** `vite-ssg build` with `rest`, in a child process; resolves to its exit code. */
function fullBuild(rest, env) {
  const bin = fileURLToPath(new URL('../node_modules/vite-ssg/bin/vite-ssg.js', import.meta.url))
  const child = spawn(process.execPath, [bin, 'build', ...rest], { stdio: 'inherit', env })
  // a stop asked of this script is passed on: the build removes its staging folder (atomicBuild.ts)
  const forward = (signal) => child.kill(signal)
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  return new Promise((resolve) => {
    child.on('error', (err) => {
      console.error(`could not start vite-ssg: ${err.message}`)
      resolve(1)
    })
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1)))
  })
}

async function main() {
  const { rest, full, explain, ...flags } = splitArgs(process.argv.slice(2))
  const env = buildEnv(process.env, flags)
  const shown = [flags.drafts && 'drafts', flags.future && 'articles dated after the build time'].filter(Boolean)
  console.log(
    `building for ${env.NEWS_BUILD_TIME}${shown.length ? `, with ${shown.join(' and ')} (a preview: do not deploy it as the site)` : ''}`,
  )
  let reason = 'asked for (--full)'
  if (!full) {
    // (the incremental build reads the publishing flags where the content plugin does)
    Object.assign(process.env, env)
    let result
    try {
      result = await incremental(rest, explain)
    } catch (err) {
      // a fault of the incremental build itself: the full build makes dist/ right whatever it left
      result = { built: false, reason: `the incremental build failed (${String(err?.stack ?? err).slice(0, 2000)})` }
    }
    if (result.built) {
      process.exitCode = result.exitCode
      return
    }
    reason = result.reason
  }
  console.log(`[news:build] building everything: ${reason}`)
  process.exitCode = await fullBuild(rest, env)
}
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main()
