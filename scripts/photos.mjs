#!/usr/bin/env node
// npm run photos [-- --prune]: makes the variants of the photos the articles use that variants/
// does not hold yet (see src/node/build/images/makePhotos.ts).
import { runMain } from './runMain.mjs'

await runMain('src/node/build/images/makePhotos.ts')
