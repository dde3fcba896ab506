// the dev server on a temp copy of the project: editing, adding and deleting a content
// file updates the open page without a reload, and a broken file is shown, not fatal.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { h1s, markWindow, openPage, seeds, waitForApp, windowMarked, type Seed, type WatchedPage } from '../support/browserPage'
import { describeBrowser, launchBrowser } from '../support/chromium'
import { makeProject, type DevServer, type TempProject } from '../support/project'

const SEED_FILE = '000_3f06a9bec7bd6d0f.txt'
const PROBLEM_BANNER = '콘텐츠 파일에 문제가 있습니다'

describeBrowser('e2e/dev (vite dev server, content HMR)', () => {
  let project: TempProject
  let dev: DevServer
  let browser: Browser
  let w: WatchedPage
  let first: Seed
  let second: Seed
  let original: string

  const mainText = () => w.page.locator('main').innerText()

  beforeAll(async () => {
    ;[first, second] = seeds()
    project = await makeProject()
    original = await readFile(join(project.contentDir, SEED_FILE), 'utf8')
    dev = await project.dev()
    browser = await launchBrowser()
    // warm up: vite transforms modules (and may optimize dependencies and reload) on first use
    const warm = await openPage(browser, new URL(dev.url).origin)
    for (const path of ['', `articles/${first.slug}/`, `articles/${first.slug}/excerpt/`, 'categories/news/']) {
      await warm.page.goto(dev.url + path)
      await waitForApp(warm.page)
      await warm.page.waitForLoadState('networkidle')
    }
    await warm.close()
  })
  afterAll(async () => {
    await w?.close()
    await browser?.close()
    await dev?.close()
    await project?.cleanup()
  })

  async function openListing() {
    await w?.close()
    w = await openPage(browser, new URL(dev.url).origin)
    await w.page.goto(dev.url)
    await waitForApp(w.page)
    await expect.poll(() => h1s(w.page)).toEqual(['최신 기사'])
    await expect.poll(mainText).toContain(first.title)
    await markWindow(w.page)
  }

  it('shows the listing and the articles', async () => {
    await openListing()
    expect(await mainText()).toContain(second.title)
    expect(w.errors).toEqual([])
  })

  it('an edited title reaches the open listing and the open article without a reload', async () => {
    await openListing()
    const edited = '편집기에서 바꾼 제목입니다'
    try {
      await project.writeContent(SEED_FILE, original.replace(/^title: .*$/m, `title: ${edited}`))
      await expect.poll(mainText, { timeout: 15_000 }).toContain(edited)
      expect(await mainText()).not.toContain(first.title)
      expect(await windowMarked(w.page)).toBe(true)

      await w.page.locator('main').getByRole('link', { name: edited }).first().click()
      await expect.poll(() => h1s(w.page)).toEqual([edited])
      const again = '한 번 더 바꾼 제목'
      await project.writeContent(SEED_FILE, original.replace(/^title: .*$/m, `title: ${again}`))
      await expect.poll(() => h1s(w.page), { timeout: 15_000 }).toEqual([again])
      expect(await windowMarked(w.page)).toBe(true)
    } finally {
      await project.writeContent(SEED_FILE, original)
    }
    await expect.poll(() => h1s(w.page), { timeout: 15_000 }).toEqual([first.title])
    expect(await windowMarked(w.page)).toBe(true)
    expect(w.errors).toEqual([])
  })

  it('a new file appears in the open listing, and goes when it is deleted', async () => {
    await openListing()
    const title = '새로 추가된 기사 제목'
    try {
      await project.writeContent('sub/999_new-article.md', `---\ntitle: ${title}\ncategories: [News]\n---\n새 기사의 본문입니다.\n`)
      await expect.poll(mainText, { timeout: 15_000 }).toContain(title)
      expect(await windowMarked(w.page)).toBe(true)
      await project.removeContent('sub/999_new-article.md')
      await expect.poll(mainText, { timeout: 15_000 }).not.toContain(title)
      expect(await mainText()).toContain(first.title)
      expect(await windowMarked(w.page)).toBe(true)
    } finally {
      await project.removeContent('sub/999_new-article.md')
    }
    expect(w.errors).toEqual([])
  })

  it('a broken file is named in a banner and in the terminal; the valid articles stay', async () => {
    await openListing()
    expect(await w.page.getByText(PROBLEM_BANNER).count()).toBe(0)
    try {
      await project.writeContent('broken-date.md', '---\ntitle: 날짜가 틀린 기사\ndate: 2024-13-45\n---\n본문\n')
      await expect.poll(() => w.page.getByRole('alert').innerText(), { timeout: 15_000 }).toContain('content/broken-date.md:3')
      expect(await w.page.getByRole('alert').innerText()).toContain(PROBLEM_BANNER)
      await dev.waitForOutput(/content\/broken-date\.md:3: .*not a date/)
      // the rest of the site is still there
      expect(await mainText()).toContain(first.title)
      expect(await mainText()).toContain(second.title)
      expect(await windowMarked(w.page)).toBe(true)

      await project.writeContent('no-front-matter.txt', '<p>머리말 없는 파일</p>\n')
      await expect.poll(() => w.page.getByRole('alert').innerText(), { timeout: 15_000 }).toContain('content/no-front-matter.txt')
    } finally {
      await project.removeContent('broken-date.md')
      await project.removeContent('no-front-matter.txt')
    }
    await expect.poll(() => w.page.getByText(PROBLEM_BANNER).count(), { timeout: 15_000 }).toBe(0)
    expect(await windowMarked(w.page)).toBe(true)
    expect(w.errors).toEqual([])
  })
})
