// DOMPurify in a headless Chromium, for a large build. DOMPurify is written for and tested
// in browsers; over jsdom (renderBody.ts) most of a body's cost is jsdom building and
// mutating its tree, which makes sanitizing the largest part of a large archive's build.
// Chromium's own DOM runs the same code (finishBody.ts, bundled for the page) several times
// faster, so a large build sanitizes its bodies there when Chromium is installed. the
// output is the same html (tests/unit/node/render/browserRender.test.ts compares the two
// over the seeds, the hostile corpus and generated articles). each page runs in its own
// browser context (its own renderer process, so every core works), takes no requests at
// all, and parses bodies only into inert DOMParser documents.
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, CDPSession } from 'playwright-core'
import type { BodyItem, BodyOutcome } from './browserRenderEntry.ts'
import { CHROMIUM_ARGS, findChromium } from './chromium.ts'
import { workerCount } from '../utils/workerPool.ts'

export type { BodyItem, BodyOutcome }

const ENTRY = fileURLToPath(new URL('./browserRenderEntry.ts', import.meta.url))
/** old-generation heap of each page, in MiB */
const PAGE_HEAP_MB = 128

/** The page script: browserRenderEntry.ts and what it imports, bundled as one classic script. */
export async function bundlePageScript(): Promise<string> {
  const { rolldown } = await import('rolldown')
  const bundle = await rolldown({ input: ENTRY, platform: 'browser', logLevel: 'silent' })
  try {
    const { output } = await bundle.generate({ format: 'iife' })
    return output[0].code
  } finally {
    await bundle.close()
  }
}

/** batches a page renders before it is replaced by a fresh one (its renderer's memory with it) */
const PAGE_BATCHES = 50

/** one page: its own browser context (and renderer process) and the CDP session to it */
interface Slot {
  context: BrowserContext
  session: CDPSession
  batches: number
}

/** Renders bodies in a few pages of one headless Chromium; `close` when done. */
export class BrowserRenderer {
  private idle: Slot[]
  private waiting: Array<(s: Slot) => void> = []

  private constructor(
    private readonly browser: Browser,
    private readonly script: string,
    slots: Slot[],
  ) {
    this.idle = [...slots]
  }

  /** Start Chromium at `executablePath` with `pages` pages (one per core is right). */
  static async start(executablePath: string, pages: number): Promise<BrowserRenderer> {
    const [{ chromium }, script] = await Promise.all([import('playwright-core'), bundlePageScript()])
    const browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [
        ...CHROMIUM_ARGS,
        '--blink-settings=imagesEnabled=false',
        `--js-flags=--max-old-space-size=${PAGE_HEAP_MB}`,
      ],
    })
    try {
      const count = Math.max(1, pages)
      const slots = await Promise.all(Array.from({ length: count }, () => openPage(browser, script)))
      // the pages are replaced in turn, not all at once (a core idles while one is opened)
      slots.forEach((slot, i) => (slot.batches = Math.floor((i * PAGE_BATCHES) / count)))
      return new BrowserRenderer(browser, script, slots)
    } catch (err) {
      // the start's own error is the one reported; a browser that will not close is killed
      // by playwright when this process exits
      await browser.close().catch(() => {})
      throw err
    }
  }

  /** Render these bodies in one of the pages (whichever is free first); results in order. */
  async render(items: BodyItem[]): Promise<BodyOutcome[]> {
    let slot = this.idle.pop() ?? (await new Promise<Slot>((resolve) => this.waiting.push(resolve)))
    try {
      // a renderer's memory grows with every body it renders, and over a large archive it
      // would take most of what the build may use: a fresh page now and then keeps it flat
      if (slot.batches >= PAGE_BATCHES) {
        // a context that will not close goes when the browser closes; the bodies go to a fresh one
        await slot.context.close().catch(() => {})
        slot = await openPage(this.browser, this.script)
      }
      slot.batches++
      // handed over as one string literal, which the page parses with JSON.parse: far
      // cheaper for both ends than an array literal of thousands of strings
      const expression = `__renderBodies(${JSON.stringify(JSON.stringify(items))})`
      const { result, exceptionDetails } = await slot.session.send('Runtime.evaluate', {
        expression,
        returnByValue: true,
      })
      if (exceptionDetails)
        throw new Error(
          `rendering bodies in Chromium failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`,
        )
      const out = JSON.parse(result.value as string) as BodyOutcome[]
      if (out.length !== items.length) throw new Error(`Chromium rendered ${out.length} of ${items.length} bodies`)
      return out
    } finally {
      const next = this.waiting.shift()
      if (next) next(slot)
      else this.idle.push(slot)
    }
  }

  async close(): Promise<void> {
    await this.browser.close()
  }
}

/**
 * A renderer with a page per core in the Chromium findChromium finds, or undefined where there
 * is none or it will not start (a warning says so, and the caller sanitizes over jsdom).
 * HANGUL_SANITIZER_DOM=chromium makes either of those an error instead (the tests that must
 * run in the browser), and =jsdom starts none.
 */
export async function startBrowserRenderer(): Promise<BrowserRenderer | undefined> {
  const dom = process.env.HANGUL_SANITIZER_DOM
  if (dom === 'jsdom') return undefined
  // (the looking is quiet: a build without a browser is an ordinary one)
  const executable = findChromium(() => {})
  if (!executable) {
    if (dom === 'chromium')
      throw new Error('HANGUL_SANITIZER_DOM=chromium, but no Chromium was found (set CHROMIUM_PATH)')
    return undefined
  }
  try {
    return await BrowserRenderer.start(executable, workerCount())
  } catch (err) {
    if (dom === 'chromium') throw err
    console.warn(
      `[news:content] Chromium at ${executable} did not start (${(err as Error).message.split('\n')[0]}); rendering bodies over jsdom instead`,
    )
    return undefined
  }
}

/** a page of its own browser context with the page script loaded */
async function openPage(browser: Browser, script: string): Promise<Slot> {
  const context = await browser.newContext({ offline: true })
  // nothing a body names is ever fetched (DOMParser documents load nothing anyway)
  await context.route('**/*', (route) => route.abort())
  const page = await context.newPage()
  await page.addScriptTag({ content: script })
  const session = await context.newCDPSession(page)
  const ready = await session.send('Runtime.evaluate', { expression: 'typeof __renderBodies', returnByValue: true })
  if (ready.result.value !== 'function') throw new Error('the page script did not load')
  return { context, session, batches: 0 }
}
