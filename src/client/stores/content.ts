// the content as the reader moves through it: the listing pages loaded so far, the
// article on screen, and their loading states. the payloads themselves are read-only.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Article, ArticleCard, CategoryInfo, ListingPage } from '../../shared/types'
import { articleDataPath, categoryDataPath, pageDataPath } from '../../shared/paths'
import { loadPayload, prefetchPayload, siteIndex, takePrerenderedArticle, type ArticleMeta } from '../data'
import { loadSanitizer, prefetchSanitizer } from '../sanitize'

export type LoadState = 'idle' | 'loading' | 'ready' | 'not-found' | 'error'

/**
 * The article on screen. From a payload it has its (sanitized at build time) html; taken
 * over from a prerendered page it has none, as its body is already in the page.
 */
export type ShownArticle = ArticleMeta & Partial<Pick<Article, 'html' | 'source'>>

/** which listing: the home page or one category's */
export type ListingKey = { kind: 'home' } | { kind: 'category'; slug: string }

const keyString = (k: ListingKey) => (k.kind === 'home' ? 'home' : `category:${k.slug}`)
const listingPath = (k: ListingKey, page: number) => (k.kind === 'home' ? pageDataPath(page) : categoryDataPath(k.slug, page))

export const useContentStore = defineStore('content', () => {
  const categories = computed<CategoryInfo[]>(() => siteIndex.value.categories)
  const total = computed(() => siteIndex.value.total)

  // listing: contiguous pages of one listing, more appended by loadMore()
  const listingKey = ref<string>('')
  const listingPages = shallowRef<ListingPage[]>([])
  const listingState = ref<LoadState>('idle')
  const cards = computed<ArticleCard[]>(() => listingPages.value.flatMap((p) => p.cards))
  const firstPage = computed(() => listingPages.value[0]?.page ?? 1)
  const lastPage = computed(() => listingPages.value.at(-1))
  const hasMore = computed(() => !!lastPage.value && lastPage.value.page < lastPage.value.pageCount)
  let listingToken = 0

  // article: the one on screen (article or excerpt view)
  const article = shallowRef<ShownArticle | null>(null)
  const articleState = ref<LoadState>('idle')
  let articleToken = 0

  /** a card by slug, among the listing pages loaded */
  const cardBySlug = computed(() => new Map(cards.value.map((c) => [c.slug, c])))

  function findCategory(slug: string): CategoryInfo | undefined {
    return categories.value.find((c) => c.slug === slug)
  }

  /** Show page `page` of a listing (replacing what was shown). */
  async function loadListing(key: ListingKey, page: number): Promise<void> {
    const token = ++listingToken
    const ks = keyString(key)
    if (listingKey.value === ks && listingPages.value.length === 1 && listingPages.value[0].page === page && listingState.value === 'ready') return
    listingState.value = 'loading'
    try {
      const data = await loadPayload<ListingPage>(listingPath(key, page))
      if (token !== listingToken) return
      listingKey.value = ks
      listingPages.value = data ? [data] : []
      listingState.value = data ? 'ready' : 'not-found'
    } catch {
      if (token === listingToken) listingState.value = 'error'
    }
  }

  /** Append the next page of the current listing. */
  async function loadMore(key: ListingKey): Promise<void> {
    const last = lastPage.value
    if (!last || last.page >= last.pageCount || listingKey.value !== keyString(key)) return
    const token = ++listingToken
    listingState.value = 'loading'
    try {
      const data = await loadPayload<ListingPage>(listingPath(key, last.page + 1))
      if (token !== listingToken) return
      if (data) listingPages.value = [...listingPages.value, data]
      listingState.value = 'ready'
    } catch {
      if (token === listingToken) listingState.value = 'error'
    }
  }

  /**
   * Load the article with this slug (for the article and excerpt views). `body`: the article
   * view puts its html into the page, so it needs the html and the sanitizer too.
   */
  async function loadArticle(slug: string, { body = false }: { body?: boolean } = {}): Promise<void> {
    const current = article.value
    if (current?.slug === slug && articleState.value === 'ready' && (!body || current.html !== undefined)) return
    const token = ++articleToken
    // the page being hydrated carries its article; its body is in the page already
    const prerendered = takePrerenderedArticle(slug)
    if (prerendered) {
      article.value = prerendered
      articleState.value = 'ready'
      return
    }
    articleState.value = 'loading'
    try {
      // the sanitizer's chunk loads alongside the payload, not after it
      const [data] = await Promise.all([loadPayload<Article>(articleDataPath(slug)), body ? loadSanitizer() : undefined])
      if (token !== articleToken) return
      article.value = data
      articleState.value = data ? 'ready' : 'not-found'
    } catch {
      if (token === articleToken) {
        article.value = null
        articleState.value = 'error'
      }
    }
  }

  /**
   * Start fetching what opening an article will need, unless it is in hand. `body`: it opens
   * in the article view, which needs the html (the excerpt view does not). `opening`: the
   * reader is about to open it (a hover, a focus, a touch), so the sanitizer's chunk too.
   */
  function prefetchArticle(slug: string, { body = false, opening = false }: { body?: boolean; opening?: boolean } = {}): void {
    const current = article.value
    if (current?.slug !== slug || (body && current.html === undefined)) prefetchPayload(articleDataPath(slug))
    if (body && opening) prefetchSanitizer()
  }

  /** Forget what was loaded (dev: content/ changed) so the next load fetches anew. */
  function invalidate(): void {
    listingKey.value = ''
    // the article stays on screen until its new payload arrives
    if (articleState.value === 'ready') articleState.value = 'idle'
  }

  return {
    categories,
    total,
    listingKey,
    listingPages,
    listingState,
    cards,
    firstPage,
    hasMore,
    cardBySlug,
    article,
    articleState,
    findCategory,
    loadListing,
    loadMore,
    loadArticle,
    prefetchArticle,
    invalidate,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useContentStore, import.meta.hot))
