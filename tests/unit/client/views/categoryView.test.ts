// the category page and the header over payloads served from memory: the category is named
// by its own listing payload (the site index holds only the header's few categories).
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createHead } from '@unhead/vue/client'
import { createPinia } from 'pinia'
import { defineComponent, h, shallowRef } from 'vue'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { payloadFiles } from '../../../../src/node/build/payloads'
import type { Article, SiteConfig } from '../../../../src/shared/types'

const files = vi.hoisted(() => new Map<string, string>())
const requests = vi.hoisted(() => [] as string[])
const failing = vi.hoisted(() => ({ on: false }))
vi.mock('../../../../src/client/data/data', () => {
  const loadPayload = async (path: string) => {
    requests.push(path)
    if (failing.on) throw new Error('offline')
    const json = files.get(decodeURIComponent(path))
    return json === undefined ? null : JSON.parse(json)
  }
  return {
    loadPayload,
    loadArticleData: () => Promise.resolve(null),
    prefetchArticleData: () => {},
    takePrerenderedArticle: () => null,
    onContentUpdate: () => () => {},
    saveDataMode: () => false,
    siteIndex: shallowRef({
      site: { name: '한빛뉴스', description: '', url: 'https://news.example.com', pageSize: 2 },
      topCategories: [{ name: 'News', slug: 'news' }],
      version: 'v',
    }),
  }
})

const SITE: SiteConfig = { name: '한빛뉴스', description: '', url: 'https://news.example.com', pageSize: 2 }
const article = (slug: string, categories: string[]): Article => ({
  slug,
  title: `제목 ${slug}`,
  categories,
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
  html: '<p>본문</p>',
  headings: [],
  prev: null,
  next: null,
  related: [],
  source: `content/${slug}.md`,
})
const many = Array.from({ length: 40 }, (_, i) => `분야${i}`)
for (const [path, json] of payloadFiles(
  [article('a', ['News', '정치']), article('b', ['News', ...many]), article('c', ['News', '정치'])],
  SITE,
  new Map(),
))
  files.set(path, json)

const { routes, installDataGuard } = await import('../../../../src/client/router/index')
await Promise.all([
  import('../../../../src/client/views/CategoryView.vue'),
  import('../../../../src/client/components/LoadError.vue'),
  import('../../../../src/client/stores/listing'),
])
const SiteHeader = (await import('../../../../src/client/components/SiteHeader.vue')).default

let wrapper: VueWrapper | undefined

async function open(url: string) {
  const router = createRouter({ history: createMemoryHistory(), routes })
  const pinia = createPinia()
  installDataGuard(router, pinia)
  await router.push(url)
  await router.isReady()
  wrapper = mount(defineComponent({ render: () => [h(SiteHeader), h(RouterView)] }), {
    global: { plugins: [router, pinia, createHead()] },
    attachTo: document.body,
  })
  for (let i = 0; i < 5; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 5))
  }
  return wrapper
}

beforeEach(() => {
  requests.length = 0
  failing.on = false
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

describe('client/views/CategoryView', () => {
  it('names the category and its count from its listing payload, and pages like the listing', async () => {
    const w = await open('/categories/news/page/2/')
    expect(w.get('h1').text()).toBe('News')
    expect(w.get('.page__lead').text()).toBe('기사 3건')
    expect(w.findAll('.card__title').map((t) => t.text())).toEqual(['제목 c'])
    expect(w.get('.pager').text()).toContain('2 / 2 페이지')
    expect(requests).toEqual(['_data/categories/news/2.json.gz'])
  })

  it('a category of one article, among its 41, is found by its own payload', async () => {
    const w = await open('/categories/분야39/')
    expect(w.get('h1').text()).toBe('분야39')
    expect(w.get('.page__lead').text()).toBe('기사 1건')
  })

  it('a card names at most three of its article’s categories', async () => {
    const w = await open('/categories/news/')
    const cards = w.findAll('.card')
    expect(cards[1].findAll('.category-links li').map((l) => l.text())).toEqual(['News', '분야0', '분야1'])
    expect(cards[0].findAll('.category-links li').map((l) => l.text())).toEqual(['News', '정치'])
  })

  it('an unknown category is not found; a listing that cannot be fetched says so', async () => {
    let w = await open('/categories/없는-분야/')
    expect(w.get('h1').text()).toBe('분야를 찾을 수 없습니다')
    w.unmount()
    failing.on = true
    w = await open('/categories/news/')
    expect(w.get('h1').text()).toBe('분야의 기사 목록을 불러오지 못했습니다')
    expect(w.find('[role=alert] button').exists()).toBe(true)
  })

  it('the header lists the site index’s top categories', async () => {
    const w = await open('/categories/news/')
    expect(w.findAll('.site-header__nav a').map((a) => [a.text(), a.attributes('aria-current')])).toEqual([
      ['News', 'page'],
    ])
  })
})
