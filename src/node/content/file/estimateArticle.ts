// the dev server's quick look at a content file: parsed and validated as the build does,
// its body's derived values (excerpt, reading time) estimated from the text with the tags
// stripped instead of rendered. kept apart from processFile.ts, which renders, so a worker
// thread doing only this does not load jsdom.
import type { Article, Author, Problem } from '../../../shared/types.ts'
import { slugify } from '../../../shared/slug.ts'
import { makeExcerpt, readingMinutes, squash } from '../../../shared/text.ts'
import { parseArticle, type ParsedArticle } from './parseArticle.ts'
import type { FileResult } from '../types.ts'

/**
 * Parse one file and estimate its body's derived values without rendering it: the text is
 * the body with its tags stripped. For the dev server, whose listing must not wait for
 * thousands of bodies; never for the build.
 */
export function estimateFile(file: string, bytes: Uint8Array, { text: withText = true } = {}): FileResult {
  try {
    const parsed = parseArticle(file, bytes)
    if (!parsed.ok) return parsed
    const p = parsed.article
    // white space left as it is: the reading time counts the same either way, and the
    // excerpt squashes what it takes (squashing all of it would be a large share of an
    // estimate's work, when the text is not kept)
    const text = strippedText(p.body)
    return {
      ok: true,
      article: {
        ...articleFields(p),
        excerpt: p.excerpt || makeExcerpt(text),
        readingMinutes: readingMinutes(text),
        // escaped text only: an estimate never carries the author's markup
        html: withText ? `<p>${escapeHtml(squash(text))}</p>` : '',
        headings: [],
      },
      ...warningsOf(p),
    }
  } catch (err) {
    return { ok: false, problems: [{ file, message: `could not be read: ${(err as Error).message}` }] }
  }
}

/** the body's text, roughly: tags, markdown marks and the common entities out */
function strippedText(body: string): string {
  return body
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&(lt|gt|amp|quot|#39);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'" })[e] ?? ' ')
    .replace(/[#*_`>|~[\]]+/g, ' ')
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** a parsed file's warnings, for its result: none is left out (a result kept in a cache stays small) */
export function warningsOf(p: ParsedArticle): { warnings?: Problem[] } {
  return p.warnings.length ? { warnings: p.warnings } : {}
}

/**
 * An author as the front matter alone names them: the authors file (content/authors.ts)
 * fills in the rest after the files are read, so what a file gives, and what the caches
 * keep of it, does not depend on another file.
 */
export function unlistedAuthor(name: string): Author {
  return { name, slug: slugify(name), role: '', email: '', bio: '', photo: '' }
}

export function articleFields(p: ParsedArticle): Omit<Article, 'excerpt' | 'readingMinutes' | 'html' | 'headings'> {
  return {
    slug: p.slug,
    title: p.title,
    categories: p.categories,
    authors: p.authors.map(unlistedAuthor),
    tags: p.tags,
    image: p.image,
    imageAlt: p.imageAlt,
    imageCaption: p.imageCaption,
    // the photos kept in the site are found once every article is read (ContentLoader.usePhotos)
    photos: [],
    date: p.date,
    // only where they apply (see ArticleDates); whether it is scheduled is decided when the
    // articles are listed, never when a file is read (see publish.ts)
    ...(p.updated ? { updated: p.updated } : {}),
    ...(p.draft ? { draft: true } : {}),
    featureText: p.featureText,
    prev: null,
    next: null,
    related: [],
    source: p.file,
  }
}

