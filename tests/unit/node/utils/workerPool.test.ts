// WorkerPool's worker processes (what prerendering runs in, with v8 flags of their own):
// tasks posted while a process still loads its module are answered, in order, by processes
// started with the flags asked for; a module that fails to load fails the pool's tasks.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MessageChannel } from 'node:worker_threads'
import { batches, onWorkersOrHere, serveTasks, WorkerPool } from '../../../../src/node/utils/workerPool'

let dir: string
let module: string
let broken: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hangul-pool-'))
  module = join(dir, 'worker.mjs')
  // answers a number with its product by the start data's factor, the process's pid and its flags
  await writeFile(
    module,
    `export function main(port, data) {
  port.on('message', (n) => port.postMessage({ result: { value: n * data.factor, pid: process.pid, argv: process.execArgv } }))
}\n`,
  )
  broken = join(dir, 'broken.mjs')
  await writeFile(broken, `throw new Error('this module does not load')\n`)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('node/workerPool processes', () => {
  it('answers every task, posted before the processes have loaded, from processes with the flags asked for', async () => {
    const pool = new WorkerPool<number, { value: number; pid: number; argv: string[] }>(
      { module, native: true, entry: 'main', data: { factor: 3 }, processArgs: ['--single-threaded-gc'] },
      2,
    )
    try {
      const out = await Promise.all(Array.from({ length: 20 }, (_, i) => pool.run(i)))
      expect(out.map((o) => o.value)).toEqual(Array.from({ length: 20 }, (_, i) => i * 3))
      // two processes of their own, neither of them this one, each with the flag
      const pids = new Set(out.map((o) => o.pid))
      expect(pids.size).toBe(2)
      expect(pids.has(process.pid)).toBe(false)
      for (const o of out) expect(o.argv).toContain('--single-threaded-gc')
    } finally {
      await pool.close()
    }
  }, 30_000)

  it('a module that does not load fails the tasks, naming why', async () => {
    const pool = new WorkerPool<number, number>({ module: broken, native: true, entry: 'main', processArgs: [] }, 1)
    try {
      await expect(pool.run(1)).rejects.toThrow('this module does not load')
    } finally {
      await pool.close()
    }
  }, 30_000)
})

describe('node/workerPool onWorkersOrHere', () => {
  const spec = () => ({ module, native: true, entry: 'main', data: { factor: 3 } })
  const here = (n: number) => ({ value: -n, pid: process.pid, argv: [] as string[] })

  it('runs the tasks on threads when given a worker, results in task order', async () => {
    const { results, ranOn } = await onWorkersOrHere(spec(), [1, 2, 3, 4, 5], 2, here)
    expect(ranOn).toBe('worker threads')
    expect(results.map((r) => r.value)).toEqual([3, 6, 9, 12, 15])
  }, 30_000)

  it('runs them in this thread when there is no worker, or no thread to start', async () => {
    for (const [worker, threads] of [
      [undefined, 2],
      [spec(), 0],
    ] as const) {
      const { results, ranOn } = await onWorkersOrHere(worker, [1, 2, 3], threads, here)
      expect(ranOn).toBe('this thread')
      expect(results.map((r) => r.value)).toEqual([-1, -2, -3])
    }
  })

  it('fails when a task fails on its thread, as it would here', async () => {
    await expect(onWorkersOrHere({ module: broken, native: true, entry: 'main' }, [1], 1, here)).rejects.toThrow(
      'this module does not load',
    )
  }, 30_000)

  it('cuts tasks into batches, in order', () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
    expect(batches([], 2)).toEqual([])
  })
})

describe('serveTasks', () => {
  it('hands over the buffers a result names, and copies the rest', async () => {
    const { port1, port2 } = new MessageChannel()
    const made: Uint8Array[] = []
    serveTasks<number, Uint8Array[]>(
      port1,
      (n) => {
        const out = [new Uint8Array(n).fill(7), new Uint8Array(3).fill(1)]
        made.push(...out)
        return out
      },
      ([first]) => [first.buffer as ArrayBuffer],
    )
    const answer = new Promise<{ result: Uint8Array[] }>((resolve) => port2.once('message', resolve))
    port2.postMessage(5)
    const { result } = await answer
    expect(result.map((b) => [...b])).toEqual([
      [7, 7, 7, 7, 7],
      [1, 1, 1],
    ])
    // the first was handed over (this side's is detached), the second copied
    expect(made[0].byteLength).toBe(0)
    expect(made[1].byteLength).toBe(3)
    port1.close()
  })
})
