// queries with a word that may hold a typo ("tottenhm", a latin word of five letters or more)
// are answered by minisearch, whose radix tree finds every term within an edit distance: it is
// handed the terms of the parts the query needs (MiniSearch.loadJS, the inverse of its
// toJSON) and the plan as a minisearch query. loaded only when a reader types such a word,
// so the search page does not carry minisearch for the korean queries it mostly gets.
import MiniSearch, { type AsPlainObject, type Options, type Query, type SearchOptions } from 'minisearch'
import { FIELD_BOOST, codeLength, decodePostings, type SearchMeta } from '../../shared/search/searchFormat'
import type { PartTerms } from './partTerms'
import type { QueryPlan } from './query'
import { byScore, type Scored } from './scorer'

type IndexEntry = AsPlainObject['index'][number]

// every term is already a term: the query builder does the splitting
const identity = (s: string) => s
const tokenizeQuery = (s: string) => [s]
const SEARCH_OPTIONS: SearchOptions = { boost: FIELD_BOOST, tokenize: tokenizeQuery, processTerm: identity }
// minisearch indexes kept for the next keystrokes (each over one query's parts)
const KEPT_INDEXES = 4

/** The plan as a minisearch query: the AND of its groups, each the OR of its terms. */
export function miniSearchQuery(plan: QueryPlan): Query {
  return {
    combineWith: 'AND',
    queries: plan.map((group) => ({
      combineWith: 'OR',
      queries: group.map((q) => ({
        fields: [...q.fields],
        prefix: q.prefix,
        fuzzy: q.fuzzy ? 0.2 : false,
        boostTerm: () => q.boost,
        queries: [q.term],
      })),
    })),
  }
}

export class FuzzySearch {
  /** the terms decoded so far (minisearch's shape), and each document's field lengths they gave */
  private decoded = new Map<string, IndexEntry[1]>()
  private lengths = new Map<number, number[]>()
  private indexes = new Map<string, MiniSearch>()

  /** The documents matching `plan` in the `parts` (by number) it needs, best first. */
  search(plan: QueryPlan, meta: SearchMeta, parts: ReadonlyMap<number, PartTerms>): Scored[] {
    const results = this.index(meta, parts).search(miniSearchQuery(plan), SEARCH_OPTIONS)
    return results.map((r): Scored => ({ id: r.id as number, score: r.score })).sort(byScore)
  }

  /** A term's postings as minisearch keeps them; each document's field length noted on the way. */
  private decode(term: string, fields: readonly number[][], meta: SearchMeta): IndexEntry[1] {
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

  /** a minisearch index over every term of the parts and the documents they name; the last few kept */
  private index(meta: SearchMeta, parts: ReadonlyMap<number, PartTerms>): MiniSearch {
    const key = [...parts.keys()].sort((a, b) => a - b).join(',')
    const cached = this.indexes.get(key)
    if (cached) {
      // most recently used last
      this.indexes.delete(key)
      this.indexes.set(key, cached)
      return cached
    }
    const index: IndexEntry[] = []
    for (const part of parts.values())
      part.terms.forEach((term, t) => index.push([term, this.decode(term, part.postings[t], meta)]))
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
    const options: Options = { fields: meta.fields, tokenize: tokenizeQuery, processTerm: identity }
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
      options,
    )
    this.indexes.set(key, search)
    if (this.indexes.size > KEPT_INDEXES) this.indexes.delete(this.indexes.keys().next().value!)
    return search
  }
}
