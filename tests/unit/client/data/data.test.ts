// data.ts in a build: an article is read from its prerendered page (the live one being
// hydrated, or one fetched for a navigation), as the build writes no data file per article
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('virtual:news/index', () => ({
  default: {
    site: { name: '한빛뉴스', description: '', url: 'https://news.example.com', pageSize: 20 },
    categories: [],
    version: '',
  },
  problems: [],
  // a build: no payload per article
  articlePayloads: false,
}))
vi.mock('virtual:news/ssr-data', () => ({ readPayload: () => null }))

const meta = {
  slug: '북한-소식',
  title: '북한 소식',
  categories: ['국제'],
  excerpt: '요약문',
  featureText: '특징 문장',
  image: '',
  date: '2024-06-20T00:00:00.000Z',
  readingMinutes: 2,
  prev: null,
  next: { slug: 'b', title: '다음' },
  related: [],
}
const body = '<p>첫 문단</p><h2 id="소제목">소제목</h2><p>둘째</p><h3 id="작은-제목">작은 <b>제목</b></h3>'
const state = (m: object) => `<script id="articleState" type="application/json">${JSON.stringify(m)}</script>`
const articlePage = (m: object = meta) =>
  `<!doctype html><html><body><div id="app"><article><div class="article-body">${body}</div></article></div>${state(m)}</body></html>`
const headings = [
  { level: 2, id: '소제목', text: '소제목' },
  { level: 3, id: '작은-제목', text: '작은 제목' },
]

let data: typeof import('../../../../src/client/data/data')
const fetches: string[] = []
let pages: Record<string, { status: number; html: string }>

beforeEach(async () => {
  vi.resetModules()
  fetches.length = 0
  pages = {}
  // the page arrives as the browser's XMLHttpRequest document response would give it
  vi.stubGlobal(
    'XMLHttpRequest',
    class {
      status = 0
      statusText = ''
      responseType = ''
      response: Document | null = null
      onload?: () => void
      onerror?: () => void
      private url = ''
      open(_method: string, url: string) {
        this.url = url
      }
      send() {
        fetches.push(this.url)
        const p = pages[this.url.replace(/\?.*$/, '')] ?? { status: 404, html: 'not found' }
        setTimeout(() => {
          this.status = p.status
          if (this.responseType === 'document' && p.status === 200)
            this.response = new DOMParser().parseFromString(p.html, 'text/html')
          this.onload?.()
        })
      }
    },
  )
  data = await import('../../../../src/client/data/data')
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

const url = (route: string) => `/articles/${encodeURIComponent('북한-소식')}/${route}`

describe('client/data/data loadArticleData (a build)', () => {
  it('reads an article from its page: the state, the body and its headings, at the address the host serves it (no version: a build has none)', async () => {
    pages[url('')] = { status: 200, html: articlePage() }
    const a = await data.loadArticleData('북한-소식', { body: true })
    expect(a).toEqual({ ...meta, headings, html: body })
    expect(fetches).toEqual([url('')])
  })

  it('a summary reads the summary page, whose state carries the headings; an excerpt left out is the feature text', async () => {
    const { excerpt: _, ...withoutExcerpt } = meta
    pages[url('excerpt/')] = {
      status: 200,
      html: `<!doctype html><html><body><div id="app"></div>${state({ ...withoutExcerpt, headings })}</body></html>`,
    }
    const a = await data.loadArticleData('북한-소식')
    expect(a).toEqual({ ...meta, excerpt: meta.featureText, headings })
    expect(a && 'html' in a).toBe(false)
    expect(fetches).toEqual([url('excerpt/')])
  })

  it('a summary takes the article page already loaded; each page is fetched once', async () => {
    pages[url('')] = { status: 200, html: articlePage() }
    data.prefetchArticleData('북한-소식', { body: true })
    const [a, b] = await Promise.all([
      data.loadArticleData('북한-소식'),
      data.loadArticleData('북한-소식', { body: true }),
    ])
    expect(a).toBe(b)
    expect(fetches).toHaveLength(1)
  })

  it('no such article: a 404, a page of another article, or a host answering every path with the app', async () => {
    expect(await data.loadArticleData('북한-소식', { body: true })).toBeNull()
    pages[url('')] = { status: 200, html: articlePage({ ...meta, slug: 'other' }) }
    vi.resetModules()
    data = await import('../../../../src/client/data/data')
    expect(await data.loadArticleData('북한-소식', { body: true })).toBeNull()
    pages[url('')] = { status: 200, html: '<!doctype html><html><body><div id="app"></div></body></html>' }
    vi.resetModules()
    data = await import('../../../../src/client/data/data')
    expect(await data.loadArticleData('북한-소식', { body: true })).toBeNull()
  })

  it('an article without a body: its fetched page has an empty body, which is its body', async () => {
    pages[url('')] = { status: 200, html: articlePage().replace(body, '') }
    expect(await data.loadArticleData('북한-소식', { body: true })).toEqual({ ...meta, headings: [], html: '' })
  })

  it('a failed fetch is an error, and is tried again next time', async () => {
    pages[url('')] = { status: 500, html: '' }
    await expect(data.loadArticleData('북한-소식', { body: true })).rejects.toThrow('500')
    pages[url('')] = { status: 200, html: articlePage() }
    expect(await data.loadArticleData('북한-소식', { body: true })).toMatchObject({ slug: '북한-소식', html: body })
  })

  it('prefetches nothing on a save-data connection', async () => {
    Object.defineProperty(navigator, 'connection', { configurable: true, get: () => ({ saveData: true }) })
    try {
      data.prefetchArticleData('북한-소식', { body: true })
      expect(fetches).toEqual([])
    } finally {
      delete (navigator as { connection?: unknown }).connection
    }
  })
})

describe('client/data/data takePrerenderedArticle', () => {
  it('takes the article of the page being hydrated once, without its body, headings read from the body', () => {
    document.body.innerHTML = `<div id="app"><div class="article-body">${body}</div></div>${state(meta)}`
    expect(data.takePrerenderedArticle('북한-소식')).toEqual({ ...meta, headings })
    expect(data.takePrerenderedArticle('북한-소식')).toBeNull()
  })

  it('not when the page is another article’s, or has no body to read the headings from', () => {
    document.body.innerHTML = `<div id="app"><div class="article-body">${body}</div></div>${state(meta)}`
    expect(data.takePrerenderedArticle('other')).toBeNull()
    document.body.innerHTML = `<div id="app"><div class="article-body"></div></div>${state(meta)}`
    expect(data.takePrerenderedArticle('북한-소식')).toBeNull()
  })
})
