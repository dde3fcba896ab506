// the search index as the build writes it and the browser reads it. the index is minisearch's,
// split by term so a query loads only the parts its words need. terms are grouped by their
// first syllable's initial consonant and vowel, so a prefix ("북" finds 북한, 북러, ...) and
// the syllables an IME is still composing (북 -> 북한) stay together; a group too big for one
// part is split by first syllable, and a syllable too big for one by a hash of the term, so
// a two-syllable word loads one part however large the archive. meta.json maps groups and
// split syllables to parts and is small: what minisearch needs of each document travels with
// its postings (its field lengths, as codes) or in files of DOC_SHARD slugs, loaded for the
// hits shown. pure: used by src/node/build/search/searchIndex.ts and src/client/search/.
import { chosungTerms, decompose, INITIALS, scanIndexTerms } from './hangul.ts'
import { isSpace } from '../text.ts'

/** the indexed fields, in the order of their ids in the index */
export const SEARCH_FIELDS = ['title', 'lead', 'body', 'titleChosung', 'leadChosung'] as const
export type SearchField = (typeof SEARCH_FIELDS)[number]

/** fields searched by text words and by initial-consonant words */
export const TEXT_FIELDS: SearchField[] = ['title', 'lead', 'body']
export const CHOSUNG_FIELDS: SearchField[] = ['titleChosung', 'leadChosung']

/** a title match outranks a match in the excerpt, which outranks one in the body */
export const FIELD_BOOST: Record<SearchField, number> = {
  title: 4,
  lead: 1.5,
  body: 1,
  titleChosung: 4,
  leadChosung: 1.5,
}

/** version of the files below; bump on any change to their shape */
export const SEARCH_FORMAT = 3

/**
 * documents that share one `docs/<n>.json` (ids n * DOC_SHARD ...): the first page of
 * results names ten documents anywhere in the archive, so each file is small (2 KiB gzip)
 */
export const DOC_SHARD = 8

/** What one article gives the index. */
export interface SearchDocument {
  title: string
  /** excerpt, standfirst, section headings and categories */
  lead: string
  /** the body's plain text */
  body: string
}

/**
 * The terms of one field of a document: hangul terms as codes (see scanIndexTerms), the rest
 * (initial consonants, latin words, numbers) as strings.
 */
export function scanFieldTerms(
  doc: SearchDocument,
  field: SearchField,
  hangul: (code: number) => void,
  other: (term: string) => void,
): void {
  switch (field) {
    case 'titleChosung':
      return chosungTerms(doc.title).forEach(other)
    case 'leadChosung':
      return chosungTerms(doc.lead).forEach(other)
    default:
      return scanIndexTerms(doc[field], hangul, other)
  }
}

/** `_data/search/meta.json`: loaded on first use; what every query needs, a few kilobytes at any size. */
export interface SearchMeta {
  format: number
  fields: string[]
  /**
   * number of documents; ids are 0..count-1 from the oldest article to the newest, so a new
   * article adds an id and moves no other (the docs files before it stay as they are)
   */
  count: number
  /** number of term parts (`terms/0.json` ...) */
  parts: number
  /**
   * the part of each group of terms (partKey) and of each first syllable of a split group; a
   * list of parts for one split further, each term in the one its hash picks (termHash)
   */
  partMap: Record<string, number | number[]>
  /** per field: average length */
  average: number[]
}

/**
 * What a result shows of an article without loading it: its title, the excerpt its passage
 * comes from when the query is in the title or the excerpt (src/client/search/snippet.ts),
 * and the line under it.
 */
export interface ShownDoc {
  slug: string
  title: string
  excerpt: string
  /** ISO date, '' when the article has none */
  date: string
  categories: string[]
}

/** `_data/search/docs/<n>.json`: documents n * DOC_SHARD onwards, in id order. */
export interface SearchDocs {
  format: number
  docs: ShownDoc[]
}

/**
 * One field's postings: the field id, then for each document in id order one number,
 * ((gap from the previous id) * 16 + term frequency) * LENGTH_CODES + the document's length
 * code in the field (lengthCode); a frequency of 16 or more is written as 0 and follows as
 * its own number. Keeps the common case (a term once in a field) to one small number.
 */
export type FieldPostings = number[]

/** `_data/search/terms/<n>.json`: terms and their postings, field by field. */
export interface SearchPart {
  format: number
  terms: Array<[term: string, ...fields: FieldPostings[]]>
}

/**
 * How many lengths a field's length is rounded to: steps of a factor of √2 around the
 * field's average, as a search engine keeps its length norms in a byte. minisearch's ranking
 * (bm25) reads a length only as a fraction of the average, and rounded so it changes little.
 */
export const LENGTH_CODES = 8
/** the code of the average length */
const AVERAGE_CODE = 4

/** The code of a field's length in a document (at least 1: the document has a term there). */
export function lengthCode(length: number, average: number): number {
  if (!(length > 0 && average > 0)) return AVERAGE_CODE
  const code = Math.round(2 * Math.log2(length / average)) + AVERAGE_CODE
  return Math.min(LENGTH_CODES - 1, Math.max(0, code))
}

/** The length a code stands for (what minisearch is given). */
export function codeLength(code: number, average: number): number {
  return average * 2 ** ((code - AVERAGE_CODE) / 2)
}

// vowels one keystroke extends (ㅗ -> ㅘ ㅙ ㅚ, ㅜ -> ㅝ ㅞ ㅟ, ㅡ -> ㅢ) share their base's part
const MEDIAL_BASE: Record<number, number> = { 9: 8, 10: 8, 11: 8, 14: 13, 15: 13, 16: 13, 19: 18 }

/** the group of a term: the initial and base vowel of its first syllable, or its first character */
export function partKey(term: string): string {
  const s = decompose(term[0] ?? '')
  if (!s) return (term.codePointAt(0) ?? 0).toString(36)
  return `${INITIALS[s.initial]}${MEDIAL_BASE[s.medial] ?? s.medial}`
}

/** A term's hash (32-bit FNV-1a over its UTF-16 code units): which part of a split unit holds it. */
export function termHash(term: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** The map entry of a term's unit: its first syllable's when split by syllable, else its group's. */
function unitOf(term: string, map: SearchMeta['partMap']): number | number[] | undefined {
  const own = (key: string) => (Object.hasOwn(map, key) ? map[key] : undefined)
  const first = term[0] ?? ''
  return (decompose(first) ? own(first) : undefined) ?? own(partKey(term))
}

/**
 * The parts a query term needs: the one that holds it, or with `prefix` every one that may
 * hold a term starting with it; none when the index has no term of its group or syllable.
 */
export function partsOf(term: string, meta: Pick<SearchMeta, 'partMap'>, prefix = false): number[] {
  const unit = unitOf(term, meta.partMap)
  if (unit === undefined) return []
  if (typeof unit === 'number') return [unit]
  return prefix ? [...new Set(unit)] : [unit[termHash(term) % unit.length]]
}

/** The part that holds a term, or undefined when the index has no term of its group or syllable. */
export function partOf(term: string, meta: Pick<SearchMeta, 'partMap'>): number | undefined {
  return partsOf(term, meta)[0]
}

/** Encode sorted [id, frequency, length code] triples (see FieldPostings). */
export function encodePostings(ids: ArrayLike<number>, freqs: ArrayLike<number>, codes: ArrayLike<number>): number[] {
  const out: number[] = []
  let prev = 0
  for (let i = 0; i < ids.length; i++) {
    const gap = ids[i] - prev
    prev = ids[i]
    const f = freqs[i]
    if (f < 16) out.push((gap * 16 + f) * LENGTH_CODES + codes[i])
    else out.push(gap * 16 * LENGTH_CODES + codes[i], f)
  }
  return out
}

/**
 * Calls `visit` with each posting of `encoded` from `start` on, in id order: the document's
 * id, the term's frequency in it and the document's length code in the field.
 */
export function forEachPosting(
  encoded: ArrayLike<number>,
  start: number,
  visit: (id: number, frequency: number, code: number) => void,
): void {
  let id = 0
  for (let i = start; i < encoded.length; i++) {
    const n = encoded[i]
    const code = n % LENGTH_CODES
    const rest = (n - code) / LENGTH_CODES
    const gap = Math.floor(rest / 16)
    id += gap
    const f = rest - gap * 16
    visit(id, f === 0 ? encoded[++i] : f, code)
  }
}

/** How many documents `encoded` names from `start` on (a frequency of 16 or more takes a number of its own). */
export function postingCount(encoded: ArrayLike<number>, start: number): number {
  let n = 0
  for (let i = start; i < encoded.length; i++, n++)
    if (((encoded[i] - (encoded[i] % LENGTH_CODES)) / LENGTH_CODES) % 16 === 0) i++
  return n
}

/**
 * Decode postings into document id -> frequency, as minisearch serialises them; each
 * document's length code is handed to `onLength` when given.
 */
export function decodePostings(
  encoded: ArrayLike<number>,
  start = 0,
  onLength?: (id: number, code: number) => void,
): Record<number, number> {
  const out: Record<number, number> = {}
  forEachPosting(encoded, start, (id, frequency, code) => {
    out[id] = frequency
    onLength?.(id, code)
  })
  return out
}

const BLOCK_TAG =
  /<\/?(?:p|div|h[1-6]|li|ul|ol|br|hr|tr|td|th|table|blockquote|pre|figure|figcaption|section|article|aside|dt|dd)\b/iy
const ENTITY = /&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos|nbsp));/gi
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

/**
 * `html.replace(/<...[^>]*>/g, replacement)` for tags whose start `starts` accepts, in one
 * forward pass: the `>` a tag ends at is looked for again only when the last one found lies
 * behind its `<`. (As a regular expression, `[^>]*` would read to the end of the text from
 * every `<` of a text with no `>`: quadratic.)
 */
function replaceTags(html: string, starts: (html: string, lt: number) => boolean, replacement: string): string {
  let out = ''
  let from = 0
  let gt = -2
  for (let lt = html.indexOf('<'); lt >= 0; lt = html.indexOf('<', lt + 1)) {
    if (gt !== -1 && gt < lt) gt = html.indexOf('>', lt)
    if (gt === -1) break
    if (!starts(html, lt)) continue
    out += html.slice(from, lt) + replacement
    from = gt + 1
    lt = gt
  }
  return out + html.slice(from)
}

/** a block's tag starts here: `<p`, `</li` ... followed by a character that ends a word */
const isBlockTag = (html: string, lt: number) => {
  BLOCK_TAG.lastIndex = lt
  return BLOCK_TAG.test(html)
}

/**
 * The text of sanitized article html, blocks separated by new lines, space inside them
 * squashed: an article's reading time and its search text at build time, a search result's
 * passage in the browser. A string method rather than a DOM parser: the browser's parser is
 * a Trusted Types sink, and the html is already the build's own sanitized (and serialised:
 * only &amp; &lt; &gt; &quot; &nbsp; escapes) output. Linear in the length of the html.
 *
 * One pass over the html, then one over the text (the search index reads every article's
 * body through this: 27 million characters at 10,000 articles, 0.9 s as the five regular
 * expressions of htmlToTextByPasses). A `<` inside a tag that is not a block's (an attribute
 * may hold one) is read by those passes in a way one pass cannot follow: such html goes to
 * them, so the text is the same either way (tests compare the two).
 */
export function htmlToText(html: string): string {
  const stripped = stripTags(html)
  if (stripped === undefined) return htmlToTextByPasses(html)
  return squashText(stripped.includes('&') ? decodeEntities(stripped) : stripped)
}

/** the same text as htmlToText, pass after pass: html the one pass cannot read (see there) */
export function htmlToTextByPasses(html: string): string {
  // a line break in the source is a space; only blocks start lines
  const blocks = replaceTags(html.replace(/\s+/g, ' '), isBlockTag, '\n')
  return (
    decodeEntities(replaceTags(blocks, () => true, ''))
      .replace(/[ \t\u00a0]+/g, ' ')
      // white space around a line break goes with it (one pass over each run of white space;
      // `\s*\n\s*` would read every run to its end from each of its characters)
      .replace(/\s+/g, (run) => (run.includes('\n') ? '\n' : run))
      .trim()
  )
}

const decodeEntities = (text: string) =>
  text.replace(ENTITY, (_, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name.toLowerCase()]
    const cp = parseInt(dec ?? hex ?? '', dec ? 10 : 16)
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd'
  })

/** is this a word character of `\b` (without the u flag)? */
const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95

const BLOCK_NAMES = new Set(
  'p div h1 h2 h3 h4 h5 h6 li ul ol br hr tr td th table blockquote pre figure figcaption section article aside dt dd'.split(
    ' ',
  ),
)

/** BLOCK_TAG's test without a regular expression: the word after `<` or `</` is a block's name */
function isBlockAt(html: string, lt: number): boolean {
  let at = lt + 1
  if (html.charCodeAt(at) === 47) at++
  let end = at
  while (end < html.length && isWordChar(html.charCodeAt(end))) end++
  return end - at <= 10 && end > at && BLOCK_NAMES.has(html.slice(at, end).toLowerCase())
}

/**
 * The html's tags taken out (a block's as a line break), white space runs between them made
 * one space: the first three passes of htmlToTextByPasses in one. Undefined where a tag that
 * is not a block's holds a `<`: those passes would look inside it.
 */
function stripTags(html: string): string | undefined {
  let out = ''
  let from = 0
  for (let lt = html.indexOf('<'); lt >= 0; lt = html.indexOf('<', from)) {
    const gt = html.indexOf('>', lt)
    if (gt < 0) break
    const block = isBlockAt(html, lt)
    if (!block) {
      const inner = html.indexOf('<', lt + 1)
      if (inner >= 0 && inner < gt) return undefined
    }
    out += squashSpaces(html, from, lt)
    if (block) out += '\n'
    from = gt + 1
  }
  return out + squashSpaces(html, from, html.length)
}

/** `text.slice(from, to)` with each run of white space made one space (a run ends where the slice does) */
function squashSpaces(text: string, from: number, to: number): string {
  let out = ''
  let kept = from
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if (!isSpace(c)) continue
    let end = i + 1
    while (end < to && isSpace(text.charCodeAt(end))) end++
    if (c !== 32 || end - i > 1) {
      out += text.slice(kept, i) + ' '
      kept = end
    }
    i = end - 1
  }
  return kept === from ? text.slice(from, to) : out + text.slice(kept, to)
}

/** the last two passes of htmlToTextByPasses in one: a run of white space with a line break becomes it, spaces, tabs and no-break spaces in others one space; trimmed */
function squashText(text: string): string {
  let out = ''
  let kept = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (!isSpace(c)) continue
    let end = i + 1
    let newline = c === 10
    while (end < text.length && isSpace(text.charCodeAt(end))) {
      if (text.charCodeAt(end) === 10) newline = true
      end++
    }
    if (newline) {
      out += text.slice(kept, i) + '\n'
      kept = end
    } else if (c !== 32 || end - i > 1) {
      out += text.slice(kept, i) + text.slice(i, end).replace(/[ \t\u00a0]+/g, ' ')
      kept = end
    }
    i = end - 1
  }
  return (out + text.slice(kept)).trim()
}
