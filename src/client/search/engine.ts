// the search engine in the browser: loads the index parts a query needs and ranks the
// documents its plan matches (query.ts says what a query looks up, scorer.ts ranks it; a
// query with a word that may hold a typo goes to minisearch, fuzzy.ts). this module is
// loaded on first use only (import() from useSearch), so other pages never carry it.
import { parseQuery, type ParseOptions, type QueryWord } from '../../shared/search/hangul'
import { searchDocsPath, searchMetaPath, searchPartPath } from '../../shared/paths'
import {
  DOC_SHARD,
  SEARCH_FORMAT,
  partsOf,
  type SearchDocs,
  type SearchMeta,
  type SearchPart,
  type ShownDoc,
} from '../../shared/search/searchFormat'
import { partTerms, visitTerms, type PartTerms } from './partTerms'
import { buildQuery, type QueryPlan } from './query'
import { scorePlan } from './scorer'
import type { FuzzySearch } from './fuzzy'

/** Loads a file of the index by its path relative to the site's base; null when it is missing. */
export type LoadIndexFile = <T>(path: string) => Promise<T | null>

export interface SearchHit {
  /** document id: position from the oldest article (SearchMeta.count) */
  id: number
  /** what the result shows of its article (its slug among it), once the docs file that holds it is in (withDocs) */
  doc?: ShownDoc
  score: number
}

/** hits whose docs a search loads with them: a page of results */
export const DOCS_WITH_HITS = 10

// the header's suggestions mark their titles with this; it comes with the engine so pages
// that never search do not carry the hangul code
export { presentHit } from './snippet'

export class SearchEngine {
  private meta: Promise<SearchMeta> | undefined
  private parts = new Map<number, Promise<PartTerms>>()
  private docs = new Map<number, Promise<ShownDoc[]>>()
  private fuzzy: Promise<FuzzySearch> | undefined

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
    const { plan, terms } = buildQuery(words)
    // a term whose group the index does not have matches nothing: no part to load
    const needed = [...new Set(terms.flatMap(({ term, prefix }) => partsOf(term, meta, prefix)))]
    const loaded = new Map(await Promise.all(needed.map(async (p) => [p, await this.loadPart(p)] as const)))
    const hits: SearchHit[] = terms.some((t) => t.fuzzy)
      ? (await this.fuzzySearch()).search(plan, meta, loaded)
      : this.rank(plan, meta, loaded)
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

  /** the documents matching `plan`, best first, from the parts it needs (by number) */
  private rank(plan: QueryPlan, meta: SearchMeta, loaded: ReadonlyMap<number, PartTerms>) {
    return scorePlan(plan, meta, (query, visit) => {
      const parts = [...new Set(partsOf(query.term, meta, query.prefix))].map((p) => loaded.get(p)!)
      visitTerms(parts, query.term, query.prefix, visit)
    })
  }

  private fuzzySearch(): Promise<FuzzySearch> {
    if (!this.fuzzy) {
      this.fuzzy = import('./fuzzy').then((m) => new m.FuzzySearch())
      this.fuzzy.catch(() => (this.fuzzy = undefined))
    }
    return this.fuzzy
  }

  private loadPart(part: number): Promise<PartTerms> {
    let p = this.parts.get(part)
    if (!p) {
      p = this.load<SearchPart>(searchPartPath(part)).then((data) => {
        if (!data || data.format !== SEARCH_FORMAT) throw new Error(`search index part ${part} is missing`)
        return partTerms(data)
      })
      // the query gets the rejection; the failed part is forgotten, so the next query loads it again
      p.catch(() => this.parts.delete(part))
      this.parts.set(part, p)
    }
    return p
  }
}
