// where the site keeps what one run leaves for the next (the build's cache of rendered
// articles, the last build's state, the index worker's bundle, the deploy lists): under
// node_modules/.cache/hangul-news/, where tools keep their caches: never in dist/, and gone
// with a fresh install. scripts/build.mjs, plain javascript, spells it out once more.
import { join } from 'node:path'

/** A path under the project's cache folder (node_modules/.cache/hangul-news/). */
export function cachePath(root: string, ...names: string[]): string {
  return join(root, 'node_modules', '.cache', 'hangul-news', ...names)
}
