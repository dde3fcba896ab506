// title, description, canonical url, open graph tags, robots and feed links for one page,
// from one object
import { useHead } from '@unhead/vue'
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { siteIndex } from '../data/data'
import { makeExcerpt } from '../../shared/text'
import { FEED_FORMATS, filePath, routePath, SITE_FEED, type FeedScope } from '../../shared/paths'
import { FEED_TYPES, feedTitle } from '../../shared/feeds'
import type { SiteConfig } from '../../shared/types'

export interface PageMeta {
  /** the page's own title; the site name is added after it */
  title: string
  description?: string
  /** route path without the base, e.g. /articles/x/ */
  path: string
  image?: string
  type?: 'website' | 'article'
  /** ISO date, for articles */
  published?: string
  /** keep the page out of search results */
  noindex?: boolean
  /** with noindex: crawlers still follow the page's links (a summary, whose article is indexed) */
  follow?: boolean
  /** a group whose feeds the page links before the site's (a category page: its category) */
  feed?: { scope: FeedScope; name: string }
}

/**
 * the build writes the feeds (build/feeds.ts); the dev server has none, so its pages link
 * none rather than links that answer 404
 */
const FEEDS_WRITTEN = !import.meta.env.DEV

/** `<link rel="alternate">` to each format of a feed, titled as the feed is */
function feedLinks(scope: FeedScope, title: string) {
  return FEED_FORMATS.map((format) => ({
    rel: 'alternate',
    type: FEED_TYPES[format].type,
    href: encodeURI(`${import.meta.env.BASE_URL}${filePath.feed(format, scope)}`),
    title: `${title} (${FEED_TYPES[format].label})`,
  }))
}

/** every page links the site's feeds, and a group's page its group's before them */
function pageFeedLinks(feed: PageMeta['feed'], siteName: string) {
  if (!FEEDS_WRITTEN) return []
  const own = feed ? feedLinks(feed.scope, feedTitle(siteName, feed.name)) : []
  return [...own, ...feedLinks(SITE_FEED, feedTitle(siteName))]
}

/** the search consoles' ownership tags, which they look for on the home page; a token not set writes none */
function verificationMeta(site: SiteConfig) {
  const { google, naver } = site.verification ?? {}
  return [
    ...(google ? [{ name: 'google-site-verification', content: google }] : []),
    ...(naver ? [{ name: 'naver-site-verification', content: naver }] : []),
  ]
}

export function absoluteUrl(path: string): string {
  const { url } = siteIndex.value.site
  if (/^https?:\/\//i.test(path)) return path
  return encodeURI(`${url.replace(/\/+$/, '')}${import.meta.env.BASE_URL.replace(/\/+$/, '')}${path}`)
}

export function usePageMeta(input: MaybeRefOrGetter<PageMeta>): void {
  const meta = computed(() => {
    const m = toValue(input)
    const site = siteIndex.value.site
    const title = m.title && m.title !== site.name ? `${m.title} | ${site.name}` : site.name
    return { ...m, fullTitle: title, description: makeExcerpt(m.description || site.description, 160), url: absoluteUrl(m.path), siteName: site.name }
  })
  // no keys: unhead tells meta tags apart by name or property, and the canonical link by rel
  useHead(() => {
    const m = meta.value
    const site = siteIndex.value.site
    return {
      title: m.fullTitle,
      link: [{ rel: 'canonical', href: m.url }, ...pageFeedLinks(m.feed, site.name)],
      meta: [
        { name: 'description', content: m.description },
        { property: 'og:site_name', content: m.siteName },
        { property: 'og:locale', content: 'ko_KR' },
        { property: 'og:type', content: m.type ?? 'website' },
        { property: 'og:title', content: m.title || m.siteName },
        { property: 'og:description', content: m.description },
        { property: 'og:url', content: m.url },
        ...(m.image ? [{ property: 'og:image', content: absoluteUrl(m.image) }] : []),
        { name: 'twitter:card', content: m.image ? 'summary_large_image' : 'summary' },
        ...(m.published ? [{ property: 'article:published_time', content: m.published }] : []),
        ...(m.noindex ? [{ name: 'robots', content: m.follow ? 'noindex, follow' : 'noindex' }] : []),
        ...(m.path === routePath.home() ? verificationMeta(site) : []),
      ],
    }
  })
}
