// where the payloads live, relative to the site's base. the build writes these files and
// the browser fetches them; one place so both sides agree.
import { slugify } from './slug.ts'

export const DATA_DIR = '_data'

/**
 * payload files are json stored gzip-compressed (as pagefind stores its index): a third of
 * the bytes on the host (at 10,000 articles about 80 MB less), the same bytes on the wire,
 * since a host would gzip json anyway. the browser undoes it (data.ts); a host that sends
 * the file with `Content-Encoding: gzip` has undone it already, which data.ts also reads.
 */
export const PAYLOAD_EXT = '.json.gz'

const seg = (s: string) => encodeURIComponent(s)

/**
 * payload of one article: served by the dev server and read while prerendering, never
 * written by the build. in a build the article's own prerendered page is its data (the
 * browser reads its state and body: client/data.ts loadArticleData): 10,000 files fewer
 * to write, in one folder (their gzip and writes: about a seventh of a rendering thread's time at 10,000 articles)
 */
export function articleDataPath(slug: string): string {
  return `${DATA_DIR}/articles/${seg(slug)}${PAYLOAD_EXT}`
}

/** is this (decoded) payload path an article's, which the build does not write? */
export function isArticleDataPath(path: string): boolean {
  return path.startsWith(`${DATA_DIR}/articles/`)
}

/** payload of one page of the home listing (1-based) */
export function pageDataPath(page: number): string {
  return `${DATA_DIR}/pages/${page}${PAYLOAD_EXT}`
}

/** payload of one page of a category listing (1-based) */
export function categoryDataPath(category: string, page: number): string {
  return `${DATA_DIR}/categories/${seg(category)}/${page}${PAYLOAD_EXT}`
}

/** search index: what is loaded first (document ids, slugs, field lengths) */
export function searchMetaPath(): string {
  return `${DATA_DIR}/search/meta${PAYLOAD_EXT}`
}

/** search index: one part of the terms (a query loads only the parts its words need) */
export function searchPartPath(part: number): string {
  return `${DATA_DIR}/search/terms/${part}${PAYLOAD_EXT}`
}

/** route paths (without the base), always with a trailing slash */
export const routePath = {
  home: (page = 1) => (page <= 1 ? '/' : `/page/${page}/`),
  article: (slug: string) => `/articles/${slug}/`,
  excerpt: (slug: string) => `/articles/${slug}/excerpt/`,
  category: (name: string, page = 1) => `/categories/${slugify(name)}/${page <= 1 ? '' : `page/${page}/`}`,
  search: (q?: string) => (q ? `/search/?q=${encodeURIComponent(q)}` : '/search/'),
}
