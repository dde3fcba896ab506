// the search page and the header's search box against the fixture corpus, with the payloads
// served from memory: results on every input (composition included), the url, the keyboard.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createHead } from '@unhead/vue/client'
import { createPinia } from 'pinia'
import { defineComponent, h, shallowRef } from 'vue'
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SEARCH_CORPUS } from '../../../fixtures/search/corpus'
import { searchIndexFiles } from '../../../../src/node/build/search/searchIndex'
import type { Article } from '../../../../src/shared/types'
import type { SearchHit } from '../../../../src/client/search/engine'

const files = vi.hoisted(() => new Map<string, string>())
const requests = vi.hoisted(() => [] as string[])
vi.mock('../../../../src/client/data/data', () => {
  const loadPayload = async (path: string) => {
    requests.push(path)
    const json = files.get(decodeURIComponent(path))
    return json === undefined ? null : JSON.parse(json)
  }
  return {
    loadPayload,
    // as on the dev server: an article is its payload (a build reads its page instead; data.test.ts)
    loadArticleData: (slug: string) => loadPayload(`_data/articles/${encodeURIComponent(slug)}.json.gz`),
    prefetchPayload: () => {},
    payloadUrl: (path: string) => `/${path}`,
    onContentUpdate: () => () => {},
    saveDataMode: () => false,
    siteIndex: shallowRef({
      site: { name: '한빛뉴스', description: '', url: 'https://news.example.com', pageSize: 20 },
      topCategories: [],
      version: 'v',
    }),
  }
})

const articles = SEARCH_CORPUS.map(
  (a, i) =>
    ({
      ...a,
      image: '',
      imageAlt: '',
      imageCaption: '',
      photos: [],
      date: `2024-06-${String(20 - i).padStart(2, '0')}`,
      readingMinutes: 1,
      authors: [],
      tags: [],
      prev: null,
      next: null,
      related: [],
      source: `content/${a.slug}.html`,
    }) as Article,
)
for (const [path, json] of searchIndexFiles(articles)) files.set(path, json)
for (const a of articles) files.set(`_data/articles/${a.slug}.json.gz`, JSON.stringify(a))

const { routes } = await import('../../../../src/client/router/index')
// what the page and the box load on first use, loaded once here: the fixed rounds of settle()
// then never race the first import of a module (which can take longer than them on a busy machine)
await Promise.all([
  import('../../../../src/client/views/SearchView.vue'),
  import('../../../../src/client/components/SearchSuggestions.vue'),
  import('../../../../src/client/search/useSearch'),
  import('../../../../src/client/search/engine'),
  import('../../../../src/client/search/snippet'),
  import('../../../../src/client/search/SearchHighlight.vue'),
])
const SearchBox = (await import('../../../../src/client/components/SearchBox.vue')).default

const Shell = defineComponent({ render: () => [h(SearchBox), h(RouterView)] })

let router: Router
let wrapper: VueWrapper | undefined

async function open(url: string) {
  router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(url)
  await router.isReady()
  wrapper = mount(Shell, { global: { plugins: [router, createPinia(), createHead()] }, attachTo: document.body })
  await settle()
  return wrapper
}

/** lets the lazy engine, the index files and the articles arrive */
async function settle() {
  for (let i = 0; i < 5; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** what the IME does: the field holds the text, then an input event says whether it is still composing */
async function imeInput(input: HTMLInputElement, value: string, isComposing: boolean) {
  input.value = value
  input.dispatchEvent(new InputEvent('input', { data: value.slice(-1), isComposing, bubbles: true }))
  await settle()
}

const titles = (w: VueWrapper) => w.findAll('.search-hit__title').map((t) => t.text())
const marks = (w: VueWrapper, selector: string) => w.findAll(`${selector} mark`).map((m) => m.text())

beforeEach(() => {
  requests.length = 0
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  vi.useRealTimers()
})

describe('client/search (views/SearchView, components/SearchBox)', () => {
  describe('the search page', () => {
    it('shows the results of a shared link, with the words marked by elements, not html', async () => {
      const w = await open('/search/?q=%EB%B6%81%ED%95%9C')
      const input = w.get<HTMLInputElement>('#searchPageInput').element
      expect(input.value).toBe('북한')
      expect(titles(w)).toEqual([SEARCH_CORPUS[0].title, SEARCH_CORPUS[3].title])
      expect(marks(w, '.search-hit__title')).toEqual(['북한'])
      // the budget article says 북한 only in its body: the passage comes from there
      expect(w.findAll('.search-hit__passage')[1].text()).toContain('북한 관련 예산')
      expect(w.get('.search-page__status').text()).toBe('‘북한’ 검색 결과 2건')
      expect(w.find('[role=status][aria-live=polite]').exists()).toBe(true)
    })

    it('follows the input while a syllable is still being composed', async () => {
      const w = await open('/search/')
      const input = w.get<HTMLInputElement>('#searchPageInput').element
      await imeInput(input, '북하', true)
      expect(titles(w)).toEqual([SEARCH_CORPUS[0].title, SEARCH_CORPUS[3].title])
      // the field is the IME's: nothing wrote to it
      expect(input.value).toBe('북하')
      // composition over: "북하" taken as typed matches nothing
      input.dispatchEvent(new CompositionEvent('compositionend', { data: '하' }))
      await settle()
      expect(titles(w)).toEqual([])
      expect(w.get('.search-page__status').text()).toBe('‘북하’에 맞는 기사가 없습니다.')
    })

    it('narrows with several words and finds initial consonants', async () => {
      const w = await open('/search/')
      const input = w.get<HTMLInputElement>('#searchPageInput').element
      await imeInput(input, '북한 러시아 조약', false)
      expect(titles(w)).toEqual([SEARCH_CORPUS[0].title])
      // while the next results load, the count on screen still names the query it answers
      input.value = '북한 우크라이나'
      input.dispatchEvent(new InputEvent('input', { isComposing: false }))
      await w.vm.$nextTick()
      expect(w.get('.search-page__status').text()).toBe('‘북한 러시아 조약’ 검색 결과 1건')
      await settle()
      expect(w.get('.search-page__status').text()).toBe('‘북한 우크라이나’에 맞는 기사가 없습니다.')
      await imeInput(input, 'ㅅㅎㅁ', false)
      expect(titles(w)).toEqual([SEARCH_CORPUS[5].title])
      expect(marks(w, '.search-hit__title')).toEqual(['손흥민'])
    })

    it('puts the query in the url with replace, once typing pauses', async () => {
      const w = await open('/search/')
      const replace = vi.spyOn(router, 'replace')
      const push = vi.spyOn(router, 'push')
      const input = w.get<HTMLInputElement>('#searchPageInput').element
      await imeInput(input, '러', true)
      await imeInput(input, '러시', true)
      await imeInput(input, '러시아', false)
      await vi.waitFor(
        () => expect(router.currentRoute.value.fullPath).toBe('/search/?q=%EB%9F%AC%EC%8B%9C%EC%95%84'),
        { timeout: 2000 },
      )
      expect(replace).toHaveBeenCalledTimes(1)
      expect(push).not.toHaveBeenCalled()
      // our own url change does not touch the field
      expect(input.value).toBe('러시아')
    })

    it('takes a query from outside (back, a link) into the field', async () => {
      const w = await open('/search/?q=%EB%B6%81%ED%95%9C')
      await router.push('/search/?q=tottenham')
      await settle()
      expect(w.get<HTMLInputElement>('#searchPageInput').element.value).toBe('tottenham')
      // (a latin word of five letters may hold a typo: its matcher is loaded on first use, in
      // as long as the machine takes, so the results are waited for rather than timed)
      await vi.waitFor(() => expect(titles(w)).toEqual([SEARCH_CORPUS[5].title]), { timeout: 5000 })
    })

    it('loads no index until search is used', async () => {
      await open('/')
      expect(requests.filter((p) => p.includes('search'))).toEqual([])
    })
  })

  describe('the header search box', () => {
    it('is a combobox: arrows move through suggestions, enter opens the chosen one', async () => {
      const w = await open('/')
      const field = w.get<HTMLInputElement>('#searchBoxInput')
      expect(field.attributes('role')).toBe('combobox')
      expect(field.attributes('aria-expanded')).toBe('false')
      // typed before the popup's code is in (it loads on first use): it catches up
      await imeInput(field.element, '러시아', false)
      await vi.waitFor(() => expect(field.attributes('aria-expanded')).toBe('true'), { timeout: 5000 })
      await settle()
      expect(field.attributes('aria-controls')).toBe('searchBoxListbox')
      const options = w.findAll('#searchBoxListbox [role=option]')
      expect(options.map((o) => o.text())).toEqual([
        SEARCH_CORPUS[0].title,
        SEARCH_CORPUS[1].title,
        SEARCH_CORPUS[3].title,
        '‘러시아’ 검색 결과 모두 보기',
      ])

      await field.trigger('keydown', { key: 'ArrowDown' })
      await field.trigger('keydown', { key: 'ArrowDown' })
      expect(field.attributes('aria-activedescendant')).toBe('searchBoxOption1')
      expect(w.get('#searchBoxOption1').attributes('aria-selected')).toBe('true')
      await field.trigger('keydown', { key: 'ArrowUp' })
      await field.trigger('keydown', { key: 'ArrowUp' })
      // up from the first wraps to the last: all results
      expect(field.attributes('aria-activedescendant')).toBe('searchBoxOptionAll')
      await field.trigger('keydown', { key: 'ArrowDown' })
      await field.trigger('keydown', { key: 'Enter' })
      // the article view loads lazily
      await vi.waitFor(() => expect(router.currentRoute.value.path).toBe(`/articles/${SEARCH_CORPUS[0].slug}/`), {
        timeout: 5000,
      })
      expect(field.element.value).toBe('')
    })

    /** the header box with its popup's code in (loaded on the field's first focus) */
    async function focusedBox(w: VueWrapper) {
      const field = w.get<HTMLInputElement>('#searchBoxInput')
      await field.trigger('focus')
      await vi.waitFor(() => expect(field.attributes('aria-controls')).toBe('searchBoxListbox'), { timeout: 5000 })
      return field
    }

    it('sends enter with no suggestion chosen to the search page; escape closes, then clears', async () => {
      const w = await open('/')
      const field = await focusedBox(w)
      await imeInput(field.element, '북한', false)
      await field.trigger('keydown', { key: 'Escape' })
      expect(field.attributes('aria-expanded')).toBe('false')
      expect(field.element.value).toBe('북한')
      await field.trigger('keydown', { key: 'Escape' })
      expect(field.element.value).toBe('')

      await imeInput(field.element, '북한', false)
      await w.get('form[role=search]').trigger('submit')
      await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/search/?q=%EB%B6%81%ED%95%9C'), {
        timeout: 5000,
      })
      await settle()
      // the page has its own field; the header has none there
      expect(w.find('#searchBoxInput').exists()).toBe(false)
      expect(w.get<HTMLInputElement>('#searchPageInput').element.value).toBe('북한')
    })

    it('is a plain search form until its popup is in: enter opens the search page', async () => {
      const w = await open('/')
      const field = w.get<HTMLInputElement>('#searchBoxInput')
      expect(field.attributes('aria-controls')).toBeUndefined()
      field.element.value = '북한'
      await w.get('form[role=search]').trigger('submit')
      await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/search/?q=%EB%B6%81%ED%95%9C'), {
        timeout: 5000,
      })
    })

    it('leaves keys the IME is composing with alone', async () => {
      const w = await open('/')
      const field = await focusedBox(w)
      await imeInput(field.element, '러시', true)
      await field.trigger('keydown', { key: 'ArrowDown', isComposing: true })
      await field.trigger('keydown', { key: 'Enter', keyCode: 229 })
      expect(field.attributes('aria-activedescendant')).toBeUndefined()
      expect(router.currentRoute.value.path).toBe('/')
    })
  })
})

describe('client/search/useHitArticles', () => {
  it('names hits shown past those a search came with, then loads the articles whose body a passage needs', async () => {
    const { useHitArticles } = await import('../../../../src/client/search/useSearch')
    const { ref } = await import('vue')
    // two hits as "more" leaves them: found, not yet named
    const hits = ref<SearchHit[]>([
      { id: 1, score: 2 },
      { id: 0, score: 1 },
    ])
    // ids are positions in the index from the oldest article: the corpus (newest first) from its end
    const [older, oldest] = SEARCH_CORPUS.slice(-2)
    const needsBody = vi.fn((hit: { doc: { slug: string } }) => hit.doc.slug === oldest.slug)
    const { articles, failed } = useHitArticles(hits, ref(2), needsBody)
    await vi.waitFor(() => expect(articles.value.size).toBe(1), { timeout: 5000 })
    // each with what its result shows
    expect(hits.value.map((h) => h.doc?.slug)).toEqual([older.slug, oldest.slug])
    expect(hits.value.map((h) => h.doc?.title)).toEqual([older.title, oldest.title])
    // only the one whose passage comes from its body
    expect([...articles.value.keys()]).toEqual([oldest.slug])
    expect(articles.value.get(oldest.slug)?.title).toBe(oldest.title)
    expect(failed.value).toBe(false)
  })
})
