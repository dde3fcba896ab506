import { createPinia, setActivePinia } from 'pinia'
import { shallowRef } from 'vue'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Article, ArticleCard, ListingPage, SiteIndex } from '../../../../src/shared/types'

// the stores (the shown article's and the listing's) read content only through src/client/data/data.ts; replace it with a controllable fake
const data = vi.hoisted(() => ({
  loadPayload: vi.fn<(path: string) => Promise<unknown>>(),
  prefetchPayload: vi.fn<(path: string) => void>(),
  takePrerenderedArticle: vi.fn<(slug: string) => unknown>(() => null),
  index: null as unknown as { value: SiteIndex },
}))
const sanitizer = vi.hoisted(() => ({ loadSanitizer: vi.fn(async () => {}), prefetchSanitizer: vi.fn() }))
vi.mock('../../../../src/client/sanitize', () => sanitizer)
vi.mock('../../../../src/client/data/data', () => {
  data.index = shallowRef<SiteIndex>({
    site: { name: '한빛뉴스', description: '', url: 'https://news.example.com', pageSize: 2 },
    topCategories: [
      { name: 'News', slug: 'news' },
      { name: '정치', slug: '정치' },
    ],
    version: 'v1',
  })
  // an article loads as on the dev server, as its payload (a build reads its page instead; data.test.ts)
  const articlePath = (slug: string) => `_data/articles/${encodeURIComponent(slug)}.json.gz`
  return {
    loadPayload: data.loadPayload,
    prefetchPayload: data.prefetchPayload,
    loadArticleData: (slug: string) => data.loadPayload(articlePath(slug)),
    prefetchArticleData: (slug: string) => data.prefetchPayload(articlePath(slug)),
    takePrerenderedArticle: data.takePrerenderedArticle,
    siteIndex: data.index,
  }
})

const card = (slug: string): ArticleCard => ({
  slug,
  title: `제목 ${slug}`,
  categories: ['News'],
  excerpt: '',
  image: '',
  date: '',
  readingMinutes: 1,
  authors: [],
})
const page = (n: number, slugs: string[], pageCount = 2): ListingPage => ({
  page: n,
  pageCount,
  total: 3,
  cards: slugs.map(card),
})
const fullArticle = (slug: string): Article => ({
  ...card(slug),
  imageAlt: '',
  imageCaption: '',
  photos: [],
  authors: [],
  tags: [],
  featureText: '',
  html: '<p>본문</p>',
  headings: [],
  prev: null,
  next: null,
  related: [],
  source: `content/${slug}.md`,
})

/** a promise we resolve or reject by hand, to order responses */
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

/** serve payloads from a table; a missing path is a 404 (null) */
function servePayloads(table: Record<string, unknown>) {
  data.loadPayload.mockImplementation(async (path) => (path in table ? structuredClone(table[path]) : null))
}

beforeEach(() => {
  setActivePinia(createPinia())
  data.loadPayload.mockReset()
  data.prefetchPayload.mockReset()
  data.takePrerenderedArticle.mockReset()
  data.takePrerenderedArticle.mockReturnValue(null)
  sanitizer.loadSanitizer.mockClear()
  sanitizer.prefetchSanitizer.mockClear()
})

const { useArticleStore } = await import('../../../../src/client/stores/article')
const { useListingStore } = await import('../../../../src/client/stores/listing')

describe('client/stores/article', () => {
  it('loads an article by slug', async () => {
    servePayloads({ '_data/articles/a.json.gz': fullArticle('a') })
    const store = useArticleStore()
    const pending = store.loadArticle('a')
    expect(store.articleState).toBe('loading')
    await pending
    expect(data.loadPayload).toHaveBeenCalledWith('_data/articles/a.json.gz')
    expect(store.articleState).toBe('ready')
    expect(store.article?.title).toBe('제목 a')
    // the same article again: no fetch
    await store.loadArticle('a')
    expect(data.loadPayload).toHaveBeenCalledTimes(1)
  })

  it('encodes a Hangul slug in the payload path', async () => {
    servePayloads({})
    await useArticleStore().loadArticle('북한')
    expect(data.loadPayload).toHaveBeenCalledWith('_data/articles/%EB%B6%81%ED%95%9C.json.gz')
  })

  it('an unknown slug is not-found', async () => {
    servePayloads({})
    const store = useArticleStore()
    await store.loadArticle('nope')
    expect(store.articleState).toBe('not-found')
    expect(store.article).toBeNull()
  })

  it('a failed fetch is an error and clears the article', async () => {
    servePayloads({ '_data/articles/a.json.gz': fullArticle('a') })
    const store = useArticleStore()
    await store.loadArticle('a')
    data.loadPayload.mockRejectedValueOnce(new Error('offline'))
    await store.loadArticle('b')
    expect(store.articleState).toBe('error')
    expect(store.article).toBeNull()
  })

  it('ignores a response that arrives after a newer request', async () => {
    const slow = deferred<Article>()
    data.loadPayload.mockImplementationOnce(() => slow.promise)
    data.loadPayload.mockImplementationOnce(async () => fullArticle('b'))
    const store = useArticleStore()
    const first = store.loadArticle('a')
    await store.loadArticle('b')
    slow.resolve(fullArticle('a'))
    await first
    expect(store.article?.slug).toBe('b')
    expect(store.articleState).toBe('ready')
  })

  it('ignores a failure that arrives after a newer request', async () => {
    const slow = deferred<Article>()
    data.loadPayload.mockImplementationOnce(() => slow.promise)
    data.loadPayload.mockImplementationOnce(async () => fullArticle('b'))
    const store = useArticleStore()
    const first = store.loadArticle('a')
    await store.loadArticle('b')
    slow.reject(new Error('late failure'))
    await first
    expect(store.article?.slug).toBe('b')
    expect(store.articleState).toBe('ready')
  })

  it('prefetchArticle asks the data layer to load ahead', () => {
    useArticleStore().prefetchArticle('북한')
    expect(data.prefetchPayload).toHaveBeenCalledWith('_data/articles/%EB%B6%81%ED%95%9C.json.gz')
    expect(data.loadPayload).not.toHaveBeenCalled()
    expect(sanitizer.prefetchSanitizer).not.toHaveBeenCalled()
  })

  it('the sanitizer loads only for a body, alongside its payload (not after it)', async () => {
    servePayloads({ '_data/articles/a.json.gz': fullArticle('a') })
    const store = useArticleStore()
    await store.loadArticle('a')
    expect(sanitizer.loadSanitizer).not.toHaveBeenCalled()
    const slow = deferred<Article>()
    data.loadPayload.mockImplementationOnce(() => slow.promise)
    const pending = store.loadArticle('b', { body: true })
    // the payload is still on its way
    expect(sanitizer.loadSanitizer).toHaveBeenCalledTimes(1)
    slow.resolve(fullArticle('b'))
    await pending
    expect(store.article?.html).toBe('<p>본문</p>')
  })

  it('a sanitizer that cannot load is an error like a failed fetch', async () => {
    servePayloads({ '_data/articles/a.json.gz': fullArticle('a') })
    sanitizer.loadSanitizer.mockRejectedValueOnce(new Error('offline'))
    const store = useArticleStore()
    await store.loadArticle('a', { body: true })
    expect(store.articleState).toBe('error')
  })

  it("takes the prerendered page's article without a fetch; its body is fetched only when it must be put in", async () => {
    const { html: _html, source: _source, ...meta } = fullArticle('a')
    data.takePrerenderedArticle.mockReturnValueOnce(meta)
    servePayloads({ '_data/articles/a.json.gz': fullArticle('a') })
    const store = useArticleStore()
    await store.loadArticle('a', { body: true })
    expect(data.takePrerenderedArticle).toHaveBeenCalledWith('a')
    expect(data.loadPayload).not.toHaveBeenCalled()
    expect(sanitizer.loadSanitizer).not.toHaveBeenCalled()
    expect(store.articleState).toBe('ready')
    expect(store.article).toEqual(meta)
    // the excerpt view of the same article needs nothing more
    await store.loadArticle('a')
    expect(data.loadPayload).not.toHaveBeenCalled()
    // hovering a link to its excerpt: nothing to fetch; to the article view: the body
    store.prefetchArticle('a')
    expect(data.prefetchPayload).not.toHaveBeenCalled()
    store.prefetchArticle('a', { body: true })
    expect(data.prefetchPayload).toHaveBeenCalledWith('_data/articles/a.json.gz')
    // back in the article view later (its prerendered body is gone): payload and sanitizer
    await store.loadArticle('a', { body: true })
    expect(data.loadPayload).toHaveBeenCalledWith('_data/articles/a.json.gz')
    expect(sanitizer.loadSanitizer).toHaveBeenCalledTimes(1)
    expect(store.article?.html).toBe('<p>본문</p>')
    // and with the body in hand, no more fetches
    await store.loadArticle('a', { body: true })
    store.prefetchArticle('a', { body: true })
    expect(data.loadPayload).toHaveBeenCalledTimes(1)
    expect(data.prefetchPayload).toHaveBeenCalledTimes(1)
  })

  it('prefetches the sanitizer only when the reader is about to open an article view', () => {
    const store = useArticleStore()
    store.prefetchArticle('a', { body: true })
    store.prefetchArticle('b', { opening: true })
    expect(sanitizer.prefetchSanitizer).not.toHaveBeenCalled()
    store.prefetchArticle('c', { body: true, opening: true })
    expect(sanitizer.prefetchSanitizer).toHaveBeenCalledTimes(1)
    expect(data.prefetchPayload.mock.calls.map(([p]) => p)).toEqual([
      '_data/articles/a.json.gz',
      '_data/articles/b.json.gz',
      '_data/articles/c.json.gz',
    ])
  })

  it('invalidate makes the next load fetch again, keeping the article on screen', async () => {
    servePayloads({ '_data/articles/a.json.gz': fullArticle('a') })
    const store = useArticleStore()
    await store.loadArticle('a')
    store.invalidate()
    expect(store.article?.slug).toBe('a')
    await store.loadArticle('a')
    expect(data.loadPayload).toHaveBeenCalledTimes(2)
  })
})

describe('client/stores/listing', () => {
  it('knows a category from its listing payload, once that listing is loaded', async () => {
    const politics = { name: '정치', slug: '정치', count: 1 }
    servePayloads({
      '_data/categories/%EC%A0%95%EC%B9%98/1.json.gz': { ...page(1, ['c'], 1), category: politics },
      '_data/pages/1.json.gz': page(1, ['a', 'b']),
    })
    const store = useListingStore()
    // not from the site index, which names the header's categories only
    expect(store.findCategory('news')).toBeUndefined()
    await store.loadListing({ kind: 'category', slug: '정치' }, 1)
    expect(store.findCategory('정치')).toEqual(politics)
    expect(store.findCategory('news')).toBeUndefined()
    await store.loadListing({ kind: 'home' }, 1)
    expect(store.findCategory('정치')).toBeUndefined()
    // an unknown category's listing is not found
    await store.loadListing({ kind: 'category', slug: 'nope' }, 1)
    expect(store.listingState).toBe('not-found')
    expect(store.findCategory('nope')).toBeUndefined()
  })

  describe('listing', () => {
    it('loads a page of the home listing', async () => {
      servePayloads({ '_data/pages/1.json.gz': page(1, ['a', 'b']) })
      const store = useListingStore()
      expect(store.listingState).toBe('idle')
      const pending = store.loadListing({ kind: 'home' }, 1)
      expect(store.listingState).toBe('loading')
      await pending
      expect(data.loadPayload).toHaveBeenCalledWith('_data/pages/1.json.gz')
      expect(store.listingState).toBe('ready')
      expect(store.cards.map((c) => c.slug)).toEqual(['a', 'b'])
      expect(store.firstPage).toBe(1)
      expect(store.hasMore).toBe(true)
      expect(store.cardBySlug.get('b')?.title).toBe('제목 b')
    })

    it('loads a category listing from its own payloads', async () => {
      servePayloads({ '_data/categories/%EC%A0%95%EC%B9%98/1.json.gz': page(1, ['c'], 1) })
      const store = useListingStore()
      await store.loadListing({ kind: 'category', slug: '정치' }, 1)
      expect(store.listingState).toBe('ready')
      expect(store.cards.map((c) => c.slug)).toEqual(['c'])
      expect(store.hasMore).toBe(false)
    })

    it('does not fetch again the page already shown', async () => {
      servePayloads({ '_data/pages/1.json.gz': page(1, ['a', 'b']) })
      const store = useListingStore()
      await store.loadListing({ kind: 'home' }, 1)
      await store.loadListing({ kind: 'home' }, 1)
      expect(data.loadPayload).toHaveBeenCalledTimes(1)
    })

    it('loadMore appends the next page', async () => {
      servePayloads({ '_data/pages/1.json.gz': page(1, ['a', 'b']), '_data/pages/2.json.gz': page(2, ['c']) })
      const store = useListingStore()
      await store.loadListing({ kind: 'home' }, 1)
      await store.loadMore({ kind: 'home' })
      expect(store.cards.map((c) => c.slug)).toEqual(['a', 'b', 'c'])
      expect(store.listingPages.map((p) => p.page)).toEqual([1, 2])
      expect(store.firstPage).toBe(1)
      expect(store.hasMore).toBe(false)
      // nothing more to load
      await store.loadMore({ kind: 'home' })
      expect(data.loadPayload).toHaveBeenCalledTimes(2)
    })

    it('loadMore does nothing for another listing than the one shown', async () => {
      servePayloads({ '_data/pages/1.json.gz': page(1, ['a', 'b']) })
      const store = useListingStore()
      await store.loadListing({ kind: 'home' }, 1)
      await store.loadMore({ kind: 'category', slug: 'news' })
      expect(data.loadPayload).toHaveBeenCalledTimes(1)
      expect(store.cards).toHaveLength(2)
    })

    it('a page that does not exist is not-found; a failed fetch is an error', async () => {
      servePayloads({})
      const store = useListingStore()
      await store.loadListing({ kind: 'home' }, 9)
      expect(store.listingState).toBe('not-found')
      expect(store.cards).toEqual([])
      data.loadPayload.mockRejectedValueOnce(new Error('offline'))
      await store.loadListing({ kind: 'home' }, 1)
      expect(store.listingState).toBe('error')
    })

    it('ignores a response that arrives after a newer request', async () => {
      const slow = deferred<ListingPage>()
      data.loadPayload.mockImplementationOnce(() => slow.promise)
      data.loadPayload.mockImplementationOnce(async () => page(2, ['c']))
      const store = useListingStore()
      const first = store.loadListing({ kind: 'home' }, 1)
      await store.loadListing({ kind: 'home' }, 2)
      slow.resolve(page(1, ['a', 'b']))
      await first
      expect(store.cards.map((c) => c.slug)).toEqual(['c'])
      expect(store.listingState).toBe('ready')
    })
  })

  it('invalidate makes the next load fetch again', async () => {
    servePayloads({ '_data/pages/1.json.gz': page(1, ['a', 'b']) })
    const store = useListingStore()
    await store.loadListing({ kind: 'home' }, 1)
    store.invalidate()
    await store.loadListing({ kind: 'home' }, 1)
    expect(data.loadPayload).toHaveBeenCalledTimes(2)
  })
})
