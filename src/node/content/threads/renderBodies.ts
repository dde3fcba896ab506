// where the bodies of content files are sanitized. DOMPurify runs several times faster in a
// headless Chromium's own DOM (render/browserRender.ts) than over jsdom, so a large build
// sanitizes there when a Chromium is installed; otherwise over jsdom, on worker threads
// (renderWorker.ts) for many files and in this thread for a few, where threads would cost
// more to start than they save. every way gives the same html
// (tests/unit/node/render/browserRender.test.ts compares them).
import { fileURLToPath } from 'node:url'
import type { ParsedArticle } from '../file/parseArticle.ts'
import { completeFile, prepareFile, processFile, unreadable } from '../file/processFile.ts'
import type { FileResult } from '../types.ts'
import type { FileTask } from './contentWorker.ts'
import { startBrowserRenderer, type BodyItem, type BrowserRenderer } from '../../render/browserRender.ts'
import { batches, onWorkersOrHere, workerCount, type RanOn } from '../../utils/workerPool.ts'

/** below this many files, worker threads (or a browser) cost more to start than they save */
export const WORKER_THRESHOLD = 400
/** files handed to a worker at a time: big enough to keep messages few, small enough to share out */
const BATCH = 64
/** bodies handed to the browser at a time (about 300 KB of html) */
const BROWSER_BATCH = 50

const RENDER_WORKER = fileURLToPath(new URL('./renderWorker.ts', import.meta.url))

/** Where the bodies were sanitized. */
export type RenderedIn = 'Chromium' | RanOn

/** A file's bytes; the promise rejects when the file cannot be read (it is then named as unreadable). */
export type ReadBytes = (abs: string) => Promise<Uint8Array>

/**
 * Would `count` bodies be sanitized in a headless Chromium? Many would, where one starts.
 * HANGUL_SANITIZER_DOM=chromium asks for it whatever the count (the tests that must run in
 * the browser), and =jsdom starts none (see startBrowserRenderer).
 */
function wantsBrowser(count: number): boolean {
  return count >= WORKER_THRESHOLD || process.env.HANGUL_SANITIZER_DOM === 'chromium'
}

/**
 * A Chromium started now if `count` files will want one (see wantsBrowser), to be handed to
 * renderFiles: it starts while the caller reads the files.
 */
export function startBrowserFor(count: number): Promise<BrowserRenderer | undefined> | undefined {
  if (!wantsBrowser(count)) return undefined
  const starting = startBrowserRenderer()
  // a start that fails is reported where renderFiles awaits it; until then it is no unhandled rejection
  starting.catch(() => {})
  return starting
}

/**
 * Read, parse and render these files, results in order, and say where their bodies were
 * sanitized: in Chromium when `wantsBrowser`, else (or when no Chromium runs) over jsdom,
 * on worker threads for many files and otherwise in this thread. `browser`: a Chromium the
 * caller started early (it starts while the files are read); it is closed here, used or not.
 */
export async function renderFiles(files: FileTask[], bytesOf: ReadBytes, browser?: Promise<BrowserRenderer | undefined>): Promise<{ results: FileResult[]; renderedIn: RenderedIn }> {
  if (files.length && wantsBrowser(files.length)) {
    const results = await renderInBrowser(files, bytesOf, browser ?? startBrowserRenderer())
    if (results) return { results, renderedIn: 'Chromium' }
  } else if (browser) {
    // started, and not needed after all (every file was in the build cache); one that will
    // not start or close is no loss, since nothing was to be rendered in it
    await browser.then((b) => b?.close()).catch(() => {})
  }
  const many = files.length >= WORKER_THRESHOLD
  const here = (batch: FileTask[]) => Promise.all(batch.map((f) => bytesOf(f.abs).then((bytes) => processFile(f.rel, bytes), (err) => unreadable(f.rel, err))))
  const { results, ranOn } = await onWorkersOrHere(many ? RENDER_WORKER : undefined, batches(files, BATCH), workerCount(), here)
  return { results: results.flat(), renderedIn: ranOn }
}

/**
 * Read, parse and render these files with the bodies sanitized in Chromium, results in
 * order; undefined where it does not start or fails, and the caller then renders over jsdom
 * (with HANGUL_SANITIZER_DOM=chromium each of those is an error instead). The files are
 * parsed here while the browser works on the batches before them.
 */
async function renderInBrowser(files: FileTask[], bytesOf: ReadBytes, starting: Promise<BrowserRenderer | undefined>): Promise<FileResult[] | undefined> {
  const renderer = await starting
  if (!renderer) return undefined
  try {
    const results: FileResult[] = new Array(files.length)
    const pending: Array<Promise<void>> = []
    for (let from = 0; from < files.length; from += BROWSER_BATCH) {
      // a turn of the event loop before each batch but the first, so the batches made so far
      // go out to the browser (and its answers come in) now: with the bytes in memory, reading
      // them yields to nothing else, and the pages would wait for the whole archive to be parsed
      if (from) await new Promise((r) => setImmediate(r))
      const { items, waiting } = await prepareBatch(files.slice(from, from + BROWSER_BATCH), from, bytesOf, results)
      if (!items.length) continue
      const done = renderer.render(items).then((out) =>
        out.forEach((body, k) => {
          const { at, parsed } = waiting[k]
          results[at] = 'error' in body ? unreadable(parsed.file, new Error(body.error)) : completeFile(parsed, body)
        }),
      )
      pending.push(done)
    }
    await Promise.all(pending)
    return results
  } catch (err) {
    if (process.env.HANGUL_SANITIZER_DOM === 'chromium') throw err
    console.warn(`[news:content] rendering bodies in Chromium failed (${(err as Error).message.split('\n')[0]}); rendering them over jsdom instead`)
    return undefined
  } finally {
    // the bodies are rendered or the failure is reported; a browser that will not close is
    // killed by playwright when this process exits
    await renderer.close().catch(() => {})
  }
}

/** a file parsed and waiting for its body from the browser, and its place in the results */
interface Waiting {
  at: number
  parsed: ParsedArticle
}

/**
 * Read and parse a batch of files (the first at `from` in the results): a file that cannot be
 * read or has a problem gets its result now, the others' bodies are what the browser sanitizes.
 */
async function prepareBatch(files: FileTask[], from: number, bytesOf: ReadBytes, results: FileResult[]): Promise<{ items: BodyItem[]; waiting: Waiting[] }> {
  const contents = await Promise.all(files.map((f) => bytesOf(f.abs).catch((err: Error) => err)))
  const items: BodyItem[] = []
  const waiting: Waiting[] = []
  files.forEach((f, i) => {
    const bytes = contents[i]
    if (bytes instanceof Error) return void (results[from + i] = unreadable(f.rel, bytes))
    const prepared = prepareFile(f.rel, bytes)
    if ('done' in prepared) return void (results[from + i] = prepared.done)
    items.push([prepared.source, prepared.parsed.image, !prepared.parsed.excerpt])
    waiting.push({ at: from + i, parsed: prepared.parsed })
  })
  return { items, waiting }
}
