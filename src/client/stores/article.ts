// the article on screen (the article and excerpt views) and its loading state. the payloads
// themselves are read-only.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { loadArticleData, prefetchArticleData, takePrerenderedArticle, type LoadedArticle } from '../data/data'
import { loadSanitizer, prefetchSanitizer } from '../sanitize'

export type LoadState = 'idle' | 'loading' | 'ready' | 'not-found' | 'error'

/**
 * The article on screen. Loaded for the article view it has its (sanitized at build time)
 * html; taken over from the page being hydrated, or loaded for a summary, it may have none.
 */
export type ShownArticle = LoadedArticle

export const useArticleStore = defineStore('article', () => {
  const article = shallowRef<ShownArticle | null>(null)
  const articleState = ref<LoadState>('idle')
  let articleToken = 0

  /**
   * Load the article with this slug (for the article and excerpt views). `body`: the article
   * view puts its html into the page, so it needs the html and the sanitizer too.
   */
  async function loadArticle(slug: string, { body = false }: { body?: boolean } = {}): Promise<void> {
    const current = article.value
    if (current?.slug === slug && articleState.value === 'ready' && (!body || current.html !== undefined)) {
      // the summary may have read the article's page, body and all: the article view puts the
      // body into the page, so the sanitizer must be in before the route resolves
      if (body) await loadSanitizer()
      return
    }
    const token = ++articleToken
    // the page being hydrated carries its article; its body is in the page already
    const prerendered = takePrerenderedArticle(slug)
    if (prerendered) {
      article.value = prerendered
      articleState.value = 'ready'
      return
    }
    articleState.value = 'loading'
    try {
      // the sanitizer's chunk loads alongside the article, not after it
      const [data] = await Promise.all([loadArticleData(slug, { body }), body ? loadSanitizer() : undefined])
      if (token !== articleToken) return
      article.value = data
      articleState.value = data ? 'ready' : 'not-found'
    } catch {
      // the article did not load (offline, a deploy in progress): the view shows LoadError and a way to try again
      if (token === articleToken) {
        article.value = null
        articleState.value = 'error'
      }
    }
  }

  /**
   * Start fetching what opening an article will need, unless it is in hand. `body`: it opens
   * in the article view, which needs the html (the excerpt view does not). `opening`: the
   * reader is about to open it (a hover, a focus, a touch), so the sanitizer's chunk too.
   */
  function prefetchArticle(
    slug: string,
    { body = false, opening = false }: { body?: boolean; opening?: boolean } = {},
  ): void {
    const current = article.value
    if (current?.slug !== slug || (body && current.html === undefined)) prefetchArticleData(slug, { body })
    if (body && opening) prefetchSanitizer()
  }

  /** Forget what was loaded (dev: content/ changed) so the next load fetches anew. */
  function invalidate(): void {
    // the article stays on screen until its new payload arrives
    if (articleState.value === 'ready') articleState.value = 'idle'
  }

  return { article, articleState, loadArticle, prefetchArticle, invalidate }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useArticleStore, import.meta.hot))
