// a few worker threads for the build's cpu-bound steps (rendering article bodies,
// prerendering pages), so a large archive uses every core. a worker runs a typescript
// module of this project, loaded through vite's module runner the way vite loads
// vite.config.ts, or a module already built to javascript (`native`), which keeps the
// runner's module hooks out of that thread; modules it is handed as urls load natively.
import { availableParallelism } from 'node:os'
import { spawn, type ChildProcess, type Serializable } from 'node:child_process'
import { Worker, type MessagePort } from 'node:worker_threads'

/** What a worker is started with. */
export interface WorkerSpec {
  /** absolute path of the typescript module the worker runs, or with `native` a javascript file */
  module: string
  /**
   * the module is javascript, imported natively. vite's runner registers node module hooks
   * in the thread it runs in (node 20), after which every dynamic import() makes a round
   * trip to a hooks thread, which the app's lazy routes would pay on every page prerendered.
   */
  native?: boolean
  /** the name of its export called as `(port, data, natives)` */
  entry: string
  /** handed to the entry as is (structured clone) */
  data?: unknown
  /** urls the worker imports natively before the entry runs, handed to it as modules */
  natives?: string[]
  /**
   * run each worker as a node process of its own, started with these options, instead of a
   * thread (a `native` module only). v8's flags are the process's: a process of its own is
   * the one way to give a worker different ones (see prerender.ts)
   */
  processArgs?: string[]
  /**
   * old-generation heap of each worker, in MiB (WORKER_HEAP_MB unless said): a task that
   * holds the whole archive (the search index's) needs room in proportion to it
   */
  heapMb?: number
}

// plain commonjs, so the worker needs no loader of its own to start the module runner
const BOOTSTRAP = `
const { workerData, parentPort } = require('node:worker_threads')
;(async () => {
  const natives = []
  for (const url of workerData.natives) natives.push(await import(url))
  const module = workerData.native
    ? await import(require('node:url').pathToFileURL(workerData.module).href)
    : (await (await import(workerData.vite)).runnerImport(workerData.module)).module
  await module[workerData.entry](parentPort, workerData.data, natives)
})().catch((err) => parentPort.postMessage({ fatal: String((err && err.stack) || err) }))
`

// the same for a worker process: its task port is the process's ipc channel. the first
// message is its start data; tasks that come while its module loads wait for its listener
// (a process drops a message no listener takes)
const PROCESS_BOOTSTRAP = `
let handler
let workerData
const waiting = []
const port = {
  on: (event, fn) => { if (event === 'message') { handler = fn; waiting.splice(0).forEach(fn) } },
  postMessage: (msg) => process.send(msg),
}
process.on('message', (msg) => {
  if (workerData === undefined) return void start((workerData = msg))
  if (handler) handler(msg)
  else waiting.push(msg)
})
async function start(workerData) {
  try {
    const natives = []
    for (const url of workerData.natives) natives.push(await import(url))
    const module = await import(require('node:url').pathToFileURL(workerData.module).href)
    await module[workerData.entry](port, workerData.data, natives)
  } catch (err) {
    process.send({ fatal: String((err && err.stack) || err) })
  }
}
process.on('disconnect', () => process.exit(0))
`

/** A worker process, seen as the pool sees a thread. */
class ProcessWorker {
  private child: ChildProcess
  constructor(args: string[], data: unknown) {
    this.child = spawn(process.execPath, [...args, '-e', PROCESS_BOOTSTRAP], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // structured clone, as between threads (strings and typed arrays as they are)
      serialization: 'advanced',
      env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' },
    })
    this.child.send(data as Serializable)
  }
  on(event: 'message' | 'error' | 'exit', fn: (arg: any) => void): void {
    this.child.on(event, fn)
  }
  postMessage(msg: unknown): void {
    this.child.send(msg as Serializable)
  }
  async terminate(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return
    const exited = new Promise((r) => this.child.once('exit', r))
    this.child.kill()
    await exited
  }
}

interface AnyWorker {
  postMessage(msg: unknown): void
  terminate(): Promise<unknown>
  on(event: 'message' | 'error' | 'exit', fn: (arg: any) => void): unknown
}

/** old-generation heap of a worker, in MiB, unless its spec says (a rendering task's live data is tens of MiB) */
export const WORKER_HEAP_MB = 256

/** Threads to use: HANGUL_WORKERS, or one per core up to four. */
export function workerCount(): number {
  const forced = Number(process.env.HANGUL_WORKERS)
  if (Number.isInteger(forced) && forced >= 0) return forced
  return Math.max(1, Math.min(availableParallelism(), 4))
}

/** The url of vite's node entry, or undefined where it cannot be resolved (then no workers). */
export function viteUrl(): string | undefined {
  try {
    return import.meta.resolve('vite')
  } catch {
    // not resolvable from this file's folder: a pool refuses to start, saying so
    return undefined
  }
}

interface Pending {
  resolve: (v: unknown) => void
  reject: (e: Error) => void
}

/** A pool of identical workers taking tasks in turn; `run` resolves with a task's result. */
export class WorkerPool<I, O> {
  private workers: AnyWorker[] = []
  private idle: AnyWorker[] = []
  private queue: Array<{ input: I; pending: Pending }> = []
  private busy = new Map<AnyWorker, Pending>()
  private failed: Error | undefined
  private closed = false

  constructor(spec: WorkerSpec, size = workerCount()) {
    const vite = viteUrl()
    if (!vite) throw new Error('vite cannot be resolved from here: no worker threads')
    for (let i = 0; i < Math.max(1, size); i++) {
      const workerData = {
        vite,
        module: spec.module,
        native: !!spec.native,
        entry: spec.entry,
        data: spec.data,
        natives: spec.natives ?? [],
      }
      if (spec.processArgs && !spec.native) throw new Error('a worker process runs a javascript module only')
      const heapMb = spec.heapMb ?? WORKER_HEAP_MB
      const worker: AnyWorker = spec.processArgs
        ? new ProcessWorker([...spec.processArgs, `--max-old-space-size=${heapMb}`], workerData)
        : new Worker(BOOTSTRAP, {
            eval: true,
            workerData,
            // the production builds of vue and friends, as in the main thread of a build
            env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' },
            // a task keeps little alive, but with gigabytes free v8 collects late, so each
            // thread's heap would grow far past what it uses and the build past its memory
            // target. the young generation is larger than v8's default: rendering makes many
            // short-lived objects, and a larger one lets more of them die before it is collected
            resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 48 },
          })
      worker.on('message', (msg: { fatal?: string; result?: O; error?: string }) => {
        if (this.closed) return
        if (msg.fatal) return this.fail(new Error(`a worker thread failed to start:\n${msg.fatal}`))
        const pending = this.busy.get(worker)
        this.busy.delete(worker)
        if (msg.error !== undefined) pending?.reject(new Error(msg.error))
        else pending?.resolve(msg.result)
        this.release(worker)
      })
      worker.on('error', (err: Error) => this.fail(err))
      worker.on('exit', (code: number | null) => {
        if (code !== 0 && !this.closed) this.fail(new Error(`a worker thread exited with code ${code}`))
      })
      this.workers.push(worker)
      // idle at once: a task posted before the thread has loaded its module waits in its port
      // until serveTasks listens. so `run` hands a task over at the call, and the caller's
      // thread may go straight on to work of its own (the build makes the search index while
      // a thread works out the related lists). were a task held until the thread said it was
      // ready, it would sit in the queue until the caller's own work was done, and the two
      // would run one after the other
      this.idle.push(worker)
    }
  }

  get size(): number {
    return this.workers.length
  }

  run(input: I): Promise<O> {
    if (this.failed) return Promise.reject(this.failed)
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, pending: { resolve: resolve as (v: unknown) => void, reject } })
      const worker = this.idle.pop()
      if (worker) this.release(worker)
    })
  }

  private release(worker: AnyWorker): void {
    const next = this.queue.shift()
    if (!next) {
      this.idle.push(worker)
      return
    }
    this.busy.set(worker, next.pending)
    worker.postMessage(next.input)
  }

  private fail(err: Error): void {
    if (this.failed) return
    this.failed = err
    for (const p of this.busy.values()) p.reject(err)
    for (const q of this.queue) q.pending.reject(err)
    this.busy.clear()
    this.queue = []
    void this.close()
  }

  async close(): Promise<void> {
    this.closed = true
    await Promise.all(this.workers.map((w) => w.terminate()))
  }
}

/** Worker side: answer each task posted to `port` (a thread's, or a worker process's ipc) with `handle`'s result, one at a time. */
export function serveTasks<I, O>(
  port: Pick<MessagePort, 'on' | 'postMessage'>,
  handle: (input: I) => O | Promise<O>,
  /** the buffers of a task's result to hand over rather than copy (a thread's; a process's ipc copies all) */
  transfer?: (result: O, input: I) => ArrayBuffer[],
): void {
  port.on('message', async (input: I) => {
    try {
      const result = await handle(input)
      port.postMessage({ result }, transfer?.(result, input) ?? [])
    } catch (err) {
      port.postMessage({ error: String((err as Error)?.stack ?? err) })
    }
  })
}

/** Where work ran: on worker threads, or in the thread that asked for it. */
export type RanOn = 'worker threads' | 'this thread'

/**
 * Run `tasks` on up to `threads` worker threads started from `worker`, results in task
 * order; in this thread with `here` instead when `worker` is undefined (the caller judged the
 * work too small to be worth starting threads) or no thread can be started. Every task is
 * handed to its thread at the call (see WorkerPool), so two calls made one after the other
 * run side by side. A task that fails on a thread fails the call: it would fail here too.
 */
export async function onWorkersOrHere<I, O>(
  worker: string | WorkerSpec | undefined,
  tasks: I[],
  threads: number,
  here: (task: I) => O | Promise<O>,
): Promise<{ results: O[]; ranOn: RanOn }> {
  const pool = worker === undefined ? undefined : startPool<I, O>(worker, Math.min(threads, tasks.length))
  if (!pool) return { results: await Promise.all(tasks.map(here)), ranOn: 'this thread' }
  try {
    return { results: await Promise.all(tasks.map((t) => pool.run(t))), ranOn: 'worker threads' }
  } finally {
    await pool.close()
  }
}

/** A pool of `size` workers, or undefined when there are none to start. */
function startPool<I, O>(worker: string | WorkerSpec, size: number): WorkerPool<I, O> | undefined {
  if (size < 1) return undefined
  try {
    return new WorkerPool<I, O>(typeof worker === 'string' ? { module: worker, entry: 'main' } : worker, size)
  } catch {
    // no thread can be started here (vite cannot be resolved, or a thread will not construct): the work stays in this thread
    return undefined
  }
}

/** `items` cut into runs of `size`, in order: the tasks a pool shares out. */
export function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
