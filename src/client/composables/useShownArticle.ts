// the article an article-shaped view shows: the store's loaded article when it is the one
// the route names (during a navigation the store may still hold the previous one)
import { computed } from 'vue'
import { storeToRefs } from 'pinia'
import { useHead } from '@unhead/vue'
import { ARTICLE_STATE_ID, type ArticleMeta } from '../data'
import { useArticleStore } from '../stores/article'
import { scriptSafeJson } from '../../shared/jsonLd'

/**
 * `embedState`: while prerendering, end the page with the article it shows (the article
 * view: its first visit then fetches no payload). the summary view does not: a summary's
 * first visit fetches the payload instead, 2 KB less in each of its pages.
 */
export function useShownArticle(props: { slug: string }, { embedState = false }: { embedState?: boolean } = {}) {
  const { article, articleState } = storeToRefs(useArticleStore())
  const shown = computed(() => (article.value?.slug === props.slug ? article.value : null))

  // while prerendering, the page ends with the article it shows, less its body (which is
  // the page's own markup) and source: the app takes the page over from that instead of
  // fetching the payload (data.ts, takePrerenderedArticle). a data block, never run, so the
  // policy's script-src allows it; scriptSafeJson leaves no '<' to close it.
  if (import.meta.env.SSR && embedState) {
    useHead(() => {
      const a = shown.value
      if (!a) return {}
      const { html: _html, source: _source, ...meta } = a
      // most articles' excerpt is their feature text: written once; the headings are the
      // body's own h2 and h3 (takePrerenderedArticle reads them back)
      const state: Partial<ArticleMeta> = { ...meta, headings: undefined, excerpt: meta.excerpt === meta.featureText ? undefined : meta.excerpt }
      return { script: [{ id: ARTICLE_STATE_ID, type: 'application/json', tagPosition: 'bodyClose', textContent: scriptSafeJson(state) }] }
    })
  }

  return { shown, articleState }
}
