import { describe, expect, it } from 'vitest'
import type { Article, SiteConfig } from '../../../../../src/shared/types'
import { routes } from '../../../../../src/node/build/payloads'
import {
  NEWS_URLS,
  NEWS_WINDOW_MS,
  newsArticles,
  robotsTxt,
  SITEMAP_URLS,
  sitemapEntries,
  sitemapFiles,
} from '../../../../../src/node/build/crawlers/sitemaps'
import { makeArticle } from '../../../../support/articles'
import { elements, parseXml, texts } from '../../../../support/xml'

const SITE: SiteConfig = {
  name: '한빛뉴스 & <친구들>',
  description: '설명',
  url: 'https://news.example.com',
  pageSize: 2,
}
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9'
const NOW = new Date('2024-06-20T12:00:00Z')
const HOUR = 60 * 60 * 1000
const at = (ms: number) => new Date(ms).toISOString()

/** the urls a sitemap file lists, each with its lastmod ('' when it has none) */
function urlsOf(xml: string): Array<[string, string]> {
  const doc = parseXml(xml)
  expect(doc.documentElement.namespaceURI).toBe(SITEMAP_NS)
  expect(doc.documentElement.localName).toBe('urlset')
  return elements(doc, 'url').map((u) => [texts(u, 'loc')[0], texts(u, 'lastmod')[0] ?? ''])
}

describe('node/build/sitemaps', () => {
  describe('sitemapEntries', () => {
    const list = [
      makeArticle('new', { date: '2024-06-20T05:30:00.000Z', categories: ['정치'] }),
      makeArticle('edited', {
        date: '2024-06-10',
        updated: '2024-06-21T01:00:00.000Z',
        categories: ['경제'],
      } as Partial<Article>),
      makeArticle('old', { date: '2024-06-01', categories: ['정치', '경제'] }),
      makeArticle('undated', { date: '', categories: ['기타'] }),
    ]
    const entries = new Map(sitemapEntries(list, SITE).map((e) => [e.route, e.lastmod]))

    it("lists every prerendered page but the summaries (noindex), in the build's order", () => {
      const expected = routes(list, SITE).filter((r) => !r.endsWith('/excerpt/'))
      expect([...entries.keys()]).toEqual(expected)
      expect([...entries.keys()].some((r) => r.includes('excerpt'))).toBe(false)
    })

    it('gives an article its updated date when it has one, else its date, and none when undated', () => {
      expect(entries.get('/articles/new/')).toBe('2024-06-20T05:30:00.000Z')
      expect(entries.get('/articles/edited/')).toBe('2024-06-21T01:00:00.000Z')
      expect(entries.get('/articles/old/')).toBe('2024-06-01')
      expect(entries.get('/articles/undated/')).toBe('')
    })

    it("gives every page of a listing, and of a category, its newest article's date", () => {
      expect(entries.get('/')).toBe('2024-06-21T01:00:00.000Z')
      expect(entries.get('/page/2/')).toBe('2024-06-21T01:00:00.000Z')
      expect(entries.get('/categories/정치/')).toBe('2024-06-20T05:30:00.000Z')
      expect(entries.get('/categories/경제/')).toBe('2024-06-21T01:00:00.000Z')
      expect(entries.get('/categories/기타/')).toBe('')
      expect(entries.get('/search/')).toBe('')
    })

    it('compares dates as instants: a day alone is its start in Korean time', () => {
      // 2024-06-20 starts at 2024-06-19T15:00Z in Korea, so the instant 16:00Z is newer
      const two = [
        makeArticle('day', { date: '2024-06-20' }),
        makeArticle('time', { date: '2024-06-19T16:00:00.000Z' }),
      ]
      expect(sitemapEntries(two, SITE)[0]).toMatchObject({ route: '/', lastmod: '2024-06-19T16:00:00.000Z' })
    })
  })

  describe('sitemapFiles', () => {
    it(`splits 100,000 articles into parts of at most ${SITEMAP_URLS.toLocaleString('en')} urls under an index naming each`, () => {
      const categories = ['정치', '경제', '사회', '국제']
      const many = Array.from({ length: 100_000 }, (_, i) =>
        makeArticle(`a${i}`, { date: at(NOW.getTime() - i * HOUR), categories: [categories[i % 4]], html: '' }),
      )
      const site = { ...SITE, pageSize: 20 }
      const files = sitemapFiles(many, site, '/news/', NOW)
      const entries = sitemapEntries(many, site)
      const parts = Math.ceil(entries.length / SITEMAP_URLS)
      expect(parts).toBe(3)

      const index = parseXml(files.get('sitemap.xml')!)
      expect(index.documentElement.localName).toBe('sitemapindex')
      expect(index.documentElement.namespaceURI).toBe(SITEMAP_NS)
      const listed = elements(index, 'sitemap').map((s) => [texts(s, 'loc')[0], texts(s, 'lastmod')[0]])
      const partUrls = Array.from({ length: parts }, (_, i) => `https://news.example.com/news/sitemap-${i + 1}.xml`)
      // the news sitemap last: the newest articles are inside the two days before NOW
      expect(listed.map(([loc]) => loc)).toEqual([...partUrls, 'https://news.example.com/news/sitemap-news.xml'])

      const all: Array<[string, string]> = []
      for (let i = 1; i <= parts; i++) {
        const urls = urlsOf(files.get(`sitemap-${i}.xml`)!)
        expect(urls.length).toBeLessThanOrEqual(SITEMAP_URLS)
        // a part's lastmod in the index is the newest of its urls'
        const newest = urls
          .map(([, d]) => d)
          .filter(Boolean)
          .sort((a, b) => Date.parse(b) - Date.parse(a))[0]
        expect(listed[i - 1][1]).toBe(newest)
        all.push(...urls)
      }
      expect(files.has(`sitemap-${parts + 1}.xml`)).toBe(false)
      expect(all).toEqual(entries.map((e) => [`https://news.example.com/news${encodeURI(e.route)}`, e.lastmod]))
      expect(all.filter(([, d]) => d)).toHaveLength(all.length - 1) // all but the search page have a date
    }, 120_000)

    it('writes one part for a small site, and for an empty one (the home and search pages)', () => {
      const files = sitemapFiles([], SITE, '/', NOW)
      expect([...files.keys()].sort()).toEqual(['sitemap-1.xml', 'sitemap-news.xml', 'sitemap.xml'])
      expect(urlsOf(files.get('sitemap-1.xml')!)).toEqual([
        ['https://news.example.com/', ''],
        ['https://news.example.com/search/', ''],
      ])
      // the news sitemap lists nothing, so the index leaves it out (a urlset holds at least one url)
      const index = parseXml(files.get('sitemap.xml')!)
      expect(texts(index, 'loc')).toEqual(['https://news.example.com/sitemap-1.xml'])
      expect(index.getElementsByTagName('lastmod')).toHaveLength(0)
      expect(parseXml(files.get('sitemap-news.xml')!).getElementsByTagName('url')).toHaveLength(0)
    })

    it('keeps hostile slugs, titles and categories as text', () => {
      const hostile = makeArticle('x', {
        slug: '</loc><loc>https://evil.example/',
        title: ']]></news:title><script>alert(1)</script> & "q"',
        categories: ['</category>&amp;'],
        date: at(NOW.getTime() - HOUR),
      })
      const files = sitemapFiles([hostile], SITE, '/news/', NOW)
      for (const [name, xml] of files) {
        const doc = parseXml(xml)
        expect(doc.getElementsByTagName('script'), name).toHaveLength(0)
        for (const loc of texts(doc, 'loc')) expect(new URL(loc).origin, name).toBe('https://news.example.com')
      }
      expect(texts(parseXml(files.get('sitemap-news.xml')!), 'news:title')).toEqual([hostile.title])
    })
  })

  describe('the Google News sitemap', () => {
    const list = [
      makeArticle('hour', { date: at(NOW.getTime() - HOUR) }),
      makeArticle('edge', { date: at(NOW.getTime() - NEWS_WINDOW_MS) }),
      makeArticle('older', { date: at(NOW.getTime() - NEWS_WINDOW_MS - 1000) }),
      // 2024-06-19 starts at 2024-06-18T15:00Z in Korea: inside the two days before NOW
      makeArticle('day', { date: '2024-06-19' }),
      makeArticle('days-ago', { date: '2024-06-18' }),
      makeArticle('undated', { date: '' }),
    ]

    it('holds the articles published in the two days before the build, newest first', () => {
      expect(newsArticles(list, NOW).map((a) => a.slug)).toEqual(['hour', 'day', 'edge'])
      expect(newsArticles(list, new Date(NOW.getTime() + NEWS_WINDOW_MS))).toEqual([])
    })

    it(`holds at most the ${NEWS_URLS} newest`, () => {
      const many = Array.from({ length: NEWS_URLS + 10 }, (_, i) =>
        makeArticle(`n${i}`, { date: at(NOW.getTime() - i * 60_000) }),
      )
      const news = newsArticles(many.toReversed(), NOW)
      expect(news).toHaveLength(NEWS_URLS)
      expect(news[0].slug).toBe('n0')
    })

    it('names the publication, its language, the date and the title of each', () => {
      const doc = parseXml(sitemapFiles(list, SITE, '/news/', NOW).get('sitemap-news.xml')!)
      expect(doc.documentElement.lookupNamespaceURI('news')).toBe(NEWS_NS)
      const urls = elements(doc, 'url')
      expect(urls.map((u) => texts(u, 'loc')[0])).toEqual(
        ['hour', 'day', 'edge'].map((s) => `https://news.example.com/news/articles/${s}/`),
      )
      const first = urls[0].getElementsByTagNameNS(NEWS_NS, 'news')[0]
      expect(texts(first, 'news:name')).toEqual(['한빛뉴스 & <친구들>'])
      expect(texts(first, 'news:language')).toEqual(['ko'])
      expect(texts(first, 'news:publication_date')).toEqual([list[0].date])
      expect(texts(first, 'news:title')).toEqual(['제목 hour'])
    })
  })

  describe('robots.txt', () => {
    it('allows every page and names the sitemap index by its absolute URL, under the base', () => {
      expect(robotsTxt(SITE, '/')).toBe('User-agent: *\nAllow: /\n\nSitemap: https://news.example.com/sitemap.xml\n')
      expect(robotsTxt({ ...SITE, url: 'https://a.example/' }, '/news/')).toContain(
        '\nSitemap: https://a.example/news/sitemap.xml\n',
      )
    })
  })
})
