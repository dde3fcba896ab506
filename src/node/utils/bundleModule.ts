// a typescript module bundled into one javascript file: a worker thread's (see workerPool.ts
// `native`) and the incremental build's (see incremental/builder.ts). apart from workerPool.ts,
// which the workers themselves import: this one loads rolldown.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, isAbsolute } from 'node:path'
import { pathToFileURL } from 'node:url'
import { threadId } from 'node:worker_threads'

export interface BundleOptions {
  /**
   * `bundled` (the default): the packages it imports are in the file too, so that a thread
   * loads one file; `external`: they are imported from node_modules as they are (native
   * ones, sharp's, and jsdom's, which reads files beside its own, cannot be bundled)
   */
  packages?: 'bundled' | 'external'
}

/**
 * `entry` (a typescript module) and all it imports bundled into one javascript file at
 * `file`, made only when it is not there yet (so `file` names the code's version): a
 * thread starts from it at once, where vite's runner would load and transform the module
 * graph (and vite itself) in each thread, which on a busy machine delays its first task.
 * Each module's `import.meta.url` stays its own source file's, so the paths it works out
 * from it (a worker's module beside it, the project's root) are the same in the bundle.
 */
export async function bundledModule(
  entry: string,
  file: string,
  { packages = 'bundled' }: BundleOptions = {},
): Promise<string> {
  if (existsSync(file)) return file
  const { rolldown } = await import('rolldown')
  const bundle = await rolldown({
    input: entry,
    platform: 'node',
    logLevel: 'silent',
    // (a bare name is a package: relative and absolute paths, and rolldown's own \0 ids, are the code's)
    external:
      packages === 'external' ? (id) => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0') : undefined,
    plugins: [sourceUrls()],
  })
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

/** what sourceUrls replaces (spelt apart: this module is bundled too, and its own text must stay as it is) */
const META_URL = ['import', 'meta', 'url'].join('.')

/**
 * a rolldown plugin: `import.meta.url` in a module becomes its source file's url. by its text:
 * the code of src/ has it as an expression only (a string holding those words, in quotes of the
 * url's kind, would break; a comment holding them is only changed)
 */
function sourceUrls() {
  return {
    name: 'hangul-news:source-urls',
    transform(code: string, id: string) {
      if (!isAbsolute(id) || !code.includes(META_URL)) return null
      return { code: code.replaceAll(META_URL, JSON.stringify(pathToFileURL(id).href)) }
    },
  }
}
