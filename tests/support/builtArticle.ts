// an article as a build published it: the builder writes no data file per article, so its
// own prerendered page is read, as the browser reads it on a client-side navigation
// (src/client/data/pageState.ts): the state the page ends with, and its body's html.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { JSDOM } from 'jsdom'
import type { Article } from '../../src/shared/types'

export type BuiltArticle = Omit<Article, 'source'>

/** The state a prerendered page of the build in `dist` ends with (`file`: under dist/), and its document. */
export function readPageState(
  dist: string,
  file: string,
): { meta: Omit<BuiltArticle, 'html' | 'headings'> & { headings?: Article['headings'] }; document: Document } {
  const { document } = new JSDOM(readFileSync(join(dist, file), 'utf8')).window
  const state = document.getElementById('articleState')
  if (!state) throw new Error(`${file} has no article state`)
  return { meta: JSON.parse(state.textContent ?? ''), document }
}

/** The article `slug` of the build in `dist`, from `articles/<slug>/index.html`. */
export function readBuiltArticle(dist: string, slug: string): BuiltArticle {
  const { meta, document } = readPageState(dist, join('articles', slug, 'index.html'))
  const body = document.querySelector('.article-body')
  if (!body) throw new Error(`articles/${slug}/index.html has no .article-body`)
  // (an article page's state leaves out the headings, which are its body's h2 and h3)
  const headings = [...body.querySelectorAll('h2[id], h3[id]')].map((h) => ({
    level: h.tagName === 'H2' ? (2 as const) : (3 as const),
    id: h.id,
    text: (h.textContent ?? '').replace(/\s+/g, ' ').trim(),
  }))
  return {
    ...meta,
    excerpt: meta.excerpt ?? meta.featureText,
    headings: meta.headings ?? headings,
    html: body.innerHTML,
  }
}
