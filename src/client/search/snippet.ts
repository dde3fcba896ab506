// what a search result shows of an article: its title and a short passage around the first
// match, as plain text segments; the template wraps the matched ones in <mark> (text nodes
// built by vue, never html).
import type { Article } from '../../shared/types'
import { matchRanges, type QueryWord, type Range } from '../../shared/search/hangul'
import { htmlToText } from '../../shared/search/searchFormat'

export interface Segment {
  text: string
  mark: boolean
}

/** The text cut into segments, matched ones marked. */
export function highlight(text: string, words: readonly QueryWord[]): Segment[] {
  return segments(text, matchRanges(text, words), 0, text.length)
}

function segments(text: string, ranges: readonly Range[], from: number, to: number): Segment[] {
  const out: Segment[] = []
  let at = from
  for (const [a, b] of ranges) {
    if (b <= from || a >= to) continue
    const start = Math.max(a, from)
    const end = Math.min(b, to)
    if (start > at) out.push({ text: text.slice(at, start), mark: false })
    out.push({ text: text.slice(start, end), mark: true })
    at = end
  }
  if (at < to) out.push({ text: text.slice(at, to), mark: false })
  return out
}

export interface SnippetOptions {
  /** characters shown in all, about */
  length?: number
  /** characters shown before the first match, about */
  before?: number
}

/**
 * A passage of the text around its first match, cut at spaces, with an ellipsis where text
 * was left out; null when the query does not occur in it.
 */
export function snippet(
  text: string,
  words: readonly QueryWord[],
  { length = 120, before = 30 }: SnippetOptions = {},
): Segment[] | null {
  const flat = text.replace(/\s+/g, ' ').trim()
  const ranges = matchRanges(flat, words)
  if (!ranges.length) return null
  let from = Math.max(0, ranges[0][0] - before)
  if (from > 0) {
    // start at a word: the space before, unless that is too far back
    const space = flat.lastIndexOf(' ', from)
    from = space >= 0 && ranges[0][0] - space < before * 2 ? space + 1 : from
  }
  let to = Math.min(flat.length, from + length)
  if (to < flat.length) {
    const space = flat.indexOf(' ', to)
    to = space >= 0 && space - to < 20 ? space : to
  }
  const out = segments(flat, ranges, from, to)
  if (from > 0) out.unshift({ text: '…', mark: false })
  if (to < flat.length) out.push({ text: '…', mark: false })
  return out
}

/** The start of a text as one unmarked segment, cut at a space with an ellipsis. */
export function lead(text: string, length = 120): Segment[] {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= length) return [{ text: flat, mark: false }]
  const space = flat.lastIndexOf(' ', length)
  return [{ text: `${flat.slice(0, space > length / 2 ? space : length)}…`, mark: false }]
}

const bodyTexts = new WeakMap<HitArticle, string>()

/**
 * what a result is shown from: the index's doc of its article (shared/search/searchFormat.ts
 * ShownDoc), with the article's body (`html`, data/data.ts loadArticleData) when the passage
 * has to come from it (passageNeedsBody)
 */
export type HitArticle = Pick<Article, 'title' | 'excerpt'> & { html?: string }

function bodyText(article: HitArticle): string {
  let text = bodyTexts.get(article)
  if (text === undefined) {
    text = htmlToText(article.html ?? '')
    bodyTexts.set(article, text)
  }
  return text
}

const matches = (text: string, words: readonly QueryWord[]) => matchRanges(text, words).length > 0

/**
 * Whether a result's passage comes from its article's body: the query is in neither its
 * title nor its excerpt (it matched the body, a heading or a tag). Otherwise the result is
 * shown from the index alone, without loading the article.
 */
export function passageNeedsBody(article: HitArticle, words: readonly QueryWord[]): boolean {
  return !matches(article.excerpt, words) && !matches(article.title, words)
}

/**
 * How a result shows an article: the title with its matches marked, and a passage: of the
 * excerpt around the first match; the excerpt's start when the match was in the title; else
 * of the body around its first match (the excerpt's start when there is none there either,
 * e.g. initial consonants in a heading, or before the body is in).
 */
export function presentHit(
  article: HitArticle,
  words: readonly QueryWord[],
  options?: SnippetOptions,
): { title: Segment[]; passage: Segment[] } {
  const fromBody = passageNeedsBody(article, words) && article.html !== undefined
  const passage =
    snippet(article.excerpt, words, options) ??
    (fromBody ? snippet(bodyText(article), words, options) : null) ??
    lead(article.excerpt, options?.length)
  return { title: highlight(article.title, words), passage }
}
