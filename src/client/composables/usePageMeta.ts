// title, description, canonical url, open graph tags, robots and feed links for one page,
// from one object
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { siteIndex } from '../data/data'
import { usePageHead } from '../head'
import { makeExcerpt } from '../../shared/text'
import { leadPhoto, originalSize } from '../../shared/photos/photos'
import { FEED_FORMATS, feedPath, routePath, SITE_FEED, type FeedFormat, type FeedScope } from '../../shared/paths'
import { FEED_TYPES, feedTitle } from '../../shared/feeds'
import type { Photo, SiteConfig } from '../../shared/types'

export interface PageMeta {
  /** the page's own title; the site name is added after it */
  title: string
  description?: string
  /** route path without the base, e.g. /articles/x/ */
  path: string
  image?: string
  /** the image's size in pixels, when the build knows it (a photo kept in the site), and its alt text */
  imageWidth?: number
  imageHeight?: number
  imageAlt?: string
  type?: 'website' | 'article' | 'profile'
  /** ISO date, for articles */
  published?: string
  /** ISO date of the last change, for articles that have one */
  modified?: string
  /** route paths of the article's authors' pages (article:author takes a profile's url) */
  authors?: string[]
  /** the article's tags (article:tag, one each) */
  tags?: string[]
  /** keep the page out of search results */
  noindex?: boolean
  /**
   * the route path of the page this one repeats, named as the canonical one (a summary: its
   * article), so search engines index that one and credit it with this one's links
   */
  canonical?: string
  /** a group whose feeds the page links (a category page: its category's) */
  feed?: { scope: FeedScope; name: string }
}

/** `<link rel="alternate">` to each of these formats of a feed, titled as the feed is */
function feedLinks(scope: FeedScope, title: string, formats: readonly FeedFormat[] = FEED_FORMATS) {
  return formats.map((format) => ({
    rel: 'alternate',
    type: FEED_TYPES[format].type,
    href: encodeURI(`${import.meta.env.BASE_URL}${feedPath(format, scope)}`),
    title: `${title} (${FEED_TYPES[format].label})`,
  }))
}

/**
 * The feeds a page links: the home page the site's in every format, a group's page (a
 * category's) its group's in every format; and every other page, as each group's page
 * does too, the site's RSS, for a reader subscribing from wherever it is. Only the RSS
 * link on every page: three links on each of the archive's pages would be bytes on every
 * first visit for what a reader finds from the home page.
 */
function pageFeedLinks(path: string, feed: PageMeta['feed'], siteName: string) {
  if (path === routePath.home()) return feedLinks(SITE_FEED, feedTitle(siteName))
  const own = feed ? feedLinks(feed.scope, feedTitle(siteName, feed.name)) : []
  return [...own, ...feedLinks(SITE_FEED, feedTitle(siteName), ['rss'])]
}

/** the search consoles' ownership tags, which they look for on the home page; a token not set writes none */
function verificationMeta(site: SiteConfig) {
  const { google, naver } = site.verification ?? {}
  return [
    ...(google ? [{ name: 'google-site-verification', content: google }] : []),
    ...(naver ? [{ name: 'naver-site-verification', content: naver }] : []),
  ]
}

/**
 * An article's lead image for its meta tags: the address, and in the prerendered page its
 * size when the build processed it and its alt text. Those are for link previews, which
 * read the page as it was built and run none of its code, so the app in the browser, which
 * every first visit downloads, carries none of their making.
 */
export function imageMeta(a: {
  image: string
  imageAlt?: string
  photos?: readonly Photo[]
}): Pick<PageMeta, 'image' | 'imageWidth' | 'imageHeight' | 'imageAlt'> {
  if (!import.meta.env.SSR) return { image: a.image }
  const photo = leadPhoto(a)
  const size = photo && originalSize(photo)
  return { image: a.image, imageWidth: size?.width, imageHeight: size?.height, imageAlt: a.imageAlt }
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
    return {
      ...m,
      fullTitle: title,
      description: makeExcerpt(m.description || site.description, 160),
      url: absoluteUrl(m.path),
      siteName: site.name,
    }
  })
  // no keys: unhead tells meta tags apart by name or property, and the canonical link by rel
  usePageHead(() => {
    const m = meta.value
    const site = siteIndex.value.site
    return {
      title: m.fullTitle,
      // the feed links and the verification tags are written into the prerendered page only: the
      // feed readers and consoles that look for them read the file they fetch, and the app every
      // page loads need not carry their code. (the dev server prerenders nothing, and has no feeds
      // to link: the build writes them.)
      link: [
        { rel: 'canonical', href: m.canonical ? absoluteUrl(m.canonical) : m.url },
        ...(import.meta.env.SSR ? pageFeedLinks(m.path, m.feed, site.name) : []),
      ],
      meta: [
        { name: 'description', content: m.description },
        { property: 'og:site_name', content: m.siteName },
        { property: 'og:locale', content: 'ko_KR' },
        { property: 'og:type', content: m.type ?? 'website' },
        { property: 'og:title', content: m.title || m.siteName },
        { property: 'og:description', content: m.description },
        { property: 'og:url', content: m.url },
        ...(m.image ? [{ property: 'og:image', content: absoluteUrl(m.image) }] : []),
        // a link preview lays out the card before the image arrives, and reads its description
        // (in the prerendered page only: see imageMeta)
        ...(import.meta.env.SSR && m.image && m.imageWidth && m.imageHeight
          ? [
              { property: 'og:image:width', content: String(m.imageWidth) },
              { property: 'og:image:height', content: String(m.imageHeight) },
            ]
          : []),
        ...(import.meta.env.SSR && m.image && m.imageAlt ? [{ property: 'og:image:alt', content: m.imageAlt }] : []),
        { name: 'twitter:card', content: m.image ? 'summary_large_image' : 'summary' },
        ...(m.published ? [{ property: 'article:published_time', content: m.published }] : []),
        ...(m.modified ? [{ property: 'article:modified_time', content: m.modified }] : []),
        ...(m.authors ?? []).map((path) => ({ property: 'article:author', content: absoluteUrl(path) })),
        ...(m.tags ?? []).map((tag) => ({ property: 'article:tag', content: tag })),
        ...(m.noindex ? [{ name: 'robots', content: 'noindex' }] : []),
        ...(import.meta.env.SSR && m.path === routePath.home() ? verificationMeta(site) : []),
      ],
    }
  })
}
