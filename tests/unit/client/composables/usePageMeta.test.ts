// the head tags a page's meta makes, rendered as prerendering renders them (unhead's server
// head): robots, the feeds a page links and the search consoles' verification tags
import { createHead, renderSSRHead } from '@unhead/vue/server'
import { createSSRApp, defineComponent, h, shallowRef } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SiteConfig } from '../../../../src/shared/types'
import type { PageMeta } from '../../../../src/client/composables/usePageMeta'

const site = vi.hoisted(() => ({ value: {} as SiteConfig }))
vi.mock('../../../../src/client/data/data', () => ({
  siteIndex: {
    get value() {
      return { site: site.value, topCategories: [], version: 'v' }
    },
  },
}))

const SITE: SiteConfig = {
  name: '한빛뉴스',
  description: '설명',
  url: 'https://news.example.com',
  pageSize: 20,
  verification: { google: 'g00gle-T0ken_x', naver: '3a5b9c0d' },
}

/** the head tags of a page whose meta is `meta`: as prerendered, or as the app in the browser sets them */
async function headOf(meta: PageMeta, { ssr = true } = {}): Promise<Document> {
  vi.stubEnv('SSR', ssr)
  vi.resetModules()
  const { usePageMeta } = await import('../../../../src/client/composables/usePageMeta')
  const app = createSSRApp(defineComponent({ setup: () => (usePageMeta(meta), () => h('main')) }))
  if (!ssr) {
    // the browser's head (src/client/head.ts), written into this document once unhead is loaded
    document.head.innerHTML = ''
    await renderToString(app)
    await (await import('../../../../src/client/head')).loadHead()
    return document
  }
  const head = createHead()
  app.use(head)
  await renderToString(app)
  const { headTags } = await renderSSRHead(head)
  return new DOMParser().parseFromString(`<html><head>${headTags}</head></html>`, 'text/html')
}

const alternates = (doc: Document) =>
  [...doc.querySelectorAll('link[rel=alternate]')].map((l) => [
    l.getAttribute('type'),
    l.getAttribute('href'),
    l.getAttribute('title'),
  ])
const metaNamed = (doc: Document, name: string) => doc.querySelector(`meta[name="${name}"]`)?.getAttribute('content')

const SITE_FEEDS = [
  ['application/rss+xml', '/feed.xml', '한빛뉴스 (RSS)'],
  ['application/atom+xml', '/atom.xml', '한빛뉴스 (Atom)'],
  ['application/feed+json', '/feed.json', '한빛뉴스 (JSON Feed)'],
]

beforeEach(() => {
  site.value = SITE
})
afterEach(() => {
  vi.unstubAllEnvs()
})

describe('client/composables/usePageMeta', () => {
  it("the home page links the site's feeds and, prerendered, carries the verification tags of the consoles set", async () => {
    const doc = await headOf({ title: '한빛뉴스', path: '/' })
    expect(alternates(doc)).toEqual(SITE_FEEDS)
    expect(metaNamed(doc, 'google-site-verification')).toBe('g00gle-T0ken_x')
    expect(metaNamed(doc, 'naver-site-verification')).toBe('3a5b9c0d')
    expect(metaNamed(doc, 'robots')).toBeUndefined()
  })

  it('writes no verification tag for a console not set, nor on any page but the home page', async () => {
    site.value = { ...SITE, verification: { naver: 'abc' } }
    let doc = await headOf({ title: '한빛뉴스', path: '/' })
    expect([metaNamed(doc, 'google-site-verification'), metaNamed(doc, 'naver-site-verification')]).toEqual([
      undefined,
      'abc',
    ])
    site.value = SITE
    for (const path of ['/page/2/', '/articles/a/', '/categories/news/']) {
      doc = await headOf({ title: 'x', path })
      expect(doc.querySelectorAll('meta[name$="-site-verification"]'), path).toHaveLength(0)
    }
    site.value = { ...SITE, verification: undefined }
    doc = await headOf({ title: '한빛뉴스', path: '/' })
    expect(doc.querySelectorAll('meta[name$="-site-verification"]')).toHaveLength(0)
  })

  it('leaves the feed links and verification tags to the prerendered page: the app in the browser (and the dev server) carries none', async () => {
    const doc = await headOf({ title: '한빛뉴스', path: '/' }, { ssr: false })
    expect(doc.querySelectorAll('meta[name$="-site-verification"]')).toHaveLength(0)
    expect(alternates(doc)).toEqual([])
    expect(doc.querySelector('link[rel=canonical]')).not.toBeNull()
  })

  it("a category page links its category's feeds, then the site's RSS, its name kept as text", async () => {
    const name = '"><script>alert(1)</script> 정치 & 경제'
    const doc = await headOf({
      title: name,
      path: '/categories/정치-경제/',
      feed: { scope: { kind: 'category', slug: '정치-경제' }, name },
    })
    const own = '/categories/%EC%A0%95%EC%B9%98-%EA%B2%BD%EC%A0%9C/'
    expect(alternates(doc)).toEqual([
      ['application/rss+xml', `${own}feed.xml`, `${name} | 한빛뉴스 (RSS)`],
      ['application/atom+xml', `${own}atom.xml`, `${name} | 한빛뉴스 (Atom)`],
      ['application/feed+json', `${own}feed.json`, `${name} | 한빛뉴스 (JSON Feed)`],
      SITE_FEEDS[0],
    ])
    expect(doc.querySelectorAll('script')).toHaveLength(0)
  })

  it("every other page links the site's RSS only (three links on every page of the archive would be bytes on every first visit)", async () => {
    for (const path of ['/page/2/', '/articles/a/', '/articles/a/excerpt/', '/search/']) {
      expect(alternates(await headOf({ title: 'x', path })), path).toEqual([SITE_FEEDS[0]])
    }
  })

  it('a summary names its article as the canonical page and is not noindex; a page not found is noindex', async () => {
    let doc = await headOf({ title: '요약: 기사', path: '/articles/a/excerpt/', canonical: '/articles/a/' })
    expect(metaNamed(doc, 'robots')).toBeUndefined()
    expect(doc.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe('https://news.example.com/articles/a/')
    doc = await headOf({ title: '없음', path: '/articles/b/', noindex: true })
    expect(metaNamed(doc, 'robots')).toBe('noindex')
  })
})
