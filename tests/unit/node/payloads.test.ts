import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import type { Article, ListingPage, SiteConfig, SiteIndex } from '../../../src/shared/types'
import { absoluteUrl, escapeXml, FEED_ITEMS, feedXml, payloadFiles, routeDataPath, routes, siteIndex, sitemapXml } from '../../../src/node/payloads'
import { pageTasks } from '../../../src/node/prerender'

const SITE: SiteConfig = { name: '한빛뉴스 & 친구들', description: '<소식> "따옴표"', url: 'https://news.example.com', pageSize: 2 }

function article(slug: string, extra: Partial<Article> = {}): Article {
  return {
    slug,
    title: `제목 ${slug}`,
    categories: ['News'],
    excerpt: `요약 ${slug}`,
    image: '',
    date: '2024-06-20',
    readingMinutes: 1,
    featureText: '',
    html: `<p>본문 ${slug}</p>`,
    headings: [],
    prev: null,
    next: null,
    related: [],
    source: `content/${slug}.md`,
    ...extra,
  }
}

/** parses xml strictly; throws with the parser's message when it is not well-formed */
function parseXml(xml: string): Document {
  const doc = new new JSDOM('').window.DOMParser().parseFromString(xml, 'application/xml')
  const error = doc.getElementsByTagName('parsererror')[0]
  if (error) throw new Error(`not well-formed: ${error.textContent}`)
  return doc
}

const five = ['a', 'b', 'c', 'd', 'e'].map((s, i) => article(s, { categories: i % 2 ? ['정치', 'News'] : ['News'] }))

describe('node/payloads', () => {
  describe('payloadFiles', () => {
    const files = payloadFiles(five, SITE)
    const json = <T>(path: string) => JSON.parse(files.get(path) ?? 'null') as T

    it('writes one payload per article, with its body', () => {
      for (const a of five) expect(json<Article>(`_data/articles/${a.slug}.json.gz`)).toEqual(a)
    })

    it('paginates the listing by pageSize, cards without bodies', () => {
      const pages = [1, 2, 3].map((n) => json<ListingPage>(`_data/pages/${n}.json.gz`))
      expect(pages.map((p) => p.cards.map((c) => c.slug))).toEqual([['a', 'b'], ['c', 'd'], ['e']])
      for (const p of pages) {
        expect(p.pageCount).toBe(3)
        expect(p.total).toBe(5)
        for (const c of p.cards) {
          expect(Object.keys(c).sort()).toEqual(['categories', 'date', 'excerpt', 'image', 'readingMinutes', 'slug', 'title'])
        }
      }
      expect(files.has('_data/pages/4.json.gz')).toBe(false)
    })

    it('writes category pages under the category slug, Hangul as is (the file name on disk)', () => {
      expect(json<ListingPage>('_data/categories/news/1.json.gz').total).toBe(5)
      expect(json<ListingPage>('_data/categories/news/3.json.gz').cards).toHaveLength(1)
      const politics = json<ListingPage>('_data/categories/정치/1.json.gz')
      expect(politics.cards.map((c) => c.slug)).toEqual(['b', 'd'])
    })

    it('names Hangul article payloads by their decoded slug', () => {
      const files = payloadFiles([article('북한-소식')], SITE)
      expect(files.has('_data/articles/북한-소식.json.gz')).toBe(true)
    })

    it('an empty site still has page 1', () => {
      const p = JSON.parse(payloadFiles([], SITE).get('_data/pages/1.json.gz')!) as ListingPage
      expect(p).toEqual({ page: 1, pageCount: 1, total: 0, cards: [] })
    })
  })

  describe('siteIndex', () => {
    it('holds settings, counts and categories, never article data', () => {
      const index: SiteIndex = siteIndex(five, SITE)
      expect(index.total).toBe(5)
      expect(index.pageCount).toBe(3)
      expect(index.categories).toEqual([
        { name: 'News', slug: 'news', count: 5 },
        { name: '정치', slug: '정치', count: 2 },
      ])
      const text = JSON.stringify(index)
      expect(text).not.toContain('본문')
      expect(text).not.toContain('제목 a')
    })

    it('changes its version when any article changes', () => {
      const v1 = siteIndex(five, SITE).version
      expect(siteIndex(five, SITE).version).toBe(v1)
      const edited = five.map((a) => (a.slug === 'c' ? { ...a, html: '<p>고침</p>' } : a))
      expect(siteIndex(edited, SITE).version).not.toBe(v1)
    })
  })

  describe('routes', () => {
    it('lists every page to prerender', () => {
      expect(routes(five, SITE)).toEqual([
        '/',
        '/page/2/',
        '/page/3/',
        ...five.flatMap((a) => [`/articles/${a.slug}/`, `/articles/${a.slug}/excerpt/`]),
        '/categories/news/',
        '/categories/news/page/2/',
        '/categories/news/page/3/',
        '/categories/정치/',
        '/search/',
      ])
    })
  })

  describe('absoluteUrl', () => {
    it('joins site url, base and route, percent-encoded', () => {
      expect(absoluteUrl(SITE, '/', '/')).toBe('https://news.example.com/')
      expect(absoluteUrl(SITE, '/news/', '/articles/x/')).toBe('https://news.example.com/news/articles/x/')
      expect(absoluteUrl({ ...SITE, url: 'https://a.example/' }, '/news/', '/categories/정치/')).toBe('https://a.example/news/categories/%EC%A0%95%EC%B9%98/')
    })
  })

  describe('escapeXml', () => {
    it('escapes markup and drops characters XML forbids', () => {
      expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;')
      expect(escapeXml('가\u0000\u0008나\uFFFE')).toBe('가나')
    })
  })

  describe('sitemapXml', () => {
    it('is well-formed and lists every route as an absolute URL under the base', () => {
      const xml = sitemapXml([...five, article('북한 & 러시아')], SITE, '/news/')
      const doc = parseXml(xml)
      const locs = [...doc.getElementsByTagName('loc')].map((l) => l.textContent)
      expect(locs).toContain('https://news.example.com/news/')
      expect(locs).toContain('https://news.example.com/news/articles/a/excerpt/')
      expect(locs).toContain('https://news.example.com/news/categories/%EC%A0%95%EC%B9%98/')
      expect(locs).toContain('https://news.example.com/news/articles/%EB%B6%81%ED%95%9C%20&%20%EB%9F%AC%EC%8B%9C%EC%95%84/')
      expect(locs).toHaveLength(routes([...five, article('북한 & 러시아')], SITE).length)
    })
  })

  describe('feedXml', () => {
    it('is well-formed RSS with escaped text', () => {
      const hostile = article('x', {
        title: '</title><script>alert(1)</script> & "인용"',
        excerpt: 'a < b && c > d \u0001',
        categories: ['정치&경제', '<국제>'],
        date: '2024-06-20T05:30:00.000Z',
      })
      const xml = feedXml([hostile, ...five], SITE, '/news/')
      expect(xml).not.toContain('<script>')
      const doc = parseXml(xml)
      const channel = doc.getElementsByTagName('channel')[0]
      expect(channel.getElementsByTagName('title')[0].textContent).toBe('한빛뉴스 & 친구들')
      expect(channel.getElementsByTagName('description')[0].textContent).toBe('<소식> "따옴표"')
      expect(channel.getElementsByTagName('link')[0].textContent).toBe('https://news.example.com/news/')
      const first = doc.getElementsByTagName('item')[0]
      expect(first.getElementsByTagName('title')[0].textContent).toBe(hostile.title)
      expect(first.getElementsByTagName('description')[0].textContent).toBe('a < b && c > d ')
      expect([...first.getElementsByTagName('category')].map((c) => c.textContent)).toEqual(['정치&경제', '<국제>'])
      expect(first.getElementsByTagName('link')[0].textContent).toBe('https://news.example.com/news/articles/x/')
      expect(first.getElementsByTagName('pubDate')[0].textContent).toBe('Thu, 20 Jun 2024 05:30:00 GMT')
    })

    it(`holds at most the ${FEED_ITEMS} newest articles, in order`, () => {
      const many = Array.from({ length: FEED_ITEMS + 5 }, (_, i) => article(`n${i}`))
      const doc = parseXml(feedXml(many, SITE, '/'))
      const items = [...doc.getElementsByTagName('item')]
      expect(items).toHaveLength(FEED_ITEMS)
      expect(items[0].getElementsByTagName('link')[0].textContent).toBe('https://news.example.com/articles/n0/')
    })

    it('leaves out pubDate for undated articles', () => {
      const doc = parseXml(feedXml([article('u', { date: '' })], SITE, '/'))
      expect(doc.getElementsByTagName('pubDate')).toHaveLength(0)
    })
  })

  describe('routeDataPath and the prerender tasks', () => {
    // hangul slugs and categories too: payload keys are decoded paths, routes are raw
    const list = [...five, article('북한-러시아', { categories: ['정치 경제'] })]
    const files = payloadFiles(list, SITE)
    const all = [...routes(list, SITE), '/404']

    it('names, for every page that reads one, a payload the build makes', () => {
      const missing = all.filter((r) => r !== '/search/' && r !== '/404' && !files.has(routeDataPath(r) ?? ''))
      expect(missing).toEqual([])
      expect(routeDataPath('/articles/북한-러시아/excerpt/')).toBe('_data/articles/북한-러시아.json.gz')
      expect(routeDataPath('/search/')).toBeUndefined()
      expect(routeDataPath('/404')).toBeUndefined()
    })

    it('hands each payload to exactly one task, with the pages that read it, and keeps every route in order', () => {
      const { tasks, rest } = pageTasks(all, files)
      expect(tasks.flatMap((t) => t.routes)).toEqual(all)
      const handed = [...tasks.flatMap((t) => t.files), ...rest].map(([path]) => path)
      expect(handed.sort()).toEqual([...files.keys()].sort())
      for (const t of tasks) for (const [path] of t.files) expect(t.routes.some((r) => routeDataPath(r) === path)).toBe(true)
      // what no page reads (the search index) is left to write apart
      expect(rest.every(([path]) => path.startsWith('_data/search/'))).toBe(true)
      expect(rest.length).toBeGreaterThan(0)
    })
  })
})
