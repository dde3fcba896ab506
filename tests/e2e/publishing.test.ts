// dates, drafts and scheduling in real Chromium: 입력/수정 under the headline (printed in
// korean time, and hydrated unchanged in a reader's other time zone), a draft shown with its
// 초안 banner by the dev server and absent from a build, and a scheduled article absent from a
// build made before its time and present in one made after it (NEWS_BUILD_TIME, the override
// scripts/build.mjs sets once per build).
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openPage, waitForApp } from '../support/browserPage'
import { describeBrowser, launchBrowser } from '../support/chromium'
import { makeProject, type TempProject } from '../support/project'
import { serveStatic, type StaticServer } from '../support/staticServer'

const article = (title: string, front: string) =>
  `---\ntitle: ${title}\ncategories: [정치]\n${front}\nfeature_text: 기사 제목 아래에 보이는 리드 문단입니다.\n---\n<p>${title}의 본문입니다. 북한과 러시아가 조약을 맺었다.</p>\n`

const CONTENT = {
  'published.md': article(
    '북러 조약 체결, 동맹 수준으로',
    'date: 2024-06-20 14:30\nupdated: 2024-06-21 09:15\nslug: published',
  ),
  'draft.md': article('아직 쓰고 있는 초안 기사', 'date: 2024-06-19\ndraft: true\nslug: draft'),
  'embargo.md': article('엠바고 걸린 기사', 'date: 2024-06-25 10:00\nslug: embargo'),
  // later than any real clock running these tests: scheduled on the dev server too
  'far.md': article('먼 미래의 예약 기사', 'date: 2099-01-01 09:00\nslug: far'),
}
/** a build made before the embargo's time, and one made after it */
const BEFORE = '2024-06-22T00:00:00+09:00'
const AFTER = '2024-06-26T00:00:00+09:00'

describeBrowser('e2e/publishing (dates, drafts, scheduled articles)', () => {
  let project: TempProject
  let browser: Browser
  let server: StaticServer | undefined

  /** a build made at `time` (the dist folder is served at a fresh server) */
  async function buildAt(time: string): Promise<string> {
    await server?.close()
    const run = project.startBuild('/', { NEWS_BUILD_TIME: time })
    const code = await run.done
    if (code !== 0) throw new Error(`the build at ${time} failed (exit ${code}):\n${run.output()}`)
    server = await serveStatic(join(project.root, 'dist'))
    return server.url
  }

  beforeAll(async () => {
    project = await makeProject({ content: CONTENT })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await project?.cleanup()
  })

  it('shows a draft with its 초안 banner and a scheduled article with its 예약 banner in dev', async () => {
    const dev = await project.dev()
    const { page, errors, close } = await openPage(browser, new URL(dev.url).origin)
    // each page loaded whole before the next: vite transforms modules on first use, and
    // leaving a page while they load aborts requests that would count as errors
    const visit = async (path: string) => {
      await page.goto(dev.url + path)
      await waitForApp(page)
      await page.waitForLoadState('networkidle')
    }
    try {
      await visit('articles/draft/')
      await expect.poll(() => page.locator('.publish-banner').innerText()).toContain('초안')
      await visit('articles/far/')
      await expect
        .poll(() => page.locator('.publish-banner').innerText())
        .toMatch(/예약\s*2099\.01\.01 09:00에 공개될 기사입니다/)
      // a published article has no banner
      await visit('articles/published/')
      await expect.poll(() => page.locator('h1').innerText()).toBe('북러 조약 체결, 동맹 수준으로')
      expect(await page.locator('.publish-banner').count()).toBe(0)
      await visit('')
      await expect.poll(() => page.locator('main').innerText()).toContain('아직 쓰고 있는 초안 기사')
      expect(errors).toEqual([])
    } finally {
      await close()
      await dev.close()
    }
  })

  it('prints 입력 and 수정 in korean time, in <time datetime>, hydrated unchanged in another time zone', async () => {
    const url = await buildAt(BEFORE)
    const html = await (await fetch(`${url}articles/published/`)).text()
    expect(html).toContain('<meta property="article:published_time" content="2024-06-20T05:30:00.000Z" data-h="">')
    expect(html).toContain('<meta property="article:modified_time" content="2024-06-21T00:15:00.000Z" data-h="">')
    expect(html).toContain('"datePublished":"2024-06-20T05:30:00.000Z","dateModified":"2024-06-21T00:15:00.000Z"')
    // a reader in New York: the page still says the korean time, before and after hydration
    const { page, errors, close } = await openPage(browser, server!.origin, { timezoneId: 'America/New_York' })
    try {
      for (const path of ['articles/published/', 'articles/published/excerpt/']) {
        await page.goto(url + path)
        const before = await page.locator('.article-dates').innerHTML()
        await waitForApp(page)
        await page.waitForLoadState('networkidle')
        expect(await page.locator('.article-dates').innerHTML(), path).toBe(before)
        expect(await page.locator('.article-dates').innerText(), path).toMatch(
          /^입력\s*2024\.06\.20 14:30\s*수정\s*2024\.06\.21 09:15$/,
        )
        const times = await page
          .locator('.article-dates time')
          .evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')))
        expect(times, path).toEqual(['2024-06-20T05:30:00.000Z', '2024-06-21T00:15:00.000Z'])
      }
      expect(errors).toEqual([])
      if (process.env.NEWS_SCREENSHOTS) await screenshots(url)
    } finally {
      await close()
    }
  })

  it("leaves a draft and a scheduled article out of a build made before the article's time", async () => {
    const url = server!.url
    for (const slug of ['draft', 'embargo', 'far']) {
      expect((await fetch(`${url}articles/${slug}/`)).status, slug).toBe(404)
      expect((await fetch(`${url}articles/${slug}/excerpt/`)).status, slug).toBe(404)
    }
    const { page, close } = await openPage(browser, server!.origin)
    try {
      await page.goto(url)
      await waitForApp(page)
      const listing = await page.locator('main').innerText()
      expect(listing).toContain('북러 조약 체결, 동맹 수준으로')
      for (const title of ['아직 쓰고 있는 초안 기사', '엠바고 걸린 기사', '먼 미래의 예약 기사'])
        expect(listing).not.toContain(title)
    } finally {
      await close()
    }
    // the sitemap index's part, the news sitemap and the feed name the published article only
    const sitemap = await (await fetch(`${url}sitemap-1.xml`)).text()
    expect(sitemap).toContain('/articles/published/')
    for (const file of ['sitemap-1.xml', 'sitemap-news.xml', 'feed.xml', 'feed.json']) {
      expect(await (await fetch(`${url}${file}`)).text(), file).not.toMatch(/\/articles\/(draft|embargo|far)\//)
    }
  })

  it('publishes the scheduled article in a build made after its time, and nothing else', async () => {
    const url = await buildAt(AFTER)
    expect((await fetch(`${url}articles/embargo/`)).status).toBe(200)
    expect((await fetch(`${url}articles/draft/`)).status).toBe(404)
    expect((await fetch(`${url}articles/far/`)).status).toBe(404)
    const { page, errors, close } = await openPage(browser, server!.origin)
    try {
      await page.goto(`${url}articles/embargo/`)
      await waitForApp(page)
      expect(await page.locator('h1').innerText()).toBe('엠바고 걸린 기사')
      // published now: no banner, and its neighbour is the article before it
      expect(await page.locator('.publish-banner').count()).toBe(0)
      expect(await page.locator('a[rel="next"]').innerText()).toContain('북러 조약 체결')
      await page.goto(url)
      await waitForApp(page)
      expect(await page.locator('main').innerText()).toContain('엠바고 걸린 기사')
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  /** the article's header at a phone's and a desktop's width, for a person to look at (NEWS_SCREENSHOTS=<folder>) */
  async function screenshots(url: string) {
    const folder = process.env.NEWS_SCREENSHOTS!
    await mkdir(folder, { recursive: true })
    for (const width of [390, 1280]) {
      const { page, close } = await openPage(browser, server!.origin, {
        viewport: { width, height: 900 },
        deviceScaleFactor: width < 600 ? 2 : 1,
      })
      try {
        await page.goto(`${url}articles/published/`)
        await waitForApp(page)
        await page.locator('.article__header').screenshot({ path: join(folder, `article-header-${width}.png`) })
      } finally {
        await close()
      }
    }
  }
})
