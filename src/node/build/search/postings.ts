// the search index's postings as a build counts them, document after document: flat in typed
// arrays, so an archive of 100,000 articles (73 million postings) is counted in well under a
// gigabyte, then turned into the index's parts a part at a time (searchIndex.ts writes them).
import { hangulTerm } from '../../../shared/search/hangul.ts'
import {
  DOC_SHARD,
  SEARCH_FIELDS,
  SEARCH_FORMAT,
  encodePostings,
  lengthCode,
  partOf,
  scanFieldTerms,
  type SearchDocs,
  type SearchDocument,
  type SearchMeta,
  type SearchPart,
  type ShownDoc,
} from '../../../shared/search/searchFormat.ts'
import { assignParts } from './parts.ts'

/** postings per part the split aims at (about 130 KiB of json, 40 KiB compressed) */
export const PART_POSTINGS = 30_000

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

/** The index of a set of documents, its parts made one at a time (Postings.index). */
export interface DocumentIndex {
  meta: SearchMeta
  /** part `i`'s terms, made when asked: at 100,000 articles the parts are hundreds of megabytes, never all held at once */
  part(i: number): SearchPart
  docs: SearchDocs[]
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
export class Postings {
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
