// the search index files: `_data/search/meta.json` (document ids, slugs, field lengths) and
// `_data/search/terms/<n>.json` (the postings, split by term). the browser turns the parts a
// query needs into a minisearch index (MiniSearch.loadJS), so minisearch does all matching
// and scoring. the postings are counted here rather than by minisearch's own add(), which
// walks its radix tree for every token, too slow for a large archive; the result is the
// same index (tests/unit/node/build/searchIndex.test.ts checks it against minisearch's).
import type { Article } from '../../shared/types.ts'
import { searchMetaPath, searchPartPath } from '../../shared/paths.ts'
import { hangulTerm, isSyllable } from '../../shared/search/hangul.ts'
import {
  SEARCH_FIELDS,
  SEARCH_FORMAT,
  encodePostings,
  htmlToText,
  partKey,
  partOf,
  scanFieldTerms,
  type SearchDocument,
  type SearchMeta,
  type SearchPart,
} from '../../shared/search/searchFormat.ts'

/** postings per part the split aims at (about 100 KiB of json) */
export const PART_POSTINGS = 30_000
/** most parts: beyond this a part holds a handful of first syllables anyway */
export const MAX_PARTS = 256

/** What the index is made from of an article. */
export type SearchSource = Pick<
  Article,
  'slug' | 'title' | 'excerpt' | 'featureText' | 'headings' | 'categories' | 'html'
> & { tags?: readonly string[] }

/** What the index reads of an article. */
export function searchDocument(a: Omit<SearchSource, 'slug'>): SearchDocument {
  const lead = [
    a.excerpt,
    a.featureText && a.featureText !== a.excerpt ? a.featureText : '',
    ...a.headings.map((h) => h.text),
    ...a.categories,
    ...(a.tags ?? []),
  ]
  return { title: a.title, lead: lead.filter(Boolean).join('\n'), body: htmlToText(a.html) }
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

/** The index of documents (ids are their positions), as minisearch would serialise it, split into parts. */
export function buildSearchIndex(
  docs: readonly SearchDocument[],
  slugs: readonly string[],
  { partPostings = PART_POSTINGS }: { partPostings?: number } = {},
): { meta: SearchMeta; parts: SearchPart[] } {
  const fieldCount = SEARCH_FIELDS.length
  const lengths = SEARCH_FIELDS.map(() => new Array<number>(docs.length).fill(0))
  const average = SEARCH_FIELDS.map(() => 0)

  // one pass over the tokens into flat postings (slot = term id * fields + field, document,
  // frequency), then a counting sort by slot. documents arrive in id order, so a slot seen
  // already in this document is its last posting. no per-term arrays and no string per
  // hangul token: this loop is most of a large archive's build time and memory.
  const terms: string[] = []
  const byCode = new Map<number, number>()
  const byString = new Map<string, number>()
  const slots = new IntList()
  const ids = new IntList()
  const freqs = new IntList()
  let lastDoc = new Int32Array(1 << 16).fill(-1)
  let lastAt = new Int32Array(1 << 16)
  let doc = 0
  let field = 0
  let distinct = 0

  const newTerm = (term: string): number => {
    const t = terms.length
    terms.push(term)
    if ((t + 1) * fieldCount > lastDoc.length) {
      const grown = new Int32Array(lastDoc.length * 2).fill(-1)
      grown.set(lastDoc)
      lastDoc = grown
      const at = new Int32Array(lastAt.length * 2)
      at.set(lastAt)
      lastAt = at
    }
    return t
  }
  const add = (t: number) => {
    const slot = t * fieldCount + field
    if (lastDoc[slot] === doc) {
      freqs.data[lastAt[slot]]++
      return
    }
    lastDoc[slot] = doc
    lastAt[slot] = slots.length
    slots.push(slot)
    ids.push(doc)
    freqs.push(1)
    distinct++
  }
  const addCode = (code: number) => {
    let t = byCode.get(code)
    if (t === undefined) byCode.set(code, (t = newTerm(hangulTerm(code))))
    add(t)
  }
  const addString = (term: string) => {
    let t = byString.get(term)
    if (t === undefined) byString.set(term, (t = newTerm(term)))
    add(t)
  }

  for (doc = 0; doc < docs.length; doc++) {
    for (field = 0; field < fieldCount; field++) {
      distinct = 0
      scanFieldTerms(docs[doc], SEARCH_FIELDS[field], addCode, addString)
      // as minisearch: a field's length is its number of distinct terms, averaged as it goes
      lengths[field][doc] = distinct
      average[field] = (average[field] * doc + distinct) / (doc + 1)
    }
  }

  // counting sort by slot; stable, so each slot's documents stay in id order
  const slotCount = terms.length * fieldCount
  const start = new Int32Array(slotCount + 1)
  for (let i = 0; i < slots.length; i++) start[slots.data[i] + 1]++
  for (let s = 0; s < slotCount; s++) start[s + 1] += start[s]
  const fill = start.slice(0, slotCount)
  const sortedIds = new Int32Array(slots.length)
  const sortedFreqs = new Int32Array(slots.length)
  for (let i = 0; i < slots.length; i++) {
    const at = fill[slots.data[i]]++
    sortedIds[at] = ids.data[i]
    sortedFreqs[at] = freqs.data[i]
  }

  const size = (t: number) => start[(t + 1) * fieldCount] - start[t * fieldCount] + 1
  const total = slots.length + terms.length
  const partCount = Math.max(1, Math.min(MAX_PARTS, Math.ceil(total / partPostings)))
  const partMap = assignParts(terms, size, partCount)
  const parts: SearchPart[] = Array.from({ length: partCount }, () => ({ format: SEARCH_FORMAT, terms: [] }))
  const order = terms.map((_, t) => t).sort((a, b) => (terms[a] < terms[b] ? -1 : terms[a] > terms[b] ? 1 : 0))
  for (const t of order) {
    const entry: SearchPart['terms'][number] = [terms[t]]
    for (let f = 0; f < fieldCount; f++) {
      const from = start[t * fieldCount + f]
      const to = start[t * fieldCount + f + 1]
      if (from < to) entry.push([f, ...encodePostings(sortedIds.subarray(from, to), sortedFreqs.subarray(from, to))])
    }
    parts[partOf(terms[t], { partMap })!].terms.push(entry)
  }

  const meta: SearchMeta = {
    format: SEARCH_FORMAT,
    fields: [...SEARCH_FIELDS],
    count: docs.length,
    parts: partCount,
    partMap,
    slugs: [...slugs],
    lengths,
    average,
  }
  return { meta, parts }
}

/**
 * Which part holds which terms. Units are the groups of partKey(), or, for a group bigger
 * than a part should be, each of its first syllables; the biggest units are placed first,
 * each in the part with the least so far, so parts come out about even.
 */
function assignParts(terms: readonly string[], size: (t: number) => number, partCount: number): Record<string, number> {
  const groups = new Map<string, { size: number; syllables: Map<string, number> }>()
  terms.forEach((term, t) => {
    const key = partKey(term)
    let g = groups.get(key)
    if (!g) groups.set(key, (g = { size: 0, syllables: new Map() }))
    g.size += size(t)
    if (isSyllable(term[0])) g.syllables.set(term[0], (g.syllables.get(term[0]) ?? 0) + size(t))
  })
  const target = [...groups.values()].reduce((sum, g) => sum + g.size, 0) / partCount
  const units: Array<[key: string, size: number]> = []
  for (const [key, g] of groups) {
    if (g.size <= target || g.syllables.size < 2) units.push([key, g.size])
    else units.push(...g.syllables)
  }
  units.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  const load = new Array<number>(partCount).fill(0)
  const map: Record<string, number> = {}
  for (const [key, n] of units) {
    let best = 0
    for (let p = 1; p < partCount; p++) if (load[p] < load[best]) best = p
    map[key] = best
    load[best] += n
  }
  return map
}

/** Every search file, by its path under the output folder. */
export function searchIndexFiles(articles: readonly SearchSource[]): Map<string, string> {
  const { meta, parts } = buildSearchIndex(
    articles.map(searchDocument),
    articles.map((a) => a.slug),
  )
  const files = new Map<string, string>()
  files.set(searchMetaPath(), JSON.stringify(meta))
  parts.forEach((part, i) => files.set(searchPartPath(i), JSON.stringify(part)))
  return files
}
