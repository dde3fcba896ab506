// the one place article html becomes something the DOM accepts: DOMPurify's Trusted Types
// output, under the same rules the build used. prerendering serves the build's output as is.
// in the browser DOMPurify is its own chunk, loaded only when a body has to be put into the
// page (a client-side navigation): a prerendered body is adopted as the page has it
// (components/ArticleBody.vue), so a first visit does not download the sanitizer.
import { shallowRef } from 'vue'
import { saveDataMode } from './data/data'

type Purify = (html: string) => string

/** DOMPurify with the site's rules, once its chunk is in */
const purify = shallowRef<Purify | null>(null)
let loading: Promise<void> | undefined

/** Load DOMPurify and the site's rules (once; a failed load may be tried again). */
export function loadSanitizer(): Promise<void> {
  if (import.meta.env.SSR) return Promise.resolve()
  if (!loading) {
    loading = Promise.all([import('dompurify'), import('../shared/sanitize')]).then(
      ([{ default: DOMPurify }, rules]) => {
        rules.installSanitizeHooks(DOMPurify)
        // TrustedHTML where the browser has Trusted Types. vue's v-html passes every value
        // through its own identity policy ('vue'), which re-wraps this same string; the csp
        // browser test checks that the only html vue ever wraps is what DOMPurify returned here
        purify.value = (html) =>
          DOMPurify.sanitize(html, { ...rules.SANITIZE_CONFIG, RETURN_TRUSTED_TYPE: true }) as unknown as string
      },
    )
    // the caller gets the rejection; the failed load is forgotten, so the next call tries again
    loading.catch(() => (loading = undefined))
  }
  return loading
}

/** Start loading the sanitizer ahead of need (never on a save-data connection). */
export function prefetchSanitizer(): void {
  if (import.meta.env.SSR || saveDataMode()) return
  // only ahead of need: the load the article view waits for tries again, and shows its failure
  void loadSanitizer().catch(() => {})
}

/**
 * `html` as the DOM may take it, or undefined: when there is no html, and in the browser
 * while DOMPurify is not loaded yet (reactive: a computed over this runs again once it is).
 * Nothing but this function's result may reach v-html.
 */
export function sanitizeArticleHtml(html: string | undefined): string | undefined {
  if (html === undefined) return undefined
  if (import.meta.env.SSR) return html
  const sanitize = purify.value
  return sanitize ? sanitize(html) : undefined
}
