// schema.org NewsArticle data for an article page, as the text of a
// <script type="application/ld+json"> written only while prerendering. its text is never
// parsed as html, so the one way out of it is a "</script" or "<!--" inside a string:
// every <, > and & is written as a \u escape, which json reads back as the same character.
import { DESCRIPTION_LENGTH, makeExcerpt } from './text.ts'

/** What the JSON-LD says about an article; urls already absolute. */
export interface ArticleLdInput {
  title: string
  description: string
  /** canonical url of the article page */
  url: string
  /** absolute image url, or '' */
  image: string
  /** ISO date or '' */
  published: string
  /** ISO date of the last change; absent or '' when it was never changed */
  modified?: string
  categories: readonly string[]
  /** the byline, each with the absolute url of the author's page */
  authors?: readonly { name: string; url: string; role?: string }[]
  tags?: readonly string[]
  siteName: string
  /** the site's home page url */
  siteUrl: string
}

/** JSON.stringify, safe to place as the text of any html element (script included). */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

export function articleJsonLd(a: ArticleLdInput): string {
  const publisher = { '@type': 'Organization', name: a.siteName, url: a.siteUrl }
  return scriptSafeJson({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: a.title,
    // as long as the page's meta description: the whole excerpt again would be 1 KB more
    // on each of 10,000 pages, and search engines show about this much
    ...(a.description ? { description: makeExcerpt(a.description, DESCRIPTION_LENGTH) } : {}),
    url: a.url,
    ...(a.image ? { image: [a.image] } : {}),
    ...(a.published ? { datePublished: a.published } : {}),
    ...(a.modified ? { dateModified: a.modified } : {}),
    ...(a.categories.length ? { articleSection: a.categories } : {}),
    ...(a.tags?.length ? { keywords: a.tags } : {}),
    inLanguage: 'ko',
    // a byline's people, each with their page; an article with none is the newsroom's own
    author: a.authors?.length
      ? a.authors.map((p) => ({ '@type': 'Person', name: p.name, url: p.url, ...(p.role ? { jobTitle: p.role } : {}) }))
      : publisher,
    publisher,
  })
}
