// shared by the browser suites: a page that records every javascript error, failed
// same-origin request and console error, and waits for the app to take over the html.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { parseArticle } from '../../src/node/content/file/parseArticle'
import { REPO_ROOT } from './project'

export interface Seed {
  slug: string
  title: string
}

/** the seed articles as the site should show them, in listing order (file-name order: no dates) */
export function seeds(): Seed[] {
  const dir = join(REPO_ROOT, 'content')
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const parsed = parseArticle(`content/${name}`, readFileSync(join(dir, name)))
      if (!parsed.ok) throw new Error(`seed ${name} does not parse: ${JSON.stringify(parsed.problems)}`)
      return { slug: parsed.article.slug, title: parsed.article.title }
    })
}

export interface WatchedPage {
  page: Page
  context: BrowserContext
  /** javascript errors, console errors and failed same-origin requests, as text */
  errors: string[]
  close(): Promise<void>
}

/**
 * A fresh context and page. Requests to any other origin are aborted (there is no internet;
 * the seeds' images live on another host), and their console noise is not counted as an error.
 */
export async function openPage(
  browser: Browser,
  origin: string,
  options: BrowserContextOptions & { allowStatus?: number[] } = {},
): Promise<WatchedPage> {
  const { allowStatus = [], ...contextOptions } = options
  const context = await browser.newContext(contextOptions)
  await context.route(
    (url) => url.origin !== origin,
    (route) => route.abort(),
  )
  const page = await context.newPage()
  const errors: string[] = []
  const external = (url: string) => !!url && !url.startsWith(origin)
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return
    // a failed load of an external image is expected here (no internet)
    if (/^Failed to load resource/.test(msg.text()) && external(msg.location().url)) return
    errors.push(`console.error: ${msg.text()} (${msg.location().url})`)
  })
  page.on('requestfailed', (req) => {
    if (!external(req.url())) errors.push(`request failed: ${req.url()} ${req.failure()?.errorText}`)
  })
  page.on('response', (res) => {
    if (res.status() >= 400 && !external(res.url()) && !allowStatus.includes(res.status()))
      errors.push(`HTTP ${res.status()}: ${res.url()}`)
  })
  return { page, context, errors, close: () => context.close() }
}

/** waits until Vue has mounted (hydrated) the prerendered page */
export async function waitForApp(page: Page): Promise<void> {
  await page.waitForFunction(
    () => !!(document.querySelector('#app') as (Element & { __vue_app__?: unknown }) | null)?.__vue_app__,
  )
}

/** a client-side navigation through the app's own router, as a link click would do */
export async function routerPush(page: Page, path: string): Promise<void> {
  await page.evaluate(async (to) => {
    type App = { __vue_app__: { config: { globalProperties: { $router: { push(p: string): Promise<unknown> } } } } }
    const app = (document.querySelector('#app') as Element & App).__vue_app__
    await app.config.globalProperties.$router.push(to)
  }, path)
}

/** marks the window; a full page load loses the mark */
export async function markWindow(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as Record<string, unknown>).__noReload = 'still here'))
}
export async function windowMarked(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as Record<string, unknown>).__noReload === 'still here')
}

/** the text of the page's h1s */
export async function h1s(page: Page): Promise<string[]> {
  return page
    .locator('h1')
    .allTextContents()
    .then((t) => t.map((s) => s.trim()))
}
