import { createPinia, setActivePinia } from 'pinia'
import { shallowRef } from 'vue'
import { createMemoryHistory, createRouter, type RouteLocationNormalized, type Router } from 'vue-router'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const data = vi.hoisted(() => ({
  loadPayload: vi.fn<(path: string) => Promise<unknown>>(async () => null),
  takePrerenderedArticle: vi.fn<(slug: string) => unknown>(() => null),
}))
const sanitizer = vi.hoisted(() => ({ loadSanitizer: vi.fn(async () => {}), prefetchSanitizer: vi.fn() }))
vi.mock('../../../../src/client/sanitize', () => sanitizer)
vi.mock('../../../../src/client/data/data', () => ({
  loadPayload: data.loadPayload,
  prefetchPayload: vi.fn(),
  // as on the dev server: an article is its payload (a build reads its page instead; data.test.ts)
  loadArticleData: (slug: string) => data.loadPayload(`_data/articles/${encodeURIComponent(slug)}.json.gz`),
  prefetchArticleData: vi.fn(),
  takePrerenderedArticle: data.takePrerenderedArticle,
  siteIndex: shallowRef({
    site: { name: '', description: '', url: '', pageSize: 20 },
    topCategories: [],
    version: 'v',
  }),
}))

const { routes, scrollBehavior, loadRouteData, installDataGuard, isUnderBase } =
  await import('../../../../src/client/router/index')

let router: Router
beforeEach(() => {
  router = createRouter({ history: createMemoryHistory(), routes, scrollBehavior })
  data.loadPayload.mockClear()
  sanitizer.loadSanitizer.mockClear()
})

/** the props the matched record hands its view */
function propsOf(url: string): Record<string, unknown> {
  const to = router.resolve(url)
  const record = to.matched.at(-1)!
  const props = record.props.default
  if (props === true) return { ...to.params }
  if (typeof props === 'function') return props(to as RouteLocationNormalized) as Record<string, unknown>
  return (props || {}) as Record<string, unknown>
}

describe('client/router', () => {
  it('resolves the public URLs to named routes with their props', () => {
    const cases: Array<[string, string, Record<string, unknown>]> = [
      ['/', 'home', { page: 1 }],
      ['/page/2/', 'home-page', { page: 2 }],
      ['/articles/3f06a9bec7bd6d0f/', 'article', { slug: '3f06a9bec7bd6d0f' }],
      ['/articles/3f06a9bec7bd6d0f/excerpt/', 'excerpt', { slug: '3f06a9bec7bd6d0f' }],
      ['/articles/%EB%B6%81%ED%95%9C-%EC%86%8C%EC%8B%9D/', 'article', { slug: '북한-소식' }],
      ['/articles/북한-소식/excerpt/', 'excerpt', { slug: '북한-소식' }],
      ['/categories/news/', 'category', { category: 'news', page: 1 }],
      ['/categories/%EC%A0%95%EC%B9%98/page/3/', 'category-page', { category: '정치', page: 3 }],
      ['/authors/hong-gildong/', 'author', { author: 'hong-gildong', page: 1 }],
      ['/authors/%ED%99%8D%EA%B8%B8%EB%8F%99/page/2/', 'author-page', { author: '홍길동', page: 2 }],
      ['/tags/%EB%B6%81%ED%95%9C/', 'tag', { tag: '북한', page: 1 }],
      ['/tags/north-korea/page/4/', 'tag-page', { tag: 'north-korea', page: 4 }],
      ['/search/?q=%EB%B6%81%ED%95%9C', 'search', { q: '북한' }],
      ['/search/', 'search', { q: '' }],
    ]
    for (const [url, name, props] of cases) {
      const to = router.resolve(url)
      expect(to.name, url).toBe(name)
      expect(propsOf(url), url).toEqual(props)
    }
  })

  it('sends anything else to the not-found view', () => {
    for (const url of ['/nope/', '/articles/', '/articles/a/b/c/', '/page/abc/', '/categories/', '/404']) {
      expect(router.resolve(url).name, url).toBe('not-found')
      expect(router.resolve(url).meta.kind, url).toBe('not-found')
    }
  })

  it('gives each route the kind of page it shows', () => {
    expect(router.resolve('/').meta.kind).toBe('home')
    expect(router.resolve('/page/2/').meta.kind).toBe('home')
    expect(router.resolve('/articles/a/').meta.kind).toBe('article')
    expect(router.resolve('/articles/a/excerpt/').meta.kind).toBe('excerpt')
    expect(router.resolve('/categories/a/').meta.kind).toBe('category')
    expect(router.resolve('/search/').meta.kind).toBe('search')
  })

  it('builds the URLs with a trailing slash from names', () => {
    expect(router.resolve({ name: 'article', params: { slug: 'abc' } }).fullPath).toBe('/articles/abc/')
    expect(router.resolve({ name: 'excerpt', params: { slug: 'abc' } }).fullPath).toBe('/articles/abc/excerpt/')
    expect(router.resolve({ name: 'category', params: { category: '정치' } }).path).toBe(
      '/categories/%EC%A0%95%EC%B9%98/',
    )
  })

  it('every view is a lazy import but the article view, which is in the first chunk', () => {
    for (const r of routes)
      expect(typeof r.component, String(r.name)).toBe(r.name === 'article' ? 'object' : 'function')
  })

  describe('scrollBehavior', () => {
    const at = (url: string) => router.resolve(url) as RouteLocationNormalized

    it('back/forward: the saved position first', async () => {
      expect(await scrollBehavior(at('/articles/a/#배경'), at('/'), { left: 0, top: 1234 })).toEqual({
        left: 0,
        top: 1234,
      })
    })

    it('then a #heading, decoded (Hangul ids)', async () => {
      const to = at('/articles/a/#%EB%B0%B0%EA%B2%BD')
      expect(await scrollBehavior(to, at('/'), null)).toMatchObject({ el: '#배경' })
    })

    it('then the top of a new page', async () => {
      expect(await scrollBehavior(at('/articles/b/'), at('/articles/a/'), null)).toEqual({ top: 0 })
      expect(await scrollBehavior(at('/articles/a/excerpt/'), at('/articles/a/'), null)).toEqual({ top: 0 })
    })

    it('stays put when only the query changes (search as you type)', async () => {
      expect(await scrollBehavior(at('/search/?q=%EB%B6%81'), at('/search/?q=%EB%B6%81%ED%95%9C'), null)).toBe(false)
    })
  })

  describe('loadRouteData', () => {
    beforeEach(() => setActivePinia(createPinia()))
    const load = (url: string) => loadRouteData(createPinia(), router.resolve(url) as RouteLocationNormalized)

    it('loads the payload each kind of page needs', async () => {
      await load('/')
      expect(data.loadPayload).toHaveBeenLastCalledWith('_data/pages/1.json.gz')
      await load('/page/3/')
      expect(data.loadPayload).toHaveBeenLastCalledWith('_data/pages/3.json.gz')
      await load('/articles/abc/')
      expect(data.loadPayload).toHaveBeenLastCalledWith('_data/articles/abc.json.gz')
      await load('/articles/%EB%B6%81%ED%95%9C/excerpt/')
      expect(data.loadPayload).toHaveBeenLastCalledWith('_data/articles/%EB%B6%81%ED%95%9C.json.gz')
      await load('/categories/%EC%A0%95%EC%B9%98/page/2/')
      expect(data.loadPayload).toHaveBeenLastCalledWith('_data/categories/%EC%A0%95%EC%B9%98/2.json.gz')
    })

    it('the article view loads the sanitizer with its payload; the excerpt view does not', async () => {
      await load('/articles/abc/excerpt/')
      expect(sanitizer.loadSanitizer).not.toHaveBeenCalled()
      await load('/articles/abc/')
      expect(sanitizer.loadSanitizer).toHaveBeenCalledTimes(1)
    })

    it('the data guard loads before a page resolves, and nothing for another #section of the same page', async () => {
      installDataGuard(router, createPinia())
      // the first page is a prerendered one whose body the app adopted (no html in hand)
      data.takePrerenderedArticle.mockReturnValueOnce({ slug: 'a', title: '가' })
      await router.push('/articles/a/')
      expect(data.takePrerenderedArticle).toHaveBeenCalledWith('a')
      expect(data.loadPayload).not.toHaveBeenCalled()
      await router.push('/articles/a/#%EB%B0%B0%EA%B2%BD')
      expect(router.currentRoute.value.hash).toBe('#배경')
      expect(data.loadPayload).not.toHaveBeenCalled()
      await router.push('/articles/b/')
      expect(data.loadPayload).toHaveBeenLastCalledWith('_data/articles/b.json.gz')
    })

    it('loads nothing for search and not-found', async () => {
      await load('/search/?q=a')
      await load('/nope/')
      expect(data.loadPayload).not.toHaveBeenCalled()
    })
  })
})

describe('isUnderBase', () => {
  it('takes every address at the root base as the site', () => {
    expect(isUnderBase('/', '/')).toBe(true)
    expect(isUnderBase('/anything/at/all/', '/')).toBe(true)
  })

  it('tells the site under a subpath from the rest of the host', () => {
    expect(isUnderBase('/news/', '/news/')).toBe(true)
    expect(isUnderBase('/news', '/news/')).toBe(true)
    expect(isUnderBase('/news/articles/a/', '/news/')).toBe(true)
    expect(isUnderBase('/', '/news/')).toBe(false)
    expect(isUnderBase('/articles/a/', '/news/')).toBe(false)
    expect(isUnderBase('/newsroom/', '/news/')).toBe(false)
    // hosts compare paths as they are
    expect(isUnderBase('/NEWS/', '/news/')).toBe(false)
  })

  it('matches a base with hangul as the browser encodes the address', () => {
    expect(isUnderBase(encodeURI('/뉴스/articles/a/'), '/뉴스/')).toBe(true)
    expect(isUnderBase('/articles/a/', '/뉴스/')).toBe(false)
  })
})
