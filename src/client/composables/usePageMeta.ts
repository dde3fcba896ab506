// title, description, canonical url and open graph tags for one page, from one object
import { useHead } from '@unhead/vue'
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { siteIndex } from '../data'
import { makeExcerpt } from '../../shared/text'

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
  noindex?: boolean
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
  useHead(() => {
    const m = meta.value
    return {
      title: m.fullTitle,
      link: [{ rel: 'canonical', href: m.url, key: 'canonical' }],
      meta: [
        { name: 'description', content: m.description, key: 'description' },
        { property: 'og:site_name', content: m.siteName, key: 'og:site_name' },
        { property: 'og:locale', content: 'ko_KR', key: 'og:locale' },
        { property: 'og:type', content: m.type ?? 'website', key: 'og:type' },
        { property: 'og:title', content: m.title || m.siteName, key: 'og:title' },
        { property: 'og:description', content: m.description, key: 'og:description' },
        { property: 'og:url', content: m.url, key: 'og:url' },
        ...(m.image ? [{ property: 'og:image', content: absoluteUrl(m.image), key: 'og:image' }] : []),
        { name: 'twitter:card', content: m.image ? 'summary_large_image' : 'summary', key: 'twitter:card' },
        ...(m.published ? [{ property: 'article:published_time', content: m.published, key: 'article:published_time' }] : []),
        ...(m.noindex ? [{ name: 'robots', content: 'noindex', key: 'robots' }] : []),
      ],
    }
  })
}
