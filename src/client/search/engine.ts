// the search engine in the browser: loads the index parts a query needs, hands them to
// minisearch (MiniSearch.loadJS, the inverse of its toJSON) and lets minisearch match and
// score. korean matching lives in how the query is built: a hangul word is the AND of its
// syllable bigrams (so "북한" is found inside "북한과" and "대북한"), a one-syllable word is a
// prefix, the syllable the IME is still composing stands for every syllable it may become,
// and an initial-consonant word ("ㅂㅎ") is a prefix of the chosung fields. this module is
// loaded on first use only (import() from useSearch), so other pages never carry minisearch.
import MiniSearch, { type AsPlainObject, type Options, type Query, type SearchOptions } from 'minisearch'
import { parseQuery, type ParseOptions, type QueryWord } from '../../shared/search/hangul'
import { searchMetaPath, searchPartPath } from '../../shared/paths'
import {
  CHOSUNG_FIELDS,
  FIELD_BOOST,
  SEARCH_FORMAT,
  TEXT_FIELDS,
  decodePostings,
  partOf,
  type SearchField,
  type SearchMeta,
  type SearchPart,
} from '../../shared/search/searchFormat'

/** Loads a file of the index by its path relative to the site's base; null when it is missing. */
export type LoadIndexFile = <T>(path: string) => Promise<T | null>

export interface SearchHit {
  /** document id: position in listing order */
  id: number
  slug: string
  score: number
  /** the fields the query matched in */
  fields: SearchField[]
}

// how much a syllable the IME may still change weighs against the one on screen
const ALTERNATIVE_BOOST = 0.3
// minisearch indexes kept for the next keystrokes (each over one query's parts)
const KEPT_INDEXES = 4

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

/** A minisearch query for the parsed words: every word must match (AND). */
export function buildQuery(words: readonly QueryWord[]): { query: Query; terms: string[] } {
  const terms: string[] = []
  const leaf = (t: string) => (terms.push(t), t)
  const anyOf = (alternatives: string[], options: SearchOptions = {}): Query =>
    alternatives.length === 1
      ? { ...options, queries: [leaf(alternatives[0])] }
      : {
          ...options,
          combineWith: 'OR',
          queries: [
            leaf(alternatives[0]),
            { boostTerm: () => ALTERNATIVE_BOOST, combineWith: 'OR', queries: alternatives.slice(1).map(leaf) },
          ],
        }

  const queries = words.map((w): Query => {
    if (w.kind === 'chosung') return { fields: CHOSUNG_FIELDS, prefix: true, queries: [leaf(w.text)] }
    if (w.kind === 'other')
      return { fields: TEXT_FIELDS, prefix: true, fuzzy: w.text.length >= 5 ? 0.2 : false, queries: [leaf(w.text)] }
    const { slots } = w
    // one syllable: any term that starts with it (bigrams, a run's last syllable, one-syllable words)
    if (slots.length === 1) return anyOf(slots[0], { fields: TEXT_FIELDS, prefix: true })
    const bigrams: Query[] = []
    for (let i = 0; i + 1 < slots.length; i++) {
      const pairs = slots[i].flatMap((a) => slots[i + 1].map((b) => a + b))
      bigrams.push(anyOf(pairs))
    }
    return { fields: TEXT_FIELDS, prefix: false, combineWith: 'AND', queries: bigrams }
  })
  return { query: { combineWith: 'AND', queries }, terms }
}

// the header's suggestions mark their titles with this; it comes with the engine so pages
// that never search do not carry the hangul code
export { presentHit } from './snippet'

type IndexEntry = AsPlainObject['index'][number]

export class SearchEngine {
  private meta: Promise<SearchMeta> | undefined
  private base: Omit<AsPlainObject, 'index'> | undefined
  private parts = new Map<number, Promise<IndexEntry[]>>()
  private ready = new Map<number, IndexEntry[]>()
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

  /** Articles matching the query, best first. */
  async search(text: string, options: ParseOptions = {}): Promise<{ words: QueryWord[]; hits: SearchHit[] }> {
    const words = parseQuery(text, options)
    if (!words.length) return { words, hits: [] }
    const meta = await this.prepare()
    const { query, terms } = buildQuery(words)
    // a term whose group the index does not have matches nothing: no part to load
    const needed = new Set(terms.map((t) => partOf(t, meta)).filter((p) => p !== undefined))
    await Promise.all([...needed].map((p) => this.loadPart(p)))
    const search = this.searchIndex(meta, [...needed])
    const results = search.search(query, SEARCH_OPTIONS)
    const hits = results.map((r): SearchHit => {
      const fields = new Set<SearchField>()
      for (const list of Object.values(r.match)) for (const f of list as SearchField[]) fields.add(f)
      return { id: r.id as number, slug: meta.slugs[r.id as number], score: r.score, fields: [...fields] }
    })
    return { words, hits }
  }

  private loadPart(part: number): Promise<IndexEntry[]> {
    let p = this.parts.get(part)
    if (!p) {
      p = this.load<SearchPart>(searchPartPath(part)).then((data) => {
        if (!data || data.format !== SEARCH_FORMAT) throw new Error(`search index part ${part} is missing`)
        const entries = data.terms.map(([term, ...fields]): IndexEntry => {
          const byField: IndexEntry[1] = {}
          for (const postings of fields) byField[postings[0]] = decodePostings(postings, 1)
          return [term, byField]
        })
        this.ready.set(part, entries)
        return entries
      })
      // the query gets the rejection; the failed part is forgotten, so the next query loads it again
      p.catch(() => this.parts.delete(part))
      this.parts.set(part, p)
    }
    return p
  }

  /**
   * a minisearch index over the parts one query needs: its cost follows the query, not how
   * much a long session has loaded. the last few are kept for the next keystrokes.
   */
  private searchIndex(meta: SearchMeta, parts: number[]): MiniSearch {
    const key = parts.sort((a, b) => a - b).join(',')
    const cached = this.indexes.get(key)
    if (cached) {
      // most recently used last
      this.indexes.delete(key)
      this.indexes.set(key, cached)
      return cached
    }
    this.base ??= {
      documentCount: meta.count,
      nextId: meta.count,
      documentIds: Object.fromEntries(meta.slugs.map((_, id) => [id, id])),
      fieldIds: Object.fromEntries(meta.fields.map((f, i) => [f, i])),
      fieldLength: Object.fromEntries(meta.slugs.map((_, id) => [id, meta.lengths.map((l) => l[id])])),
      averageFieldLength: meta.average,
      storedFields: {},
      dirtCount: 0,
      serializationVersion: 2,
    }
    const index = parts.flatMap((p) => this.ready.get(p) ?? [])
    const search = MiniSearch.loadJS({ ...this.base, index }, { ...MINISEARCH_OPTIONS, fields: meta.fields })
    this.indexes.set(key, search)
    if (this.indexes.size > KEPT_INDEXES) this.indexes.delete(this.indexes.keys().next().value!)
    return search
  }
}
