// an article body cannot cover the page's own controls or widen the page (issue 17): its
// inline lengths are bounded by the sanitizer and the body is contained in its column
// (main.css: contain: layout paint). built with the seeds and the covering fixture, served
// under a subpath, and read in Chromium with elementFromPoint: what a click on the headline,
// a category link or 링크 복사 would reach. a heading that reads like the page's state block
// (Article State) must not hide it, or a client-side navigation to the article would fail.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { parseArticle } from '../../src/node/content/file/parseArticle'
import { openPage, routerPush, waitForApp } from '../support/browserPage'
import { describeBrowser, launchBrowser } from '../support/chromium'
import { makeProject, REPO_ROOT, type TempProject } from '../support/project'
import { serveStatic, type StaticServer } from '../support/staticServer'

const FIXTURE = '115_covering-styles.html'
const fixtureText = readFileSync(join(REPO_ROOT, 'tests/fixtures/hostile/articles', FIXTURE))
const parsed = parseArticle(FIXTURE, fixtureText)
if (!parsed.ok) throw new Error(`${FIXTURE} does not parse`)
const { slug, title } = parsed.article

/** what a click at the centre of each of the page's own controls would reach */
async function hits(page: Page) {
  return page.evaluate(() => {
    const reach = (el: Element | null) => {
      if (!el) return 'missing'
      const r = el.getBoundingClientRect()
      el.scrollIntoView({ block: 'center' })
      const s = el.getBoundingClientRect()
      const at = document.elementFromPoint(s.left + s.width / 2, s.top + s.height / 2)
      return at && (at === el || el.contains(at))
        ? 'itself'
        : `${at?.tagName ?? 'nothing'} ${at?.textContent?.slice(0, 30) ?? ''} (${r.width}x${r.height})`
    }
    const share =
      [...document.querySelectorAll('.share__button')].find((b) => b.textContent?.includes('링크 복사')) ?? null
    return {
      headline: reach(document.getElementById('articleTitle')),
      category: reach(document.querySelector('.article__header a[href*="/categories/"]')),
      share: reach(share),
      width: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
      height: document.documentElement.scrollHeight,
    }
  })
}

describeBrowser('e2e/containment', () => {
  let project: TempProject
  let server: StaticServer
  let browser: Browser

  beforeAll(async () => {
    const content: Record<string, Uint8Array> = {}
    for (const f of readdirSync(join(REPO_ROOT, 'content'))) content[f] = readFileSync(join(REPO_ROOT, 'content', f))
    content[FIXTURE] = fixtureText
    project = await makeProject({ content })
    server = await serveStatic(await project.build('/news/'), { mount: '/news/', notFoundPage: true })
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await project?.cleanup()
  })

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    it(`nothing in the body covers the headline, the category link or 링크 복사, nor widens the page (${viewport.width}px)`, async () => {
      const { page, errors, close } = await openPage(browser, server.origin, { viewport })
      try {
        await page.goto(`${server.origin}/news/articles/${encodeURIComponent(slug)}/`)
        await waitForApp(page)
        expect(await page.locator('.article-body').textContent()).toContain('COVERING-END')
        const seen = await hits(page)
        expect(seen).toMatchObject({ headline: 'itself', category: 'itself', share: 'itself', width: viewport.width })
        // the huge margins, indents and paddings are gone: the page is a few screens long, not 270,000 px
        expect(seen.height).toBeLessThan(10_000)
        // the body's own boxes stay inside its column
        const overflow = await page.evaluate(() => {
          const body = document.querySelector('.article-body')!.getBoundingClientRect()
          const link = document.querySelector('.article-body a[href*="cover"]')!.getBoundingClientRect()
          return {
            bodyRight: body.right,
            linkTop: link.top - body.top,
            linkHeight: link.height,
            viewport: window.innerWidth,
          }
        })
        expect(overflow.bodyRight).toBeLessThanOrEqual(overflow.viewport)
        expect(overflow.linkTop).toBeGreaterThanOrEqual(0)
        expect(overflow.linkHeight).toBeLessThan(100)
        expect(errors).toEqual([])
      } finally {
        await close()
      }
    })
  }

  it('a body heading "Article State" keeps its own id and a client-side navigation to the article shows it', async () => {
    const { page, errors, close } = await openPage(browser, server.origin)
    try {
      await page.goto(`${server.origin}/news/`)
      await waitForApp(page)
      await routerPush(page, `/articles/${slug}/`)
      await expect.poll(() => page.locator('#articleTitle').textContent()).toBe(title)
      expect(await page.locator('.article-body h2').evaluateAll((hs) => hs.map((h) => h.id))).toEqual([
        'article-state',
        '속보',
        '속보-2',
        '속보-2-2',
      ])
      expect(await page.locator('#articleState').count()).toBeLessThanOrEqual(1)
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })
})
