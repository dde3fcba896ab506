// what a full build notes as it goes, for the state it leaves (state.ts): each plugin adds
// what it knows (the content plugin the site index module, the html plugin the crawler files,
// the prerender step the pages and payloads, the photos plugin the photos), and the atomic
// build plugin saves it once dist/ is in place. kept on globalThis: vite-ssg loads the config,
// and so the plugins, more than once in one process.
import { createHash } from 'node:crypto'
import type { SiteConfig } from '../../../shared/types.ts'

/** where the content and its caches are, and the site's checked settings: what the content plugin was given */
export interface ContentPlace {
  /** the content folder, absolute */
  contentDir: string
  /** vite's public folder ('' for none) */
  publicDir: string
  /** the build's cache of rendered articles (cache/buildCache.ts) */
  contentCache: string
  /** the photos' variants' folder (images/photoCache.ts), and the file keeping the reads of photo files (images/photoReader.ts) */
  variantsDir: string
  photoReads: string
  site: SiteConfig
}

export interface BuildRecord {
  place?: ContentPlace
  /** the code's fingerprint, taken when the build started (before vite read anything) */
  fingerprint?: string
  base?: string
  notFoundRoute?: string
  index?: string
  template?: string
  manifest?: Record<string, string[]>
  serverEntry?: string
  /** the files of dist/ made from the content: path -> inputKey of what made it */
  files: Map<string, string>
  /** the incremental build's code being bundled for the next builds (state.ts makeBuilder) */
  builder?: Promise<void>
}

const KEY = Symbol.for('hangul-news:build-record')

/** This process's record (made on first use). */
export function buildRecord(): BuildRecord {
  const store = globalThis as Record<symbol, BuildRecord | undefined>
  return (store[KEY] ??= { files: new Map() })
}

/**
 * The key of a file's inputs: a page's payload (its html is the app's rendering of it, and
 * the app is the same while the fingerprint is), a payload's or a crawler file's text.
 */
export function inputKey(text: string | Uint8Array): string {
  return createHash('sha1').update(text).digest('base64url')
}
