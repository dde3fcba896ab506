// a worker thread's module bundled into one javascript file (see workerPool.ts `native`).
// apart from workerPool.ts, which the workers themselves import: this one loads rolldown.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { threadId } from 'node:worker_threads'

/**
 * `entry` (a typescript module) and all it imports bundled into one javascript file at
 * `file`, made only when it is not there yet (so `file` names the code's version): a
 * thread starts from it at once, where vite's runner would load and transform the module
 * graph (and vite itself) in each thread, which on a busy machine delays its first task.
 */
export async function bundledModule(entry: string, file: string): Promise<string> {
  if (existsSync(file)) return file
  const { rolldown } = await import('rolldown')
  const bundle = await rolldown({ input: entry, platform: 'node', logLevel: 'silent' })
  try {
    const { output } = await bundle.generate({ format: 'esm' })
    await mkdir(dirname(file), { recursive: true })
    // a name of its own for every writer (processes, threads, loaders), then renamed into place
    const tmp = `${file}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`
    try {
      await writeFile(tmp, output[0].code)
      await rename(tmp, file)
    } catch (err) {
      await rm(tmp, { force: true })
      // another writer's may be in place all the same
      if (!existsSync(file)) throw err
    }
    return file
  } finally {
    await bundle.close()
  }
}
