// the article an article-shaped view shows: the store's loaded article when it is the one
// the route names (during a navigation the store may still hold the previous one)
import { computed } from 'vue'
import { storeToRefs } from 'pinia'
import { useContentStore } from '../stores/content'

export function useShownArticle(props: { slug: string }) {
  const { article, articleState } = storeToRefs(useContentStore())
  const shown = computed(() => (article.value?.slug === props.slug ? article.value : null))
  return { shown, articleState }
}
