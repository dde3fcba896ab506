// an index part as the engine keeps it: its terms in order beside their postings, as the
// file has them (decoded by whoever reads them), so a term and every term starting with a
// prefix are found by binary search, without a map or a tree built of thousands of terms
// on every part's arrival.
import type { FieldPostings, SearchPart } from '../../shared/search/searchFormat'

export interface PartTerms {
  /** sorted, as strings compare */
  terms: string[]
  postings: FieldPostings[][]
}

const byTerm = (a: SearchPart['terms'][number], b: SearchPart['terms'][number]) =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0

/** A part file's terms, sorted (the build writes them sorted; a file that is not is sorted here). */
export function partTerms(part: SearchPart): PartTerms {
  let entries = part.terms
  for (let i = 1; i < entries.length; i++)
    if (entries[i - 1][0] >= entries[i][0]) {
      entries = [...entries].sort(byTerm)
      break
    }
  return { terms: entries.map((e) => e[0]), postings: entries.map(([, ...fields]) => fields) }
}

/** the first position whose term is not before `term` */
function lowerBound(terms: readonly string[], term: string): number {
  let lo = 0
  let hi = terms.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (terms[mid] < term) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Calls `visit` with `term` and its postings when a part holds it, then, with `prefix`, with
 * every other term starting with it.
 */
export function visitTerms(
  parts: readonly PartTerms[],
  term: string,
  prefix: boolean,
  visit: (term: string, postings: FieldPostings[]) => void,
): void {
  const starts = parts.map((p) => lowerBound(p.terms, term))
  parts.forEach((p, i) => {
    if (p.terms[starts[i]] === term) visit(term, p.postings[starts[i]])
  })
  if (!prefix) return
  parts.forEach((p, i) => {
    for (let t = starts[i]; t < p.terms.length && p.terms[t].startsWith(term); t++)
      if (p.terms[t] !== term) visit(p.terms[t], p.postings[t])
  })
}
