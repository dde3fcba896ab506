#!/usr/bin/env node
// npm run check [-- --dir <folder>]: validates the articles without building (see
// src/node/content/check.ts).
import { runMain } from './runMain.mjs'

await runMain('src/node/content/check.ts')
