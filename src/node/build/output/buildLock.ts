// one build at a time in a project folder: two builds at once would write the same dist/
// and .vite-ssg-temp/ and both fail, leaving dist/ with files missing. so a build takes a
// lock file in the project root before it writes anything; another build waits for it (for a
// bounded time) or stops, naming the build that holds it. a lock whose build is gone (its
// process ended without releasing it, or the machine restarted since) is taken over.
import { readFileSync, linkSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { hostname, uptime } from 'node:os'
import { join } from 'node:path'

export const LOCK_FILE = '.build.lock'
/** how long a build waits for another by default (HANGUL_BUILD_WAIT, in seconds, sets it) */
export const DEFAULT_WAIT_MS = 10 * 60_000

/** What the lock file says about the build that holds it. */
export interface LockOwner {
  pid: number
  host: string
  /** this boot of the machine (linux's boot id), to tell a pid from before a restart */
  bootId?: string
  /** when the machine booted (ms), where there is no boot id */
  bootedAt: number
  /** when the build took the lock (ms) */
  started: number
}

export interface BuildLock {
  path: string
  owner: LockOwner
  /** removes the lock file if it is still this build's (synchronous: it runs on exit) */
  release(): void
}

export interface LockOptions {
  /** how long to wait for another build (ms); 0 stops at once */
  waitMs?: number
  /** how often to look again while waiting (ms) */
  pollMs?: number
  /** where the waiting and the taking over are said */
  log?: (message: string) => void
}

/** The wait HANGUL_BUILD_WAIT (seconds) asks for, or the default. */
export function waitFromEnv(value = process.env.HANGUL_BUILD_WAIT): number {
  const seconds = Number(value)
  return value !== undefined && value.trim() !== '' && Number.isFinite(seconds) && seconds >= 0
    ? seconds * 1000
    : DEFAULT_WAIT_MS
}

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined
  } catch {
    // not linux: the boot time is compared instead
    return undefined
  }
}

export function currentOwner(): LockOwner {
  return {
    pid: process.pid,
    host: hostname(),
    bootId: bootId(),
    bootedAt: Date.now() - uptime() * 1000,
    started: Date.now(),
  }
}

/**
 * Why the build that holds this lock is gone, or undefined if it may still run. A lock taken
 * on another machine (a shared folder) cannot be checked from here, and is waited for.
 */
export function staleReason(owner: LockOwner, here: LockOwner = currentOwner(), holding = false): string | undefined {
  if (owner.host !== here.host) return undefined
  // (a clock set since the boot moves the boot time worked out from it: a restart is taken
  // as one only well beyond that)
  const rebooted =
    owner.bootId && here.bootId ? owner.bootId !== here.bootId : Math.abs(owner.bootedAt - here.bootedAt) > 5 * 60_000
  if (rebooted) return 'the machine has restarted since'
  if (owner.pid === here.pid && !holding) return `its process ${owner.pid} has ended (this process has its number now)`
  try {
    process.kill(owner.pid, 0)
    return undefined
  } catch (err) {
    // EPERM: a process of another user has that number; it may be the build
    return (err as NodeJS.ErrnoException).code === 'ESRCH' ? `its process ${owner.pid} has ended` : undefined
  }
}

function readOwner(path: string): LockOwner | 'unreadable' | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  try {
    const owner = JSON.parse(text) as LockOwner
    return Number.isInteger(owner.pid) && typeof owner.host === 'string' ? owner : 'unreadable'
  } catch {
    // being written (a file system without links) or left broken: its age decides (unreadableStale)
    return 'unreadable'
  }
}

export function describeOwner(owner: LockOwner, here = hostname()): string {
  const at = new Date(owner.started).toLocaleTimeString('en-GB')
  return `pid ${owner.pid}${owner.host === here ? '' : ` on ${owner.host}`}, started at ${at}`
}

/** creates the lock file with its contents in one step (a link to a file already written), or throws EEXIST */
function create(path: string, owner: LockOwner): void {
  const text = `${JSON.stringify(owner)}\n`
  const temp = `${path}.${owner.pid}.tmp`
  writeFileSync(temp, text)
  try {
    linkSync(temp, path)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw err
    // a file system without hard links: an exclusive create, written at once after
    writeFileSync(path, text, { flag: 'wx' })
  } finally {
    unlinkSync(temp)
  }
}

/**
 * Removes a stale lock, unless another build took it meanwhile: it is moved aside first (one
 * build can), and put back if it is not the one found stale.
 */
function takeOver(path: string, stale: LockOwner | 'unreadable'): void {
  const aside = `${path}.stale-${process.pid}`
  try {
    renameSync(path, aside)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return
    throw err
  }
  const moved = readOwner(aside)
  const same =
    stale === 'unreadable'
      ? moved === 'unreadable'
      : typeof moved === 'object' && moved.pid === stale.pid && moved.started === stale.started
  if (!same) {
    try {
      linkSync(aside, path)
    } catch {
      // another build has taken the lock since: it is the one that holds it now
    }
  }
  unlinkSync(aside)
}

/** lock files this process holds (kept on globalThis: vite loads the config, and so this module, more than once) */
const held = ((globalThis as Record<symbol, unknown>)[Symbol.for('hangul-news:build-locks')] ??=
  new Set<string>()) as Set<string>

const seconds = (ms: number) => `${ms < 10_000 ? Number((ms / 1000).toFixed(1)) : Math.round(ms / 1000)} s`

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

/**
 * Take the build lock of this project folder: at once, or once the build that holds it ends
 * (within `waitMs`), or by taking over a stale one. Rejects, naming the other build, when
 * it still runs after `waitMs`.
 */
export async function acquireBuildLock(
  root: string,
  { waitMs = waitFromEnv(), pollMs = 250, log = console.log }: LockOptions = {},
): Promise<BuildLock> {
  const path = join(root, LOCK_FILE)
  const owner = currentOwner()
  const deadline = Date.now() + waitMs
  let told = false
  for (;;) {
    try {
      create(path, owner)
      held.add(path)
      return { path, owner, release: () => release(path, owner) }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    const other = readOwner(path)
    // (released meanwhile)
    if (other === undefined) continue
    const reason = other === 'unreadable' ? unreadableStale(path) : staleReason(other, owner, held.has(path))
    if (reason) {
      takeOver(path, other)
      log(
        `[news:build] took over the lock ${path} of an earlier build${other === 'unreadable' ? '' : ` (${describeOwner(other)})`}: ${reason}`,
      )
      continue
    }
    const who = other === 'unreadable' ? 'a build that is starting' : describeOwner(other)
    if (Date.now() >= deadline) {
      const waited = waitMs > 0 ? ` and did not finish within ${seconds(waitMs)}` : ''
      throw new Error(
        `another build is running in this folder (${who})${waited}: builds run one at a time. ` +
          `Wait for it to finish and build again; if no build is running, delete ${path}`,
      )
    }
    if (!told) {
      told = true
      log(
        `[news:build] another build is running in this folder (${who}); waiting for it to finish ` +
          `(up to ${seconds(waitMs)}; HANGUL_BUILD_WAIT=<seconds> sets how long, 0 stops at once)`,
      )
    }
    await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())))
  }
}

/** a lock file that is not json: being written (a file system without links) or left broken */
function unreadableStale(path: string): string | undefined {
  try {
    return Date.now() - statSync(path).mtimeMs > 10_000 ? 'its lock file is unreadable' : undefined
  } catch {
    // gone since it was read: not stale, and the next attempt takes the lock
    return undefined
  }
}

function release(path: string, owner: LockOwner): void {
  held.delete(path)
  const now = readOwner(path)
  if (typeof now !== 'object' || now.pid !== owner.pid || now.started !== owner.started) return
  try {
    unlinkSync(path)
  } catch (err) {
    // (gone already: nothing to release)
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
}
