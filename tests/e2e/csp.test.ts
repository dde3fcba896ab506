// the built site under its own content security policy (src/node/build/csp.ts), in real Chromium:
// zero `securitypolicyviolation` events on every kind of page, loaded directly and reached by
// client-side navigation, and article html reaching the DOM only as DOMPurify's Trusted
// Types output: a prerendered body is adopted as the page has it (no html string is handed
// to any sink), a body put in by the app went through DOMPurify. the listener and the
// Trusted Types log are installed before any page script runs (addInitScript).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { JSDOM } from 'jsdom'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { CSP_DIRECTIVES, contentSecurityPolicy } from '../../src/node/build/csp'
import { describeBrowser, launchBrowser } from '../support/chromium'
import { makeProject, REPO_ROOT, type TempProject } from '../support/project'
import sharp from 'sharp'
import { serveStatic, type StaticServer } from '../support/staticServer'

/** what the page saw: policy violations, and every html string a Trusted Types policy blessed */
interface Watch {
  violations: Array<{ directive: string; blocked: string; sample: string; source: string }>
  blessed: Array<{ policy: string; html: string }>
}

/** runs in the page before any of its scripts */
function instrument() {
  const w = window as unknown as { __watch: Watch }
  w.__watch = { violations: [], blessed: [] }
  document.addEventListener('securitypolicyviolation', (e) => {
    w.__watch.violations.push({
      directive: e.violatedDirective,
      blocked: e.blockedURI,
      sample: e.sample,
      source: `${e.sourceFile}:${e.lineNumber}`,
    })
  })
  const tt = (
    window as unknown as {
      trustedTypes?: { createPolicy: (name: string, rules: Record<string, (s: string) => string>) => unknown }
    }
  ).trustedTypes
  if (!tt) return
  const create = tt.createPolicy.bind(tt)
  // log what each policy turns into TrustedHTML; the policy itself is created as asked
  tt.createPolicy = (name, rules) =>
    create(name, {
      ...rules,
      ...(rules.createHTML
        ? {
            createHTML: (s: string) => {
              const out = rules.createHTML(s)
              w.__watch.blessed.push({ policy: name, html: String(out) })
              return out
            },
          }
        : {}),
    })
}

const extra: Record<string, string> = {}
// 21 more articles in one category: the listing and that category both get a page 2
for (let i = 1; i <= 21; i++) {
  const n = String(i).padStart(2, '0')
  extra[`${n}_csp-${n}.md`] =
    `---\ntitle: 정책 시험 기사 ${n}\ncategories: [시험]\ndate: 2024-03-${n}\n---\n## 소제목 ${n}\n\n` +
    `<p style="color: #ee2323; text-align: center">빨간 가운데 글씨 ${n}</p>\n\n| 가 | 나 |\n|---|---|\n| 1 | 2 |\n`
}

describeBrowser('e2e/csp', () => {
  let project: TempProject
  let server: StaticServer
  let browser: Browser
  let context: BrowserContext
  let dist: string

  beforeAll(async () => {
    const seeds = Object.fromEntries(
      readdirSync(join(REPO_ROOT, 'content')).map((f) => [f, readFileSync(join(REPO_ROOT, 'content', f))]),
    )
    // an article with photos kept in the site: its lead <picture> and its body's srcset (which
    // DOMPurify's hook writes after a navigation) must load under the policy as it is
    const photos = {
      'csp-photo.md':
        '---\ntitle: 사진 시험\ncategories: [시험]\nimage: csp-photo.jpg\nimage_alt: 회색 사진\n---\n본문\n\n![회색](csp-photo.jpg)\n',
      'csp-photo.jpg': await sharp({ create: { width: 1000, height: 600, channels: 3, background: '#888' } })
        .jpeg()
        .toBuffer(),
    }
    // (without sections: the header names the biggest categories, 시험 among them)
    project = await makeProject({ content: { ...seeds, ...extra, ...photos }, sections: null })
    dist = await project.build('/news/')
    // the host's 404 page is the app's (as on GitHub Pages, Netlify, Cloudflare Pages)
    server = await serveStatic(dist, { mount: '/news/', notFoundPage: true })
    browser = await launchBrowser()
    context = await browser.newContext()
    await context.addInitScript(instrument)
    // nothing leaves the machine (the seeds' images fail, as without internet)
    await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort())
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await project?.cleanup()
  })

  /** the app has started and the network is quiet (prefetches, images) */
  async function settle(page: Page) {
    await page.waitForLoadState('load')
    await page.waitForFunction(
      () => !!(document.querySelector('#app') as unknown as { __vue_app__?: unknown }).__vue_app__,
    )
    // best effort: the network need not go quiet (an image host that never answers), and the checks hold either way
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {})
  }

  async function watched(page: Page): Promise<Watch> {
    return page.evaluate(() => (window as unknown as { __watch: Watch }).__watch)
  }

  function track(page: Page) {
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text())
    })
    return errors
  }

  /** every TrustedHTML vue made wraps a string DOMPurify produced first */
  function expectOnlyDompurifyHtml(w: Watch) {
    const policies = new Set(w.blessed.map((b) => b.policy))
    for (const p of policies) expect(['dompurify', 'vue']).toContain(p)
    const sanitized = new Set(w.blessed.filter((b) => b.policy === 'dompurify').map((b) => b.html))
    for (const b of w.blessed.filter((x) => x.policy === 'vue'))
      expect(sanitized.has(b.html), b.html.slice(0, 200)).toBe(true)
  }

  it('ships the policy first in the head of every built page, at least as strict as the issue asks', () => {
    const policy = contentSecurityPolicy()
    const directives = new Map(
      policy
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    )
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('style-src-elem')).toEqual(["'self'"])
    expect(directives.get('style-src-attr')).toEqual(["'unsafe-inline'"])
    for (const source of directives.get('img-src')!) expect(["'self'", 'https:', 'data:']).toContain(source)
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(["'self'", "'none'"]).toContain(directives.get('base-uri')![0])
    expect(["'self'", "'none'"]).toContain(directives.get('form-action')![0])
    expect(directives.get('require-trusted-types-for')).toEqual(["'script'"])
    expect(directives.get('trusted-types')).not.toContain("'allow-duplicates'")
    expect(policy).not.toMatch(/unsafe-eval|unsafe-hashes|strict-dynamic|\*/)
    expect(CSP_DIRECTIVES.join('; ')).toBe(policy)

    const pages = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'))
    expect(pages.length).toBeGreaterThan(50)
    for (const f of pages) {
      const { document } = new JSDOM(readFileSync(join(dist, f), 'utf8')).window
      const first = document.head.firstElementChild!
      expect(first.outerHTML, f).toBe(
        `<meta http-equiv="Content-Security-Policy" content="${policy.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`,
      )
      // what the policy would refuse is not in the file at all: scripts are files, or data
      // blocks the browser never runs (the JSON-LD, an article page's state)
      for (const s of document.querySelectorAll('script')) {
        const data = s.type === 'application/ld+json' || (s.type === 'application/json' && s.id === 'articleState')
        expect(s.hasAttribute('src') || data, `${f}: inline script ${s.outerHTML.slice(0, 80)}`).toBe(true)
        if (data) expect(s.textContent, f).not.toMatch(/[<>]/)
      }
      expect(document.querySelectorAll('style'), f).toHaveLength(0)
      for (const el of document.querySelectorAll('*')) {
        for (const a of el.attributes) expect(a.name.startsWith('on'), `${f}: ${el.tagName} ${a.name}`).toBe(false)
      }
    }
  })

  it('has one v-html in the app, fed by the sanitizer', () => {
    const files = readdirSync(join(REPO_ROOT, 'src/client'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      /\.(vue|ts)$/.test(f),
    )
    const uses = files.flatMap((f) =>
      (readFileSync(join(REPO_ROOT, 'src/client', f), 'utf8').match(/v-html="[^"]*"|innerHTML\s*=/g) ?? []).map(
        (m) => `${f} ${m}`,
      ),
    )
    expect(uses).toEqual(['components/ArticleBody.vue v-html="safeHtml"'])
    const body = readFileSync(join(REPO_ROOT, 'src/client/components/ArticleBody.vue'), 'utf8')
    // safeHtml is a computed of the sanitizer's result and nothing else, assigned nowhere (the
    // article's photo records go with the html: the sanitizer's hook makes their srcset)
    expect(body).toMatch(/const safeHtml = computed\(\(\) => sanitizeArticleHtml\(props\.html, props\.photos\)\)\n/)
    expect(body.replace(/^\s*\/\/.*$/gm, '').match(/safeHtml/g)).toHaveLength(2)
    // and the sanitizer hands back DOMPurify's output or nothing (undefined: vue leaves the
    // element's children alone); in the browser there is no other return
    const sanitizer = readFileSync(join(REPO_ROOT, 'src/client/sanitize.ts'), 'utf8')
    const fn = sanitizer.slice(sanitizer.indexOf('export function sanitizeArticleHtml'))
    expect(fn.match(/return [^\n]*/g)).toEqual([
      'return undefined',
      'return html',
      'return sanitize ? sanitize(html, photos) : undefined',
    ])
    expect(fn).toMatch(/if \(import\.meta\.env\.SSR\) return html\n/)
  })

  const direct = [
    ['the listing', '', /./],
    ['listing page 2', 'page/2/', /./],
    ['an article', 'articles/3f06a9bec7bd6d0f/', /푸틴/],
    ['an excerpt', 'articles/3f06a9bec7bd6d0f/excerpt/', /푸틴/],
    ['an article with photos kept in the site', 'articles/csp-photo/', /사진 시험/],
    ['a category', 'categories/news/', /News/],
    ['a category page 2', `categories/${encodeURIComponent('시험')}/page/2/`, /시험/],
    ['search', `search/?q=${encodeURIComponent('북한')}`, /./],
    ['the 404 page', 'no-such-page/', /찾을 수 없/],
    ['an article that does not exist', 'articles/no-such-article/', /찾을 수 없/],
  ] as const

  it.each(direct)('%s, loaded directly: no violation, one h1, no error', async (_name, path, heading) => {
    const page = await context.newPage()
    const errors = track(page)
    try {
      const res = await page.goto(`${server.url}${path}`)
      expect(res!.status()).toBe(path.includes('no-such') ? 404 : 200)
      await expect.poll(() => page.locator('h1').innerText()).toMatch(heading)
      await settle(page)
      expect(await page.locator('h1').count()).toBe(1)
      const w = await watched(page)
      expect(w.violations).toEqual([])
      expectOnlyDompurifyHtml(w)
      if (path === 'articles/3f06a9bec7bd6d0f/') {
        // the prerendered body is adopted as the page has it: no html string was handed to
        // any Trusted Types sink (nothing blessed, not even by DOMPurify), and the body on
        // screen is the build's (DOMPurify at build time), element for element
        expect(w.blessed).toEqual([])
        const built = new JSDOM(readFileSync(join(dist, path, 'index.html'), 'utf8')).window.document.querySelector(
          '.article-body',
        )!
        expect(built.querySelectorAll('[data-ke-size]').length).toBeGreaterThan(0)
        expect(await page.locator('.article-body').evaluate((el) => el.innerHTML)).toBe(built.innerHTML)
      }
      // (the 404 page answers for any missing address, so it hydrates over another route)
      expect(
        errors.filter((e) => !(path.includes('no-such') && /Hydration completed but contains mismatches/.test(e))),
      ).toEqual([])
    } finally {
      await page.close()
    }
  })

  // what if the page cannot be adopted as it is: its state missing (the app fetches the
  // article's page anew, as for a navigation), or the body not there to adopt (the app renders an empty
  // element and asks for the body). either way the body comes back, through DOMPurify only.
  const broken = [
    ['without its inline state', (html: string) => html.replace(/<script id="articleState"[^>]*>[^<]*<\/script>/, '')],
    [
      'with an empty body element',
      (html: string) =>
        html.replace(/(<div class="article-body"[^>]*>)[\s\S]*?(<\/div><footer class="article__footer")/, '$1$2'),
    ],
  ] as const
  it.each(broken)('an article page %s still shows its body, sanitized in the browser', async (_name, change) => {
    const altered = await browser.newContext()
    try {
      await altered.addInitScript(instrument)
      await altered.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort())
      let changed = false
      await altered.route(/\/news\/articles\/3f06a9bec7bd6d0f\/$/, async (route) => {
        // the document only: the app fetches the same address for the article (XMLHttpRequest)
        if (route.request().resourceType() !== 'document') return route.continue()
        const res = await route.fetch()
        const html = await res.text()
        const body = change(html)
        changed = body !== html
        await route.fulfill({ response: res, body })
      })
      const page = await altered.newPage()
      const errors = track(page)
      const payloads: string[] = []
      // (the article's page fetched by the app, not the document itself)
      page.on(
        'request',
        (r) =>
          r.resourceType() !== 'document' && /\/articles\/3f06a9bec7bd6d0f\/$/.test(r.url()) && payloads.push(r.url()),
      )
      await page.goto(`${server.url}articles/3f06a9bec7bd6d0f/`)
      await settle(page)
      expect(changed).toBe(true)
      await expect.poll(() => page.locator('.article-body [data-ke-size]').count()).toBeGreaterThan(0)
      expect(payloads, payloads.join(' ')).toHaveLength(1)
      const w = await watched(page)
      expect(w.violations).toEqual([])
      expectOnlyDompurifyHtml(w)
      expect(w.blessed.some((b) => b.policy === 'vue' && b.html.includes('data-ke-size'))).toBe(true)
      expect(errors.filter((e) => !/Hydration completed but contains mismatches/.test(e))).toEqual([])
    } finally {
      await altered.close()
    }
  })

  it("a navigation to an article with photos: its body's srcset comes from DOMPurify's own output, and loads under the policy", async () => {
    const page = await context.newPage()
    const errors = track(page)
    try {
      await page.goto(server.url)
      await settle(page)
      await page.evaluate(() => {
        type App = {
          __vue_app__: { config: { globalProperties: { $router: { push: (p: string) => Promise<unknown> } } } }
        }
        return (document.querySelector('#app') as unknown as App).__vue_app__.config.globalProperties.$router.push(
          '/articles/csp-photo/',
        )
      })
      await expect.poll(() => page.locator('.article-body img[srcset]').count()).toBe(1)
      await page.waitForFunction(() => [...document.images].every((i) => i.complete))
      const w = await watched(page)
      expect(w.violations).toEqual([])
      expectOnlyDompurifyHtml(w)
      expect(
        w.blessed.some(
          (b) => b.policy === 'dompurify' && /srcset="\/news\/_images\/[0-9a-f]{16}-480\.webp 480w/.test(b.html),
        ),
      ).toBe(true)
      expect(
        await page.locator('.article-body img').evaluate((i: HTMLImageElement) => new URL(i.currentSrc).pathname),
      ).toMatch(/^\/news\/_images\/[0-9a-f]{16}-\d+\.webp$/)
      expect(errors).toEqual([])
    } finally {
      await page.close()
    }
  })

  it('the listener does see a violation when there is one (the test can fail)', async () => {
    const page = await context.newPage()
    try {
      await page.goto(server.url)
      await settle(page)
      await page.evaluate(() => {
        const style = document.createElement('style')
        style.append('body { color: red }')
        document.head.append(style)
      })
      await expect
        .poll(async () => (await watched(page)).violations.map((v) => v.directive))
        .toEqual(['style-src-elem'])
    } finally {
      await page.close()
    }
  })

  it("without 'vue' in trusted-types, vue's own policy is the one violation on every page (why the policy keeps it)", async () => {
    const strict = await browser.newContext()
    try {
      await strict.addInitScript(instrument)
      await strict.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort())
      // the same site, its pages' policy without 'vue'
      await strict.route(/\/news\/(?:[^.?]*\/)?(?:\?.*)?$/, async (route) => {
        const res = await route.fetch()
        const body = (await res.text()).replace(/(trusted-types dompurify) vue/, '$1')
        await route.fulfill({ response: res, body })
      })
      const page = await strict.newPage()
      await page.goto(`${server.url}articles/3f06a9bec7bd6d0f/`)
      await settle(page)
      expect(await page.content()).toContain('trusted-types dompurify">')
      await page.locator('a', { hasText: '요약 보기' }).click()
      await expect.poll(() => page.url()).toMatch(/excerpt\/$/)
      await page.locator('a', { hasText: '전체 기사 읽기' }).click()
      await expect.poll(() => page.locator('.article-body h2').count()).toBeGreaterThan(0)
      const w = await watched(page)
      // everything else still works: v-html is handed DOMPurify's TrustedHTML as it is
      expect(w.violations.map((v) => `${v.directive} ${v.blocked} ${v.sample}`)).toEqual([
        'trusted-types trusted-types-policy vue',
      ])
      expect(w.blessed.every((b) => b.policy === 'dompurify')).toBe(true)
    } finally {
      await strict.close()
    }
  })

  it('client-side navigation through every kind of page: no violation, no reload, article html only from DOMPurify', async () => {
    const page = await context.newPage()
    const errors = track(page)
    try {
      await page.goto(server.url)
      await settle(page)
      await page.evaluate(() => ((window as unknown as { __loadedOnce: number }).__loadedOnce = 1))
      const h1 = () => page.locator('h1').innerText()

      // the seeds have no date, so they come after the dated test articles, on page 2
      await page.locator('.pager a[rel=next]').click()
      await expect.poll(() => page.url()).toMatch(/\/page\/2\/$/)
      await page.locator('.card__title a', { hasText: '푸틴' }).click()
      await expect.poll(h1).toMatch(/푸틴/)
      await page.locator('.article__summary-link').click()
      await expect.poll(h1).toMatch(/푸틴/)
      await expect.poll(() => page.url()).toMatch(/excerpt\/$/)
      await page.locator('a', { hasText: '전체 기사 읽기' }).click()
      await expect.poll(() => page.url()).toMatch(/3f06a9bec7bd6d0f\/$/)
      await page.locator('.article__header a[href*="/categories/"]').first().click()
      await expect.poll(() => page.url()).toMatch(/categories\/news\/$/)
      await page.locator('.site-header__nav a', { hasText: '시험' }).click()
      await expect.poll(h1).toMatch(/시험/)
      await page.locator('.pager a[rel=next]').click()
      await expect.poll(() => page.url()).toMatch(/page\/2\/$/)
      await page.locator('.card__title a').first().click()
      await expect.poll(h1).toMatch(/정책 시험 기사/)
      await page.locator('.site-header__brand').click()
      await expect.poll(() => page.url()).toBe(server.url)
      await page.locator('#searchBoxInput').fill('북한')
      await page.locator('#searchBoxInput').press('Enter')
      await expect.poll(() => page.url()).toMatch(/search\/\?q=/)
      // the router's own way to a page that does not exist
      await page.evaluate(() => {
        type App = {
          __vue_app__: { config: { globalProperties: { $router: { push: (p: string) => Promise<unknown> } } } }
        }
        return (document.querySelector('#app') as unknown as App).__vue_app__.config.globalProperties.$router.push(
          '/no-such-page/',
        )
      })
      await expect.poll(h1).toMatch(/찾을 수 없/)
      await page.locator('.not-found a').click()
      await expect.poll(() => page.url()).toBe(server.url)
      await page.goBack()
      await expect.poll(h1).toMatch(/찾을 수 없/)

      expect(await page.evaluate(() => (window as unknown as { __loadedOnce?: number }).__loadedOnce)).toBe(1)
      const w = await watched(page)
      expect(w.violations).toEqual([])
      expectOnlyDompurifyHtml(w)
      // the two articles opened in the app each went through DOMPurify before the DOM saw them
      expect(w.blessed.filter((b) => b.policy === 'dompurify').length).toBeGreaterThanOrEqual(2)
      expect(errors).toEqual([])
    } finally {
      await page.close()
    }
  })
})
