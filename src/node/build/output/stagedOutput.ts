// a build writes a new folder next to dist/ and swaps it in only once it is complete, so a
// build that fails or is killed leaves the previous dist/ as it was. the new folder is a
// sibling of dist/ so that both are on one file system (a rename cannot cross two), and its
// name starts with a dot: hidden, outside what a host serves from dist/, and passed over by
// vite's scan of the project's html files.
import { existsSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs'
import { cp, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

export interface StagedOutput {
  /** the folder the site is published in (dist/; the folder it links to, if it is a link) */
  outDir: string
  /** where this build writes: `.dist-staging-<pid>` beside it */
  staging: string
  /** where the previous dist/ goes for the moment of the swap: `.dist-previous-<pid>` */
  previous: string
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** the staging, previous and incoming (an incremental build's) folders of any build of this outDir: [whole, kind, pid] */
const leftoverName = (out: string) =>
  new RegExp(`^\\.${escapeRegExp(basename(out))}-(staging|previous|incoming)-(\\d+)$`)

/** Where an incremental build of `outDir` makes its files before they are moved in: `.dist-incoming-<pid>` beside it. */
export function incomingFolder(outDir: string, pid = process.pid): string {
  return join(dirname(outDir), `.${basename(outDir)}-incoming-${pid}`)
}

/** The folders of this process's build of `outDir` (absolute). */
export function stagedOutput(outDir: string, pid = process.pid): StagedOutput {
  let out = outDir
  try {
    // a dist/ that links elsewhere: that folder is the one replaced, and the link stays
    out = realpathSync(outDir)
  } catch {
    // (not there yet: the first build)
  }
  const dir = dirname(out)
  const name = basename(out)
  return { outDir: out, staging: join(dir, `.${name}-staging-${pid}`), previous: join(dir, `.${name}-previous-${pid}`) }
}

/**
 * Under the build lock, before the build: what an earlier build left when it was killed.
 * A dist/ moved aside by a swap that did not finish is put back; other builds' staging and
 * previous folders are removed. Returns what was done, to be said.
 */
export function recoverLeftovers(s: StagedOutput): string[] {
  const dir = dirname(s.outDir)
  const pattern = leftoverName(s.outDir)
  let names: string[]
  try {
    names = readdirSync(dir).filter((n) => pattern.test(n))
  } catch {
    // the folder dist/ goes in cannot be listed (not there yet): no build can have left anything in it
    return []
  }
  const notes: string[] = []
  if (!existsSync(s.outDir)) {
    // (the newest, should there be more than one)
    const previous = names
      .filter((n) => pattern.exec(n)![1] === 'previous')
      .map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs }))
      .sort((a, b) => b.t - a.t)[0]
    if (previous) {
      renameSync(join(dir, previous.n), s.outDir)
      names = names.filter((n) => n !== previous.n)
      notes.push(`put back ${basename(s.outDir)}/, which an interrupted build had moved to ${previous.n}`)
    }
  }
  for (const n of names) {
    rmSync(join(dir, n), { recursive: true, force: true })
    notes.push(`removed ${n}, left by an interrupted build`)
  }
  return notes
}

/** Clear the staging folder for a build to write into. */
export function prepareStaging(s: StagedOutput): void {
  rmSync(s.staging, { recursive: true, force: true })
}

/**
 * Put the finished build in place of dist/: dist/ is moved aside, the new folder takes its
 * name, and the old one is removed. The two renames are synchronous, one after the other:
 * nothing of this process runs between them, and a process killed there leaves dist/ aside
 * for the next build to put back (recoverLeftovers). Returns a note when it could not be
 * done so.
 */
export async function commitStaging(s: StagedOutput): Promise<string | undefined> {
  const hadPrevious = existsSync(s.outDir)
  if (hadPrevious) {
    try {
      renameSync(s.outDir, s.previous)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code !== 'EBUSY' && code !== 'EXDEV' && code !== 'EPERM') throw err
      // dist/ is a mount point (a container's volume) and cannot be renamed: its contents
      // are replaced instead, which a reader can see half done
      for (const name of readdirSync(s.outDir)) await rm(join(s.outDir, name), { recursive: true, force: true })
      await cp(s.staging, s.outDir, { recursive: true })
      await rm(s.staging, { recursive: true, force: true })
      return `${s.outDir} cannot be renamed (${code}: a mount point?), so its contents were replaced one by one rather than at once`
    }
  }
  try {
    renameSync(s.staging, s.outDir)
  } catch (err) {
    if (hadPrevious) renameSync(s.previous, s.outDir)
    throw new Error(`the new build could not replace ${s.outDir} (${(err as Error).message}); it was left as it was`)
  }
  if (hadPrevious) await rm(s.previous, { recursive: true, force: true })
  return undefined
}

/** Remove what a build that did not finish wrote (synchronous: it runs on exit). */
export function discardStaging(s: StagedOutput): void {
  rmSync(s.staging, { recursive: true, force: true })
}
