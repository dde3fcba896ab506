// the listing as the reader moves through it: the pages of one listing (the home page's or
// a category's) loaded so far, and their loading state. the payloads themselves are read-only.
// only the listing views and the router use it, so an article page does not load it.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ArticleCard, AuthorInfo, CategoryInfo, ListingPage } from '../../shared/types'
import { authorDataPath, categoryDataPath, pageDataPath, routePath, tagDataPath } from '../../shared/paths'
import { loadPayload } from '../data/data'
import type { LoadState } from './article'

/** which listing: the home page, or one category's, author's or tag's (by its slug) */
export type ListingKey = { kind: 'home' } | { kind: 'category' | 'author' | 'tag'; slug: string }

const keyString = (k: ListingKey) => (k.kind === 'home' ? 'home' : `${k.kind}:${k.slug}`)
const DATA_PATHS = { category: categoryDataPath, author: authorDataPath, tag: tagDataPath }
const listingPath = (k: ListingKey, page: number) =>
  k.kind === 'home' ? pageDataPath(page) : DATA_PATHS[k.kind](k.slug, page)
const ROUTES = { category: routePath.category, author: routePath.author, tag: routePath.tag }

/** the route of page `page` of a listing */
export const listingRoute = (k: ListingKey, page: number) =>
  k.kind === 'home' ? routePath.home(page) : ROUTES[k.kind](k.slug, page)

export const useListingStore = defineStore('listing', () => {
  // contiguous pages of one listing, more appended by loadMore()
  const listingKey = ref<string>('')
  const listingPages = shallowRef<ListingPage[]>([])
  const listingState = ref<LoadState>('idle')
  const cards = computed<ArticleCard[]>(() => listingPages.value.flatMap((p) => p.cards))
  const firstPage = computed(() => listingPages.value[0]?.page ?? 1)
  const lastPage = computed(() => listingPages.value.at(-1))
  const hasMore = computed(() => !!lastPage.value && lastPage.value.page < lastPage.value.pageCount)
  let listingToken = 0

  /** a card by slug, among the listing pages loaded */
  const cardBySlug = computed(() => new Map(cards.value.map((c) => [c.slug, c])))

  /**
   * The category `slug`, when its listing is the one loaded: its pages' payloads name it
   * (the site index holds only the header's few categories).
   */
  function findCategory(slug: string): CategoryInfo | undefined {
    if (listingKey.value !== keyString({ kind: 'category', slug })) return undefined
    return listingPages.value[0]?.category
  }

  /** The author `slug`, when their listing is the one loaded (its pages' payloads name them). */
  function findAuthor(slug: string): AuthorInfo | undefined {
    if (listingKey.value !== keyString({ kind: 'author', slug })) return undefined
    return listingPages.value[0]?.author
  }

  /** The tag `slug`, when its listing is the one loaded (its pages' payloads name it). */
  function findTag(slug: string): CategoryInfo | undefined {
    if (listingKey.value !== keyString({ kind: 'tag', slug })) return undefined
    return listingPages.value[0]?.tag
  }

  /** Show page `page` of a listing (replacing what was shown). */
  async function loadListing(key: ListingKey, page: number): Promise<void> {
    const token = ++listingToken
    const ks = keyString(key)
    if (
      listingKey.value === ks &&
      listingPages.value.length === 1 &&
      listingPages.value[0].page === page &&
      listingState.value === 'ready'
    )
      return
    listingState.value = 'loading'
    try {
      const data = await loadPayload<ListingPage>(listingPath(key, page))
      if (token !== listingToken) return
      listingKey.value = ks
      listingPages.value = data ? [data] : []
      listingState.value = data ? 'ready' : 'not-found'
    } catch {
      // the page did not load (offline, a deploy in progress): the view says so and asks the reader to try again
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
      // the next page did not load: the listing says so above what it shows, and its "more" button tries again
      if (token === listingToken) listingState.value = 'error'
    }
  }

  /** Forget what was loaded (dev: content/ changed) so the next load fetches anew. */
  function invalidate(): void {
    listingKey.value = ''
  }

  return {
    listingKey,
    listingPages,
    listingState,
    cards,
    firstPage,
    hasMore,
    cardBySlug,
    findCategory,
    findAuthor,
    findTag,
    loadListing,
    loadMore,
    invalidate,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useListingStore, import.meta.hot))
