// the article an article-shaped view shows: the store's loaded article when it is the one
// the route names (during a navigation the store may still hold the previous one)
import { computed } from 'vue'
import { storeToRefs } from 'pinia'
import { useHead } from '@unhead/vue'
import { ARTICLE_STATE_ID, type ArticleMeta } from '../data'
import { useArticleStore } from '../stores/article'
import { scriptSafeJson } from '../../shared/jsonLd'

/**
 * While prerendering, the page ends with the article it shows (less its body and source):
 * a first visit takes the article from it instead of loading it, and a client-side
 * navigation in a build reads it from the fetched page (data.ts). `withBody`: the page
 * holds the article's body (the article view), from which the headings are read back; a
 * summary's page carries them in the state.
 */
export function useShownArticle(props: { slug: string }, { withBody = false }: { withBody?: boolean } = {}) {
  const { article, articleState } = storeToRefs(useArticleStore())
  const shown = computed(() => (article.value?.slug === props.slug ? article.value : null))

  // a data block, never run, so the policy's script-src allows it; scriptSafeJson leaves no
  // '<' to close it
  if (import.meta.env.SSR) {
    useHead(() => {
      const a = shown.value
      if (!a) return {}
      const { html: _html, source: _source, ...meta } = a
      // most articles' excerpt is their feature text: written once; an article page's
      // headings are its body's own h2 and h3 (data.ts reads them back)
      const state: Partial<ArticleMeta> = {
        ...meta,
        headings: withBody ? undefined : meta.headings,
        excerpt: meta.excerpt === meta.featureText ? undefined : meta.excerpt,
      }
      return { script: [{ id: ARTICLE_STATE_ID, type: 'application/json', tagPosition: 'bodyClose', textContent: scriptSafeJson(state) }] }
    })
  }

  return { shown, articleState }
}
