#!/usr/bin/env node
// npm run check [-- --dir <folder>]: validates the articles without building (see
// src/node/content/check.ts). node 20 cannot run typescript, so the checker is loaded through
// vite's module runner (runnerImport), which transforms it the way the build does.
import { fileURLToPath } from 'node:url'
import { runnerImport } from 'vite'

const root = fileURLToPath(new URL('..', import.meta.url))
// configFile: false — the checker needs none of the site's plugins, only the typescript
const { module } = await runnerImport(fileURLToPath(new URL('../src/node/content/check.ts', import.meta.url)), {
  root,
  configFile: false,
  logLevel: 'error',
})
process.exitCode = await module.main(process.argv.slice(2))
