import { describe, expect, it } from 'vitest'
import type { Article, ListingPage, SiteConfig, SiteIndex } from '../../../../src/shared/types'
import {
  absoluteUrl,
  HEADER_CATEGORIES,
  payloadAt,
  BuildPayloads,
  payloadFiles,
  type PayloadText,
  routeDataPath,
  routes,
  siteIndex,
} from '../../../../src/node/build/payloads'
import { CARD_CATEGORIES } from '../../../../src/shared/cards'
import { taskStream, unreadPayloads } from '../../../../src/node/build/renderTasks'
import { searchIndexFiles } from '../../../../src/node/build/search/searchIndex'

const SITE: SiteConfig = {
  name: '한빛뉴스 & 친구들',
  description: '<소식> "따옴표"',
  url: 'https://news.example.com',
  pageSize: 2,
}

function article(slug: string, extra: Partial<Article> = {}): Article {
  return {
    slug,
    title: `제목 ${slug}`,
    categories: ['News'],
    excerpt: `요약 ${slug}`,
    image: '',
    imageAlt: '',
    imageCaption: '',
    photos: [],
    date: '2024-06-20',
    readingMinutes: 1,
    authors: [],
    tags: [],
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

const five = ['a', 'b', 'c', 'd', 'e'].map((s, i) => article(s, { categories: i % 2 ? ['정치', 'News'] : ['News'] }))

/** every task of `routes` at once, and the payloads no page reads: what a build's stream of tasks must equal */
function pageTasks(routes: readonly string[], payloads: ReadonlyMap<string, PayloadText>) {
  return { tasks: [...taskStream(routes, payloads)], rest: unreadPayloads(routes, payloads) }
}

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
          expect(Object.keys(c).sort()).toEqual([
            'authors',
            'categories',
            'date',
            'excerpt',
            'image',
            'readingMinutes',
            'slug',
            'title',
          ])
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

    it('names the category on each of its pages (the site index does not list them all); the home listing names none', () => {
      for (const n of [1, 2, 3])
        expect(json<ListingPage>(`_data/categories/news/${n}.json.gz`).category).toEqual({
          name: 'News',
          slug: 'news',
          count: 5,
        })
      expect(json<ListingPage>('_data/categories/정치/1.json.gz').category).toEqual({
        name: '정치',
        slug: '정치',
        count: 2,
      })
      expect(json<ListingPage>('_data/pages/1.json.gz')).not.toHaveProperty('category')
    })

    it('paginates a category of thousands of articles like the listing', () => {
      const many = Array.from({ length: 2_001 }, (_, i) => article(`m${i}`, { categories: ['속보'] }))
      const files = payloadFiles(many, { ...SITE, pageSize: 20 })
      const pages = [...files.keys()].filter((k) => k.startsWith('_data/categories/속보/'))
      expect(pages).toHaveLength(101)
      const last = JSON.parse(files.get('_data/categories/속보/101.json.gz')!) as ListingPage
      expect(last).toMatchObject({ page: 101, pageCount: 101, total: 2_001 })
      expect(last.cards.map((c) => c.slug)).toEqual(['m2000'])
      const routeList = routes(many, { ...SITE, pageSize: 20 }).filter((r) => r.startsWith('/categories/'))
      expect(routeList).toHaveLength(101)
      expect(routeList.at(-1)).toBe('/categories/속보/page/101/')
    })

    it(`names at most ${CARD_CATEGORIES} categories on a card, so a category page weighs the same however many its articles have`, () => {
      const few = article('few', { categories: ['정치', '경제'] })
      const lots = (n: number) => article('lots', { categories: Array.from({ length: n }, (_, i) => `분야${i}`) })
      const page = (list: Article[], path: string) => JSON.parse(payloadFiles(list, SITE).get(path)!) as ListingPage
      expect(page([few], '_data/pages/1.json.gz').cards[0].categories).toEqual(['정치', '경제'])
      expect(page([lots(50)], '_data/pages/1.json.gz').cards[0].categories).toEqual(['분야0', '분야1', '분야2'])
      // the page of the last of 50 categories: its card names the article's first three
      const last = page([lots(50)], '_data/categories/분야49/1.json.gz')
      expect(last.cards[0].categories).toHaveLength(CARD_CATEGORIES)
      const size = (n: number) => payloadFiles([lots(n)], SITE).get('_data/categories/분야0/1.json.gz')!.length
      expect(size(500)).toBe(size(5))
      // the article's own payload keeps them all
      expect(
        (JSON.parse(payloadFiles([lots(50)], SITE).get('_data/articles/lots.json.gz')!) as Article).categories,
      ).toHaveLength(50)
    })

    it('the dev server answers the same category payloads', () => {
      const search = () => new Map<string, string>()
      for (const path of [
        '_data/categories/news/2.json.gz',
        '_data/categories/정치/1.json.gz',
        '_data/pages/3.json.gz',
      ]) {
        expect(payloadAt(path, five, SITE, search), path).toBe(files.get(path))
      }
      expect(payloadAt('_data/categories/news/4.json.gz', five, SITE, search)).toBeUndefined()
      expect(payloadAt('_data/categories/없는-분야/1.json.gz', five, SITE, search)).toBeUndefined()
    })

    it('the dev server answers every payload the build makes, the same, from the one pagination', () => {
      const list = [...five, article('북한-러시아', { categories: ['정치 경제'] })]
      const made = payloadFiles(list, SITE, new Map())
      for (const [path, json] of made)
        expect(
          payloadAt(path, list, SITE, () => new Map()),
          path,
        ).toBe(json)
      expect(payloadAt('_data/pages/4.json.gz', list, SITE, () => new Map())).toBeUndefined()
      expect(payloadAt('_data/pages/0.json.gz', list, SITE, () => new Map())).toBeUndefined()
    })

    it('the dev server answers every file of the search index, the slugs files among them', () => {
      const search = searchIndexFiles(five)
      expect([...search.keys()]).toContain('_data/search/docs/0.json.gz')
      for (const [path, json] of search)
        expect(
          payloadAt(path, five, SITE, () => search),
          path,
        ).toBe(json)
      expect(payloadAt('_data/search/docs/9.json.gz', five, SITE, () => search)).toBeUndefined()
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
    it('holds the settings and the biggest categories, never article data, counts or a build version', () => {
      const index: SiteIndex = siteIndex(five, SITE)
      expect(index).toEqual({
        site: SITE,
        topCategories: [
          { name: 'News', slug: 'news' },
          { name: '정치', slug: '정치' },
        ],
        version: '',
      })
      const text = JSON.stringify(index)
      expect(text).not.toContain('본문')
      expect(text).not.toContain('제목 a')
    })

    it(`holds only the ${HEADER_CATEGORIES} biggest categories, so its size does not grow with the taxonomy`, () => {
      // 30 articles with 40 categories each, all distinct, and a category every article has
      const many = Array.from({ length: 30 }, (_, i) =>
        article(`t${i}`, { categories: ['전체', ...Array.from({ length: 40 }, (_, k) => `분야${i}-${k}`)] }),
      )
      // article t0's categories are in three more articles, t1's in two more
      many.push(
        ...[1, 2, 3].map((k) =>
          article(`x${k}`, {
            categories: [...many[0].categories.slice(1, 4), ...(k < 3 ? many[1].categories.slice(1, 2) : [])],
          }),
        ),
      )
      const index = siteIndex(many, SITE, 'v')
      expect(index.topCategories).toHaveLength(HEADER_CATEGORIES)
      // (30, 4, 4, 4 and 3 articles, then the ones of a single article, in Korean order)
      expect(index.topCategories.map((c) => c.name)).toEqual([
        '전체',
        '분야0-0',
        '분야0-1',
        '분야0-2',
        '분야1-0',
        '분야0-10',
      ])
      const small = siteIndex(
        [article('s', { categories: ['가나다라마바사', '가나다라마바', '가나다라마', '가나다라', '가나다', '가나'] })],
        SITE,
        'v',
      )
      expect(Math.abs(JSON.stringify(index).length - JSON.stringify(small).length)).toBeLessThan(100)
    })

    it("names the site's sections that have articles, in the site's order, however many each has", () => {
      const site = { ...SITE, sections: ['정치', '스포츠', 'news', '정치'] }
      const index = siteIndex(five, site)
      // (스포츠 has no article yet; news is News, once)
      expect(index.topCategories).toEqual([
        { name: '정치', slug: '정치' },
        { name: 'News', slug: 'news' },
      ])
      const more = [...five, article('f', { categories: ['스포츠'] }), article('g', { categories: ['경제'] })]
      expect(siteIndex(more, site).topCategories.map((c) => c.name)).toEqual(['정치', '스포츠', 'News'])
    })

    it('is the same whatever the articles, but for the header: the module every page runs does not change with an article', () => {
      const edited = five.map((a) => (a.slug === 'c' ? { ...a, title: '고친 제목', html: '<p>고침</p>' } : a))
      const added = [...five, article('f', { categories: ['News'] })]
      expect(siteIndex(edited, SITE)).toEqual(siteIndex(five, SITE))
      expect(siteIndex(added, SITE)).toEqual(siteIndex(five, SITE))
      expect(siteIndex(five, SITE, 'dev-stamp').version).toBe('dev-stamp')
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
      expect(absoluteUrl({ ...SITE, url: 'https://a.example/' }, '/news/', '/categories/정치/')).toBe(
        'https://a.example/news/categories/%EC%A0%95%EC%B9%98/',
      )
    })
  })

  describe('authors and tags', () => {
    const hong = { name: '홍길동', slug: 'hong', role: '기자', email: 'hong@example.com', bio: '정치부', photo: '' }
    const kim = { name: '김철수', slug: '김철수', role: '', email: '', bio: '', photo: '' }
    const list = [
      article('a', { authors: [hong, kim], tags: ['북한', 'Russia'] }),
      article('b', { authors: [hong], tags: ['russia'] }),
      article('c', { authors: [], tags: [] }),
    ]
    const files = payloadFiles(list, { ...SITE, pageSize: 1 }, new Map())
    const at = (path: string) => JSON.parse(files.get(path)!) as ListingPage

    it("writes each author's pages, newest first, naming the author with what the file says and their count", () => {
      const p1 = at('_data/authors/hong/1.json.gz')
      expect(p1.author).toEqual({ ...hong, count: 2 })
      expect([p1, at('_data/authors/hong/2.json.gz')].map((p) => p.cards[0].slug)).toEqual(['a', 'b'])
      expect(at('_data/authors/김철수/1.json.gz').author?.count).toBe(1)
      // a card's byline is what a byline needs: no email, bio or photo
      expect(p1.cards[0].authors).toEqual([
        { name: '홍길동', slug: 'hong', role: '기자' },
        { name: '김철수', slug: '김철수', role: '' },
      ])
    })

    it("writes each tag's pages, Russia and russia as one tag", () => {
      expect(at('_data/tags/russia/1.json.gz').tag).toEqual({ name: 'Russia', slug: 'russia', count: 2 })
      expect(at('_data/tags/북한/1.json.gz').total).toBe(1)
    })

    it('lists their routes for prerendering, each reading its payload, and answers for them in dev as the build writes them', () => {
      const all = routes(list, { ...SITE, pageSize: 1 })
      expect(all).toEqual(
        expect.arrayContaining([
          '/authors/hong/',
          '/authors/hong/page/2/',
          '/authors/김철수/',
          '/tags/russia/',
          '/tags/russia/page/2/',
          '/tags/북한/',
        ]),
      )
      for (const r of all.filter((x) => /^\/(authors|tags)\//.test(x)))
        expect(files.has(routeDataPath(r)!), r).toBe(true)
      for (const [path, json] of files)
        expect(
          payloadAt(path, list, { ...SITE, pageSize: 1 }, () => new Map()),
          path,
        ).toBe(json)
      expect(payloadAt('_data/authors/nobody/1.json.gz', list, SITE, () => new Map())).toBeUndefined()
    })

    it('keeps the site index free of authors and tags (every page loads it)', () => {
      const index = JSON.stringify(siteIndex(list, SITE, 'v'))
      expect(index).not.toContain('홍길동')
      expect(index).not.toContain('북한')
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

    it('hands each task the payloads its pages read, and keeps every route in order', () => {
      const { tasks, rest } = pageTasks(all, files)
      expect(tasks.flatMap((t) => t.routes)).toEqual(all)
      const handed = new Set([...tasks.flatMap((t) => t.files), ...rest].map(([path]) => path))
      expect([...handed].sort()).toEqual([...files.keys()].sort())
      for (const t of tasks)
        for (const r of t.routes)
          if (files.has(routeDataPath(r) ?? '')) expect(new Map(t.files).has(routeDataPath(r)!)).toBe(true)
      for (const t of tasks)
        for (const [path] of t.files) expect(t.routes.some((r) => routeDataPath(r) === path)).toBe(true)
      // what no page reads (the search index) is left to write apart
      expect(rest.every(([path]) => path.startsWith('_data/search/'))).toBe(true)
      expect(rest.length).toBeGreaterThan(0)
    })

    it("a full build's payloads give the same tasks, each made when asked for, the articles' json made then", () => {
      const search = new Map([...files].filter(([path]) => path.startsWith('_data/search/')))
      const build = new BuildPayloads(list, SITE, search)
      expect(build.size).toBe(files.size)
      for (const [path, json] of files) expect(build.get(path), path).toEqual(json)
      expect(build.get('_data/articles/none.json.gz')).toBeUndefined()
      // neither the articles' payloads nor the listings' are held: only the search index's are files
      expect([...build.files.keys()]).toEqual([...search.keys()])
      // more than a task's routes, so the articles' are not in the first
      const long = [...Array.from({ length: 120 }, (_, i) => `/page/${i + 2}/`), ...all]
      const pages: Array<[string, unknown]> = []
      const stream = taskStream(long, build, (route, path, json) => {
        expect(path).toBe(routeDataPath(route))
        pages.push([route, json])
      })
      expect(pages).toEqual([])
      const first = stream.next().value!
      // (only the first task's pages so far)
      expect(pages.map(([route]) => route)).toEqual(first.routes)
      expect(first.routes).toHaveLength(100)
      expect([first, ...stream]).toEqual(pageTasks(long, files).tasks)
      expect(pages).toEqual(long.map((route) => [route, files.get(routeDataPath(route) ?? '')]))
      expect(unreadPayloads(all, build.files)).toEqual(pageTasks(all, files).rest)
    })

    it("gives an article's payload to both tasks when its page ends one batch and its summary starts the next", () => {
      // 99 routes first, so the article's page is the 100th (the last of the first batch) and its summary the 101st
      const filler = Array.from({ length: 99 }, (_, i) => `/page/${i + 2}/`)
      const split = [...filler, '/articles/a/', '/articles/a/excerpt/']
      const { tasks } = pageTasks(split, new Map([['_data/articles/a.json.gz', '{}']]))
      expect(tasks.map((t) => t.routes.length)).toEqual([100, 1])
      expect(tasks.map((t) => t.files.map(([path]) => path))).toEqual([
        ['_data/articles/a.json.gz'],
        ['_data/articles/a.json.gz'],
      ])
    })
  })
})
