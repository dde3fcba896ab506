#!/usr/bin/env node
// npm run build [-- --drafts] [-- --future] [-- <vite-ssg build's own options, e.g. --base /news/>]:
// vite-ssg's command line rejects options it does not know, so this script takes the two of
// its own, hands them to the content plugin through the environment (src/node/content/publish.ts
// reads NEWS_DRAFTS, NEWS_FUTURE and NEWS_BUILD_TIME) and runs `vite-ssg build` with the rest.
// the build's time is taken here, once, so every process of the build lists the same articles.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** This script's own flags, taken out of the arguments; the rest go to vite-ssg as they are. */
export function splitArgs(argv) {
  const rest = []
  let drafts = false
  let future = false
  for (const arg of argv) {
    if (arg === '--drafts') drafts = true
    else if (arg === '--future') future = true
    else rest.push(arg)
  }
  return { drafts, future, rest }
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

function main() {
  const { rest, ...flags } = splitArgs(process.argv.slice(2))
  const env = buildEnv(process.env, flags)
  const shown = [flags.drafts && 'drafts', flags.future && 'articles dated after the build time'].filter(Boolean)
  console.log(
    `building for ${env.NEWS_BUILD_TIME}${shown.length ? `, with ${shown.join(' and ')} (a preview: do not deploy it as the site)` : ''}`,
  )
  const bin = fileURLToPath(new URL('../node_modules/vite-ssg/bin/vite-ssg.js', import.meta.url))
  const child = spawn(process.execPath, [bin, 'build', ...rest], { stdio: 'inherit', env })
  // a stop asked of this script is passed on: the build removes its staging folder (atomicBuild.ts)
  const forward = (signal) => child.kill(signal)
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  child.on('error', (err) => {
    console.error(`could not start vite-ssg: ${err.message}`)
    process.exitCode = 1
  })
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1)
  })
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main()
