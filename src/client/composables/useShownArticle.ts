// the article an article-shaped view shows: the store's loaded article when it is the one
// the route names (during a navigation the store may still hold the previous one)
import { computed } from 'vue'
import { storeToRefs } from 'pinia'
import { useHead } from '@unhead/vue'
import { pageStateScript } from '../data/pageState'
import { useArticleStore } from '../stores/article'

/**
 * While prerendering, the page ends with the article it shows (data/pageState.ts writes it):
 * a first visit takes the article from it instead of loading it, and a client-side
 * navigation in a build reads it from the fetched page (data/data.ts). `withBody`: the page
 * holds the article's body (the article view), from which the headings are read back; a
 * summary's page carries them in the state.
 */
export function useShownArticle(props: { slug: string }, { withBody = false }: { withBody?: boolean } = {}) {
  const { article, articleState } = storeToRefs(useArticleStore())
  const shown = computed(() => (article.value?.slug === props.slug ? article.value : null))

  if (import.meta.env.SSR) {
    useHead(() => {
      const a = shown.value
      return a ? { script: [pageStateScript(a, withBody)] } : {}
    })
  }

  return { shown, articleState }
}
