// the search index files: `_data/search/meta.json` (document ids, slugs, field lengths) and
// `_data/search/terms/<n>.json` (the postings, split by term). the browser turns the parts a
// query needs into a minisearch index (MiniSearch.loadJS), so minisearch does all matching
// and scoring. the postings are counted here rather than by minisearch's own add(), which
// walks its radix tree for every token and took about 30 s for 10,000 articles; the result
// is the same index (tests/unit/node/searchIndex.test.ts checks it against minisearch's).
import type { Article } from '../shared/types.ts'
import { searchMetaPath, searchPartPath } from '../shared/paths.ts'
import {
  SEARCH_FIELDS,
  SEARCH_FORMAT,
  encodePostings,
  fieldTerms,
  htmlToText,
  partOf,
  type SearchDocument,
  type SearchMeta,
  type SearchPart,
} from '../shared/searchFormat.ts'

/** postings per part the split aims at (about 100 KiB of json, 30 KiB gzip) */
export const PART_POSTINGS = 30_000
/** most parts: beyond this a part holds a handful of first syllables anyway */
export const MAX_PARTS = 256

/** What the index reads of an article. */
export function searchDocument(a: Pick<Article, 'title' | 'excerpt' | 'featureText' | 'headings' | 'categories' | 'html'>): SearchDocument {
  const lead = [a.excerpt, a.featureText && a.featureText !== a.excerpt ? a.featureText : '', ...a.headings.map((h) => h.text), ...a.categories]
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
  // already in this document is its last posting. no per-term arrays: this loop is most of
  // a large archive's build time and memory.
  const termIds = new Map<string, number>()
  const terms: string[] = []
  const slots = new IntList()
  const ids = new IntList()
  const freqs = new IntList()
  let lastDoc = new Int32Array(1 << 16).fill(-1)
  let lastAt = new Int32Array(1 << 16)

  docs.forEach((doc, id) => {
    for (let f = 0; f < fieldCount; f++) {
      let distinct = 0
      for (const term of fieldTerms(doc, SEARCH_FIELDS[f])) {
        let t = termIds.get(term)
        if (t === undefined) {
          t = terms.length
          termIds.set(term, t)
          terms.push(term)
          if ((t + 1) * fieldCount > lastDoc.length) {
            const grown = new Int32Array(lastDoc.length * 2).fill(-1)
            grown.set(lastDoc)
            lastDoc = grown
            const at = new Int32Array(lastAt.length * 2)
            at.set(lastAt)
            lastAt = at
          }
        }
        const slot = t * fieldCount + f
        if (lastDoc[slot] === id) {
          freqs.data[lastAt[slot]]++
          continue
        }
        lastDoc[slot] = id
        lastAt[slot] = slots.length
        slots.push(slot)
        ids.push(id)
        freqs.push(1)
        distinct++
      }
      // as minisearch: a field's length is its number of distinct terms, averaged as it goes
      lengths[f][id] = distinct
      average[f] = (average[f] * id + distinct) / (id + 1)
    }
  })

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

  const partCount = Math.min(MAX_PARTS, 2 ** Math.max(0, Math.ceil(Math.log2(slots.length / partPostings))))
  const parts: SearchPart[] = Array.from({ length: partCount }, () => ({ format: SEARCH_FORMAT, terms: [] }))
  const order = terms.map((_, t) => t).sort((a, b) => (terms[a] < terms[b] ? -1 : terms[a] > terms[b] ? 1 : 0))
  for (const t of order) {
    const entry: SearchPart['terms'][number] = [terms[t]]
    for (let f = 0; f < fieldCount; f++) {
      const from = start[t * fieldCount + f]
      const to = start[t * fieldCount + f + 1]
      if (from < to) entry.push([f, ...encodePostings(sortedIds.subarray(from, to), sortedFreqs.subarray(from, to))])
    }
    parts[partOf(terms[t], partCount)].terms.push(entry)
  }

  const meta: SearchMeta = {
    format: SEARCH_FORMAT,
    fields: [...SEARCH_FIELDS],
    count: docs.length,
    parts: partCount,
    slugs: [...slugs],
    lengths,
    average,
  }
  return { meta, parts }
}

/** Every search file, by its path under the output folder. */
export function searchIndexFiles(articles: readonly Article[]): Map<string, string> {
  const { meta, parts } = buildSearchIndex(articles.map(searchDocument), articles.map((a) => a.slug))
  const files = new Map<string, string>()
  files.set(searchMetaPath(), JSON.stringify(meta))
  parts.forEach((part, i) => files.set(searchPartPath(i), JSON.stringify(part)))
  return files
}
