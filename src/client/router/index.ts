// the public urls. every route ends in '/', so each is a folder with an index.html on any
// static host. views are lazy (but the article's, below); their data is loaded before the route resolves, so a view
// renders complete (and prerendering and hydration see the same html).
import type { Pinia } from 'pinia'
import {
  START_LOCATION,
  type RouteLocationNormalized,
  type Router,
  type RouteRecordRaw,
  type RouterScrollBehavior,
} from 'vue-router'
import { useArticleStore, type LoadState } from '../stores/article'
import { dataFailed } from './navigationFeedback'
// the one view that is not lazy: most first visits land on an article, so it is part of the
// first chunk (vite.config.ts), and a lazy import of it would only add the bundler's
// module-namespace helper (a request of its own) to an article's first visit
import ArticleView from '../views/ArticleView.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** what the page shows; decides which payload the route needs */
    kind: 'home' | 'article' | 'excerpt' | 'category' | 'author' | 'tag' | 'search' | 'not-found'
  }
}

const HomeView = () => import('../views/HomeView.vue')
const ExcerptView = () => import('../views/ExcerptView.vue')
const CategoryView = () => import('../views/CategoryView.vue')
const AuthorView = () => import('../views/AuthorView.vue')
const TagView = () => import('../views/TagView.vue')
const SearchView = () => import('../views/SearchView.vue')
const NotFoundView = () => import('../views/NotFoundView.vue')

const pageProp = (r: RouteLocationNormalized) => Math.max(1, Number(r.params.page) || 1)

/** what a category's, an author's or a tag's listing is named by: the route's param, its view's prop, the listing's kind */
type ListingKind = 'category' | 'author' | 'tag'

/**
 * A category's, author's or tag's two routes (its first page, and page n), alike but for
 * their names: made by one function, so the app every page loads holds their shape once
 */
function listingRoutes(folder: string, kind: ListingKind, component: () => Promise<unknown>): RouteRecordRaw[] {
  // (the first page's route has no page param: pageProp reads it as 1)
  const props = (r: RouteLocationNormalized) => ({ [kind]: r.params[kind], page: pageProp(r) })
  return [
    { path: `/${folder}/:${kind}/`, name: kind, component, props, meta: { kind } },
    { path: `/${folder}/:${kind}/page/:page(\\d+)/`, name: `${kind}-page`, component, props, meta: { kind } },
  ]
}

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView, props: { page: 1 }, meta: { kind: 'home' } },
  {
    path: '/page/:page(\\d+)/',
    name: 'home-page',
    component: HomeView,
    props: (r) => ({ page: pageProp(r) }),
    meta: { kind: 'home' },
  },
  { path: '/articles/:slug/', name: 'article', component: ArticleView, props: true, meta: { kind: 'article' } },
  { path: '/articles/:slug/excerpt/', name: 'excerpt', component: ExcerptView, props: true, meta: { kind: 'excerpt' } },
  ...listingRoutes('categories', 'category', CategoryView),
  ...listingRoutes('authors', 'author', AuthorView),
  ...listingRoutes('tags', 'tag', TagView),
  {
    path: '/search/',
    name: 'search',
    component: SearchView,
    props: (r) => ({ q: typeof r.query.q === 'string' ? r.query.q : '' }),
    meta: { kind: 'search' },
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: NotFoundView, meta: { kind: 'not-found' } },
]

/** the sticky header's height plus a little air: what a heading scrolled to must clear */
function stickyHeaderOffset(): number {
  const header = document.getElementById('siteHeader')
  return (header ? header.getBoundingClientRect().height : 0) + 16
}

/** the next frame: what the new page changed on mounting (an image that failed before the
 * app took over closes its space) is laid out, and the scroll is not in the same frame as it,
 * where the browser's scroll anchoring would adjust it from a stale anchor */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))

/** back/forward: where the reader was; a #heading: that heading; a new page: the top */
export const scrollBehavior: RouterScrollBehavior = async (to, from, savedPosition) => {
  if (savedPosition) {
    await nextFrame()
    return savedPosition
  }
  if (to.hash) {
    await nextFrame()
    // the router has decoded the hash already (hangul ids); the header is measured, as it
    // grows when it wraps on a phone
    return { el: to.hash, top: stickyHeaderOffset() }
  }
  if (to.path === from.path) return false
  return { top: 0 }
}

/** the listing's store, loaded with the listing views (an article page does without it) */
export const listingStore = (pinia: Pinia) => import('../stores/listing').then((m) => m.useListingStore(pinia))

/** Load what a route shows before it resolves. */
export async function loadRouteData(pinia: Pinia, to: RouteLocationNormalized): Promise<void> {
  const slug = String(to.params.slug ?? '')
  switch (to.meta.kind) {
    case 'home':
      return (await listingStore(pinia)).loadListing({ kind: 'home' }, pageProp(to))
    case 'category':
    case 'author':
    case 'tag':
      // (each listing's route names its param as its kind: see listingRoutes)
      return (await listingStore(pinia)).loadListing(
        { kind: to.meta.kind, slug: String(to.params[to.meta.kind]) },
        pageProp(to),
      )
    case 'article':
      return useArticleStore(pinia).loadArticle(slug, { body: true })
    case 'excerpt':
      return useArticleStore(pinia).loadArticle(slug)
  }
}

/**
 * Whether `pathname` (as `location.pathname` gives it) lies under the site's `base`. A host
 * whose 404 page covers the whole domain (a server-wide `error_page`, a user site above a
 * project site) serves the site's 404.html at addresses that are not the site's. There the
 * router would read the address as one of the site's pages (`/` as the listing) and rewrite
 * it under the base, so the page would hydrate the listing over the prerendered not-found
 * page and show the reader a page and an address they never asked for. Compared as the host
 * compares paths: case-sensitive, and a base with non-ASCII letters as the browser encodes it.
 */
export function isUnderBase(pathname: string, base: string): boolean {
  if (base === '/') return true
  const withSlash = base.endsWith('/') ? base : `${base}/`
  return [withSlash, encodeURI(withSlash)].some((b) => pathname.startsWith(b) || pathname === b.slice(0, -1))
}

/** Load each route's data before it resolves, into `pinia` (or the one the getter gives at the time). */
export function installDataGuard(router: Router, pinia: Pinia | (() => Pinia)): void {
  router.beforeResolve(async (to, from) => {
    // the same page with another #section (the table of contents): it shows what it showed
    if (from !== START_LOCATION && to.path === from.path) return
    const store = typeof pinia === 'function' ? pinia() : pinia
    // (the page being hydrated, or prerendered, says nothing more than its view does)
    if (import.meta.env.SSR || from === START_LOCATION) return loadRouteData(store, to)
    return loadRouteDataOrSay(store, to)
  })
}

/**
 * Load a route's data on a client-side navigation (or its retry, NavigationStatus.vue): when
 * it does not load, its view says so in its place, and the app too (navigationFeedback.ts).
 */
export async function loadRouteDataOrSay(pinia: Pinia, to: RouteLocationNormalized): Promise<void> {
  await loadRouteData(pinia, to)
  if ((await routeDataState(pinia, to)) === 'error') dataFailed(to)
}

/** How the data of the route `to` loaded (see loadRouteData); idle for a route that has none. */
async function routeDataState(pinia: Pinia, to: RouteLocationNormalized): Promise<LoadState> {
  switch (to.meta.kind) {
    case 'article':
    case 'excerpt':
      return useArticleStore(pinia).articleState
    case 'home':
    case 'category':
    case 'author':
    case 'tag':
      return (await listingStore(pinia)).listingState
  }
  return 'idle'
}
