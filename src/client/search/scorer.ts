// ranks the documents a query plan matches, reading each term's postings as the index file
// has them (searchFormat.ts) into arrays indexed by document id. the ranking is minisearch's
// own (bm25+, its prefix weight, its field boosts, a document's score times the number of
// query terms it matched; tests/unit/client/search/scorer.test.ts holds it to minisearch's
// answers), but minisearch builds a map entry and an object per posting: a one-letter or
// one-syllable prefix matching thousands of terms cost it tens of milliseconds a keystroke,
// which here are a few passes over numbers.
import {
  FIELD_BOOST,
  LENGTH_CODES,
  codeLength,
  forEachPosting,
  postingCount,
  type FieldPostings,
  type SearchMeta,
} from '../../shared/search/searchFormat'
import type { QueryPlan, QueryTerm } from './query'

/** minisearch's defaults: bm25+ parameters, and the weight of a term a prefix matched */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 }
const PREFIX_WEIGHT = 0.375

/** A matched document and its score. */
export interface Scored {
  id: number
  score: number
}

/** Calls `visit` with each term of the index `query` matches and its postings: the term itself first. */
export type TermLookup = (query: QueryTerm, visit: (term: string, postings: readonly FieldPostings[]) => void) => void

/** The documents matching every group of `plan`, best first (equal scores: the higher id first). */
export function scorePlan(
  plan: QueryPlan,
  meta: Pick<SearchMeta, 'count' | 'average' | 'fields'>,
  lookup: TermLookup,
): Scored[] {
  const count = meta.count
  if (!plan.length || !count) return []
  const score = new Float64Array(count)
  /** how many groups matched a document, and the last one that did (1-based) */
  const groupsMatched = new Uint32Array(count)
  const lastGroup = new Uint32Array(count)
  /** how many different query terms matched a document, and the last one that did (1-based) */
  const termsMatched = new Uint32Array(count)
  const lastTerm = new Uint32Array(count)
  const fromFirstGroup: number[] = []

  // a term in more than one place of the plan counts once per document: only its first place
  // counts it (every place of a term matches the same documents: same fields, same prefix)
  const counted = new Set<string>()

  // per field, the part of bm25's denominator a length code stands for
  const norms = meta.fields.map((_, f) => {
    const average = meta.average[f]
    return Array.from(
      { length: LENGTH_CODES },
      (_, code) => BM25.k * (1 - BM25.b + (BM25.b * codeLength(code, average)) / average),
    )
  })
  const fieldIds = new Map<string, number>(meta.fields.map((f, i) => [f, i]))

  for (let g = 0; g < plan.length; g++) {
    const groupMark = g + 1
    /** documents that have matched every group so far */
    let alive = 0
    for (const query of plan[g]) {
      const key = `${query.prefix ? '*' : ''}${query.fields.join(',')} ${query.term}`
      const counts = !counted.has(key)
      counted.add(key)
      const termMark = counted.size
      // the query's fields and their boosts, by field id
      const boosts = new Float64Array(meta.fields.length)
      for (const field of query.fields) {
        const f = fieldIds.get(field)
        if (f !== undefined) boosts[f] = FIELD_BOOST[field]
      }
      lookup(query, (term, postingsByField) => {
        const distance = term.length - query.term.length
        const termWeight = distance === 0 ? 1 : (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance)
        for (const postings of postingsByField) {
          const field = postings[0]
          const fieldBoost = boosts[field]
          if (!fieldBoost) continue
          const weight = termWeight * query.boost * fieldBoost
          const norm = norms[field]
          const matching = postingCount(postings, 1)
          const idf = Math.log(1 + (count - matching + 0.5) / (matching + 0.5))
          forEachPosting(postings, 1, (id, freq, code) => {
            score[id] += weight * (idf * (BM25.d + (freq * (BM25.k + 1)) / (freq + norm[code])))
            if (lastGroup[id] !== groupMark) {
              lastGroup[id] = groupMark
              if (++groupsMatched[id] === groupMark) alive++
              if (groupMark === 1) fromFirstGroup.push(id)
            }
            if (counts && lastTerm[id] !== termMark) {
              lastTerm[id] = termMark
              termsMatched[id]++
            }
          })
        }
      })
    }
    // a group no document that matched the others matches: nothing can match the query
    if (!alive) return []
  }

  const out: Scored[] = []
  for (const id of fromFirstGroup)
    if (groupsMatched[id] === plan.length) out.push({ id, score: score[id] * (termsMatched[id] || 1) })
  return out.sort(byScore)
}

/**
 * Best first; equal scores, the newer article (the higher id) first. Scores are compared to
 * single precision: the same score summed in another order differs in its last bits, and
 * would otherwise order ties by rounding.
 */
export const byScore = (a: Scored, b: Scored) => Math.fround(b.score) - Math.fround(a.score) || b.id - a.id
