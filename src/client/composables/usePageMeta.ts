// title, description, canonical url and open graph tags for one page, from one object
import { useHead } from '@unhead/vue'
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { siteIndex } from '../data/data'
import { makeExcerpt } from '../../shared/text'
import { leadPhoto, originalSize } from '../../shared/photos'
import type { Photo } from '../../shared/types'

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
  type?: 'website' | 'article'
  /** ISO date, for articles */
  published?: string
  noindex?: boolean
}

/**
 * An article's lead image for its meta tags: the address, and in the prerendered page its
 * size when the build processed it and its alt text. Those are for link previews, which
 * read the page as it was built and run none of its code, so the app in the browser, which
 * every first visit downloads, carries none of their making.
 */
export function imageMeta(a: { image: string; imageAlt?: string; photos?: readonly Photo[] }): Pick<PageMeta, 'image' | 'imageWidth' | 'imageHeight' | 'imageAlt'> {
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
    return { ...m, fullTitle: title, description: makeExcerpt(m.description || site.description, 160), url: absoluteUrl(m.path), siteName: site.name }
  })
  // no keys: unhead tells meta tags apart by name or property, and the canonical link by rel
  useHead(() => {
    const m = meta.value
    return {
      title: m.fullTitle,
      link: [{ rel: 'canonical', href: m.url }],
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
        ...(m.noindex ? [{ name: 'robots', content: 'noindex' }] : []),
      ],
    }
  })
}
