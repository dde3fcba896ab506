// feedback while a client-side navigation loads, in real chromium on the built seeds: a slow
// navigation shows the progress bar (and says so to screen readers) and keeps the chosen link
// marked; a quick one shows nothing; one whose code does not load (offline) leaves the page as
// it was and says so in Korean with a retry that works once the network is back; one whose
// data fails (a 503) shows the page's own error and the app's message, never a blank page.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  markWindow,
  openPage,
  seeds,
  waitForApp,
  windowMarked,
  type Seed,
  type WatchedPage,
} from '../support/browserPage'
import { describeBrowser, launchBrowser } from '../support/chromium'
import { makeProject, type TempProject } from '../support/project'
import { serveStatic, type StaticServer } from '../support/staticServer'

const BASE = '/news/'
const FAILED = '페이지를 불러오지 못했습니다'

describeBrowser('e2e/navigationFeedback (built, under /news/)', () => {
  let project: TempProject
  let server: StaticServer
  let browser: Browser
  let first: Seed
  const open: WatchedPage[] = []

  beforeAll(async () => {
    ;[first] = seeds()
    project = await makeProject()
    server = await serveStatic(await project.build(BASE), { mount: BASE, notFoundPage: true })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await Promise.all(open.map((p) => p.close().catch(() => {})))
    await browser?.close()
    await server?.close()
    await project?.cleanup()
  })

  async function reader(path: string): Promise<WatchedPage> {
    const watched = await openPage(browser, server.origin, { viewport: { width: 390, height: 844 } })
    open.push(watched)
    await watched.page.goto(`${server.url}${path}`)
    await waitForApp(watched.page)
    await markWindow(watched.page)
    return watched
  }

  const status = (page: Page) => page.locator('.nav-status[role="status"]').textContent()

  it('a slow navigation shows the progress bar after a moment, says so politely, and marks the link chosen', async () => {
    const { page, errors } = await reader(`articles/${first.slug}/`)
    // the listing's code and data come back slowly, as on a slow phone network
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    await page.route(/\/news\/(assets\/HomeView-[^/]+\.js|_data\/pages\/1\.json\.gz)/, async (route) => {
      await held
      await route.continue()
    })
    const started = Date.now()
    await page.locator('.site-header__brand').click()
    await page.locator('.nav-progress').waitFor({ state: 'attached' })
    // not before the delay: a quick navigation shows nothing
    expect(Date.now() - started).toBeGreaterThanOrEqual(250)
    expect(await status(page)).toBe('페이지를 불러오는 중입니다')
    expect(await page.locator('.site-header__brand').getAttribute('data-nav-pending')).toBe('')
    // the page being left is still there meanwhile
    expect(await page.locator('h1').first().textContent()).toContain(first.title.slice(0, 10))
    release()
    await page.locator('.card').first().waitFor()
    expect(await page.locator('.nav-progress').count()).toBe(0)
    expect(await status(page)).toBe('')
    expect(await page.locator('.site-header__brand').getAttribute('data-nav-pending')).toBeNull()
    expect(await windowMarked(page)).toBe(true)
    expect(errors).toEqual([])
  })

  it('a quick navigation shows no progress bar at all', async () => {
    const { page } = await reader(`articles/${first.slug}/`)
    // the listing's code and data in hand (a visit there and back), so the next visit to it takes no time
    await page.locator('.site-header__brand').click()
    await page.locator('.card').first().waitFor()
    await page.goBack()
    await page.locator('.article-body').waitFor()
    await page.evaluate(() => {
      ;(window as unknown as { seen: boolean }).seen = false
      new MutationObserver(() => {
        if (document.querySelector('.nav-progress')) (window as unknown as { seen: boolean }).seen = true
      }).observe(document.body, { childList: true, subtree: true })
    })
    await page.locator('.site-header__brand').click()
    await page.locator('.card').first().waitFor()
    expect(await page.evaluate(() => (window as unknown as { seen: boolean }).seen)).toBe(false)
  })

  it('offline, a navigation whose code does not load leaves the page, says so in Korean, and its retry works once back online', async () => {
    const { page, errors } = await reader(`articles/${first.slug}/`)
    await page.context().setOffline(true)
    await page.locator('.site-header__nav a').first().click()
    const alert = page.locator('.nav-failed[role="alert"]')
    await alert.waitFor()
    expect(await alert.textContent()).toContain(FAILED)
    // the article is still on screen, at its address, never a blank page
    expect(await page.locator('.article-body').count()).toBe(1)
    expect(page.url()).toBe(`${server.url}articles/${first.slug}/`)
    expect(await page.locator('.site-header__nav a').first().getAttribute('data-nav-pending')).toBeNull()
    await page.context().setOffline(false)
    await alert.getByRole('button', { name: '다시 시도' }).click()
    await page.locator('.card').first().waitFor()
    expect(page.url()).toMatch(/\/news\/categories\/[^/]+\/$/)
    expect(await alert.count()).toBe(0)
    expect(await windowMarked(page)).toBe(true)
    // (what the offline attempt itself reported)
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|dynamically imported module/.test(e))).toEqual([])
  })

  it('a navigation whose data fails (503) shows the error in its place and the app says so, with a retry that loads it', async () => {
    const { page } = await reader(`articles/${first.slug}/`)
    let failing = true
    await page.route(/\/news\/_data\/pages\/1\.json\.gz/, (route) =>
      failing ? route.fulfill({ status: 503, body: 'busy' }) : route.continue(),
    )
    await page.locator('.site-header__brand').click()
    const alert = page.locator('.nav-failed[role="alert"]')
    await alert.waitFor()
    expect(await alert.textContent()).toContain(FAILED)
    expect(await page.locator('main').textContent()).toMatch(/\S/)
    failing = false
    await alert.getByRole('button', { name: '다시 시도' }).click()
    await page.locator('.card').first().waitFor()
    expect(await alert.count()).toBe(0)
    expect(await windowMarked(page)).toBe(true)
  })
})
