import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  acquireBuildLock,
  currentOwner,
  LOCK_FILE,
  staleReason,
  waitFromEnv,
  DEFAULT_WAIT_MS,
  type LockOwner,
} from '../../../../../src/node/build/output/buildLock'

let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'build-lock-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

/** the number of a process that has ended */
function endedPid(): number {
  return Number(
    spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout,
  )
}

async function writeLock(owner: Partial<LockOwner>) {
  await writeFile(join(root, LOCK_FILE), JSON.stringify({ ...currentOwner(), ...owner }))
}

describe('node/buildLock', () => {
  it('is taken and released by one build, and leaves nothing behind', async () => {
    const lock = await acquireBuildLock(root, { waitMs: 0 })
    const held = JSON.parse(await readFile(join(root, LOCK_FILE), 'utf8'))
    expect(held).toMatchObject({ pid: process.pid, host: hostname() })
    lock.release()
    expect(existsSync(join(root, LOCK_FILE))).toBe(false)
    // (and again, now that it is free)
    ;(await acquireBuildLock(root, { waitMs: 0 })).release()
  })

  it('refuses a second build at once with waitMs 0, naming the build that holds it', async () => {
    // a live process that is not this one: the parent of this test's process
    await writeLock({ pid: process.ppid, started: Date.parse('2024-06-20T09:15:30') })
    const error = await acquireBuildLock(root, { waitMs: 0, log: () => {} }).then(
      () => new Error('the lock was taken twice'),
      (e: Error) => e,
    )
    expect(error.message).toContain(
      `another build is running in this folder (pid ${process.ppid}, started at 09:15:30)`,
    )
    expect(error.message).toContain(`if no build is running, delete ${join(root, LOCK_FILE)}`)
    // the other build's lock is untouched
    expect(JSON.parse(await readFile(join(root, LOCK_FILE), 'utf8')).pid).toBe(process.ppid)
  })

  it('waits for the other build, saying so once, and takes the lock when it is released', async () => {
    const first = await acquireBuildLock(root, { waitMs: 0 })
    // (this process's own lock stands for the other build's: one it holds is never stale)
    const said: string[] = []
    const second = acquireBuildLock(root, { waitMs: 5000, pollMs: 20, log: (m) => said.push(m) })
    await new Promise((r) => setTimeout(r, 150))
    expect(said).toHaveLength(1)
    expect(said[0]).toMatch(
      new RegExp(
        `another build is running in this folder \\(pid ${process.pid}, .*\\); waiting for it to finish \\(up to 5 s`,
      ),
    )
    first.release()
    const lock = await second
    expect(lock.owner.pid).toBe(process.pid)
    lock.release()
  })

  it('gives up after waitMs, saying how long it waited', async () => {
    await writeLock({ pid: process.ppid })
    const started = Date.now()
    const error = await acquireBuildLock(root, { waitMs: 300, pollMs: 20, log: () => {} }).catch((e: Error) => e)
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    expect((error as Error).message).toMatch(/and did not finish within 0.3 s: builds run one at a time/)
  })

  it('takes over the lock of a build whose process has ended, with a note', async () => {
    const pid = endedPid()
    await writeLock({ pid })
    const said: string[] = []
    const lock = await acquireBuildLock(root, { waitMs: 0, log: (m) => said.push(m) })
    expect(said.join('\n')).toContain(
      `took over the lock ${join(root, LOCK_FILE)} of an earlier build (pid ${pid}, started at`,
    )
    expect(said.join('\n')).toContain(`its process ${pid} has ended`)
    expect(lock.owner.pid).toBe(process.pid)
    lock.release()
  })

  it('takes over the lock of a build from before the machine restarted, whatever holds its pid now', async () => {
    const here = currentOwner()
    // (the pid is a live process's, as it may be after a restart)
    const before: LockOwner = {
      ...here,
      pid: process.ppid,
      bootId: here.bootId ? 'another-boot' : undefined,
      bootedAt: here.bootedAt - 86_400_000,
    }
    expect(staleReason(before, here)).toBe('the machine has restarted since')
    await writeLock(before)
    const said: string[] = []
    ;(await acquireBuildLock(root, { waitMs: 0, log: (m) => said.push(m) })).release()
    expect(said.join('\n')).toContain('the machine has restarted since')
  })

  it('does not take over a live build, nor one on another machine it cannot check', () => {
    const here = currentOwner()
    expect(staleReason({ ...here, pid: process.ppid }, here)).toBeUndefined()
    expect(staleReason({ ...here, pid: endedPid(), host: 'another-host' }, here)).toBeUndefined()
    // this process's own number in a lock it does not hold: left by an earlier process
    expect(staleReason({ ...here }, here)).toMatch(/has ended/)
    expect(staleReason({ ...here }, here, true)).toBeUndefined()
  })

  it('releases only its own lock', async () => {
    const lock = await acquireBuildLock(root, { waitMs: 0 })
    await writeLock({ pid: process.ppid })
    lock.release()
    expect(JSON.parse(await readFile(join(root, LOCK_FILE), 'utf8')).pid).toBe(process.ppid)
  })

  it('waits as long as HANGUL_BUILD_WAIT says, in seconds', () => {
    expect(waitFromEnv('0')).toBe(0)
    expect(waitFromEnv('90')).toBe(90_000)
    expect(waitFromEnv(undefined)).toBe(DEFAULT_WAIT_MS)
    expect(waitFromEnv('')).toBe(DEFAULT_WAIT_MS)
    expect(waitFromEnv('soon')).toBe(DEFAULT_WAIT_MS)
    expect(waitFromEnv('-1')).toBe(DEFAULT_WAIT_MS)
  })
})
