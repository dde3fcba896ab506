// the hostile corpus (tests/fixtures/hostile/articles) built with the seeds into a real site,
// served under a subpath by a plain static server, and opened in Chromium the ways a reader
// would: the listing, the article reached from it, its links clicked, the excerpt view, the
// category pages, and direct loads. nothing may run (no dialog, window.__pwned never set),
// nothing may break the policy, front matter is text wherever it shows, the page keeps its
// heading and the app keeps navigating.
//
// requests that leave the machine are all intercepted and recorded (none gets through).
// allowed are exactly:
//   - images (resource type "image") whose url is the `src` of an <img> in a built article
//     body or an article's front matter `image`: articles show pictures from other hosts,
//     as the seeds do from newsdao.kr;
//   - a page the reader opens by clicking an http(s) link of an article body: it opens in a
//     new tab (target=_blank, rel=noopener noreferrer) and never touches this page.
// anything else (scripts, styles, fonts, frames, objects, prefetches, pings, form posts,
// css or srcset images, redirects) fails the test, and so does ANY request to evil.example,
// the host every attack in the corpus names.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { JSDOM } from 'jsdom'
import sharp from 'sharp'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { parseArticle } from '../../src/node/content/file/parseArticle'
import { slugify } from '../../src/shared/slug'
import { readBuiltArticle, type BuiltArticle } from '../support/builtArticle'
import { describeBrowser, launchBrowser } from '../support/chromium'
import { makeProject, REPO_ROOT, type TempProject } from '../support/project'
import { serveStatic, type StaticServer } from '../support/staticServer'

const HOSTILE = join(REPO_ROOT, 'tests/fixtures/hostile/articles')
const hostileFiles = readdirSync(HOSTILE).sort()
const SITE_NAME = '한빛뉴스'

interface Seen {
  violations: string[]
  dialogs: string[]
  errors: string[]
  external: Array<{ url: string; type: string; nav: boolean; popup: boolean }>
}

/** runs in every page before its own scripts */
function instrument() {
  const w = window as unknown as { __violations: string[] }
  w.__violations = []
  document.addEventListener('securitypolicyviolation', (e) =>
    w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
  )
}

describeBrowser('e2e/hostile', () => {
  let project: TempProject
  let server: StaticServer
  let browser: Browser
  let dist: string
  /** the built payload of each hostile file, by file name */
  const articles = new Map<string, BuiltArticle>()
  const allowedImages = new Set<string>()
  const bodyLinks = new Set<string>()

  beforeAll(async () => {
    const content: Record<string, Uint8Array> = {}
    for (const f of readdirSync(join(REPO_ROOT, 'content'))) content[f] = readFileSync(join(REPO_ROOT, 'content', f))
    for (const f of hostileFiles) content[f] = readFileSync(join(HOSTILE, f))
    // the photo several attacks name (<img src="x.png">), beside them as an editor's would be:
    // a missing one would fail the build, as a missing photo of the site does
    content['x.png'] = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#777' } })
      .png()
      .toBuffer()
    // bodies sanitized in Chromium, as a large build does (the csp suite builds over jsdom)
    project = await makeProject({ content, env: { HANGUL_SANITIZER_DOM: 'chromium' } })
    dist = await project.build('/news/')
    server = await serveStatic(dist, { mount: '/news/', notFoundPage: true })
    browser = await launchBrowser()

    for (const f of readdirSync(join(REPO_ROOT, 'content')).concat(hostileFiles)) {
      const dir = hostileFiles.includes(f) ? HOSTILE : join(REPO_ROOT, 'content')
      const parsed = parseArticle(f, readFileSync(join(dir, f)))
      if (!parsed.ok) continue
      // published as the build wrote it (its page's state and body), held to the front matter
      const { slug, title, categories, featureText, image } = parsed.article
      const a = { ...readBuiltArticle(dist, slug), slug, title, categories, featureText, image }
      if (parsed.article.excerpt) a.excerpt = parsed.article.excerpt
      if (hostileFiles.includes(f)) articles.set(f, a)
      if (/^https:/.test(a.image)) allowedImages.add(a.image)
      const { document } = new JSDOM(`<body>${a.html}`).window
      for (const img of document.querySelectorAll('img[src]'))
        if (/^https:/.test(img.getAttribute('src')!)) allowedImages.add(img.getAttribute('src')!)
      for (const link of document.querySelectorAll('a[href]'))
        if (/^https?:/.test(link.getAttribute('href')!)) bodyLinks.add(link.getAttribute('href')!)
    }
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await project?.cleanup()
  })

  it('builds every hostile article', () => {
    expect([...articles.keys()].sort()).toEqual(hostileFiles)
    // no attack rode in on an allowed image or link
    for (const url of [...allowedImages, ...bodyLinks]) expect(url).not.toMatch(/evil\.example/)
  })

  it('writes no front matter into the prerendered html, feed or sitemap as markup', () => {
    for (const [file, a] of articles) {
      for (const route of [`articles/${a.slug}/index.html`, `articles/${a.slug}/excerpt/index.html`]) {
        const { document } = new JSDOM(readFileSync(join(dist, route), 'utf8')).window
        const where = `${file} ${route}`
        const pageTitle = route.includes('excerpt') ? `요약: ${a.title}` : a.title
        expect(document.title, where).toBe(`${pageTitle} | ${SITE_NAME}`)
        expect(document.querySelector('meta[property="og:title"]')!.getAttribute('content'), where).toBe(pageTitle)
        // a summary repeats its article, which it names as the canonical page; neither is kept out of the index
        expect(document.querySelector('meta[name="robots"]'), where).toBeNull()
        expect(document.querySelector('link[rel="canonical"]')!.getAttribute('href'), where).toMatch(
          new RegExp(`/articles/${encodeURIComponent(a.slug).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/$`),
        )
        expect(document.querySelectorAll('h1'), where).toHaveLength(1)
        expect(document.querySelector('h1')!.textContent, where).toBe(a.title)
        expect(document.querySelector('h1')!.childElementCount, where).toBe(0)
        // the head holds only what the app put there
        expect(
          [...document.querySelectorAll('meta[http-equiv]')].map((m) => m.getAttribute('http-equiv')),
          where,
        ).toEqual(['Content-Security-Policy'])
        expect(
          document.querySelectorAll(
            'base, iframe, object, embed, frame, form:not([role=search]), style, svg script, math',
          ),
          where,
        ).toHaveLength(0)
        const ownHref = /^(\/news\/|https:\/\/news\.example\.com\/|http:\/\/127\.0\.0\.1)/
        for (const link of document.querySelectorAll('link[href]'))
          expect(link.getAttribute('href'), where).toMatch(ownHref)
        for (const s of document.querySelectorAll('script')) {
          if (s.type === 'application/ld+json') continue
          if (s.type === 'application/json' && s.id === 'articleState') {
            // the page's state for the app: data, and the article's front matter as data
            expect(s.textContent, where).not.toMatch(/[<>]/)
            const state = JSON.parse(s.textContent!)
            expect(state, where).toMatchObject({
              slug: a.slug,
              title: a.title,
              categories: a.categories,
              featureText: a.featureText,
              image: a.image,
            })
            // the excerpt is left out where it repeats the feature text; an article page's
            // headings are its body's, a summary's are in its state
            expect(state.excerpt ?? state.featureText, where).toBe(a.excerpt)
            if (route.includes('excerpt')) expect(state.headings, where).toEqual(a.headings)
            else expect(state.headings, where).toBeUndefined()
            continue
          }
          expect(s.getAttribute('src'), where).toMatch(/^\/news\//)
          expect(s.textContent, where).toBe('')
        }
        // the article page and the summary each carry their state for the app
        expect(document.querySelectorAll('script[type="application/json"]'), where).toHaveLength(1)
        for (const el of document.querySelectorAll('*')) {
          for (const attr of el.attributes) expect(attr.name.startsWith('on'), `${where}: ${attr.name}`).toBe(false)
        }
        if (route.endsWith('excerpt/index.html')) continue
        const ld = document.querySelectorAll('script[type="application/ld+json"]')
        expect(ld, where).toHaveLength(1)
        expect(ld[0].textContent, where).not.toMatch(/[<>]/)
        expect(JSON.parse(ld[0].textContent!), where).toMatchObject({
          '@type': 'NewsArticle',
          headline: a.title,
          description: a.excerpt,
        })
      }
    }
    // each category page links its feeds, titled with its name as text
    for (const a of articles.values()) {
      for (const slug of new Set(a.categories.map(slugify))) {
        const route = `categories/${slug}/index.html`
        const { document } = new JSDOM(readFileSync(join(dist, route), 'utf8')).window
        const links = [...document.querySelectorAll('link[rel=alternate]')].slice(0, 3)
        const name = document.querySelector('h1')!.textContent
        expect(
          links.map((l) => [l.getAttribute('href'), l.getAttribute('title')]),
          route,
        ).toEqual([
          [`/news/categories/${encodeURI(slug)}/feed.xml`, `${name} | ${SITE_NAME} (RSS)`],
          [`/news/categories/${encodeURI(slug)}/atom.xml`, `${name} | ${SITE_NAME} (Atom)`],
          [`/news/categories/${encodeURI(slug)}/feed.json`, `${name} | ${SITE_NAME} (JSON Feed)`],
        ])
      }
    }
    checkCrawlerFiles()
  })

  /** robots.txt, every sitemap and every feed: well-formed, each url on the site, front matter only ever text */
  function checkCrawlerFiles() {
    const names = (readdirSync(dist, { recursive: true }) as string[])
      .map((f) => f.split('\\').join('/'))
      .filter((f) => /(^|\/)(robots\.txt|sitemap[^/]*\.xml|feed\.xml|atom\.xml|feed\.json)$/.test(f))
    expect(names).toEqual(
      expect.arrayContaining([
        'robots.txt',
        'sitemap.xml',
        'sitemap-1.xml',
        'sitemap-news.xml',
        'feed.xml',
        'atom.xml',
        'feed.json',
      ]),
    )
    expect(names.filter((f) => f.startsWith('categories/'))).toHaveLength(
      3 * readdirSync(join(dist, 'categories')).length,
    )
    const onSite = (u: string, name: string) =>
      expect(u, name).toMatch(/^https:\/\/news\.example\.com\/news\/[^<>"' ]*$/)
    for (const name of names) {
      const text = readFileSync(join(dist, name), 'utf8')
      if (name === 'robots.txt') {
        expect(text).toBe('User-agent: *\nAllow: /\n\nSitemap: https://news.example.com/news/sitemap.xml\n')
      } else if (name.endsWith('.json')) {
        const feed = JSON.parse(text) as { feed_url: string; items: Array<{ url: string; title: unknown }> }
        onSite(feed.feed_url, name)
        for (const item of feed.items) {
          onSite(item.url, name)
          expect(typeof item.title, name).toBe('string')
        }
      } else {
        const doc = new JSDOM(text, { contentType: 'application/xml' }).window.document
        expect(doc.getElementsByTagName('parsererror'), name).toHaveLength(0)
        expect(doc.getElementsByTagName('script'), name).toHaveLength(0)
        expect(doc.getElementsByTagNameNS('http://www.w3.org/1999/xhtml', '*'), name).toHaveLength(0)
        for (const el of doc.querySelectorAll('loc, link, guid, id'))
          onSite(el.getAttribute('href') ?? el.textContent!, name)
      }
    }
    // the site's feeds carry every hostile title as text
    const rssTitles = [
      ...new JSDOM(readFileSync(join(dist, 'feed.xml'), 'utf8'), {
        contentType: 'application/xml',
      }).window.document.querySelectorAll('item > title'),
    ]
    const jsonTitles = (
      JSON.parse(readFileSync(join(dist, 'feed.json'), 'utf8')) as { items: Array<{ title: string }> }
    ).items.map((i) => i.title)
    for (const a of articles.values()) {
      expect(rssTitles.map((t) => t.textContent)).toContain(
        a.title.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, ''),
      )
      expect(jsonTitles).toContain(a.title)
    }
  }

  it.each(hostileFiles)(
    '%s: listing, article, its links, excerpt, categories and direct loads; nothing runs or phones home',
    async (file) => {
      const a = articles.get(file)!
      const seen: Seen = { violations: [], dialogs: [], errors: [], external: [] }
      const context = await browser.newContext()
      const mainPages = new Set<Page>()
      try {
        await watch(context, seen, mainPages)
        const page = await context.newPage()
        mainPages.add(page)
        const articleUrl = `${server.url}articles/${encodeURIComponent(a.slug)}/`

        // 1. the listing: the card shows the front matter as text
        await page.goto(server.url)
        await settle(page)
        const card = page
          .locator('.card')
          .filter({ has: page.locator(`.card__title a[href="/news/articles/${encodeURI(a.slug)}/"]`) })
        expect(await card.locator('.card__title').textContent()).toBe(a.title)
        expect((await card.locator('.card__excerpt').textContent())?.trim()).toBe(a.excerpt)
        expect(await card.locator('.category-links a').allTextContents()).toEqual(a.categories)
        await assertSafe(page, seen, '/')
        await page.evaluate(() => ((window as unknown as { __sameDocument: number }).__sameDocument = 1))

        // 2. into the article, in the app
        await card.locator('.card__title a').click()
        await expect.poll(() => page.locator('h1').textContent()).toBe(a.title)
        expect(
          await page.evaluate(() => (window as unknown as { __sameDocument?: number }).__sameDocument),
          'opened in the app',
        ).toBe(1)
        await checkArticle(page, a)
        await assertSafe(page, seen, 'article (from the listing)')

        // 3. every link of its body, clicked as a reader would (a plain link to another
        // address on this host is a page load; the test comes back to the article)
        await clickBodyLinks(page, a, articleUrl)
        await assertSafe(page, seen, 'article after its links were clicked')
        await page.evaluate(() => ((window as unknown as { __sameDocument: number }).__sameDocument = 1))

        // 4. the excerpt view and back
        await page.locator('.article__summary-link').click()
        await expect.poll(() => page.url()).toBe(`${articleUrl}excerpt/`)
        await checkExcerpt(page, a)
        await assertSafe(page, seen, 'excerpt (in the app)')
        await page.locator('a', { hasText: '전체 기사 읽기' }).click()
        await expect.poll(() => page.locator('h1').textContent()).toBe(a.title)

        // 5. its categories (hostile names) are text on their pages too
        for (let i = 0; i < a.categories.length; i++) {
          await page.locator('.article__header .category-links a').nth(i).click()
          await expect.poll(() => page.locator('h1').textContent()).toBe(a.categories[i])
          await assertSafe(page, seen, `category ${a.categories[i]}`)
          await page.goBack()
          await expect.poll(() => page.locator('h1').textContent()).toBe(a.title)
        }
        expect(
          await page.evaluate(() => (window as unknown as { __sameDocument?: number }).__sameDocument),
          'all of that without a reload',
        ).toBe(1)

        // 6. direct loads of the prerendered pages, then the app still navigates
        for (const url of [articleUrl, `${articleUrl}excerpt/`]) {
          await page.goto(url)
          await settle(page)
          expect(await page.locator('h1').textContent()).toBe(a.title)
          if (url === articleUrl) await checkArticle(page, a)
          else await checkExcerpt(page, a)
          await assertSafe(page, seen, `direct load of ${url}`)
        }
        await page.evaluate(() => ((window as unknown as { __sameDocument: number }).__sameDocument = 2))
        await page.locator('.site-header__brand').click()
        await expect.poll(() => page.url()).toBe(server.url)
        await expect.poll(() => page.locator('.card').count()).toBeGreaterThanOrEqual(articles.size)
        await page.locator('.card__title a').first().click()
        await expect.poll(() => page.locator('.article-body').count()).toBe(1)
        expect(
          await page.evaluate(() => (window as unknown as { __sameDocument?: number }).__sameDocument),
          'the app navigated, no reload',
        ).toBe(2)
        await assertSafe(page, seen, 'after navigating on')

        expect(seen.dialogs).toEqual([])
        expect(seen.violations).toEqual([])
        expect(seen.errors).toEqual([])
        expect(refusedRequests(seen)).toEqual([])
      } finally {
        await context.close()
      }
    },
  )

  it('the watchers do catch a dialog, a script that ran, a violation and a request to evil.example (the test can fail)', async () => {
    const seen: Seen = { violations: [], dialogs: [], errors: [], external: [] }
    const context = await browser.newContext()
    const mainPages = new Set<Page>()
    try {
      await watch(context, seen, mainPages)
      const page = await context.newPage()
      mainPages.add(page)
      await page.goto(`${server.url}articles/${articles.get(hostileFiles[0])!.slug}/`)
      await settle(page)
      await page.evaluate(() => {
        alert('보임')
        ;(window as unknown as { __pwned: number }).__pwned = 1
        new Image().src = 'https://evil.example/pixel.gif'
        document.head.append(
          Object.assign(document.createElement('link'), { rel: 'stylesheet', href: 'https://evil.example/x.css' }),
        )
      })
      await expect.poll(() => seen.external.length).toBeGreaterThanOrEqual(1)
      expect(seen.dialogs).toEqual(['alert: 보임'])
      await expect(assertSafe(page, seen, 'control')).rejects.toThrow(/__pwned/)
      const violations = () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)
      await expect.poll(violations).toEqual(['style-src-elem https://evil.example/x.css '])
      expect(refusedRequests(seen).map((r) => r.url)).toEqual(['https://evil.example/pixel.gif'])
    } finally {
      await context.close()
    }
  })

  /** every request that tried to leave the machine and is not allowed by the rule at the top of this file */
  function refusedRequests(seen: Seen): Seen['external'] {
    return seen.external.filter((r) => {
      if (/evil\.example/i.test(r.url)) return true
      if (r.type === 'image' && !r.popup && allowedImages.has(r.url)) return false
      if (r.popup && r.nav && bodyLinks.has(r.url)) return false
      return true
    })
  }

  /** record what a reader's browser would do: dialogs, violations, errors, requests off the machine */
  async function watch(context: BrowserContext, seen: Seen, mainPages: Set<Page>) {
    await context.addInitScript(instrument)
    await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => {
      const req = route.request()
      let page: Page | null = null
      try {
        page = req.frame().page()
      } catch {
        // a navigation whose frame does not exist yet: a new tab opening
      }
      seen.external.push({
        url: req.url(),
        type: req.resourceType(),
        nav: req.isNavigationRequest(),
        popup: !page || !mainPages.has(page),
      })
      return route.abort()
    })
    context.on('page', (p) => {
      p.on('dialog', (d) => {
        seen.dialogs.push(`${d.type()}: ${d.message()}`)
        void d.dismiss()
      })
      p.on('pageerror', (e) => seen.errors.push(e.message))
      p.on('console', (m) => {
        if (m.type() === 'error' && !/Failed to load resource|net::ERR_/.test(m.text()))
          seen.errors.push(m.text() + ' @ ' + p.url())
      })
    })
  }

  async function settle(page: Page) {
    await page.waitForLoadState('load')
    await page.waitForFunction(
      () => !!(document.querySelector('#app') as unknown as { __vue_app__?: unknown }).__vue_app__,
    )
  }

  /** nothing ran in this page; it still has its one heading */
  async function assertSafe(page: Page, seen: Seen, where: string) {
    const state = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      violations: (window as unknown as { __violations?: string[] }).__violations ?? [],
      h1: document.querySelectorAll('h1').length,
      visible: (() => {
        const h = document.querySelector('h1')
        if (!h) return false
        const r = h.getBoundingClientRect()
        const style = getComputedStyle(h)
        return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none'
      })(),
      // the page's own landmarks are where they belong, not stolen by the article
      mainIsApps: document.getElementById('main')?.parentElement?.id === 'app',
      headerIsApps: document.getElementById('siteHeader')?.parentElement?.id === 'app',
    }))
    expect(state.pwned, `${where}: window.__pwned`).toBeUndefined()
    expect(state.h1, `${where}: one h1`).toBe(1)
    expect(state.visible, `${where}: the heading is visible`).toBe(true)
    expect(state.mainIsApps && state.headerIsApps, `${where}: #main and #siteHeader are the app's`).toBe(true)
    seen.violations.push(...state.violations.map((v) => `${where}: ${v}`))
    await page.evaluate(() => ((window as unknown as { __violations?: string[] }).__violations = []))
  }

  async function checkArticle(page: Page, a: BuiltArticle) {
    expect(await page.title()).toBe(`${a.title} | ${SITE_NAME}`)
    expect(await page.locator('h1').evaluate((h) => h.childElementCount)).toBe(0)
    if (a.featureText) expect(await page.locator('.article__standfirst').textContent()).toBe(a.featureText)
    expect(await page.locator('.article__header .category-links a').allTextContents()).toEqual(a.categories)
    // the heading ids the excerpt view links to survived the browser's sanitizer
    for (const h of a.headings) expect(await page.locator(`.article-body [id="${h.id}"]`).count(), h.id).toBe(1)
    const forbidden = ['script', 'style', 'iframe', 'svg', 'math', 'form']
      .map((tag) => `.article-body ${tag}`)
      .join(', ')
    expect(await page.locator(forbidden).count()).toBe(0)
  }

  async function checkExcerpt(page: Page, a: BuiltArticle) {
    expect(await page.title()).toMatch(a.title)
    expect((await page.locator('.summary__text').textContent())?.trim()).toBe(a.excerpt)
  }

  /** click each link of the article body; come back when one leaves the page */
  async function clickBodyLinks(page: Page, a: BuiltArticle, articleUrl: string) {
    const links = page.locator('.article-body a[href]')
    const count = await links.count()
    for (let i = 0; i < count; i++) {
      const link = links.nth(i)
      // a link a pointer cannot reach (no size, off screen): its click event is dispatched to it instead
      await link.click({ timeout: 2_000 }).catch(() => link.dispatchEvent('click'))
      await page.waitForLoadState('load')
      if (!page.url().startsWith(articleUrl)) {
        // a plain link to elsewhere on this host: the browser went there; come back
        await page.goBack()
        await settle(page)
      }
      expect(await page.locator('h1').textContent(), `after link ${i}`).toBe(a.title)
    }
  }
})
