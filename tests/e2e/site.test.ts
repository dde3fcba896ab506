// the built site in real chromium, served by a plain static server under /news/ (no spa
// fallback), as `python3 -m http.server` would serve a folder holding dist/ as news/.
import { JSDOM } from 'jsdom'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  h1s,
  markWindow,
  openPage,
  routerPush,
  seeds,
  waitForApp,
  windowMarked,
  type Seed,
} from '../support/browserPage'
import { describeBrowser, launchBrowser } from '../support/chromium'
import { makeProject, type TempProject } from '../support/project'
import { serveStatic, type StaticServer } from '../support/staticServer'
import { elements, parseXml, texts } from '../support/xml'

const BASE = '/news/'
const LISTING_H1 = '최신 기사'
const NOT_FOUND_H1 = '페이지를 찾을 수 없습니다'

describeBrowser('e2e/site (built, under /news/)', () => {
  let project: TempProject
  let server: StaticServer
  let browser: Browser
  let first: Seed
  let second: Seed

  beforeAll(async () => {
    ;[first, second] = seeds()
    project = await makeProject()
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

  it('listing -> article -> excerpt -> back -> back, without a full reload', async () => {
    const { page, errors, close } = await openPage(browser, server.origin)
    try {
      await page.goto(url())
      await waitForApp(page)
      expect(await h1s(page)).toEqual([LISTING_H1])
      await markWindow(page)
      const documents: string[] = []
      page.on('request', (r) => r.resourceType() === 'document' && documents.push(r.url()))

      await page.locator('main').getByRole('link', { name: first.title }).first().click()
      await page.waitForURL(url(`articles/${first.slug}/`))
      await expect.poll(() => h1s(page)).toEqual([first.title])
      expect(await windowMarked(page)).toBe(true)
      expect(await page.title()).toContain(first.title)
      // focus moves to the new page's heading
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1')

      await page.getByRole('link', { name: '요약 보기' }).click()
      await page.waitForURL(url(`articles/${first.slug}/excerpt/`))
      await expect.poll(() => h1s(page)).toEqual([first.title])
      await expect.poll(() => page.getByRole('link', { name: '전체 기사 읽기' }).count()).toBe(1)
      expect(await windowMarked(page)).toBe(true)
      expect(await page.title()).toContain(first.title)

      await page.goBack()
      await page.waitForURL(url(`articles/${first.slug}/`))
      await expect.poll(() => page.getByRole('link', { name: '요약 보기' }).count()).toBe(1)
      expect(await h1s(page)).toEqual([first.title])
      expect(await windowMarked(page)).toBe(true)

      await page.goBack()
      await page.waitForURL(url())
      await expect.poll(() => h1s(page)).toEqual([LISTING_H1])
      expect(await windowMarked(page)).toBe(true)

      // only code and data were fetched after the first page: no html document
      expect(documents).toEqual([])
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  it('moves between articles with the prev/next links, the title naming each article', async () => {
    const { page, errors, close } = await openPage(browser, server.origin)
    try {
      await page.goto(url(`articles/${first.slug}/`))
      await waitForApp(page)
      await markWindow(page)
      await page.locator('a[rel=next]').click()
      await page.waitForURL(url(`articles/${second.slug}/`))
      await expect.poll(() => h1s(page)).toEqual([second.title])
      expect(await page.title()).toContain(second.title)
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(second.title)
      expect(await windowMarked(page)).toBe(true)
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  it("gives each page of a client-side navigation its own head tags, none of the first page's left behind", async () => {
    const { page, errors, close } = await openPage(browser, server.origin)
    try {
      const scripts: string[] = []
      page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname))
      const head = () =>
        page.evaluate(() => {
          const all = (selector: string, attr: string) =>
            [...document.head.querySelectorAll(selector)].map((e) => e.getAttribute(attr))
          return {
            title: document.title,
            canonical: all('link[rel=canonical]', 'href'),
            description: all('meta[name=description]', 'content'),
            ogUrl: all('meta[property="og:url"]', 'content'),
            ogType: all('meta[property="og:type"]', 'content'),
            image: all('meta[property="og:image"]', 'content'),
          }
        })
      await page.goto(url(`articles/${first.slug}/`))
      await waitForApp(page)
      const opened = await head()
      expect(opened.canonical).toEqual([expect.stringMatching(new RegExp(`/news/articles/${first.slug}/$`))])
      expect(opened.image).toHaveLength(1)
      // unhead's dom renderer is not part of a first visit (src/client/head.ts): the
      // prerendered head is what the page's components ask for
      const firstVisit = [...scripts]

      await page.locator('.site-header__brand').click()
      await page.waitForURL(url())
      await expect.poll(() => h1s(page)).toEqual([LISTING_H1])
      await expect.poll(async () => (await head()).canonical).toEqual([expect.stringMatching(/\/news\/$/)])
      const listing = await head()
      expect(listing.title).not.toContain(first.title)
      expect(listing.description).toHaveLength(1)
      expect(listing.description[0]).not.toBe(opened.description[0])
      expect(listing.ogUrl).toEqual(listing.canonical)
      expect(listing.ogType).toEqual(['website'])
      // the article's own tags, which the listing has none of, are gone
      expect(listing.image).toEqual([])
      const loadedOnLeaving = scripts.slice(firstVisit.length)
      expect(loadedOnLeaving.length).toBeGreaterThan(0)
      expect(firstVisit.filter((s) => loadedOnLeaving.includes(s))).toEqual([])

      await page.locator('main').getByRole('link', { name: second.title }).first().click()
      await page.waitForURL(url(`articles/${second.slug}/`))
      await expect.poll(() => page.title()).toContain(second.title)
      await expect
        .poll(async () => (await head()).canonical)
        .toEqual([expect.stringMatching(new RegExp(`/news/articles/${second.slug}/$`))])
      const article = await head()
      expect(article.image).toHaveLength(1)
      expect(article.ogType).toEqual(['article'])
      expect(article.description).toHaveLength(1)
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  it("leaves none of the first page's tags behind when its head code failed to load on the way", async () => {
    const { page, errors, close } = await openPage(browser, server.origin)
    try {
      const images = () => page.evaluate(() => document.head.querySelectorAll('meta[property="og:image"]').length)
      await page.goto(url(`articles/${first.slug}/`))
      await waitForApp(page)
      expect(await images()).toBe(1)
      // a deploy that replaced the chunk, or a dropped connection: that navigation goes on without it
      const blocked = /\/assets\/headRuntime-[^/]+\.js$/
      await page.route(blocked, (r) => r.abort())
      await page.locator('.site-header__brand').click()
      await expect.poll(() => h1s(page)).toEqual([LISTING_H1])
      await page.unroute(blocked)

      await page.locator('main').getByRole('link', { name: second.title }).first().click()
      await page.waitForURL(url(`articles/${second.slug}/`))
      await expect.poll(() => page.title()).toContain(second.title)
      await page.locator('.site-header__brand').click()
      await expect.poll(() => page.title()).not.toContain(second.title)
      await expect
        .poll(() =>
          page.evaluate(() =>
            [...document.head.querySelectorAll<HTMLLinkElement>('link[rel=canonical]')].map((l) => l.href),
          ),
        )
        .toEqual([expect.stringMatching(/\/news\/$/)])
      // the first article's og:image, which no page asked for since, is gone
      expect(await images()).toBe(0)
      expect(await page.evaluate(() => document.head.querySelectorAll('[data-h]').length)).toBe(0)
      expect(errors.filter((e) => !/headRuntime/.test(e))).toEqual([])
    } finally {
      await close()
    }
  })

  it('gives a search page opened with a query its own title, which the prerendered page cannot know', async () => {
    const { page, errors, close } = await openPage(browser, server.origin)
    try {
      await page.goto(url(`search/?q=${encodeURIComponent('러시아')}`))
      await waitForApp(page)
      await expect.poll(() => page.title()).toContain('‘러시아’ 검색 결과')
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  const directRoutes = () => [
    { path: '', h1: LISTING_H1 },
    { path: `articles/${first.slug}/`, h1: first.title },
    { path: `articles/${second.slug}/`, h1: second.title },
    { path: `articles/${first.slug}/excerpt/`, h1: first.title },
    { path: `articles/${second.slug}/excerpt/`, h1: second.title },
    { path: 'categories/news/', h1: 'News' },
    { path: 'search/', h1: '기사 검색' },
    { path: '404.html', h1: NOT_FOUND_H1 },
  ]

  it('prerenders every route with its text, one h1, title, description, canonical and Open Graph tags', async () => {
    for (const { path, h1 } of directRoutes()) {
      const res = await fetch(url(path))
      expect(res.status, path).toBe(200)
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/)
      const html = await res.text()
      expect(html.match(/<h1[\s>]/g) ?? [], path).toHaveLength(1)
      expect(html, path).toContain(escapeHtml(h1))
      expect(html, path).toMatch(/<html[^>]*\blang="ko"/)
      expect(html, path).toMatch(/<title>[^<]+<\/title>/)
      expect(html, path).toMatch(/<meta name="description" content="[^"]+"/)
      expect(html, path).toMatch(/<link rel="canonical" href="https:\/\/[^"]+\/news\/[^"]*"/)
      for (const og of ['og:title', 'og:description', 'og:url', 'og:type', 'og:site_name']) {
        expect(html, `${path} ${og}`).toMatch(new RegExp(`<meta property="${og}" content="[^"]+"`))
      }
      // every asset and link is under the base
      for (const [, ref] of html.matchAll(/(?:src|href)="(\/[^"]*)"/g))
        expect(ref.startsWith(BASE), `${path}: ${ref}`).toBe(true)
    }
    const article = await (await fetch(url(`articles/${first.slug}/`))).text()
    expect(article).toContain(`<title>${escapeHtml(first.title)}`)
    expect(article).toMatch(/<meta property="og:type" content="article"/)
    expect(article).toMatch(new RegExp(`<link rel="canonical" href="https://[^"]+/news/articles/${first.slug}/"`))
  })

  it('loads every route directly, hydrating with one h1 and no JavaScript errors', async () => {
    for (const { path, h1 } of directRoutes()) {
      const { page, errors, close } = await openPage(browser, server.origin)
      try {
        await page.goto(url(path))
        await waitForApp(page)
        await page.waitForLoadState('networkidle')
        expect(await h1s(page), path).toEqual([h1])
        expect(await page.title(), path).not.toBe('')
        expect(errors, path).toEqual([])
      } finally {
        await close()
      }
    }
  })

  it('shows the Korean not-found view for an unknown URL reached in the app', async () => {
    const { page, errors, close } = await openPage(browser, server.origin)
    try {
      await page.goto(url())
      await waitForApp(page)
      await markWindow(page)
      await routerPush(page, '/no/such/page/')
      await expect.poll(() => h1s(page)).toEqual([NOT_FOUND_H1])
      expect(page.url()).toBe(url('no/such/page/'))
      const home = page.getByRole('link', { name: '첫 화면으로 가기' })
      expect(await home.count()).toBe(1)

      // an article that does not exist gets its own not-found heading
      await routerPush(page, '/articles/no-such-article/')
      await expect.poll(() => h1s(page)).toEqual(['기사를 찾을 수 없습니다'])

      await page.getByRole('link', { name: '첫 화면으로 가기' }).click()
      await expect.poll(() => h1s(page)).toEqual([LISTING_H1])
      expect(await windowMarked(page)).toBe(true)
      // the unknown article's page is a 404, which the app expects
      expect(errors.filter((e) => !e.includes('/articles/no-such-article/'))).toEqual([])
    } finally {
      await close()
    }
  })

  it('on a host that serves 404.html for unknown URLs, shows the not-found view there too', async () => {
    const host = await serveStatic(`${project.root}/dist`, { mount: BASE, notFoundPage: true })
    const { page, errors, close } = await openPage(browser, host.origin)
    try {
      const res = await page.goto(`${host.url}gone/away/`)
      expect(res?.status()).toBe(404)
      await waitForApp(page)
      await expect.poll(() => h1s(page)).toEqual([NOT_FOUND_H1])
      // the document's own 404 is the point; nothing else may fail
      const gone = `${host.url}gone/away/`
      expect(errors.filter((e) => !e.includes(gone) && !/status of 404/.test(e))).toEqual([])
    } finally {
      await close()
      await host.close()
    }
  })

  it("on a host whose 404.html covers the whole domain, an address outside the site stays the site's not-found page", async () => {
    // the host serves the site's 404.html at / and at /articles/<slug>/, which are not the
    // site's: the app must not take them for its listing and its article
    const host = await serveStatic(`${project.root}/dist`, { mount: BASE, notFoundPage: true })
    const { page, errors, close } = await openPage(browser, host.origin)
    try {
      for (const stray of ['/', `/articles/${first.slug}/`]) {
        const res = await page.goto(`${host.origin}${stray}`)
        expect(res?.status()).toBe(404)
        // whatever the page's scripts do, they have done it once the network is quiet
        await page.waitForLoadState('networkidle')
        expect(new URL(page.url()).pathname, stray).toBe(stray)
        expect(await h1s(page)).toEqual([NOT_FOUND_H1])
        expect(
          await page.evaluate(
            () => !!(document.querySelector('#app') as Element & { __vue_app__?: unknown }).__vue_app__,
          ),
        ).toBe(false)
      }
      // its links are plain links into the site, where the app runs
      await page.locator(`#siteHeader a[href="${BASE}"]`).first().click()
      await waitForApp(page)
      await expect.poll(() => h1s(page)).toEqual([LISTING_H1])
      // the two documents' own 404s are the point; nothing else may fail
      expect(
        errors.filter((e) => !/status of 404|^HTTP 404: http:\/\/127\.0\.0\.1:\d+\/(articles\/[^/]+\/)?$/.test(e)),
      ).toEqual([])
    } finally {
      await close()
      await host.close()
    }
  })

  it('a plain static server has no fallback: an unknown deep link is a 404', async () => {
    expect((await fetch(url('articles/no-such-article/'))).status).toBe(404)
    // and a folder without its slash is redirected, not broken
    const res = await fetch(url(`articles/${first.slug}`), { redirect: 'manual' })
    expect(res.status).toBe(301)
    expect(res.headers.get('location')).toBe(`${BASE}articles/${first.slug}/`)
  })

  it('back restores the scroll position; a new page starts at the top', async () => {
    const { page, errors, close } = await openPage(browser, server.origin, { viewport: { width: 360, height: 480 } })
    try {
      await page.goto(url(`articles/${first.slug}/`))
      await waitForApp(page)
      const height = await page.evaluate(() => document.documentElement.scrollHeight)
      expect(height).toBeGreaterThan(2000)
      await page.evaluate(() => window.scrollTo(0, 1500))
      await expect.poll(() => page.evaluate(() => Math.round(window.scrollY))).toBe(1500)
      // what the reader sees at the top of the window
      const atTop = () =>
        page.evaluate(() => document.elementFromPoint(180, 120)?.textContent?.trim().slice(0, 80) ?? '')
      const seen = await atTop()
      expect(seen).not.toBe('')
      await markWindow(page)

      // a click that does not scroll the link into view first
      await page.evaluate(() => (document.querySelector('a.article__summary-link') as HTMLAnchorElement).click())
      await page.waitForURL(url(`articles/${first.slug}/excerpt/`))
      await expect.poll(() => h1s(page)).toEqual([first.title])
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0)

      await page.goBack()
      await page.waitForURL(url(`articles/${first.slug}/`))
      // the same place: the same text at the top, give or take what the browser's scroll
      // anchoring moves when the failed external image settles above it
      await expect.poll(atTop).toBe(seen)
      expect(Math.abs((await page.evaluate(() => window.scrollY)) - 1500)).toBeLessThan(100)

      await page.goForward()
      await page.waitForURL(url(`articles/${first.slug}/excerpt/`))
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0)
      expect(await windowMarked(page)).toBe(true)
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  /** the site's public address under the base, as the built files write it (site.config.ts, or SITE_URL) */
  let publicBase = ''
  /** a url the built files write, fetched from the local server instead */
  const local = (absolute: string) => {
    expect(absolute.startsWith(publicBase), absolute).toBe(true)
    return url(absolute.slice(publicBase.length))
  }
  const alternates = (html: string) =>
    [...new JSDOM(html).window.document.querySelectorAll('link[rel=alternate]')].map((l) => [
      l.getAttribute('type'),
      l.getAttribute('href'),
    ])

  it('serves robots.txt naming the sitemap index, and the index naming its parts, with absolute URLs under the base', async () => {
    const robots = await fetch(url('robots.txt'))
    expect(robots.headers.get('content-type')).toMatch(/^text\/plain/)
    const sitemapLine = /^Sitemap: (https:\/\/[^/\s]+\/news\/)sitemap\.xml$/m.exec(await robots.text())
    expect(sitemapLine).not.toBeNull()
    publicBase = sitemapLine![1]

    const index = await fetch(url('sitemap.xml'))
    expect(index.headers.get('content-type')).toMatch(/xml/)
    const parts = texts(parseXml(await index.text()), 'loc')
    // the seeds are undated: no article is news, and the index names only the part
    expect(parts).toEqual([`${publicBase}sitemap-1.xml`])
    const locs = texts(parseXml(await (await fetch(local(parts[0]))).text()), 'loc')
    expect(locs).toContain(`${publicBase}articles/${first.slug}/`)
    expect(locs).toContain(`${publicBase}categories/news/`)
    expect(locs.filter((l) => l.includes('/excerpt/'))).toEqual([])
    const news = await fetch(url('sitemap-news.xml'))
    expect(news.status).toBe(200)
    expect(elements(parseXml(await news.text()), 'url')).toEqual([])
  })

  it("serves the site's feeds and each category's in RSS, Atom and JSON Feed, linked from the pages they follow (the site's RSS from every page)", async () => {
    const home = await (await fetch(url())).text()
    const siteFeeds = [
      ['application/rss+xml', '/news/feed.xml'],
      ['application/atom+xml', '/news/atom.xml'],
      ['application/feed+json', '/news/feed.json'],
    ]
    expect(alternates(home)).toEqual(siteFeeds)
    const category = await (await fetch(url('categories/news/'))).text()
    const categoryFeeds = [
      ['application/rss+xml', '/news/categories/news/feed.xml'],
      ['application/atom+xml', '/news/categories/news/atom.xml'],
      ['application/feed+json', '/news/categories/news/feed.json'],
    ]
    expect(alternates(category)).toEqual([...categoryFeeds, siteFeeds[0]])
    expect(alternates(await (await fetch(url(`articles/${first.slug}/`))).text())).toEqual([siteFeeds[0]])
    for (const [type, href] of [...siteFeeds, ...categoryFeeds]) {
      const res = await fetch(`${server.origin}${href}`)
      expect(res.status, href).toBe(200)
      const text = await res.text()
      const titles = type.includes('json')
        ? (JSON.parse(text) as { items: Array<{ title: string }> }).items.map((i) => i.title)
        : texts(parseXml(text), 'title')
      expect(titles, href).toContain(first.title)
    }
    const rss = parseXml(await (await fetch(url('feed.xml'))).text())
    expect(texts(rss, 'link')).toContain(`${publicBase}articles/${first.slug}/`)
    // a summary names its article as the canonical page (so the article is the one indexed)
    const excerpt = await (await fetch(url(`articles/${first.slug}/excerpt/`))).text()
    expect(excerpt).not.toContain('name="robots"')
    expect(excerpt).toContain(`<link rel="canonical" href="${publicBase}articles/${first.slug}/" data-h="">`)
  })

  it('keeps the prerendered feed links once the app has taken the page over', async () => {
    const { page, errors, close } = await openPage(browser, server.origin)
    try {
      await page.goto(url('categories/news/'))
      await waitForApp(page)
      // (the app's head writes its tags a frame after it mounts)
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
      const hrefs = () =>
        page.evaluate(() => [...document.querySelectorAll('link[rel=alternate]')].map((l) => l.getAttribute('href')))
      expect(await hrefs()).toEqual([
        ...['feed.xml', 'atom.xml', 'feed.json'].map((f) => `/news/categories/news/${f}`),
        '/news/feed.xml',
      ])
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })
})

describeBrowser('e2e/site (built for the root, base /)', () => {
  let project: TempProject
  let server: StaticServer
  let browser: Browser

  beforeAll(async () => {
    project = await makeProject()
    server = await serveStatic(await project.build('/'))
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await project?.cleanup()
  })

  it('loads an article at the root and navigates to the listing in the app', async () => {
    const [seed] = seeds()
    const { page, errors, close } = await openPage(browser, server.origin)
    try {
      await page.goto(`${server.url}articles/${seed.slug}/`)
      await waitForApp(page)
      expect(await h1s(page)).toEqual([seed.title])
      const html = await (await fetch(`${server.url}articles/${seed.slug}/`)).text()
      for (const [, ref] of html.matchAll(/(?:src|href)="(\/[^"]*)"/g))
        expect(ref.startsWith('/news/'), ref).toBe(false)
      expect(html).toMatch(/<link rel="canonical" href="https:\/\/[^/"]+\/articles\//)
      await markWindow(page)
      await page.getByRole('link', { name: '← 기사 목록으로' }).click()
      await page.waitForURL(server.url)
      await expect.poll(() => h1s(page)).toEqual([LISTING_H1])
      expect(await windowMarked(page)).toBe(true)
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })
})

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
