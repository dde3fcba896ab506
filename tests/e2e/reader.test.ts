// the reader features around each article, in real chromium on the built site under /news/:
// axe on every kind of page in both themes, the theme and font size applied before first
// paint (under the csp), the table of contents on a fresh #hangul load, keyboard use,
// share, print, and the authors' colours.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { AA_TEXT, THEME_PALETTE, contrastRatio, parseColor } from '../../src/shared/contrast'
import { openPage, seeds, waitForApp, type Seed, type WatchedPage } from '../support/browserPage'
import { describeBrowser, launchBrowser } from '../support/chromium'
import { makeProject, REPO_ROOT, type TempProject } from '../support/project'
import { serveStatic, type StaticServer } from '../support/staticServer'

const BASE = '/news/'
const AXE_SOURCE = readFileSync(join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8')
const PHONE = { width: 360, height: 740 }
const DESKTOP = { width: 1280, height: 900 }
type Theme = 'light' | 'dark'

/** the seeds' first article's section headings, as the build gives them ids */
const FIRST_HEADINGS = ['북한-러시아-관계-강화', '제재와-비판에-대한-대응', '끝으로']

/**
 * what the watched page reports, less what these tests cause on purpose: the 404 status of
 * the not-found page, and the favicon request a quick next navigation cuts short
 */
const unexpected = (errors: string[]) =>
  errors.filter((e) => !/status of 404 .*no-such-page\/\)$/.test(e) && !/favicon\.svg net::ERR_ABORTED$/.test(e))

const rgb = (css: string) => {
  // getComputedStyle gives rgb(r, g, b)
  const c = parseColor(css)
  if (!c) throw new Error(`not a colour: ${css}`)
  return c
}

describeBrowser('e2e/reader (built, under /news/)', () => {
  let project: TempProject
  let server: StaticServer
  let browser: Browser
  let first: Seed
  let second: Seed
  const open: WatchedPage[] = []

  beforeAll(async () => {
    ;[first, second] = seeds()
    project = await makeProject()
    // not-found pages answer with dist/404.html, as github pages and netlify do
    server = await serveStatic(await project.build(BASE), { mount: BASE, notFoundPage: true })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    // a page a test closed already: the browser's close below ends the rest
    await Promise.all(open.map((p) => p.close().catch(() => {})))
    await browser?.close()
    await server?.close()
    await project?.cleanup()
  })

  const url = (path = '') => `${server.url}${path}`
  const articlePath = (s: Seed) => `articles/${s.slug}/`

  /** a watched page whose reader has chosen `theme` (unless they choose again in the test) */
  async function reader(theme: Theme | null, options: BrowserContextOptions = {}): Promise<WatchedPage> {
    const watched = await openPage(browser, server.origin, { viewport: DESKTOP, allowStatus: [404], ...options })
    open.push(watched)
    if (theme) {
      await watched.context.addInitScript((t) => {
        if (!localStorage.getItem('reader-prefs'))
          localStorage.setItem('reader-prefs', JSON.stringify({ theme: t, fontStep: 2 }))
      }, theme)
    }
    return watched
  }

  async function load(page: Page, path: string) {
    await page.goto(url(path))
    await waitForApp(page)
  }

  /** axe-core's violations on the page as it is now, one line each */
  async function axeViolations(page: Page): Promise<string[]> {
    // evaluated through the devtools protocol, so the page's csp does not stand in the way
    await page.evaluate(AXE_SOURCE)
    return page.evaluate(async () => {
      type Violation = { id: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }
      const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: Violation[] }> } }).axe
      const { violations } = await axe.run(document)
      return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}: ${n.failureSummary ?? ''}`))
    })
  }

  const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  const bodyFontPx = (page: Page) =>
    page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.article-body')!).fontSize))

  it('axe finds no violations on any kind of page, in both themes', async () => {
    const kinds: Record<string, string> = {
      listing: '',
      article: articlePath(first),
      'article (second seed, a table)': articlePath(second),
      excerpt: `${articlePath(first)}excerpt/`,
      category: 'categories/news/',
      search: `search/?q=${encodeURIComponent('북한')}`,
      'not-found': 'no-such-page/',
    }
    const found: string[] = []
    for (const theme of ['light', 'dark'] as const) {
      for (const viewport of [PHONE, DESKTOP]) {
        const { page, errors } = await reader(theme, { viewport })
        for (const [kind, path] of Object.entries(kinds)) {
          await load(page, path)
          await page.waitForLoadState('networkidle')
          expect(
            await page.evaluate(() => document.documentElement.getAttribute('data-theme')),
            `${kind} ${theme}`,
          ).toBe(theme)
          for (const v of await axeViolations(page)) found.push(`${theme} ${viewport.width}px ${kind}: ${v}`)
        }
        // the controls in their other states: the settings panel open, a link just copied
        await load(page, articlePath(first))
        await page.getByRole('button', { name: '보기 설정' }).click()
        await expect.poll(() => page.getByRole('radio').count()).toBe(8)
        // the whole panel is on screen, also on a phone where its button sits mid-header
        const box = await page.locator('.reader-settings__panel').boundingBox()
        expect(box!.x, `${viewport.width}px`).toBeGreaterThanOrEqual(0)
        expect(box!.x + box!.width, `${viewport.width}px`).toBeLessThanOrEqual(viewport.width)
        for (const v of await axeViolations(page)) found.push(`${theme} ${viewport.width}px settings open: ${v}`)
        await page.keyboard.press('Escape')
        await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin })
        await page.getByRole('button', { name: '링크 복사' }).click()
        await expect.poll(() => page.locator('.share').getByRole('status').textContent()).toBe('링크를 복사했습니다')
        for (const v of await axeViolations(page)) found.push(`${theme} ${viewport.width}px link copied: ${v}`)
        expect(unexpected(errors)).toEqual([])
      }
    }
    expect(found).toEqual([])
  })

  it('puts the saved theme and font step on <html> before the body exists, under the csp, even without the app', async () => {
    const { page, context, errors } = await reader(null)
    await context.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>
      w.__csp = []
      document.addEventListener('securitypolicyviolation', (e) =>
        (w.__csp as string[]).push(`${e.violatedDirective} ${e.blockedURI}`),
      )
      localStorage.setItem('reader-prefs', JSON.stringify({ theme: 'dark', fontStep: 4 }))
      // what <html> says at the moment the parser reaches <body>: nothing can paint earlier
      new MutationObserver((_, observer) => {
        if (!document.body) return
        const root = document.documentElement
        w.__atBody = { theme: root.getAttribute('data-theme'), step: root.getAttribute('data-font-step') }
        observer.disconnect()
      }).observe(document, { childList: true, subtree: true })
    })
    await load(page, articlePath(first))
    expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__atBody)).toEqual({
      theme: 'dark',
      step: '4',
    })
    expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__csp)).toEqual([])
    expect(server.requests).toContain(`${BASE}reader-prefs.js`)
    expect(unexpected(errors)).toEqual([])
    const withApp = { bg: await bodyBackground(page), font: await bodyFontPx(page) }
    expect(rgb(withApp.bg)).toEqual(rgb(THEME_PALETTE.dark.bg))

    // the same page with every module script refused: the prerendered html alone
    await page.route('**/assets/*.js', (route) => route.abort())
    await page.goto(url(articlePath(first)))
    expect(
      await page.evaluate(() => (document.querySelector('#app') as { __vue_app__?: unknown } | null)?.__vue_app__),
    ).toBeUndefined()
    expect(await bodyBackground(page)).toBe(withApp.bg)
    expect(await bodyFontPx(page)).toBe(withApp.font)
  })

  it('follows the system theme until the reader chooses one', async () => {
    const { page } = await reader(null, { colorScheme: 'dark' })
    await load(page, '')
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-theme'))).toBe(false)
    expect(rgb(await bodyBackground(page))).toEqual(rgb(THEME_PALETTE.dark.bg))

    await page.getByRole('button', { name: '보기 설정' }).click()
    await page.getByRole('radio', { name: '밝게' }).check()
    expect(rgb(await bodyBackground(page))).toEqual(rgb(THEME_PALETTE.light.bg))
    await page.reload()
    await waitForApp(page)
    expect(rgb(await bodyBackground(page))).toEqual(rgb(THEME_PALETTE.light.bg))

    await page.getByRole('button', { name: '보기 설정' }).click()
    await page.getByRole('radio', { name: '기기 설정' }).check()
    expect(rgb(await bodyBackground(page))).toEqual(rgb(THEME_PALETTE.dark.bg))
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('reader-prefs')!).theme)).toBe('system')
  })

  it('steps the font size through five sizes by keyboard alone, and remembers it', async () => {
    const { page, errors } = await reader('light')
    await load(page, articlePath(first))
    const toggle = page.getByRole('button', { name: '보기 설정' })
    await toggle.focus()
    await page.keyboard.press('Enter')
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    expect(await page.getByRole('radio', { name: '2단계 보통' }).isChecked()).toBe(true)
    // tab goes into the group, onto its checked radio
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('2')

    const sizes = [await bodyFontPx(page)]
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('ArrowRight')
      sizes.push(await bodyFontPx(page))
    }
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-font-step'))).toBe('5')
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft')
    sizes.unshift(await bodyFontPx(page))
    expect(await page.getByRole('radio', { name: '1단계 작게' }).isChecked()).toBe(true)
    // five different sizes, each larger than the one before
    expect(sizes.every((s, i) => i === 0 || s > sizes[i - 1])).toBe(true)
    expect(sizes[4] / sizes[1]).toBeCloseTo(1.4, 2)

    // escape closes the panel and gives focus back to its button
    await page.keyboard.press('Escape')
    expect(await page.getByRole('radio').count()).toBe(0)
    expect(await page.evaluate(() => document.activeElement?.classList.contains('reader-settings__toggle'))).toBe(true)

    await page.reload()
    await waitForApp(page)
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-font-step'))).toBe('1')
    expect(await bodyFontPx(page)).toBe(sizes[0])
    expect(unexpected(errors)).toEqual([])
  })

  for (const viewport of [PHONE, DESKTOP]) {
    it(`opens a fresh load of /articles/<slug>/#<hangul id> at that heading, below the sticky header (${viewport.width}px)`, async () => {
      const { page, errors } = await reader('light', { viewport })
      const id = FIRST_HEADINGS[1]
      await page.goto(url(`${articlePath(first)}#${encodeURIComponent(id)}`))
      await waitForApp(page)
      const place = () =>
        page.evaluate((hid) => {
          const heading = document.getElementById(hid)!.getBoundingClientRect()
          const header = document.getElementById('siteHeader')!.getBoundingClientRect()
          return { gap: heading.top - header.bottom, scrolled: window.scrollY > 0 }
        }, id)
      // below the header, not under it, and near the top of what is left of the screen
      await expect
        .poll(async () => {
          const { gap, scrolled } = await place()
          return scrolled && gap >= 0 && gap < 60
        })
        .toBe(true)
      expect(unexpected(errors)).toEqual([])
    })
  }

  it('lists the contents of an article with two or more sections; its links land on the heading and move focus there', async () => {
    const { page, errors } = await reader('light', { viewport: PHONE })
    await load(page, articlePath(first))
    const toc = page.getByRole('navigation', { name: '목차' })
    const links = toc.getByRole('link')
    expect(await links.count()).toBe(FIRST_HEADINGS.length)
    const hrefs = await links.evaluateAll((as) =>
      as.map((a) => decodeURIComponent(new URL((a as HTMLAnchorElement).href).hash.slice(1))),
    )
    expect(hrefs).toEqual(FIRST_HEADINGS)

    const last = FIRST_HEADINGS[2]
    await links.nth(2).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(last)
    expect(decodeURIComponent(new URL(page.url()).hash.slice(1))).toBe(last)
    const gap = await page.evaluate(
      (hid) =>
        document.getElementById(hid)!.getBoundingClientRect().top -
        document.getElementById('siteHeader')!.getBoundingClientRect().bottom,
      last,
    )
    expect(gap).toBeGreaterThanOrEqual(0)
    expect(gap).toBeLessThan(60)
    expect(unexpected(errors)).toEqual([])
  })

  it('takes the excerpt’s outline links to that section of the article', async () => {
    const { page, errors } = await reader('light', { viewport: PHONE })
    await load(page, `${articlePath(first)}excerpt/`)
    const id = FIRST_HEADINGS[1]
    await page.getByRole('region', { name: '기사 구성' }).getByRole('link', { name: '제재와 비판에 대한 대응' }).click()
    await page.waitForURL((u) => u.pathname === `${BASE}${articlePath(first)}`)
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(id)
    await expect
      .poll(() =>
        page.evaluate((hid) => {
          const gap =
            document.getElementById(hid)!.getBoundingClientRect().top -
            document.getElementById('siteHeader')!.getBoundingClientRect().bottom
          return gap >= 0 && gap < 60
        }, id),
      )
      .toBe(true)
    expect(unexpected(errors)).toEqual([])
  })

  it('has a skip link to the content, and every control on the article page works and shows focus by keyboard', async () => {
    const { page, errors } = await reader('dark')
    await load(page, articlePath(first))
    await page.keyboard.press('Tab')
    const skip = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement
      return { text: a.textContent?.trim(), top: a.getBoundingClientRect().top }
    })
    expect(skip.text).toBe('본문 바로가기')
    expect(skip.top).toBeGreaterThanOrEqual(0)
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true)

    // from the top, tab through the whole page: every stop shows focus and has a name
    await load(page, articlePath(first))
    const stops: Array<{ role: string; name: string; visible: boolean }> = []
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab')
      const stop = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement
        if (!el || el === document.body) return null
        const style = getComputedStyle(el)
        return {
          tag: el.tagName,
          inFooter: !!el.closest('#siteFooter'),
          visible: el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
        }
      })
      if (!stop) break
      const snapshot = await page.locator(':focus').ariaSnapshot()
      const [, role = '', name = ''] = /^- (\w+)(?: "([^"]*)")?/.exec(snapshot) ?? []
      stops.push({ role, name, visible: stop.visible })
      if (stop.inFooter) break
    }
    const names = stops.map((s) => s.name)
    expect(stops.filter((s) => !s.visible)).toEqual([])
    expect(stops.filter((s) => !s.name)).toEqual([])
    for (const expected of [
      '본문 바로가기',
      '보기 설정',
      '요약 보기',
      '링크 복사',
      '북한-러시아 관계 강화',
      '끝으로',
      '← 기사 목록으로',
      'RSS 구독',
    ]) {
      expect(names, expected).toContain(expected)
    }
    expect(names.some((n) => n.includes(second.title))).toBe(true)
    // the page's own controls are named in korean
    expect(stops.filter((s) => s.role === 'button' && !/[가-힣]/.test(s.name))).toEqual([])

    // with the panel open, every radio and group is named in korean too
    await page.getByRole('button', { name: '보기 설정' }).click()
    // (the panel's code loads on first use)
    await expect.poll(() => page.getByRole('radio').count()).toBe(8)
    const panel = await page.locator('.reader-settings').ariaSnapshot()
    const named = [...panel.matchAll(/- (radio|group|button)(?: "([^"]*)")?/g)].map((m) => ({
      role: m[1],
      name: m[2] ?? '',
    }))
    expect(named.filter((n) => n.role === 'radio')).toHaveLength(8)
    expect(
      named.filter((n) => !/[가-힣]/.test(n.name)),
      panel,
    ).toEqual([])
    expect(unexpected(errors)).toEqual([])
  })

  it('announces a route change and moves focus to the new page\u2019s heading', async () => {
    const { page, errors } = await reader('light')
    await load(page, '')
    await page.locator('main').getByRole('link', { name: first.title }).first().click()
    await page.waitForURL(url(articlePath(first)))
    // the app's own live region (the share and search boxes have status regions of their own)
    const live = page.locator('#app > [aria-live="polite"]')
    await expect.poll(() => live.textContent()).toBe(first.title)
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1')

    // previous/next and related articles link the two seeds both ways
    await page
      .getByRole('navigation', { name: '이전 기사와 다음 기사' })
      .getByRole('link', { name: second.title })
      .click()
    await page.waitForURL(url(articlePath(second)))
    await expect.poll(() => live.textContent()).toBe(second.title)
    expect(await page.getByRole('region', { name: '관련 기사' }).getByRole('link', { name: first.title }).count()).toBe(
      1,
    )
    expect(unexpected(errors)).toEqual([])
  })

  it('copies the link with a visible confirmation, offers the share sheet where there is one, and the address when copying fails', async () => {
    const { page, context, errors } = await reader('light')
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin })
    await load(page, articlePath(first))
    const share = page.getByRole('button', { name: '공유하기' })
    const hasShareSheet = await page.evaluate(() => typeof navigator.share === 'function')
    expect(await share.count()).toBe(hasShareSheet ? 1 : 0)

    await page.getByRole('button', { name: '링크 복사' }).click()
    const status = page.locator('.share').getByRole('status')
    await expect.poll(() => status.textContent()).toBe('링크를 복사했습니다')
    expect(await status.isVisible()).toBe(true)
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url(articlePath(first)))

    // a browser with a share sheet (stubbed: linux chromium has none)
    const sheet = await reader('light')
    await sheet.context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'share', {
        configurable: true,
        value: async (data: ShareData) => ((window as unknown as Record<string, unknown>).__shared = data),
      })
    })
    await load(sheet.page, articlePath(first))
    await sheet.page.getByRole('button', { name: '공유하기' }).click()
    const shared = () => sheet.page.evaluate(() => (window as unknown as Record<string, unknown>).__shared)
    await expect.poll(shared).toEqual({ title: first.title, url: url(articlePath(first)) })

    // a browser that refuses the clipboard: the address is selected for copying by hand
    const refused = await reader('light')
    await refused.context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'clipboard', {
        configurable: true,
        get: () => ({ writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) }),
      })
    })
    await load(refused.page, articlePath(first))
    await refused.page.getByRole('button', { name: '링크 복사' }).click()
    await expect.poll(() => refused.page.locator('.share').getByRole('status').textContent()).toContain('직접 복사')
    const field = await refused.page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement
      return { value: el.value, selected: el.selectionEnd! - el.selectionStart! }
    })
    expect(field.value).toBe(url(articlePath(first)))
    expect(field.selected).toBe(field.value.length)
    expect(unexpected([...errors, ...sheet.errors, ...refused.errors])).toEqual([])
  })

  it('prints just the article, in the light colours, with its address', async () => {
    const { page, errors } = await reader('dark')
    await load(page, articlePath(first))
    await page.emulateMedia({ media: 'print' })
    for (const selector of ['#siteHeader', '#siteFooter', '.toc', '.share__button', '.article__footer', '.skip-link']) {
      expect(await page.locator(selector).first().isVisible(), selector).toBe(false)
    }
    const address = page.locator('.article__print-url')
    expect(await address.isVisible()).toBe(true)
    expect(await address.textContent()).toContain(url(articlePath(first)))
    expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(0, 0, 0)')
    expect(rgb(await bodyBackground(page))).toEqual(rgb('#ffffff'))
    // an author's colour prints as its light-theme shade
    const red = await page.evaluate(() => {
      const span = document.querySelector('.article-body [style*="--ink-dark"]') as HTMLElement
      return { printed: getComputedStyle(span).color, light: span.style.color }
    })
    expect(rgb(red.printed)).toEqual(rgb(red.light))
    expect(unexpected(errors)).toEqual([])
  })

  it('shows the authors\u2019 red at AA contrast in both themes, still red', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const { page } = await reader(theme)
      await load(page, articlePath(first))
      const seen = await page.evaluate(() => {
        const span = document.querySelector('.article-body [style*="--ink-dark"]') as HTMLElement
        return { color: getComputedStyle(span).color, background: getComputedStyle(document.body).backgroundColor }
      })
      const ratio = contrastRatio(rgb(seen.color), rgb(seen.background))
      expect(ratio, theme).toBeGreaterThanOrEqual(AA_TEXT)
      const { r, g, b } = rgb(seen.color)
      expect(r, theme).toBeGreaterThan(2 * Math.max(g, b))
    }
  })
})
