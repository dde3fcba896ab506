// what a build leaves for the next one to build on (node_modules/.cache/hangul-news/build/):
// the fingerprint of its code, the page template, the ssr manifest and a copy of the server
// bundle it rendered with, and a key for every file of dist/ it made from the content. a full
// build removes the state before it starts and writes it once dist/ is in place; an
// incremental build removes it before it touches dist/ and writes it when it is done. so a
// build killed at any point leaves no state, and the next build is a full one.
import { existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundledModule } from '../../utils/bundleModule.ts'
import type { ContentPlace } from './record.ts'
import { cachePath } from '../../utils/cacheFolder.ts'

/** bumped whenever the state's shape or the meaning of its keys changes */
export const STATE_FORMAT = 2

export interface BuildState {
  format: number
  /** buildFingerprint of the code and settings the build ran with */
  fingerprint: string
  /** the dist/ folder this state describes, which a full build's swap makes anew */
  dist: { path: string; ino: number; dev: number }
  /** the content folder, its caches and the site's settings */
  place: ContentPlace
  /** the base the site was built under */
  base: string
  /** the route written as 404.html */
  notFoundRoute: string
  /** the site index module the app was bundled with (its header's categories are content) */
  index: string
  /** the client build's index.html, as pages are rendered into it */
  template: string
  /** the client build's ssr manifest */
  manifest: Record<string, string[]>
  /** the server bundle's entry, a file of the saved server folder */
  serverEntry: string
  /** every file of dist/ made from the content (pages, payloads, crawler files, photos): path -> key of its inputs */
  files: Record<string, string>
}

/** the folder of the state, the saved server bundle and its next version */
export function stateDir(root: string): string {
  return cachePath(root, 'build')
}

const stateFile = (root: string) => join(stateDir(root), 'state.json')
/** where the server bundle the state's pages were rendered with is kept */
export const serverDir = (root: string) => join(stateDir(root), 'server')
/** where a full build copies its server bundle before its state is written */
const nextServerDir = (root: string) => join(stateDir(root), 'server-next')

/** The identity of a folder: a full build's dist/ is a new folder (a renamed staging one). */
export function folderIdentity(path: string): BuildState['dist'] {
  const s = statSync(path)
  return { path, ino: s.ino, dev: s.dev }
}

/** What the last build left, or why there is nothing to build on (one line). */
export function readState(root: string): { state: BuildState } | { reason: string } {
  let text: string
  try {
    text = readFileSync(stateFile(root), 'utf8')
  } catch {
    return { reason: 'no earlier build left its state (the first build, or one that did not finish)' }
  }
  let state: BuildState
  try {
    state = JSON.parse(text) as BuildState
  } catch {
    return { reason: `${stateFile(root)} is damaged` }
  }
  const isMap = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (state?.format !== STATE_FORMAT || !isMap(state.files) || !isMap(state.place))
    return { reason: `${stateFile(root)} is from another version of this project` }
  if (!existsSync(join(serverDir(root), String(state.serverEntry))))
    return { reason: `the saved server bundle is missing from ${serverDir(root)}` }
  const outDir = String(state.dist?.path)
  let dist: BuildState['dist'] | undefined
  try {
    dist = folderIdentity(outDir)
  } catch {
    return { reason: `${outDir} is not there` }
  }
  if (dist.ino !== state.dist.ino || dist.dev !== state.dist.dev)
    return { reason: `${outDir} is not the folder the last build wrote` }
  return { state }
}

/** Forget the state, before a build changes dist/ (synchronous: the first thing a build does). */
export function clearState(root: string): void {
  rmSync(stateFile(root), { force: true })
}

/** Write the state, through a temporary file, once dist/ holds what it describes. */
export async function saveState(root: string, state: BuildState): Promise<void> {
  await mkdir(stateDir(root), { recursive: true })
  const tmp = `${stateFile(root)}.${process.pid}.tmp`
  await writeFile(tmp, JSON.stringify(state))
  await rename(tmp, stateFile(root))
}

/**
 * The incremental build's own code bundled, kept with the server bundle: scripts/build.mjs
 * imports it natively (in a tenth of the time vite's runner takes to load the typescript).
 * It is bundled as the full build starts, right after the fingerprint is taken, and stamped
 * with that fingerprint (BUILDER_STAMP, beside it): an incremental build runs only where the
 * stamp is the state's fingerprint (see IncrementalOptions.builtFor), so code a later full
 * build replaced never builds on that build's state, even when it was loaded before.
 */
const BUILDER_FILE = 'incremental-build.mjs'
const BUILDER_STAMP = 'incremental-build.fingerprint'
const BUILDER_ENTRY = fileURLToPath(new URL('./publish.ts', import.meta.url))
/** where a full build bundles it, until its server bundle is kept */
const nextBuilderDir = (root: string) => join(stateDir(root), 'builder-next')

/** A full build, as it starts: bundle the incremental build's code, stamped with `fingerprint` (taken of it just now). */
export async function makeBuilder(root: string, fingerprint: string): Promise<void> {
  const dir = nextBuilderDir(root)
  await rm(dir, { recursive: true, force: true })
  try {
    await bundledModule(BUILDER_ENTRY, join(dir, BUILDER_FILE), { packages: 'external' })
    await writeFile(join(dir, BUILDER_STAMP), fingerprint)
  } catch (err) {
    // the next build loads the typescript through vite's runner instead: slower to start, the same build
    await rm(dir, { recursive: true, force: true })
    console.warn(
      `[news:build] the incremental build's code could not be bundled: ${String((err as Error).message).slice(0, 500)}`,
    )
  }
}

/**
 * A full build: keep a copy of its server bundle (`from`, vite-ssg's temporary folder) for the
 * next builds, and the incremental build's code with it (`builder`: makeBuilder, under way).
 */
export async function keepServerBundle(root: string, from: string, builder?: Promise<void>): Promise<void> {
  await rm(nextServerDir(root), { recursive: true, force: true })
  await cp(from, nextServerDir(root), { recursive: true })
  await builder
  // the stamp last: a bundle without one is never run
  for (const name of [BUILDER_FILE, BUILDER_STAMP])
    await rename(join(nextBuilderDir(root), name), join(nextServerDir(root), name)).catch(() => {})
  await rm(nextBuilderDir(root), { recursive: true, force: true })
}

/** A full build, once dist/ is in place: the server bundle it kept becomes the one the state names. */
export function promoteServerBundle(root: string): void {
  if (!existsSync(nextServerDir(root))) return
  rmSync(serverDir(root), { recursive: true, force: true })
  renameSync(nextServerDir(root), serverDir(root))
}
