// bylines, author pages and tag pages in real chromium, on the built site served under
// /news/ by a plain static server: reached by a click, loaded directly (hydrating without a
// mismatch, which vue reports as a console error) and with their head tags. with
// SCREENSHOTS_DIR set, it also saves the article's header and an author's page at a phone's
// and a desktop's width, for a person to look at. and on the dev server, an edit to the
// authors file (no article) reaches the open article.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { h1s, markWindow, openPage, waitForApp, windowMarked } from '../support/browserPage'
import { describeBrowser, launchBrowser } from '../support/chromium'
import { makeProject, type TempProject } from '../support/project'
import { serveStatic, type StaticServer } from '../support/staticServer'

const BASE = '/news/'
const TITLE = '한미 정상, 워싱턴서 첫 회담…북핵 공조와 공급망 협력 논의'

const AUTHORS = `- name: 홍길동
  slug: hong-gildong
  role: 기자
  email: hong@example.com
  bio: 정치부에서 외교·안보를 취재합니다. 국회와 청와대를 10년 동안 출입했습니다.
  photo: /images/hong.svg
- name: 김서연
  role: 워싱턴 특파원
  bio: "<b>굵게</b> 쓰지 않습니다"
`

const article = (title: string, date: string, fm: string, body: string) =>
  `---\ntitle: ${title}\ndate: ${date}\ncategories: [정치]\n${fm}\n---\n<p>${body}</p>\n`

const CONTENT = {
  'authors.yml': AUTHORS,
  'summit.txt': article(
    TITLE,
    '2024-06-20 14:30',
    'author: [홍길동, 김서연]\ntags: 한미동맹 북핵 공급망\nfeature_text: 두 정상은 확장억제 강화와 반도체 공급망 협력에 합의했다.',
    '대통령은 20일 워싱턴에서 미국 대통령과 정상회담을 열었다.',
  ),
  'budget.txt': article(
    '국회, 내년 예산안 심사 착수…여야 쟁점 예산 놓고 공방',
    '2024-06-19',
    'author: 홍길동\ntags: [예산, 국회]',
    '국회 예산결산특별위원회가 내년도 예산안 심사에 들어갔다.',
  ),
  'weather.txt': article(
    '올여름 장마 일주일 빨라져…남부지방 폭우 대비',
    '2024-06-18',
    'author: 이영희\ntags: [날씨]',
    '기상청은 올해 장마가 평년보다 일주일 빨리 시작된다고 밝혔다.',
  ),
}

const PHOTO = `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 192 192"><rect width="192" height="192" fill="#cfd8e3"/><circle cx="96" cy="76" r="36" fill="#7b8ba1"/><rect x="40" y="124" width="112" height="68" rx="56" fill="#7b8ba1"/></svg>`

describeBrowser('e2e/authors (built, under /news/)', () => {
  let project: TempProject
  let server: StaticServer
  let browser: Browser

  beforeAll(async () => {
    project = await makeProject({ content: CONTENT })
    await mkdir(join(project.root, 'public', 'images'), { recursive: true })
    await writeFile(join(project.root, 'public', 'images', 'hong.svg'), PHOTO)
    const dist = await project.build(BASE)
    server = await serveStatic(dist, { mount: BASE })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await project?.cleanup()
  })

  const url = (path = '') => `${server.url}${path}`

  it("shows the byline (name and role) and tags under the headline, and goes to an author's and a tag's page by a click", async () => {
    const { page, errors, close } = await openPage(browser, server.origin)
    try {
      await page.goto(url('articles/summit/'))
      await waitForApp(page)
      const byline = page.locator('.article__header .byline li')
      expect(await byline.allTextContents()).toEqual(['홍길동기자', '김서연워싱턴 특파원'])
      expect(await page.locator('.article__header .tag-links a').allTextContents()).toEqual([
        '#한미동맹',
        '#북핵',
        '#공급망',
      ])
      await markWindow(page)

      await page.locator('.byline').getByRole('link', { name: '홍길동' }).click()
      await page.waitForURL(url('authors/hong-gildong/'))
      await expect.poll(() => h1s(page)).toEqual(['홍길동'])
      expect(await windowMarked(page)).toBe(true)
      expect(await page.locator('.author__bio').textContent()).toContain('외교·안보')
      expect(await page.locator('.card__title').allTextContents()).toHaveLength(2)

      await page.goBack()
      await expect.poll(() => h1s(page)).toEqual([TITLE])
      await page.getByRole('link', { name: '#북핵' }).click()
      await page.waitForURL(url(`tags/${encodeURIComponent('북핵')}/`))
      await expect.poll(() => h1s(page)).toEqual(['#북핵'])
      expect(await page.locator('.card__title').allTextContents()).toEqual([TITLE])
      expect(await windowMarked(page)).toBe(true)
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  it('loads author and tag pages directly under /news/, hydrating without a mismatch; an author not in the file has a page too', async () => {
    const direct = [
      { path: 'authors/hong-gildong/', h1: '홍길동' },
      { path: `authors/${encodeURIComponent('김서연')}/`, h1: '김서연' },
      { path: `authors/${encodeURIComponent('이영희')}/`, h1: '이영희' },
      { path: `tags/${encodeURIComponent('예산')}/`, h1: '#예산' },
      { path: 'articles/summit/excerpt/', h1: TITLE },
    ]
    for (const { path, h1 } of direct) {
      const { page, errors, close } = await openPage(browser, server.origin)
      try {
        await page.goto(url(path))
        await waitForApp(page)
        await page.waitForLoadState('networkidle')
        expect(await h1s(page), path).toEqual([h1])
        expect(errors, path).toEqual([])
      } finally {
        await close()
      }
    }
  })

  it("shows an author's bio as text, never as html, and puts the byline on cards", async () => {
    const { page, errors, close } = await openPage(browser, server.origin)
    try {
      await page.goto(url(`authors/${encodeURIComponent('김서연')}/`))
      await waitForApp(page)
      expect(await page.locator('.author__bio').textContent()).toBe('<b>굵게</b> 쓰지 않습니다')
      expect(await page.locator('.author__bio b').count()).toBe(0)
      expect(errors).toEqual([])
    } finally {
      await close()
    }
    // (a page of its own: leaving one while it prefetches the articles its links name would abort those requests)
    const listing = await openPage(browser, server.origin)
    try {
      await listing.page.goto(url())
      await waitForApp(listing.page)
      expect(await listing.page.locator('.card__byline').allTextContents()).toEqual([
        '홍길동 기자 · 김서연 워싱턴 특파원',
        '홍길동 기자',
        '이영희',
      ])
      expect(listing.errors).toEqual([])
    } finally {
      await listing.close()
    }
  })

  it('writes article:author, article:tag and the JSON-LD authors and keywords into the prerendered article', async () => {
    const html = await (await fetch(url('articles/summit/'))).text()
    expect(html).toContain('<meta property="article:author" content="https://')
    expect(html.match(/property="article:author"/g)).toHaveLength(2)
    expect(html.match(/property="article:tag"/g)).toHaveLength(3)
    const ld = JSON.parse(/<script type="application\/ld\+json"[^>]*>([^<]*)<\/script>/.exec(html)![1]) as {
      author: { name: string; url: string; jobTitle?: string }[]
      keywords: string[]
    }
    expect(ld.author.map((a) => [a.name, a.jobTitle])).toEqual([
      ['홍길동', '기자'],
      ['김서연', '워싱턴 특파원'],
    ])
    expect(ld.author[0].url).toMatch(/\/news\/authors\/hong-gildong\/$/)
    expect(ld.keywords).toEqual(['한미동맹', '북핵', '공급망'])
  })

  it('saves screenshots of the article header and an author page at 390 and 1280 px (SCREENSHOTS_DIR)', async () => {
    const dir = process.env.SCREENSHOTS_DIR
    if (!dir) return
    await mkdir(dir, { recursive: true })
    for (const width of [390, 1280]) {
      const { page, close } = await openPage(browser, server.origin, {
        viewport: { width, height: 900 },
        deviceScaleFactor: 1,
      })
      try {
        await page.goto(url('articles/summit/'))
        await waitForApp(page)
        await page.locator('.article__header').screenshot({ path: join(dir, `article-header-${width}.png`) })
        await page.goto(url('authors/hong-gildong/'))
        await waitForApp(page)
        await page.waitForLoadState('networkidle')
        await page.screenshot({ path: join(dir, `author-page-${width}.png`), fullPage: true })
      } finally {
        await close()
      }
    }
  })
})

describeBrowser('e2e/authors (dev server)', () => {
  let project: TempProject
  let browser: Browser

  beforeAll(async () => {
    project = await makeProject({ content: CONTENT })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await project?.cleanup()
  })

  it('shows an edit to content/authors.yml on the open article without a reload', async () => {
    const dev = await project.dev()
    const { page, close } = await openPage(browser, new URL(dev.url).origin)
    try {
      await page.goto(new URL('articles/summit/', dev.url).href)
      await waitForApp(page)
      await expect
        .poll(() => page.locator('.article__header .byline li').first().textContent(), { timeout: 15_000 })
        .toBe('홍길동기자')
      await markWindow(page)
      await project.writeContent('authors.yml', AUTHORS.replace('  role: 기자', '  role: 선임기자'))
      await expect
        .poll(() => page.locator('.article__header .byline li').first().textContent(), { timeout: 15_000 })
        .toBe('홍길동선임기자')
      expect(await windowMarked(page)).toBe(true)
    } finally {
      await close()
      await dev.close()
    }
  })
})
