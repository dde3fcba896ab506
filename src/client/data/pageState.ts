// the state a prerendered article or excerpt page carries for the app: how the build writes
// it (pageStateScript, which useShownArticle hands unhead while prerendering) and how the app
// reads it back (articleOfPage: data.ts for the page being hydrated, articlePage.ts for a
// page fetched for a navigation), side by side so the two agree on its id and its shape.
import type { Article, AuthorRef } from '../../shared/types'
import { squash } from '../../shared/text'
import { scriptSafeJson } from '../../shared/jsonLd'

/**
 * An article without its body (and source path): what a prerendered page carries inline.
 * Its authors are bylines (name, slug, role): what the authors file says besides (email,
 * bio, photo) is the author's page's, and repeated in every article's page it would cost
 * each of them bytes no view of an article reads.
 */
export type ArticleMeta = Omit<Article, 'html' | 'source' | 'authors'> & { authors: AuthorRef[] }

/** id of the `<script type="application/json">` a prerendered article or excerpt page ends with */
export const ARTICLE_STATE_ID = 'articleState'

/** the state as a page carries it (pageStateScript) */
type PageState = Omit<ArticleMeta, 'excerpt' | 'headings'> & { excerpt?: string; headings?: ArticleMeta['headings'] }

/**
 * The data block a prerendered page ends with, as a script for unhead's useHead: the article
 * the page shows, less its body and source. `withBody`: the page holds the article's body
 * (the article view), whose h2 and h3 are the headings, so the state leaves them out; a
 * summary's page carries them. Most articles' excerpt is their feature text, written once.
 * A data block is never run, so the policy's script-src allows it, and scriptSafeJson leaves
 * no '<' in it to close it.
 */
export function pageStateScript(article: LoadedArticle, withBody: boolean) {
  const { html: _html, source: _source, ...meta } = article
  const state: Partial<ArticleMeta> = {
    ...meta,
    authors: meta.authors.map(({ name, slug, role }) => ({ name, slug, role })),
    headings: withBody ? undefined : meta.headings,
    excerpt: meta.excerpt === meta.featureText ? undefined : meta.excerpt,
  }
  return {
    id: ARTICLE_STATE_ID,
    type: 'application/json',
    tagPosition: 'bodyClose',
    textContent: scriptSafeJson(state),
  } as const
}

/**
 * The article a prerendered page was rendered with, if it is `slug`'s, or null when the page
 * holds no such article or one that cannot be read back whole. `fetched`: a page fetched for
 * a navigation, whose body's html comes with it; the page being hydrated keeps its body.
 */
export function articleOfPage(
  doc: Document,
  state: Element | null,
  slug: string,
  fetched?: boolean,
): LoadedArticle | null {
  try {
    const meta = JSON.parse(state?.textContent ?? '') as PageState | null
    if (meta?.slug !== slug) return null
    // left out of the state (useShownArticle): the excerpt where it is the feature text, and
    // on an article page the headings, which are the body's h2 and h3 with the ids the build
    // gave them. an empty body: an altered live page (loaded anew), or in a page fetched as
    // it was built, an article without one
    const body = doc.querySelector('.article-body')
    const hasBody = !!body && (fetched || !!body.firstChild)
    if (!meta.headings && !hasBody) return null
    const headings =
      meta.headings ??
      [...body!.querySelectorAll('h2[id], h3[id]')].map((h) => ({
        level: h.tagName === 'H2' ? (2 as const) : (3 as const),
        id: h.id,
        text: squash(h.textContent ?? ''),
      }))
    return {
      ...meta,
      excerpt: meta.excerpt ?? meta.featureText,
      headings,
      ...(fetched && hasBody ? { html: body!.innerHTML } : {}),
    }
  } catch {
    // state that is not json, or a body that cannot be read: the article is loaded instead
    return null
  }
}

/** An article as loaded for a view: its body's html unless it came from a summary's page. */
export type LoadedArticle = ArticleMeta & { html?: string; source?: string }
