// the search index files: `_data/search/meta.json` (which part holds which terms),
// `_data/search/terms/<n>.json` (the postings, split by term, each with its document's field
// length as a code) and `_data/search/docs/<n>.json` (what a result shows, by document id). the browser turns
// the parts a query needs into a minisearch index (MiniSearch.loadJS), so minisearch does all
// matching and scoring. the postings are counted here rather than by minisearch's own add(),
// which walks its radix tree for every token, too slow for a large archive; the result is the
// same index but for the rounded lengths (tests/unit/node/build/searchIndex.test.ts checks it
// against minisearch's).
import type { Article } from '../../shared/types.ts'
import { searchDocsPath, searchMetaPath, searchPartPath } from '../../shared/paths.ts'
import { hangulTerm, isSyllable } from '../../shared/search/hangul.ts'
import {
  DOC_SHARD,
  SEARCH_FIELDS,
  SEARCH_FORMAT,
  encodePostings,
  htmlToText,
  lengthCode,
  partKey,
  partOf,
  scanFieldTerms,
  termHash,
  type SearchDocs,
  type SearchDocument,
  type SearchMeta,
  type SearchPart,
  type ShownDoc,
} from '../../shared/search/searchFormat.ts'

/** postings per part the split aims at (about 130 KiB of json, 40 KiB compressed) */
export const PART_POSTINGS = 30_000

/** What the index is made from of an article. */
export type SearchSource = Pick<
  Article,
  'slug' | 'title' | 'excerpt' | 'date' | 'featureText' | 'headings' | 'categories' | 'html'
> & { tags?: readonly string[] }

/** What a result shows of an article (see ShownDoc). */
export function shownDoc({ slug, title, excerpt, date, categories }: Omit<SearchSource, 'html'>): ShownDoc {
  return { slug, title, excerpt, date, categories: [...categories] }
}

/** What the index reads of an article. */
export function searchDocument(a: Omit<SearchSource, 'slug' | 'date'>): SearchDocument {
  const lead = [
    a.excerpt,
    a.featureText && a.featureText !== a.excerpt ? a.featureText : '',
    ...a.headings.map((h) => h.text),
    ...a.categories,
    ...(a.tags ?? []),
  ]
  return { title: a.title, lead: lead.filter(Boolean).join('\n'), body: htmlToText(a.html) }
}

/**
 * Hangul term codes (non-negative) to term ids, open addressing over typed arrays: the index
 * looks one up for every hangul token of the archive (15 million at 10,000 articles), and a
 * Map of numbers costs several times as much per lookup.
 */
class CodeTable {
  private keys = new Int32Array(1 << 16).fill(-1)
  private values = new Int32Array(1 << 16)
  private size = 0
  private bits = 16
  private mask = (1 << 16) - 1

  /** where `code` starts its probe: the high bits of a multiplicative hash (they depend on every bit of the code) */
  private slot(code: number): number {
    return Math.imul(code, 0x9e3779b1) >>> (32 - this.bits)
  }

  /** the id of `code`, or -1 */
  get(code: number): number {
    for (let at = this.slot(code); ; at = (at + 1) & this.mask) {
      const k = this.keys[at]
      if (k === code) return this.values[at]
      if (k === -1) return -1
    }
  }

  set(code: number, id: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow()
    let at = this.slot(code)
    while (this.keys[at] !== -1 && this.keys[at] !== code) at = (at + 1) & this.mask
    if (this.keys[at] === -1) this.size++
    this.keys[at] = code
    this.values[at] = id
  }

  private grow(): void {
    const { keys, values } = this
    this.keys = new Int32Array(keys.length * 2).fill(-1)
    this.values = new Int32Array(keys.length * 2)
    this.bits++
    this.mask = keys.length * 2 - 1
    this.size = 0
    for (let i = 0; i < keys.length; i++) if (keys[i] !== -1) this.set(keys[i], values[i])
  }
}

/** A growable Int32Array. */
class IntList {
  data = new Int32Array(1 << 16)
  length = 0
  push(n: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = n
  }
}

/** The index of a set of documents, its parts made one at a time (see indexDocuments). */
export interface DocumentIndex {
  meta: SearchMeta
  /** part `i`'s terms, made when asked: at 100,000 articles the parts are hundreds of megabytes, never all held at once */
  part(i: number): SearchPart
  docs: SearchDocs[]
}

/**
 * The index of documents (ids are their positions), as minisearch would serialise it with
 * field lengths rounded (lengthCode), split into parts; what results show in runs of DOC_SHARD.
 */
export function buildSearchIndex(
  docs: Iterable<SearchDocument>,
  shown: readonly ShownDoc[],
  options: { partPostings?: number } = {},
): { meta: SearchMeta; parts: SearchPart[]; docs: SearchDocs[] } {
  const index = indexDocuments(docs, shown, options)
  return {
    meta: index.meta,
    parts: Array.from({ length: index.meta.parts }, (_, i) => index.part(i)),
    docs: index.docs,
  }
}

/**
 * The index of `docs`, one per entry of `shown`, read once each in order: a document's text
 * is not needed after its turn, so an iterable that makes each when asked (searchIndexEntries)
 * holds one at a time.
 */
export function indexDocuments(
  docs: Iterable<SearchDocument>,
  shown: readonly ShownDoc[],
  options: { partPostings?: number } = {},
): DocumentIndex {
  const postings = new Postings()
  for (const document of docs) {
    if (postings.count === shown.length)
      throw new Error(`the search index was given more documents than the ${shown.length} it shows`)
    postings.add(document)
  }
  if (postings.count !== shown.length)
    throw new Error(`the search index was given ${postings.count} documents for the ${shown.length} it shows`)
  return postings.index(shown, options)
}

/** a slot's postings are chained in blocks of this many */
const BLOCK = 8
/** the postings' pool grows by chunks of 2^CHUNK_BITS entries: never copied, never held twice while it grows */
const CHUNK_BITS = 20
const CHUNK_MASK = (1 << CHUNK_BITS) - 1

/** Numbers at positions, in chunks added as they fill. */
class ChunkedInts {
  readonly chunks: Int32Array[] = []
  /** make position `p` writable */
  reach(p: number): void {
    while (p >>> CHUNK_BITS >= this.chunks.length) this.chunks.push(new Int32Array(1 << CHUNK_BITS))
  }
}

/**
 * The postings of documents added one at a time (ids are the order they come in), in typed
 * arrays: each slot (term id * fields + field) has a chain of blocks of BLOCK postings in a
 * pool (document, frequency), in document order as they arrive; a document's slot seen already
 * in it is its slot's last posting. No per-term arrays, no string per hangul token, and
 * nothing to sort afterwards: this is most of a large archive's build time and memory (at
 * 100,000 articles, 73 million postings). `index` turns them into the index; the parts'
 * json-shaped terms are made a part at a time (DocumentIndex.part).
 */
class Postings {
  private readonly terms: string[] = []
  private readonly byCode = new CodeTable()
  private readonly byString = new Map<string, number>()
  // per slot: its postings, its chain's first and last block, the last document and where its posting is
  private counts = new Int32Array(1 << 16)
  private head = new Int32Array(1 << 16)
  private tail = new Int32Array(1 << 16)
  private lastDoc = new Int32Array(1 << 16).fill(-1)
  private lastAt = new Int32Array(1 << 16)
  /** the pool: each block's next in its chain, and every posting's document and frequency */
  private readonly next = new IntList()
  private readonly docs = new ChunkedInts()
  private readonly freqs = new ChunkedInts()
  /** each field's length (distinct terms) of each document */
  private readonly lengths: number[][] = SEARCH_FIELDS.map(() => [])
  private readonly average = SEARCH_FIELDS.map(() => 0)
  private doc = 0
  private field = 0
  private distinct = 0

  /** how many documents were added */
  get count(): number {
    return this.doc
  }

  add(document: SearchDocument): void {
    const { lengths, average } = this
    const doc = this.doc
    for (let field = 0; field < SEARCH_FIELDS.length; field++) {
      this.field = field
      this.distinct = 0
      scanFieldTerms(document, SEARCH_FIELDS[field], this.addCode, this.addString)
      // as minisearch: a field's length is its number of distinct terms, averaged as it goes
      lengths[field].push(this.distinct)
      average[field] = (average[field] * doc + this.distinct) / (doc + 1)
    }
    this.doc++
  }

  private readonly addCode = (code: number): void => {
    let t = this.byCode.get(code)
    if (t < 0) this.byCode.set(code, (t = this.newTerm(hangulTerm(code))))
    this.addTerm(t)
  }

  private readonly addString = (term: string): void => {
    let t = this.byString.get(term)
    if (t === undefined) this.byString.set(term, (t = this.newTerm(term)))
    this.addTerm(t)
  }

  private newTerm(term: string): number {
    const t = this.terms.length
    this.terms.push(term)
    if ((t + 1) * SEARCH_FIELDS.length > this.lastDoc.length) {
      const grow = (a: Int32Array, fill = 0) => {
        const grown = new Int32Array(a.length * 2)
        if (fill) grown.fill(fill)
        grown.set(a)
        return grown
      }
      this.counts = grow(this.counts)
      this.head = grow(this.head)
      this.tail = grow(this.tail)
      this.lastDoc = grow(this.lastDoc, -1)
      this.lastAt = grow(this.lastAt)
    }
    return t
  }

  private addTerm(t: number): void {
    const slot = t * SEARCH_FIELDS.length + this.field
    if (this.lastDoc[slot] === this.doc) {
      const at = this.lastAt[slot]
      this.freqs.chunks[at >>> CHUNK_BITS][at & CHUNK_MASK]++
      return
    }
    const n = this.counts[slot]
    let at: number
    if (n % BLOCK === 0) {
      // a new block at the end of the pool, chained after the slot's last
      const block = this.next.length
      this.next.push(-1)
      if (n === 0) this.head[slot] = block
      else this.next.data[this.tail[slot]] = block
      this.tail[slot] = block
      at = block * BLOCK
      this.docs.reach(at + BLOCK - 1)
      this.freqs.reach(at + BLOCK - 1)
    } else at = this.tail[slot] * BLOCK + (n % BLOCK)
    this.docs.chunks[at >>> CHUNK_BITS][at & CHUNK_MASK] = this.doc
    this.freqs.chunks[at >>> CHUNK_BITS][at & CHUNK_MASK] = 1
    this.counts[slot] = n + 1
    this.lastDoc[slot] = this.doc
    this.lastAt[slot] = at
    this.distinct++
  }

  /** slot's postings, documents and frequencies in document order, into `ids` and `freqs` (as long as its count) */
  private read(slot: number, ids: Int32Array, freqs: Int32Array): void {
    const n = this.counts[slot]
    for (let i = 0, block = this.head[slot]; i < n; block = this.next.data[block]) {
      for (let k = 0, at = block * BLOCK; k < BLOCK && i < n; k++, at++, i++) {
        ids[i] = this.docs.chunks[at >>> CHUNK_BITS][at & CHUNK_MASK]
        freqs[i] = this.freqs.chunks[at >>> CHUNK_BITS][at & CHUNK_MASK]
      }
    }
  }

  /** The index of the documents added, what results show of each in `shown`. */
  index(shown: readonly ShownDoc[], { partPostings = PART_POSTINGS }: { partPostings?: number } = {}): DocumentIndex {
    const { terms, counts, lengths, average } = this
    const fieldCount = SEARCH_FIELDS.length
    // (only the chains are read from here)
    this.lastDoc = this.lastAt = new Int32Array(0)

    const size = (t: number) => {
      let n = 1
      for (let f = 0; f < fieldCount; f++) n += counts[t * fieldCount + f]
      return n
    }
    let total = 0
    for (let t = 0; t < terms.length; t++) total += size(t)
    const partCount = Math.max(1, Math.ceil(total / partPostings))
    const { partMap, parts: placed } = assignParts(terms, size, partCount)
    // each part's terms, in order
    const termsOf: number[][] = Array.from({ length: placed }, () => [])
    const order = terms.map((_, t) => t).sort((a, b) => (terms[a] < terms[b] ? -1 : terms[a] > terms[b] ? 1 : 0))
    for (const t of order) termsOf[partOf(terms[t], { partMap })!].push(t)
    // each document's length code in each field, as its postings carry it
    const codes = lengths.map((l, f) => Uint8Array.from(l, (length) => lengthCode(length, average[f])))

    const part = (i: number): SearchPart => {
      const out: SearchPart = { format: SEARCH_FORMAT, terms: [] }
      for (const t of termsOf[i]) {
        const entry: SearchPart['terms'][number] = [terms[t]]
        for (let f = 0; f < fieldCount; f++) {
          const slot = t * fieldCount + f
          const n = counts[slot]
          if (n === 0) continue
          const ids = new Int32Array(n)
          const freqs = new Int32Array(n)
          this.read(slot, ids, freqs)
          const fieldCodes = Uint8Array.from(ids, (id) => codes[f][id])
          entry.push([f, ...encodePostings(ids, freqs, fieldCodes)])
        }
        out.terms.push(entry)
      }
      return out
    }

    const meta: SearchMeta = {
      format: SEARCH_FORMAT,
      fields: [...SEARCH_FIELDS],
      count: this.doc,
      parts: placed,
      partMap,
      average: [...average],
    }
    const shards: SearchDocs[] = []
    for (let i = 0; i < shown.length; i += DOC_SHARD)
      shards.push({ format: SEARCH_FORMAT, docs: shown.slice(i, i + DOC_SHARD) })
    return { meta, part, docs: shards }
  }
}

/** how far over the average a part may grow, unless one term alone is bigger */
const PART_SLACK = 1.25

/**
 * Which part holds which terms. Units are the groups of partKey(), or, for a group bigger
 * than a part should be, each of its first syllables; a unit still bigger is cut by the
 * terms' hash into pieces (pieceSizes). The biggest pieces are placed first, each in the
 * part with the least so far, or in a new part when that one would grow past its share,
 * so no part is much bigger than the average. Returns the map and the number of parts used.
 */
function assignParts(
  terms: readonly string[],
  size: (t: number) => number,
  partCount: number,
): { partMap: SearchMeta['partMap']; parts: number } {
  const groups = new Map<string, { size: number; syllables: Map<string, number> }>()
  terms.forEach((term, t) => {
    const key = partKey(term)
    let g = groups.get(key)
    if (!g) groups.set(key, (g = { size: 0, syllables: new Map() }))
    g.size += size(t)
    if (isSyllable(term[0])) g.syllables.set(term[0], (g.syllables.get(term[0]) ?? 0) + size(t))
  })
  const target = [...groups.values()].reduce((sum, g) => sum + g.size, 0) / partCount
  const units = new Map<string, number>()
  for (const [key, g] of groups) {
    if (g.size <= target || g.syllables.size < 2) units.set(key, g.size)
    else for (const [syllable, n] of g.syllables) units.set(syllable, n)
  }
  // a unit too big for a part, in pieces by hash: each piece's size, from its terms
  const unitTerms = new Map<string, Array<[hash: number, size: number]>>()
  for (const [key, n] of units) if (n > target) unitTerms.set(key, [])
  if (unitTerms.size) {
    terms.forEach((term, t) => {
      const list = (isSyllable(term[0]) ? unitTerms.get(term[0]) : undefined) ?? unitTerms.get(partKey(term))
      list?.push([termHash(term), size(t)])
    })
  }
  const pieces = new Map<string, number[]>()
  for (const [key, list] of unitTerms) pieces.set(key, pieceSizes(list, target))
  const placing: Array<[key: string, piece: number, size: number]> = []
  for (const [key, n] of units) {
    const sizes = pieces.get(key)
    if (sizes) sizes.forEach((s, piece) => placing.push([key, piece, s]))
    else placing.push([key, -1, n])
  }
  placing.sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]))
  const load = new Array<number>(Math.max(partCount, 1)).fill(0)
  const map: SearchMeta['partMap'] = {}
  let used = 1
  for (const [key, piece, n] of placing) {
    let best = 0
    for (let p = 1; p < load.length; p++) if (load[p] < load[best]) best = p
    // (an empty part takes anything: one term may be bigger than a part's share)
    if (load[best] > 0 && load[best] + n > target * PART_SLACK) best = load.push(0) - 1
    if (piece < 0) map[key] = best
    else ((map[key] ??= new Array<number>(pieces.get(key)!.length).fill(0)) as number[])[piece] = best
    load[best] += n
    used = Math.max(used, best + 1)
  }
  return { partMap: map, parts: used }
}

/**
 * The sizes of the pieces a unit's terms ([hash, size]) fall into by hash (hash % count):
 * as few pieces as the unit fills parts, more when a few big terms land together (at 10,000
 * articles one piece of the syllable 정 held three parts' worth, so 정부 loaded 107 KiB),
 * until no piece is much over a part's share or it holds one term alone.
 */
function pieceSizes(terms: ReadonlyArray<[hash: number, size: number]>, target: number): number[] {
  const total = terms.reduce((sum, [, n]) => sum + n, 0)
  const biggest = terms.reduce((max, [, n]) => Math.max(max, n), 0)
  const fewest = Math.max(1, Math.ceil(total / target))
  let best: number[] = []
  let bestMax = Infinity
  for (let count = fewest; count <= Math.min(fewest * 4, Math.max(terms.length, fewest)); count++) {
    const sizes = new Array<number>(count).fill(0)
    for (const [hash, n] of terms) sizes[hash % count] += n
    const max = Math.max(...sizes)
    if (max < bestMax) [best, bestMax] = [sizes, max]
    if (max <= Math.max(target * PART_SLACK, biggest)) break
  }
  return best
}

/** Every search file, by its path under the output folder. */
export function searchIndexFiles(articles: readonly SearchSource[]): Map<string, string> {
  return new Map(searchIndexEntries(articles))
}

/** Every search file, path and json, each made when asked: the parts, most of the index, one at a time. */
export function* searchIndexEntries(
  articles: readonly SearchSource[],
  { partPostings }: { partPostings?: number } = {},
): Generator<[path: string, json: string]> {
  // ids from the oldest (the articles come newest first): see SearchMeta.count
  const oldestFirst = [...articles].reverse()
  yield* indexFiles(indexDocuments(oldestFirst.map(searchDocument), oldestFirst.map(shownDoc), { partPostings }))
}

/**
 * The search index of articles added a few at a time, oldest first: the index thread adds
 * each article of the copy it was sent and lets it go, so it does not hold the archive's html
 * to the end (a gigabyte at 100,000 articles).
 */
export class SearchIndexer {
  private readonly postings = new Postings()
  private readonly shown: ShownDoc[] = []

  /** the next articles, oldest first (each one's id is the number added before it) */
  add(oldestFirst: readonly SearchSource[]): void {
    for (const a of oldestFirst) {
      this.shown.push(shownDoc(a))
      this.postings.add(searchDocument(a))
    }
  }

  /** Every search file of the articles added, each made when asked (see searchIndexEntries); once. */
  files(options: { partPostings?: number } = {}): Generator<[path: string, json: string]> {
    return indexFiles(this.postings.index(this.shown, options))
  }
}

function* indexFiles({ meta, part, docs }: DocumentIndex): Generator<[path: string, json: string]> {
  yield [searchMetaPath(), JSON.stringify(meta)]
  for (let i = 0; i < meta.parts; i++) yield [searchPartPath(i), JSON.stringify(part(i))]
  for (let i = 0; i < docs.length; i++) yield [searchDocsPath(i), JSON.stringify(docs[i])]
}
