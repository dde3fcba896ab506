import { describe, expect, it } from 'vitest'
import type { Article, SiteConfig } from '../../../../../src/shared/types'
import {
  authorGroups,
  categoryGroups,
  tagGroups,
  FEED_ITEMS,
  feedFiles,
  feedText,
  GROUP_FEED_ITEMS,
  groupFeeds,
  siteFeed,
  type FeedContext,
} from '../../../../../src/node/build/crawlers/feeds'
import { makeArticle } from '../../../../support/articles'
import { elements, parseXml, texts } from '../../../../support/xml'

const SITE: SiteConfig = {
  name: '한빛뉴스 & 친구들',
  description: '<소식> "따옴표"',
  url: 'https://news.example.com',
  pageSize: 2,
}
const NOW = new Date('2024-06-21T00:00:00Z')
const ctx = (site: SiteConfig = SITE, base = '/news/'): FeedContext => ({ site, base, now: NOW })
const ATOM_NS = 'http://www.w3.org/2005/Atom'

/** a body that would end a CDATA section, close the feed's elements, or hold what XML forbids */
const HOSTILE_BODY = '<p>a ]]> b <![CDATA[ c ]]]]> d</p></content:encoded></item><script>alert(1)</script>\u0001 ]]'
const HOSTILE = makeArticle('x', {
  title: ']]></title><script>alert(1)</script> & "인용" \'',
  excerpt: '</description>a < b && c > d',
  categories: ['정치&경제', '<국제>', '"]]>분류'],
  date: '2024-06-20T05:30:00.000Z',
  html: HOSTILE_BODY,
})
const five = ['a', 'b', 'c', 'd', 'e'].map((s, i) =>
  makeArticle(s, { categories: i % 2 ? ['정치', 'News'] : ['News'] }),
)
const list = [HOSTILE, ...five]

/** the feed of the whole site in each format, read back */
function read(articles: readonly Article[], site = SITE) {
  const feed = siteFeed(articles, site)
  return {
    rss: parseXml(feedText(feed, 'rss', ctx(site))),
    atom: parseXml(feedText(feed, 'atom', ctx(site))),
    json: JSON.parse(feedText(feed, 'json', ctx(site))) as JsonFeed,
  }
}

interface JsonFeed {
  version: string
  title: string
  home_page_url: string
  feed_url: string
  description: string
  language: string
  authors: Array<{ name: string }>
  items: Array<Record<string, unknown>>
}

describe('node/build/feeds', () => {
  describe('RSS 2.0', () => {
    it('is well-formed, with every front matter text as text', () => {
      const { rss } = read(list)
      const channel = elements(rss, 'channel')[0]
      expect(elements(channel, 'title')[0].textContent).toBe('한빛뉴스 & 친구들')
      expect(elements(channel, 'description')[0].textContent).toBe('<소식> "따옴표"')
      expect(elements(channel, 'link')[0].textContent).toBe('https://news.example.com/news/')
      expect(elements(channel, 'atom:link')[0].getAttribute('href')).toBe('https://news.example.com/news/feed.xml')
      expect(rss.getElementsByTagName('script')).toHaveLength(0)
      const first = elements(rss, 'item')[0]
      expect(texts(first, 'title')).toEqual([HOSTILE.title])
      expect(texts(first, 'description')).toEqual([HOSTILE.excerpt])
      expect(texts(first, 'category')).toEqual(HOSTILE.categories)
      expect(texts(first, 'link')).toEqual(['https://news.example.com/news/articles/x/'])
      expect(texts(first, 'guid')).toEqual(['https://news.example.com/news/articles/x/'])
      expect(texts(first, 'pubDate')).toEqual(['Thu, 20 Jun 2024 05:30:00 GMT'])
    })

    it('dates a day given alone from its start in Korean time, and leaves pubDate out of an undated article', () => {
      const { rss } = read([makeArticle('d', { date: '2024-06-20' }), makeArticle('u', { date: '' })])
      expect(texts(rss, 'pubDate')).toEqual(['Wed, 19 Jun 2024 15:00:00 GMT'])
    })
  })

  describe('Atom 1.0', () => {
    it("is well-formed, with the feed's id, self link, update time and author, and each entry's", () => {
      const { atom } = read(list)
      const feed = atom.documentElement
      expect([feed.namespaceURI, feed.localName]).toEqual([ATOM_NS, 'feed'])
      expect(texts(feed, 'title')[0]).toBe('한빛뉴스 & 친구들')
      expect(texts(feed, 'subtitle')).toEqual(['<소식> "따옴표"'])
      expect(texts(feed, 'id')[0]).toBe('https://news.example.com/news/')
      const links = elements(feed, 'link').filter((l) => l.parentElement === feed)
      expect(links.map((l) => [l.getAttribute('rel'), l.getAttribute('href')])).toEqual([
        ['alternate', 'https://news.example.com/news/'],
        ['self', 'https://news.example.com/news/atom.xml'],
      ])
      // the newest entry's date (the hostile one's, an instant after the others' day)
      expect(elements(feed, 'updated')[0].textContent).toBe('2024-06-20T05:30:00.000Z')
      expect(texts(elements(feed, 'author')[0], 'name')).toEqual(['한빛뉴스 & 친구들'])
      const entry = elements(feed, 'entry')[0]
      expect(texts(entry, 'title')).toEqual([HOSTILE.title])
      expect(texts(entry, 'summary')).toEqual([HOSTILE.excerpt])
      expect(texts(entry, 'id')).toEqual(['https://news.example.com/news/articles/x/'])
      expect(texts(entry, 'published')).toEqual(['2024-06-20T05:30:00.000Z'])
      expect(elements(entry, 'category').map((c) => c.getAttribute('term'))).toEqual(HOSTILE.categories)
      expect(texts(elements(feed, 'entry')[1], 'published')).toEqual(['2024-06-20T00:00:00+09:00'])
    })

    it("gives an undated entry the feed's time, and a feed of undated articles the build's", () => {
      const { atom } = read([makeArticle('u', { date: '' })])
      expect(texts(atom, 'updated')).toEqual([NOW.toISOString(), NOW.toISOString()])
      expect(texts(atom, 'published')).toEqual([])
    })
  })

  describe('JSON Feed 1.1', () => {
    it("parses, with the version, the feed's urls and each item's text, dates and tags", () => {
      const withImages = [
        makeArticle('p', {
          image: '/images/a b.jpg',
          date: '2024-06-20',
          updated: '2024-06-22T01:00:00.000Z',
        } as Partial<Article>),
        makeArticle('h', { image: 'https://img.example/a.jpg?x=%22' }),
      ]
      const { json } = read([HOSTILE, ...withImages])
      expect(json).toMatchObject({
        version: 'https://jsonfeed.org/version/1.1',
        title: '한빛뉴스 & 친구들',
        home_page_url: 'https://news.example.com/news/',
        feed_url: 'https://news.example.com/news/feed.json',
        description: '<소식> "따옴표"',
        language: 'ko',
        authors: [{ name: '한빛뉴스 & 친구들' }],
      })
      expect(json.items[0]).toEqual({
        id: 'https://news.example.com/news/articles/x/',
        url: 'https://news.example.com/news/articles/x/',
        title: HOSTILE.title,
        content_text: HOSTILE.excerpt,
        date_published: '2024-06-20T05:30:00.000Z',
        tags: HOSTILE.categories,
      })
      expect(json.items[1]).toMatchObject({
        image: 'https://news.example.com/news/images/a%20b.jpg',
        date_published: '2024-06-20T00:00:00+09:00',
        date_modified: '2024-06-22T01:00:00.000Z',
      })
      expect(json.items[2].image).toBe('https://img.example/a.jpg?x=%22')
    })
  })

  describe('size', () => {
    it(`holds the ${FEED_ITEMS} newest articles of the site, and the ${GROUP_FEED_ITEMS} newest of a group, whatever the archive`, () => {
      const many = Array.from({ length: 500 }, (_, i) => makeArticle(`n${i}`))
      const { rss, atom, json } = read(many)
      expect(elements(rss, 'item')).toHaveLength(FEED_ITEMS)
      expect(elements(atom, 'entry')).toHaveLength(FEED_ITEMS)
      expect(json.items).toHaveLength(FEED_ITEMS)
      expect(texts(elements(rss, 'item')[0], 'link')).toEqual(['https://news.example.com/news/articles/n0/'])
      const files = feedFiles(groupFeeds(categoryGroups(many), SITE), ctx())
      expect(elements(parseXml(files.get('categories/news/feed.xml')!), 'item')).toHaveLength(GROUP_FEED_ITEMS)
    })
  })

  describe('the feedContent setting', () => {
    const full = { ...SITE, feedContent: 'full' as const }

    it('excerpt (the default): the excerpt only, no body', () => {
      for (const site of [SITE, { ...SITE, feedContent: 'excerpt' as const }]) {
        const { rss, atom, json } = read(list, site)
        expect(rss.getElementsByTagName('content:encoded')).toHaveLength(0)
        expect(atom.getElementsByTagName('content')).toHaveLength(0)
        expect(json.items.some((i) => 'content_html' in i)).toBe(false)
      }
    })

    it('full: the sanitized body, read back as the same text from any body, one that ends CDATA among them', () => {
      const { rss, atom, json } = read(list, full)
      // (less the one character XML cannot carry at all, U+0001)
      const body = HOSTILE_BODY.replace('\u0001', '')
      expect(texts(elements(rss, 'item')[0], 'content:encoded')).toEqual([body])
      expect(rss.getElementsByTagName('script')).toHaveLength(0)
      expect(elements(rss, 'item')[0].getElementsByTagName('description')[0].textContent).toBe(HOSTILE.excerpt)
      const content = elements(elements(atom, 'entry')[0], 'content')[0]
      expect([content.getAttribute('type'), content.textContent]).toEqual(['html', body])
      // the body's relative links resolve against its article's page, as on the page
      expect(content.getAttribute('xml:base')).toBe('https://news.example.com/news/articles/x/')
      expect(json.items[0]).toMatchObject({ content_html: HOSTILE_BODY, summary: HOSTILE.excerpt })
      expect(json.items[0].content_text).toBeUndefined()
    })

    it("full: a photo the build kept is at its copies' addresses on the site, as on the page, not at the name the body gives it", () => {
      const photo = {
        src: 'photo.jpg',
        original: '/_images/0123456789abcdef.jpg',
        id: '0123456789abcdef',
        width: 1600,
        height: 900,
        widths: [480, 800, 1200],
        avif: false,
      }
      const withPhoto = makeArticle('p', { html: '<p><img src="photo.jpg" alt="사진"></p>', photos: [photo] })
      const { rss, atom, json } = read([withPhoto], full)
      for (const html of [
        texts(elements(rss, 'item')[0], 'content:encoded')[0],
        elements(elements(atom, 'entry')[0], 'content')[0].textContent,
        json.items[0].content_html as string,
      ]) {
        expect(html).toContain('src="/news/_images/0123456789abcdef-800.webp"')
        expect(html).not.toContain('src="photo.jpg"')
      }
    })
  })

  describe('feeds of a grouping', () => {
    it("one feed a category, in every format, in the category's folder, of its articles only", () => {
      const files = feedFiles(groupFeeds(categoryGroups(list), SITE), ctx())
      expect([...files.keys()].filter((p) => p.startsWith('categories/정치/'))).toEqual([
        'categories/정치/feed.xml',
        'categories/정치/atom.xml',
        'categories/정치/feed.json',
      ])
      const rss = parseXml(files.get('categories/정치/feed.xml')!)
      expect(texts(elements(rss, 'channel')[0], 'title')[0]).toBe('정치 | 한빛뉴스 & 친구들')
      expect(texts(elements(rss, 'channel')[0], 'link')[0]).toBe(
        'https://news.example.com/news/categories/정치/'.replace('정치', '%EC%A0%95%EC%B9%98'),
      )
      expect(elements(rss, 'atom:link')[0].getAttribute('href')).toBe(
        'https://news.example.com/news/categories/%EC%A0%95%EC%B9%98/feed.xml',
      )
      expect(texts(rss, 'guid').map((u) => u.split('/').at(-2))).toEqual(['b', 'd'])
      const atom = parseXml(files.get('categories/정치/atom.xml')!)
      expect(
        elements(atom, 'link')
          .find((l) => l.getAttribute('rel') === 'self')!
          .getAttribute('href'),
      ).toBe('https://news.example.com/news/categories/%EC%A0%95%EC%B9%98/atom.xml')
      const json = JSON.parse(files.get('categories/정치/feed.json')!) as JsonFeed
      expect(json.feed_url).toBe('https://news.example.com/news/categories/%EC%A0%95%EC%B9%98/feed.json')
      // a hostile category name is text in its feed's title, and its slug a safe folder
      const hostile = [...files.keys()].filter((p) => p.includes('국제'))
      expect(hostile).toEqual(['categories/국제/feed.xml', 'categories/국제/atom.xml', 'categories/국제/feed.json'])
      expect(texts(parseXml(files.get('categories/국제/atom.xml')!), 'title')[0]).toBe('<국제> | 한빛뉴스 & 친구들')
    })

    it("each tag's and each author's feed holds their articles, named as their pages name them", () => {
      const hong = { name: '홍길동', slug: 'hong', role: '기자', email: '', bio: '', photo: '' }
      const tagged = [
        makeArticle('t1', { tags: ['Russia', '북한'], authors: [hong] }),
        makeArticle('t2', { tags: ['russia'] }),
        makeArticle('t3', { authors: [hong] }),
      ]
      const files = feedFiles(groupFeeds([...tagGroups(tagged), ...authorGroups(tagged)], SITE), ctx(SITE, '/'))
      const ids = (path: string) =>
        (JSON.parse(files.get(path)!) as JsonFeed).items.map((i) => String(i.id).split('/').at(-2))
      // Russia and russia are one tag, as on its page
      expect(ids('tags/russia/feed.json')).toEqual(['t1', 't2'])
      expect(ids('tags/북한/feed.json')).toEqual(['t1'])
      expect(ids('authors/hong/feed.json')).toEqual(['t1', 't3'])
      expect((JSON.parse(files.get('authors/hong/feed.json')!) as JsonFeed).title).toBe(
        '홍길동 기자 | 한빛뉴스 & 친구들',
      )
      expect((JSON.parse(files.get('tags/russia/feed.json')!) as JsonFeed).title).toBe('#Russia | 한빛뉴스 & 친구들')
    })

    it('any other grouping (tags, authors) gets feeds the same way, in its own folder', () => {
      const groups = [
        { kind: 'tag' as const, slug: '선거', name: '선거 "2024"', route: '/tags/선거/', articles: five.slice(0, 2) },
      ]
      const files = feedFiles(groupFeeds(groups, SITE), ctx(SITE, '/'))
      expect([...files.keys()]).toEqual(['tags/선거/feed.xml', 'tags/선거/atom.xml', 'tags/선거/feed.json'])
      const json = JSON.parse(files.get('tags/선거/feed.json')!) as JsonFeed
      expect(json).toMatchObject({
        title: '선거 "2024" | 한빛뉴스 & 친구들',
        home_page_url: 'https://news.example.com/tags/%EC%84%A0%EA%B1%B0/',
      })
      expect(json.items.map((i) => i.id)).toEqual([
        'https://news.example.com/articles/a/',
        'https://news.example.com/articles/b/',
      ])
    })
  })
})
