// builds are exclusive and atomic: a build takes the project folder's lock before anything
// is written (buildLock.ts), writes the whole site into a staging folder beside dist/, and
// swaps it in once vite-ssg has finished (stagedOutput.ts). a build that fails, is stopped
// (ctrl-c, SIGTERM) or is killed leaves the previous dist/ as it was. before the swap, the
// files whose bytes did not change get their published modification time back, and the
// files written and removed are listed for a deploy of only those (changedFiles.ts).
//
// vite-ssg resolves the config once for itself, then once for each of its two builds: the
// config hook runs three times in one process, each time in a freshly loaded config (so the
// state is kept on globalThis, as bridge.ts does). the first call is the earliest moment a
// plugin sees the build, before vite-ssg clears its .vite-ssg-temp. vite-ssg reads where the
// client build wrote from that first resolved config, and its onFinished is the one moment
// after the last of its reads from there.
import { constants } from 'node:os'
import { relative, resolve } from 'node:path'
import type { Plugin } from 'vite'
import type { ViteSSGOptions } from 'vite-ssg'
import { acquireBuildLock, type BuildLock } from '../build/output/buildLock.ts'
import { changesDir, keepUnchangedTimes, saveChanges, type DistChanges } from '../build/output/changedFiles.ts'
import { buildFingerprint } from '../build/incremental/fingerprint.ts'
import { buildRecord } from '../build/incremental/record.ts'
import {
  clearState,
  folderIdentity,
  makeBuilder,
  promoteServerBundle,
  saveState,
  STATE_FORMAT,
} from '../build/incremental/state.ts'
import {
  commitStaging,
  discardStaging,
  prepareStaging,
  recoverLeftovers,
  stagedOutput,
  type StagedOutput,
} from '../build/output/stagedOutput.ts'

interface AtomicBuild {
  lock: BuildLock
  staged: StagedOutput
  committed: boolean
}

const KEY = Symbol.for('hangul-news:atomic-build')
const log = (message: string) => console.log(message)

/** this process's build: the lock taken (waited for), leftovers dealt with, the staging folder cleared */
function startBuild(root: string, outDir: string): Promise<AtomicBuild> {
  const store = globalThis as Record<symbol, Promise<AtomicBuild> | undefined>
  return (store[KEY] ??= (async () => {
    const lock = await acquireBuildLock(root, { log })
    const staged = stagedOutput(outDir)
    const build: AtomicBuild = { lock, staged, committed: false }
    onExit(build, root)
    for (const note of recoverLeftovers(staged)) log(`[news:build] ${note}`)
    prepareStaging(staged)
    // the state of the last build goes before anything changes; this one's is written once
    // dist/ holds it. the fingerprint is taken now, before vite reads any of the code
    clearState(root)
    const fingerprint = await buildFingerprint(root, vitessgArgs())
    Object.assign(buildRecord(), { fingerprint, builder: makeBuilder(root, fingerprint) })
    return build
  })())
}

/** on any exit but a finished build's: the staging folder removed and the lock released */
function onExit(build: AtomicBuild, root: string): void {
  process.once('exit', (code) => {
    if (!build.committed) {
      discardStaging(build.staged)
      // (a build that exits without an error but never reached vite-ssg's end: plain `vite build`)
      if (code === 0)
        console.warn(
          `[news:build] the build did not finish through vite-ssg, so ${relative(root, build.staged.outDir) || '.'}/ was left as it was: build with "npm run build"`,
        )
    }
    build.lock.release()
  })
  // node's default for these signals ends the process without its exit handlers
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => process.exit(128 + constants.signals[signal]))
  }
}

/** what the build changed, in a line, with where its lists are (saved there first) */
async function describeChanges(root: string, changes: DistChanges): Promise<string> {
  const count = (n: number) => n.toLocaleString('en-US')
  const what = `${count(changes.written.length)} files written, ${count(changes.removed.length)} removed, ${count(changes.unchanged)} unchanged`
  try {
    const saved = await saveChanges(changesDir(root), changes)
    return `${what} (listed in ${relative(root, saved.written)} and ${relative(root, saved.removed)})`
  } catch (err) {
    // the site is published; only a deploy of just the changes has to do without the lists
    return `${what} (their lists could not be saved: ${(err as Error).message})`
  }
}

/** the arguments vite-ssg was given after `build` (as scripts/build.mjs passes them on) */
const vitessgArgs = () => process.argv.slice(process.argv.indexOf('build') + 1)

/** Save what the next build builds on (incremental/state.ts), if this build noted all of it. */
async function leaveState(root: string, outDir: string): Promise<void> {
  const r = buildRecord()
  const { fingerprint, place, base, notFoundRoute, index, template, manifest, serverEntry } = r
  if (
    !fingerprint ||
    !place ||
    base === undefined ||
    !notFoundRoute ||
    !index ||
    !template ||
    !manifest ||
    !serverEntry
  )
    return
  try {
    promoteServerBundle(root)
    const files = Object.fromEntries(r.files)
    const state = {
      format: STATE_FORMAT,
      fingerprint,
      place,
      base,
      notFoundRoute,
      index,
      template,
      manifest,
      serverEntry,
    }
    await saveState(root, { ...state, dist: folderIdentity(outDir), files })
  } catch (err) {
    // the site is published; the next build is a full one
    console.warn(`[news:build] the state for the next build could not be saved: ${(err as Error).message}`)
  }
}

export function atomicBuildPlugin(): Plugin {
  return {
    name: 'news:atomic-build',
    apply: 'build',
    enforce: 'pre',
    async config(user) {
      // vite-ssg's server bundle goes to its own .vite-ssg-temp, which the lock covers
      if (user.build?.ssr) return
      const root = resolve(user.root ?? process.cwd())
      const build = await startBuild(root, resolve(root, user.build?.outDir ?? 'dist'))
      const theirs = user.ssgOptions?.onFinished
      const ssgOptions: ViteSSGOptions = {
        async onFinished() {
          // the project's own hook finishes the build where it was made (it removes the
          // build-only files), before the build is published
          await theirs?.()
          const changes = await keepUnchangedTimes(build.staged.staging, build.staged.outDir)
          const note = await commitStaging(build.staged)
          build.committed = true
          build.lock.release()
          if (note) console.warn(`[news:build] ${note}`)
          await leaveState(root, build.staged.outDir)
          const out = relative(root, build.staged.outDir) || '.'
          log(`[news:build] ${out}/ now holds the new build: ${await describeChanges(root, changes)}`)
        },
      }
      return { build: { outDir: build.staged.staging }, ssgOptions }
    },
  }
}
