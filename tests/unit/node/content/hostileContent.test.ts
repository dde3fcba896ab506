// the hostile corpus (tests/fixtures/hostile/) through the build's own pipeline: what comes
// out of the sanitizer holds nothing that runs or loads from another host, front matter
// stays text in every output (payloads, feeds, sitemaps, JSON-LD), and every rejected file
// is named with its line.
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import createDOMPurify from 'dompurify'
import { JSDOM } from 'jsdom'
import { beforeAll, describe, expect, it } from 'vitest'
import { ContentLoader } from '../../../../src/node/content/loadContent'
import { processFile } from '../../../../src/node/content/file/processFile'
import { parseArticle } from '../../../../src/node/content/file/parseArticle'
import { crawlerFiles } from '../../../../src/node/build/crawlers/crawlerFiles'
import { renderBody } from '../../../../src/node/render/renderBody'
import { installSanitizeHooks } from '../../../../src/shared/sanitize/hooks'
import { ALLOWED_ATTR, ALLOWED_CLASSES, ALLOWED_TAGS, SANITIZE_CONFIG } from '../../../../src/shared/sanitize/policy'
import { isHeadingId, slugify } from '../../../../src/shared/slug'
import type { Article, SiteConfig } from '../../../../src/shared/types'

const REPO = resolve(__dirname, '../../../..')
const HOSTILE = join(REPO, 'tests/fixtures/hostile/articles')
const REJECTED = join(REPO, 'tests/fixtures/hostile/rejected')
const files = readdirSync(HOSTILE).sort()
const rel = (dir: string, f: string) => `${dir.slice(REPO.length + 1)}/${f}`
const site: SiteConfig = { name: '한빛뉴스', description: '설명', url: 'https://news.example.com', pageSize: 20 }

/** attributes the sanitizer's hooks add after the allowlist */
const HOOK_ATTRS = new Set(['target', 'rel', 'loading', 'decoding', 'referrerpolicy'])
const ALLOWED_TAG_SET = new Set(ALLOWED_TAGS.filter((t) => !t.startsWith('#')))
const ALLOWED_ATTR_SET = new Set([...ALLOWED_ATTR, ...HOOK_ATTRS])
const XHTML = 'http://www.w3.org/1999/xhtml'

/** Everything executable or remote-loading found in a piece of sanitized html; [] when clean. */
function findDanger(html: string): string[] {
  const found: string[] = []
  const { document, NodeFilter } = new JSDOM(`<!doctype html><body>${html}</body>`).window
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_COMMENT | NodeFilter.SHOW_PROCESSING_INSTRUCTION)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType !== 1) {
      found.push(`a ${node.nodeName} node`)
      continue
    }
    const el = node as Element
    const tag = el.localName
    if (el.namespaceURI !== XHTML) found.push(`<${tag}> in ${el.namespaceURI}`)
    if (!ALLOWED_TAG_SET.has(tag)) found.push(`<${tag}>`)
    for (const { name, value } of el.attributes) {
      const what = `<${tag} ${name}="${value}">`
      if (name.startsWith('on')) found.push(`handler ${what}`)
      else if (name.startsWith('data-')) {
        if (!name.startsWith('data-ke-') || !/^[\w -]*$/.test(value)) found.push(what)
      } else if (!ALLOWED_ATTR_SET.has(name) && name !== 'id') found.push(`attribute ${what}`)
      if (/evil\.example/i.test(value)) found.push(`attacker host in ${what}`)
      if (/^\s*(?:javascript|vbscript|data|livescript|blob|filesystem|jar|view-source):/i.test(value.replace(/[\u0000-\u0020]/g, ''))) found.push(`scheme in ${what}`)
    }
    const href = el.getAttribute('href')
    if (href !== null && !/^(?:https?:\/\/|mailto:|tel:|#|\/(?![\\/])|[^:\\/]+(?:[/?#]|$))/i.test(href)) found.push(`href ${href}`)
    const src = el.getAttribute('src')
    if (src !== null && !/^(?:https:\/\/|\/(?![\\/])|[^:\\/]+(?:[/?#]|$))/i.test(src)) found.push(`src ${src}`)
    if (tag === 'a' && /^https?:/i.test(href ?? '') && (el.getAttribute('target') !== '_blank' || !/noopener/.test(el.getAttribute('rel') ?? ''))) found.push(`external link without noopener ${href}`)
    const style = el.getAttribute('style') ?? ''
    if (/url\s*\(|expression|@import|\\|position|behavior|binding|image-set|var\s*\(|display\s*:\s*none|visibility|opacity|transform|z-index/i.test(style)) found.push(`style "${style}"`)
    for (const c of el.classList) if (!ALLOWED_CLASSES.test(c)) found.push(`class ${c}`)
    const id = el.getAttribute('id')
    if (id !== null && (!/^H[23]$/.test(el.tagName) || id in document || /^[a-z]+$/.test(id) || id.startsWith('_'))) found.push(`id ${id} on <${tag}>`)
  }
  return found
}

/** Run html in jsdom with scripts and handlers enabled; what did it manage to do? */
async function executes(html: string): Promise<string[]> {
  const dom = new JSDOM(`<!doctype html><body>${html}</body>`, { runScripts: 'dangerously', pretendToBeVisual: true })
  const w = dom.window as unknown as { __pwned?: unknown; alert: () => void; document: Document }
  const ran: string[] = []
  w.alert = () => ran.push('alert')
  // give handlers that fire on load or on a click a chance
  for (const el of w.document.querySelectorAll('*')) (el as HTMLElement).click?.()
  await new Promise((r) => setTimeout(r, 20))
  if (w.__pwned !== undefined) ran.push(`window.__pwned = ${String(w.__pwned)}`)
  dom.window.close()
  return ran
}

describe('node/renderBody over the hostile corpus', () => {
  const rendered = new Map<string, { html: string; source: string }>()
  beforeAll(() => {
    for (const f of files) {
      const parsed = parseArticle(rel(HOSTILE, f), readFileSync(join(HOSTILE, f)))
      if (!parsed.ok) throw new Error(`${f} should parse: ${JSON.stringify(parsed.problems)}`)
      rendered.set(f, { html: renderBody(parsed.article.body, parsed.article.format, parsed.article.image).html, source: parsed.article.body })
    }
  })

  it('covers every family of attack the issue names', () => {
    const all = files.map((f) => readFileSync(join(HOSTILE, f), 'utf8')).join('\n')
    for (const needle of ['<SCRIPT>', 'onerror', 'javascript:', 'vbscript:', 'data:text/html', '&#x6A;', '<svg', '<math', 'mglyph', '<noscript>', '<template', '<!--', '<iframe', '<object', '<embed', '<base', 'http-equiv="refresh"', 'formaction', '__INITIAL_STATE__', 'name="cookie"', 'site-header', '<style>', '<link rel="stylesheet"', '{{', 'v-html', 'v-on:', '@click', '</title>', '</script>', 'application/ld+json', ']]>', '</loc>']) {
      expect(all, needle).toContain(needle)
    }
  })

  it.each(files)('%s: nothing executable, no attacker host, no clobbering id', (f) => {
    expect(findDanger(rendered.get(f)!.html)).toEqual([])
  })

  it('the danger check finds the payloads in the raw corpus (it can fail)', () => {
    for (const f of files.filter((x) => !x.includes('fm-'))) {
      expect(findDanger(rendered.get(f)!.source).length, f).toBeGreaterThan(0)
    }
  })

  it.each(files)('%s: nothing runs, even in a DOM that runs scripts and handlers', async (f) => {
    expect(await executes(rendered.get(f)!.html)).toEqual([])
  })

  it('the execution check sees a payload that does run (it can fail)', async () => {
    expect(await executes('<script>window.__pwned = 1</script>')).toEqual(['window.__pwned = 1'])
    expect(await executes('<button onclick="alert(1)">x</button>')).toEqual(['alert'])
  })

  it.each(files)('%s: the browser sanitizer keeps the build output as it is (stable, no mutation)', (f) => {
    const html = rendered.get(f)!.html
    const { window } = new JSDOM('')
    const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0])
    installSanitizeHooks(purify)
    const again = purify.sanitize(html, SANITIZE_CONFIG) as string
    expect(again).toBe(html)
    // and parsing it back gives the same tree: what the browser builds is what was checked
    expect(new JSDOM(`<body>${html}`).window.document.body.innerHTML).toBe(html)
  })

  it('keeps what articles need: text, tistory styles and presets, tables, links, images', () => {
    const all = [...rendered.values()].map((r) => r.html).join('\n')
    for (const marker of ['SCRIPT-SPELLINGS-VISIBLE', 'SCRIPT-SPELLINGS-END', 'EVENT-HANDLERS-END', 'URL-SCHEMES-END', 'SVG-MATHML-END', 'EMBEDDING-END', 'CLOBBERING-END', 'STYLES-END', 'VUE-END', 'MXSS-VISIBLE']) {
      expect(all, marker).toContain(marker)
    }
    const styles = rendered.get('108_styles.html')!.html
    expect(styles).toMatch(/<p style="text-align: center; [^"]*color: #[0-9a-f]{6}[^"]*background-color: #f6e199/)
    expect(styles).toContain('border: 1px solid #ddd')
    expect(styles).toContain('<div class="table-wrap"><table style="border-collapse: collapse; width: 100%">')
    const urls = rendered.get('103_url-schemes.html')!.html
    expect(urls).toContain('<a href="https://news.example.net/ordinary-link" target="_blank" rel="noopener noreferrer nofollow">')
    expect(urls).toContain('<a href="mailto:editor@news.example.net">')
    expect(urls).toContain('<a href="#section-anchor">')
    expect(urls).toContain('<h2 id="section-anchor">')
  })

  it('Vue template syntax stays text', () => {
    const html = rendered.get('109_vue-template.md')!.html
    expect(html).toContain('{{ 7*7 }}')
    expect(html).toContain('<summary>{{ 1+1 }}</summary>')
    // no directive survives as an attribute (the words stay as text)
    expect(html).not.toMatch(/\s(?:v-html|v-on:click|@click|:title|v-bind:innerHTML|v-if|v-pre|is)=/)
    expect(html).toContain('v-on 과 @click')
  })

  it('headings never take an id the page uses or one that shadows a DOM property', () => {
    const ids = [...rendered.get('107_dom-clobbering.html')!.html.matchAll(/<h[23] id="([^"]+)"/g)].map((m) => m[1])
    // the body's <h1 id="article-title"> is a section heading (h2) with an id of its own;
    // the page's own ids (siteHeader, articleTitle, app, main) are not heading ids at all
    expect(ids).toEqual([
      '두-번째-h1은-없어야-한다', 'section-app', 'section-main', 'site-header', 'article-title', 'section-title', 'section-cookie', 'section-location',
      'section-images', 'section-forms', 'section-domain', 'section-onclick', 'section-action', 'section-__initial_state__', 'section-defaultview',
    ])
  })
})

describe('node/renderBody: ids the app itself uses', () => {
  // every id the page's own markup gives an element: literal ones in the templates and
  // index.html, bound ones (`:id`, `id:`) and the state block's
  const sources = [
    ...readdirSync(join(REPO, 'src/client'), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(vue|ts)$/.test(f))
      .map((f) => join('src/client', f)),
    'index.html',
    'src/node/build/renderPage.ts',
  ].map((f) => readFileSync(join(REPO, f), 'utf8'))
  const appIds = [
    ...new Set(
      sources.flatMap((text) => [
        ...[...text.matchAll(/\sid="([^"{}]+)"/g)].map((m) => m[1]),
        // `searchBoxOption${i}`: its fixed part, with a digit for the index
        ...[...text.matchAll(/\bid: `([^`$]+)\$\{/g)].map((m) => `${m[1]}0`),
        ...[...text.matchAll(/\bid: '([^']+)'/g)].map((m) => m[1]),
        ...[...text.matchAll(/_ID = '([^']+)'/g)].map((m) => m[1]),
      ]),
    ),
  ]

  it('finds the ids (the test can fail)', () => {
    expect(appIds).toEqual(expect.arrayContaining(['app', 'main', 'siteHeader', 'articleTitle', 'articleState', 'searchBoxOption0', 'searchBoxOptionAll']))
  })

  it.each(appIds)('%s is not a form the build gives a heading, nor one the browser keeps in a body', (id) => {
    expect(isHeadingId(id)).toBe(false)
    const purify = createDOMPurify(new JSDOM('').window as unknown as Parameters<typeof createDOMPurify>[0])
    installSanitizeHooks(purify)
    expect(purify.sanitize(`<h2 id="${id}">x</h2>`, SANITIZE_CONFIG)).toBe('<h2>x</h2>')
  })

  it.each(appIds)('a heading never takes the id %s', (id) => {
    const spaced = id.replace(/-/g, ' ').replace(/[A-Z]/g, (c) => ` ${c}`)
    const { headings, html } = renderBody(`<h2>${spaced}</h2><h3>${id}</h3><h3>${id.toLowerCase()}</h3>`, 'html')
    expect(headings.map((h) => h.id)).not.toContain(id)
    expect(html).not.toContain(`id="${id}"`)
  })

  it('every heading id the build gives is one the browser keeps', () => {
    const { headings } = renderBody(appIds.map((id) => `<h2>${id}</h2><h3>${id.replace(/[A-Z]/g, (c) => ` ${c}`)}</h3>`).join(''), 'html')
    expect(headings.length).toBe(appIds.length * 2)
    for (const h of headings) expect(isHeadingId(h.id), h.id).toBe(true)
  })
})

describe('node/parseArticle: hostile front matter', () => {
  let articles: Article[]
  beforeAll(async () => {
    const content = await new ContentLoader(REPO, HOSTILE).load()
    expect(content.problems).toEqual([])
    articles = content.articles
  })
  const bySource = (f: string) => articles.find((a) => a.source.endsWith(f))!

  it('keeps every field as the text the author wrote (escaping happens where it is output)', () => {
    const a = bySource('110_fm-html-breakout.txt')
    expect(a.title).toBe(`</title><script>window.__pwned='title'</script><img src=x onerror="window.__pwned='title-img'">"><meta http-equiv="refresh" content="0;url=https://evil.example/title"> 'single' & &amp; &lt;b&gt;`)
    expect(a.categories).toEqual([`<script>window.__pwned='category'</script>`, '"><img src=x onerror=alert(1)>', '카테고리'])
    expect(a.featureText).toContain('<iframe src=https://evil.example/feature></iframe>')
    // the slug is made of its letters only, so it is always a safe url segment
    expect(a.slug).toBe('scriptalert1script')
    expect(bySource('113_fm-vue-syntax.txt').title).toContain('{{ 7*7 }}')
  })

  it('drops control characters from front matter text', () => {
    const a = bySource('114_fm-unicode.txt')
    expect(a.title).not.toMatch(/[\u0000-\u0008\u001b]/)
    expect(a.excerpt).not.toMatch(/[\u0000\u001b]/)
    expect(a.title).toContain('😀')
  })

  it('every slug and category address is letters, digits, "-" and "_" only', () => {
    for (const a of articles) {
      expect(a.slug).toMatch(/^[\p{L}\p{N}\p{M}_-]+$/u)
    }
  })

  /** what an XML file can hold of a text: all of it but the characters XML forbids */
  const asXml = (text: string) => text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
  /** the build's time for the news sitemap: two days after 2024-05-12, so the newest three hostile files are in it */
  const NOW = new Date('2024-05-14T00:00:00Z')

  it('every feed (the site\'s and each category\'s; RSS, Atom and JSON Feed; excerpts or bodies) carries front matter as text', () => {
    for (const feedContent of ['excerpt', 'full'] as const) {
      const files = crawlerFiles(articles, { ...site, feedContent }, '/news/', NOW)
      const feeds = [...files].filter(([path]) => /(^|\/)(feed\.xml|atom\.xml|feed\.json)$/.test(path))
      const categories = new Set(articles.flatMap((a) => a.categories.map(slugify)))
      expect(feeds).toHaveLength(3 * (1 + categories.size))
      for (const [path, text] of feeds) {
        const where = `${feedContent} ${path}`
        const own = path.includes('/') ? articles.filter((a) => a.categories.some((c) => path.startsWith(`categories/${slugify(c)}/`))) : articles
        if (path.endsWith('.json')) {
          const items = (JSON.parse(text) as { items: Array<{ title: string; tags: string[] }> }).items
          expect(items.map((i) => [i.title, i.tags]), where).toEqual(own.map((a) => [a.title, a.categories]))
          continue
        }
        const doc = new JSDOM(text, { contentType: 'application/xml' }).window.document
        expect(doc.getElementsByTagName('parsererror'), where).toHaveLength(0)
        // nothing from the front matter or a body became an element
        expect(doc.getElementsByTagName('script'), where).toHaveLength(0)
        expect(doc.getElementsByTagNameNS(XHTML, 'script'), where).toHaveLength(0)
        const items = [...doc.getElementsByTagName(path.endsWith('atom.xml') ? 'entry' : 'item')]
        expect(items.map((i) => i.getElementsByTagName('title')[0].textContent), where).toEqual(own.map((a) => asXml(a.title)))
        items.forEach((item, i) => {
          const a = own[i]
          const categories = [...item.getElementsByTagName('category')].map((c) => c.getAttribute('term') ?? c.textContent)
          expect(categories, where).toEqual(a.categories)
          const summary = item.getElementsByTagName(path.endsWith('atom.xml') ? 'summary' : 'description')[0].textContent
          expect(summary, where).toBe(a.excerpt)
          const body = item.getElementsByTagName(path.endsWith('atom.xml') ? 'content' : 'content:encoded')[0]
          expect(body?.textContent, where).toBe(feedContent === 'full' ? asXml(a.html) : undefined)
        })
      }
    }
  })

  it('every sitemap is well-formed XML of urls on this site only, the news sitemap\'s titles text; robots.txt names the index', () => {
    const files = crawlerFiles(articles, site, '/news/', NOW)
    const sitemaps = [...files].filter(([path]) => /^sitemap[-.]/.test(path))
    expect(sitemaps.map(([path]) => path).sort()).toEqual(['sitemap-1.xml', 'sitemap-news.xml', 'sitemap.xml'])
    for (const [path, xml] of sitemaps) {
      const doc = new JSDOM(xml, { contentType: 'application/xml' }).window.document
      expect(doc.getElementsByTagName('parsererror'), path).toHaveLength(0)
      expect(doc.getElementsByTagName('script'), path).toHaveLength(0)
      const locs = [...doc.getElementsByTagName('loc')].map((l) => l.textContent!)
      if (path === 'sitemap-1.xml') expect(locs.length).toBe(articles.length + 1 + new Set(articles.flatMap((a) => a.categories.map(slugify))).size + 1)
      for (const loc of locs) {
        expect(new URL(loc).origin, path).toBe('https://news.example.com')
        expect(loc, path).not.toMatch(/evil\.example|[<>"' ]|\/excerpt\/$/)
      }
      if (path !== 'sitemap-news.xml') continue
      const titles = [...doc.getElementsByTagName('news:title')].map((t) => t.textContent)
      const recent = articles.filter((a) => a.date >= '2024-05-12')
      expect(recent.length).toBeGreaterThanOrEqual(3)
      expect(titles.sort()).toEqual(recent.map((a) => asXml(a.title)).sort())
    }
    expect(files.get('robots.txt')).toBe('User-agent: *\nAllow: /\n\nSitemap: https://news.example.com/news/sitemap.xml\n')
  })
})

describe('node/parseArticle: hostile files that must be refused', () => {
  const expected: Record<string, Array<[number | undefined, RegExp]>> = {
    'r01_image-javascript.txt': [[3, /image .*must be an http\(s\) URL/]],
    'r02_image-data.txt': [[3, /image .*must be an http\(s\) URL/]],
    'r03_image-protocol-relative.txt': [[3, /image .*must be an http\(s\) URL/]],
    'r04_image-attribute-breakout.txt': [[3, /image .*must be an http\(s\) URL/]],
    'r05_date-breakout.txt': [[3, /is not a date/]],
    'r06_title-object.txt': [[2, /title must be text/]],
    'r07_front-matter-js.txt': [[1, /must be YAML.*"---js"/]],
    'r08_yaml-js-function.txt': [[2, /invalid YAML.*unknown tag/]],
    'r09_category-no-letters.txt': [[3, /category "<>" has no letters/], [3, /category "\.\.\/\.\." has no letters/]],
    'r10_slug-no-letters.txt': [[3, /slug .* has no letters/]],
    'r11_yaml-alias-bomb.txt': [[8, /title must be text, not a list/], [9, /categories must be a list of names/]],
    'r12_proto-pollution.txt': [[8, /categories must be a list of names/]],
  }

  it('covers every file in rejected/', () => {
    expect(readdirSync(REJECTED).sort()).toEqual(Object.keys(expected).sort())
  })

  it.each(Object.entries(expected))('%s is refused with its line and what to fix', (f, want) => {
    const result = processFile(rel(REJECTED, f), readFileSync(join(REJECTED, f)))
    expect(result.ok).toBe(false)
    const problems = result.ok ? [] : result.problems
    expect(problems.map((p) => p.line)).toEqual(want.map(([line]) => line))
    problems.forEach((p, i) => {
      expect(p.file).toBe(rel(REJECTED, f))
      expect(p.message).toMatch(want[i][1])
    })
  })

  it('runs no front matter code and pollutes no prototype', () => {
    for (const f of Object.keys(expected)) processFile(rel(REJECTED, f), readFileSync(join(REJECTED, f)))
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })
})
