// the one place article html becomes something the DOM accepts: DOMPurify's Trusted Types
// output, under the same rules the build used. prerendering serves the build's output as is.
// in the browser DOMPurify is its own chunk, loaded only when a body has to be put into the
// page (a client-side navigation): a prerendered body is adopted as the page has it
// (components/ArticleBody.vue), so a first visit does not download the sanitizer.
//
// a photo kept in the site gets its width, height and srcset after sanitizing, from the
// build's record of it (shared/photos/photoHtml.ts): the build writes them into the body it hands
// prerendering (plugins/contentBuildPlugin.ts), and DOMPurify's hook sets them on a body a
// navigation puts into the page.
import { shallowRef } from 'vue'
import { saveDataMode } from './data/data'
import type { Photo } from '../shared/types'

type Purify = (html: string, photos: readonly Photo[] | undefined) => string

const BASE = import.meta.env.BASE_URL

/** DOMPurify with the site's rules, once its chunk is in */
const purify = shallowRef<Purify | null>(null)
let loading: Promise<void> | undefined

/** Load DOMPurify and the site's rules (once; a failed load may be tried again). */
export function loadSanitizer(): Promise<void> {
  if (import.meta.env.SSR) return Promise.resolve()
  if (!loading) {
    loading = Promise.all([
      import('dompurify'),
      import('../shared/sanitize/policy'),
      import('../shared/sanitize/hooks'),
    ]).then(([{ default: DOMPurify }, rules, hooks]) => {
      // the photos of the body being sanitized: DOMPurify runs its hooks synchronously, within the call below
      let photosOfBody: readonly Photo[] | undefined
      hooks.installSanitizeHooks(DOMPurify, { photos: () => photosOfBody, base: BASE })
      // TrustedHTML where the browser has Trusted Types. vue's v-html passes every value
      // through its own identity policy ('vue'), which re-wraps this same string; the csp
      // browser test checks that the only html vue ever wraps is what DOMPurify returned here
      purify.value = (html, photos) => {
        photosOfBody = photos
        try {
          return DOMPurify.sanitize(html, {
            ...rules.SANITIZE_CONFIG,
            RETURN_TRUSTED_TYPE: true,
          }) as unknown as string
        } finally {
          photosOfBody = undefined
        }
      }
    })
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
 * `photos`: the article's photos kept in the site, whose <img> get their attributes.
 * Nothing but this function's result may reach v-html.
 */
export function sanitizeArticleHtml(html: string | undefined, photos?: readonly Photo[]): string | undefined {
  if (html === undefined) return undefined
  // prerendering: the build's own DOMPurify output, the photos' attributes written in already
  if (import.meta.env.SSR) return html
  const sanitize = purify.value
  return sanitize ? sanitize(html, photos) : undefined
}
