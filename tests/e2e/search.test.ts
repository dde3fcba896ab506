// korean search on the built site in real chromium: hangul typed through the browser's IME
// path (the devtools protocol's Input.imeSetComposition and Input.insertText, as an IME
// drives the field, never by setting its value), shared links, the url, the header's
// combobox, what loads when, and axe with the suggestions open.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, CDPSession, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openPage, seeds, waitForApp, type Seed, type WatchedPage } from '../support/browserPage'
import { describeBrowser, launchBrowser } from '../support/chromium'
import { makeProject, REPO_ROOT, type TempProject } from '../support/project'
import { serveStatic, type StaticServer } from '../support/staticServer'

const BASE = '/news/'
const DESKTOP = { width: 1280, height: 900 }
const AXE_SOURCE = readFileSync(join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8')

/** types like a korean IME: each step is [composition on screen] or { commit } */
type ImeStep = string | { commit: string }

describeBrowser('e2e/search (built, under /news/)', () => {
  let project: TempProject
  let server: StaticServer
  let browser: Browser
  let first: Seed
  let second: Seed
  const open: WatchedPage[] = []

  beforeAll(async () => {
    ;[first, second] = seeds()
    project = await makeProject()
    server = await serveStatic(await project.build(BASE), { mount: BASE })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    // a page a test closed already: the browser's close below ends the rest
    for (const w of open) await w.close().catch(() => {})
    await browser?.close()
    await server?.close()
    await project?.cleanup()
  })

  const url = (path = '') => `${server.url}${path}`

  async function visit(path: string, options: Parameters<typeof openPage>[2] = {}): Promise<WatchedPage> {
    const watched = await openPage(browser, server.origin, { viewport: DESKTOP, ...options })
    open.push(watched)
    await watched.page.goto(url(path))
    await waitForApp(watched.page)
    return watched
  }

  /** counts composition events on the field, so a test knows the IME is mid-syllable */
  async function watchComposition(page: Page, selector: string) {
    await page.evaluate((sel) => {
      const field = document.querySelector(sel)!
      const w = window as unknown as { composing: boolean }
      w.composing = false
      field.addEventListener('compositionstart', () => (w.composing = true))
      field.addEventListener('compositionend', () => (w.composing = false))
    }, selector)
    return () => page.evaluate(() => (window as unknown as { composing: boolean }).composing)
  }

  async function ime(cdp: CDPSession, step: ImeStep) {
    if (typeof step === 'string')
      await cdp.send('Input.imeSetComposition', { text: step, selectionStart: step.length, selectionEnd: step.length })
    else await cdp.send('Input.insertText', { text: step.commit })
  }

  const queryOf = (page: Page) => new URL(page.url()).searchParams.get('q')
  const resultTitles = (page: Page) =>
    page
      .locator('.search-hit__title')
      .allTextContents()
      .then((t) => t.map((s) => s.trim()))

  it('shows results while a syllable is still being composed, and keeps every character the IME typed', async () => {
    const { page, errors } = await visit('search/')
    const field = page.locator('#searchPageInput')
    await field.focus()
    const composing = await watchComposition(page, '#searchPageInput')
    const cdp = await page.context().newCDPSession(page)

    // 북: ㅂ 부 북, committed when the next consonant starts 한
    for (const step of ['ㅂ', '부', '북', { commit: '북' }, 'ㅎ', '하'] as ImeStep[]) await ime(cdp, step)
    // "북하" on screen, 하 still composing: the results already follow (북한 is in both seeds)
    expect(await composing()).toBe(true)
    expect(await field.inputValue()).toBe('북하')
    await expect.poll(() => resultTitles(page)).toEqual(expect.arrayContaining([first.title, second.title]))
    expect(await composing()).toBe(true)
    expect(await page.locator('.search-hit mark').first().textContent()).toBe('북한')

    for (const step of ['한', { commit: '한' }, 'ㄱ', '과', { commit: '과' }] as ImeStep[]) await ime(cdp, step)
    expect(await composing()).toBe(false)
    expect(await field.inputValue()).toBe('북한과')

    // a space, then a word whose final consonant moves on: 럿 becomes 러 + 시
    await page.keyboard.insertText(' ')
    for (const step of ['ㄹ', '러', '럿', { commit: '러' }, '시', { commit: '시' }, 'ㅇ', '아'] as ImeStep[])
      await ime(cdp, step)
    expect(await composing()).toBe(true)
    await expect.poll(() => resultTitles(page)).toEqual(expect.arrayContaining([first.title, second.title]))
    await ime(cdp, { commit: '아' })
    expect(await field.inputValue()).toBe('북한과 러시아')
    // the url follows once typing pauses
    await expect.poll(() => queryOf(page)).toBe('북한과 러시아')
    expect(await field.inputValue()).toBe('북한과 러시아')
    expect(errors).toEqual([])
  })

  it('shows the results of a shared link, with the words marked, and keeps history to one entry', async () => {
    const { page, errors } = await visit(`search/?q=${encodeURIComponent('우크라')}`)
    await expect.poll(() => resultTitles(page)).toHaveLength(2)
    expect(await page.locator('#searchPageInput').inputValue()).toBe('우크라')
    expect(await page.locator('h1').allTextContents()).toEqual(['기사 검색'])
    expect(await page.locator('.search-hit__title mark').allTextContents()).toEqual(['우크라', '우크라'])
    expect(await page.locator('.search-page__status').textContent()).toBe('‘우크라’ 검색 결과 2건')
    expect(await page.title()).toContain('‘우크라’ 검색 결과')

    const historyLength = await page.evaluate(() => history.length)
    await page.locator('#searchPageInput').focus()
    await page.keyboard.press('End')
    await page.keyboard.insertText(' ㅁㄱㅈㅇ')
    // 무기지원: initial consonants narrow to the second seed
    await expect.poll(() => resultTitles(page)).toEqual([second.title])
    await expect.poll(() => queryOf(page)).toBe('우크라 ㅁㄱㅈㅇ')
    expect(await page.evaluate(() => history.length)).toBe(historyLength)

    // results are links: tab to the first and open it with enter, without a reload
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(second.title)
    await page.keyboard.press('Enter')
    await page.waitForURL(url(`articles/${second.slug}/`))
    await page.goBack()
    await expect.poll(() => queryOf(page)).toBe('우크라 ㅁㄱㅈㅇ')
    await expect.poll(() => page.locator('#searchPageInput').inputValue()).toBe('우크라 ㅁㄱㅈㅇ')
    expect(errors).toEqual([])
  })

  it('shows a result from the index alone, and loads an article only for a passage from its body', async () => {
    const watched = await openPage(browser, server.origin, { viewport: DESKTOP })
    open.push(watched)
    const { page, errors } = watched
    const articlePages: string[] = []
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname
      if (path.startsWith(`${BASE}articles/`)) articlePages.push(path)
    })
    // in both seeds' titles: title, passage (the excerpt's) and category from the index's docs
    await page.goto(url(`search/?q=${encodeURIComponent('우크라')}`))
    await waitForApp(page)
    await expect.poll(() => resultTitles(page)).toHaveLength(2)
    expect(await page.locator('.search-hit__passage').first().textContent()).not.toBe('')
    expect(await page.locator('.search-hit__meta').allTextContents()).toEqual(['News', 'News'])
    expect(articlePages).toEqual([])
    // only in the second seed's body: its page is read for the passage around the match
    await page.locator('#searchPageInput').fill('궤변')
    await expect.poll(() => resultTitles(page)).toEqual([second.title])
    expect(await page.locator('.search-hit__passage mark').allTextContents()).toEqual(['궤변'])
    expect(articlePages).toEqual([`${BASE}articles/${second.slug}/`])
    expect(errors).toEqual([])
  })

  it('loads no search code or index on the listing or an article, until the search box is used', async () => {
    const watched = await openPage(browser, server.origin, { viewport: DESKTOP })
    open.push(watched)
    const { page, errors } = watched
    const requested: string[] = []
    page.on('request', (r) => requested.push(new URL(r.url()).pathname))
    await page.goto(url())
    await waitForApp(page)
    // the listing prefetches the articles in view; let that finish before leaving
    await page.waitForLoadState('networkidle')
    await page.goto(url(`articles/${first.slug}/`))
    await waitForApp(page)
    await page.waitForLoadState('networkidle')
    // the index, the engine, and the header box's suggestions (its combobox and useSearch)
    const searchFiles = () =>
      requested.filter((p) => p.includes('/_data/search/') || /\/assets\/(engine|SearchSuggestions|useSearch)-/.test(p))
    expect(searchFiles()).toEqual([])

    await page.locator('#searchBoxInput').focus()
    await expect.poll(() => searchFiles().some((p) => p.endsWith('/_data/search/meta.json.gz'))).toBe(true)
    expect(searchFiles().some((p) => /\/assets\/engine-/.test(p))).toBe(true)
    expect(searchFiles().some((p) => /\/assets\/SearchSuggestions-/.test(p))).toBe(true)
    expect(errors).toEqual([])
  })

  it('suggests articles in the header while composing; arrows and enter open one', async () => {
    const { page, errors } = await visit('')
    const field = page.getByRole('combobox', { name: '기사 검색' })
    await field.focus()
    const cdp = await page.context().newCDPSession(page)
    for (const step of ['ㅇ', '우', { commit: '우' }, 'ㅋ', '크', { commit: '크' }, 'ㄹ', '라'] as ImeStep[])
      await ime(cdp, step)
    const options = page.getByRole('listbox', { name: '추천 기사' }).getByRole('option')
    await expect.poll(() => options.count()).toBe(3)
    expect(await field.getAttribute('aria-expanded')).toBe('true')
    await ime(cdp, { commit: '라' })
    expect(await field.inputValue()).toBe('우크라')

    await page.keyboard.press('ArrowDown')
    const active = await field.getAttribute('aria-activedescendant')
    expect(await page.locator(`#${active}`).getAttribute('aria-selected')).toBe('true')
    // (a suggestion shows its title once its article is in: nothing is loaded ahead for the listing's cards)
    await expect.poll(() => page.locator(`#${active}`).textContent()).not.toContain('불러오는 중')
    const chosen = (await page.locator(`#${active}`).textContent())!.trim()
    expect([first.title, second.title]).toContain(chosen)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('h1').textContent()).toBe(chosen)
    expect(errors).toEqual([])
  })

  it('has no axe violations with the suggestions open, in both themes', async () => {
    const found: string[] = []
    for (const theme of ['light', 'dark']) {
      const watched = await openPage(browser, server.origin, { viewport: DESKTOP })
      open.push(watched)
      const { page } = watched
      await watched.context.addInitScript(
        (t) => localStorage.setItem('reader-prefs', JSON.stringify({ theme: t, fontStep: 2 })),
        theme,
      )
      await page.goto(url())
      await waitForApp(page)
      await page.getByRole('combobox', { name: '기사 검색' }).focus()
      await page.keyboard.insertText('북한')
      await expect.poll(() => page.getByRole('option').count()).toBe(3)
      await page.keyboard.press('ArrowDown')
      await page.evaluate(AXE_SOURCE)
      const violations = await page.evaluate(async () => {
        type Violation = { id: string; nodes: Array<{ target: unknown[] }> }
        const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: Violation[] }> } }).axe
        const { violations } = await axe.run(document)
        return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))
      })
      found.push(...violations.map((v) => `${theme}: ${v}`))
    }
    expect(found).toEqual([])
  })
})
