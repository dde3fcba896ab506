// the search engine in the browser: loads the index parts a query needs, hands them to
// minisearch (MiniSearch.loadJS, the inverse of its toJSON) and lets minisearch match and
// score. korean matching lives in how the query is built: a hangul word is the AND of its
// syllable bigrams (so "북한" is found inside "북한과" and "대북한"), a one-syllable word is a
// prefix, the syllable the IME is still composing stands for every syllable it may become,
// and an initial-consonant word ("ㅂㅎ") is a prefix of the chosung fields. this module is
// loaded on first use only (import() from useSearch), so other pages never carry minisearch.
import MiniSearch, { type AsPlainObject, type Options, type Query, type SearchOptions } from 'minisearch'
import { parseQuery, type ParseOptions, type QueryWord } from '../../shared/search/hangul'
import { searchDocsPath, searchMetaPath, searchPartPath } from '../../shared/paths'
import {
  CHOSUNG_FIELDS,
  DOC_SHARD,
  FIELD_BOOST,
  SEARCH_FORMAT,
  TEXT_FIELDS,
  codeLength,
  decodePostings,
  partsOf,
  type FieldPostings,
  type SearchDocs,
  type SearchMeta,
  type SearchPart,
  type ShownDoc,
} from '../../shared/search/searchFormat'

/** Loads a file of the index by its path relative to the site's base; null when it is missing. */
export type LoadIndexFile = <T>(path: string) => Promise<T | null>

export interface SearchHit {
  /** document id: position from the oldest article (SearchMeta.count) */
  id: number
  /** what the result shows of its article (its slug among it), once the docs file that holds it is in (withDocs) */
  doc?: ShownDoc
  score: number
}

// how much a syllable the IME may still change weighs against the one on screen
const ALTERNATIVE_BOOST = 0.3
// minisearch indexes kept for the next keystrokes (each over one query's parts)
const KEPT_INDEXES = 8
/** hits whose docs a search loads with them: a page of results */
export const DOCS_WITH_HITS = 10

// latin words this long or longer match with a typo or two
const FUZZY_LENGTH = 5

// every term is already a term: the query builder does the splitting
const identity = (s: string) => s
const tokenizeQuery = (s: string) => [s]

const MINISEARCH_OPTIONS: Options = {
  fields: [],
  // the index is built by src/node/build/searchIndex.ts; these only serve queries
  tokenize: tokenizeQuery,
  processTerm: identity,
}

const SEARCH_OPTIONS: SearchOptions = { boost: FIELD_BOOST, tokenize: tokenizeQuery, processTerm: identity }

/** a term a query looks up, and whether as the start of longer terms */
export interface QueryTerm {
  term: string
  prefix: boolean
}

/** whether a word is looked up with typos allowed (then it may match any term) */
const fuzzy = (w: QueryWord) => w.kind === 'other' && w.text.length >= FUZZY_LENGTH

/** A minisearch query for the parsed words: every word must match (AND); the terms it looks up. */
export function buildQuery(words: readonly QueryWord[]): { query: Query; terms: QueryTerm[] } {
  const terms: QueryTerm[] = []
  const leaf = (term: string, prefix: boolean) => (terms.push({ term, prefix }), term)
  const anyOf = (alternatives: string[], prefix: boolean, options: SearchOptions = {}): Query =>
    alternatives.length === 1
      ? { ...options, queries: [leaf(alternatives[0], prefix)] }
      : {
          ...options,
          combineWith: 'OR',
          queries: [
            leaf(alternatives[0], prefix),
            {
              boostTerm: () => ALTERNATIVE_BOOST,
              combineWith: 'OR',
              queries: alternatives.slice(1).map((a) => leaf(a, prefix)),
            },
          ],
        }

  const queries = words.map((w): Query => {
    if (w.kind === 'chosung') return { fields: CHOSUNG_FIELDS, prefix: true, queries: [leaf(w.text, true)] }
    if (w.kind === 'other')
      return {
        fields: TEXT_FIELDS,
        prefix: true,
        fuzzy: fuzzy(w) ? 0.2 : false,
        queries: [leaf(w.text, true)],
      }
    const { slots } = w
    // one syllable: any term that starts with it (bigrams, a run's last syllable, one-syllable words)
    if (slots.length === 1) return anyOf(slots[0], true, { fields: TEXT_FIELDS, prefix: true })
    const bigrams: Query[] = []
    for (let i = 0; i + 1 < slots.length; i++) {
      const pairs = slots[i].flatMap((a) => slots[i + 1].map((b) => a + b))
      bigrams.push(anyOf(pairs, false))
    }
    return { fields: TEXT_FIELDS, prefix: false, combineWith: 'AND', queries: bigrams }
  })
  return { query: { combineWith: 'AND', queries }, terms }
}

// the header's suggestions mark their titles with this; it comes with the engine so pages
// that never search do not carry the hangul code
export { presentHit } from './snippet'

type IndexEntry = AsPlainObject['index'][number]

/** a part as loaded: each term's postings as the file has them, decoded when a query needs the term */
type LoadedPart = Map<string, FieldPostings[]>

export class SearchEngine {
  private meta: Promise<SearchMeta> | undefined
  private parts = new Map<number, Promise<LoadedPart>>()
  private ready = new Map<number, LoadedPart>()
  /** the terms queries have needed so far, decoded (minisearch's shape) */
  private decoded = new Map<string, IndexEntry[1]>()
  /** each document's field lengths, as the postings decoded so far give them */
  private lengths = new Map<number, number[]>()
  private docs = new Map<number, Promise<ShownDoc[]>>()
  private indexes = new Map<string, MiniSearch>()

  constructor(private readonly load: LoadIndexFile) {}

  /** Start loading what every query needs (on the first sign the reader wants to search). */
  prepare(): Promise<SearchMeta> {
    if (!this.meta) {
      this.meta = this.load<SearchMeta>(searchMetaPath()).then((meta) => {
        if (!meta || meta.format !== SEARCH_FORMAT)
          throw new Error('the search index is missing or from another version of the site')
        return meta
      })
      // a failed load (offline) may be tried again
      this.meta.catch(() => (this.meta = undefined))
    }
    return this.meta
  }

  /**
   * Articles matching the query, best first; the first `docs` (DOCS_WITH_HITS) with what a
   * result shows, the others get theirs from withDocs when they are shown.
   */
  async search(
    text: string,
    options: ParseOptions & { docs?: number } = {},
  ): Promise<{ words: QueryWord[]; hits: SearchHit[] }> {
    const words = parseQuery(text, options)
    if (!words.length) return { words, hits: [] }
    const meta = await this.prepare()
    const { query, terms } = buildQuery(words)
    // a term whose group the index does not have matches nothing: no part to load
    const needed = new Set(terms.flatMap(({ term, prefix }) => partsOf(term, meta, prefix)))
    await Promise.all([...needed].map((p) => this.loadPart(p)))
    const search = this.searchIndex(meta, [...needed], terms, words.some(fuzzy))
    const results = search.search(query, SEARCH_OPTIONS)
    // equal scores: the newer article first (the higher id)
    const hits = results
      .map((r): SearchHit => ({ id: r.id as number, score: r.score }))
      .sort((a, b) => b.score - a.score || b.id - a.id)
    return { words, hits: await this.withDocs(hits, options.docs ?? DOCS_WITH_HITS) }
  }

  /** `hits` with the docs of the first `count`, loading the docs files that hold them. */
  async withDocs(hits: SearchHit[], count: number): Promise<SearchHit[]> {
    const first = hits.slice(0, count)
    if (first.every((h) => h.doc !== undefined)) return hits
    const docs = await Promise.all(first.map((h) => h.doc ?? this.docOf(h.id)))
    return hits.map((h, i) => (i < count ? { ...h, doc: docs[i] } : h))
  }

  private docOf(id: number): Promise<ShownDoc> {
    const shard = Math.floor(id / DOC_SHARD)
    let p = this.docs.get(shard)
    if (!p) {
      p = this.load<SearchDocs>(searchDocsPath(shard)).then((data) => {
        if (!data || data.format !== SEARCH_FORMAT) throw new Error(`search index docs ${shard} is missing`)
        return data.docs
      })
      p.catch(() => this.docs.delete(shard))
      this.docs.set(shard, p)
    }
    return p.then((docs) => {
      const doc = docs[id - shard * DOC_SHARD]
      if (doc === undefined) throw new Error(`search index docs ${shard} has no document ${id}`)
      return doc
    })
  }

  private loadPart(part: number): Promise<LoadedPart> {
    let p = this.parts.get(part)
    if (!p) {
      p = this.load<SearchPart>(searchPartPath(part)).then((data) => {
        if (!data || data.format !== SEARCH_FORMAT) throw new Error(`search index part ${part} is missing`)
        // decoding every posting of a part took most of a first search (a part holds thousands
        // of terms; a query needs a few): kept as they came, decoded term by term (decode)
        const loaded: LoadedPart = new Map(data.terms.map(([term, ...fields]) => [term, fields]))
        this.ready.set(part, loaded)
        return loaded
      })
      // the query gets the rejection; the failed part is forgotten, so the next query loads it again
      p.catch(() => this.parts.delete(part))
      this.parts.set(part, p)
    }
    return p
  }

  /** A term's postings as minisearch keeps them; each document's field length noted on the way. */
  private decode(term: string, fields: FieldPostings[], meta: SearchMeta): IndexEntry[1] {
    let byField = this.decoded.get(term)
    if (byField) return byField
    byField = {}
    for (const postings of fields) {
      const field = postings[0]
      byField[field] = decodePostings(postings, 1, (id, code) => {
        let lengths = this.lengths.get(id)
        if (!lengths) this.lengths.set(id, (lengths = new Array<number>(meta.fields.length).fill(0)))
        lengths[field] = codeLength(code, meta.average[field])
      })
    }
    this.decoded.set(term, byField)
    return byField
  }

  /**
   * a minisearch index over the terms one query may match in the parts it needs, and the
   * documents they name: its cost follows the query, not the size of the parts or how much a
   * long session has loaded. a fuzzy word may match any term: then every term of the parts.
   * the last few are kept for the next keystrokes.
   */
  private searchIndex(meta: SearchMeta, parts: number[], terms: QueryTerm[], anyTerm: boolean): MiniSearch {
    const key = `${parts.sort((a, b) => a - b).join(',')} ${anyTerm ? '*' : terms.map((t) => `${t.term}${t.prefix ? '*' : ''}`).join(' ')}`
    const cached = this.indexes.get(key)
    if (cached) {
      // most recently used last
      this.indexes.delete(key)
      this.indexes.set(key, cached)
      return cached
    }
    const exact = new Set(terms.map((t) => t.term))
    const prefixes = terms.filter((t) => t.prefix).map((t) => t.term)
    const wanted = (term: string) => anyTerm || exact.has(term) || prefixes.some((p) => term.startsWith(p))
    const index: IndexEntry[] = []
    for (const p of parts) {
      const loaded = this.ready.get(p)
      if (!loaded) continue
      for (const [term, fields] of loaded) if (wanted(term)) index.push([term, this.decode(term, fields, meta)])
    }
    const documentIds: Record<string, number> = {}
    const fieldLength: Record<string, number[]> = {}
    for (const [, byField] of index) {
      for (const postings of Object.values(byField)) {
        for (const id in postings) {
          if (documentIds[id] !== undefined) continue
          documentIds[id] = Number(id)
          fieldLength[id] = this.lengths.get(Number(id))!
        }
      }
    }
    const search = MiniSearch.loadJS(
      {
        documentCount: meta.count,
        nextId: meta.count,
        documentIds,
        fieldIds: Object.fromEntries(meta.fields.map((f, i) => [f, i])),
        fieldLength,
        averageFieldLength: meta.average,
        storedFields: {},
        dirtCount: 0,
        serializationVersion: 2,
        index,
      },
      { ...MINISEARCH_OPTIONS, fields: meta.fields },
    )
    this.indexes.set(key, search)
    if (this.indexes.size > KEPT_INDEXES) this.indexes.delete(this.indexes.keys().next().value!)
    return search
  }
}
