// which part of the search index holds which terms: parts of about the same size, so a query
// loads about as much whichever terms it needs (see searchIndex.ts, PART_POSTINGS).
import { isSyllable } from '../../../shared/search/hangul.ts'
import { partKey, termHash, type SearchMeta } from '../../../shared/search/searchFormat.ts'

/** how far over the average a part may grow, unless one term alone is bigger */
const PART_SLACK = 1.25

/**
 * Which part holds which terms. Units are the groups of partKey(), or, for a group bigger
 * than a part should be, each of its first syllables; a unit still bigger is cut by the
 * terms' hash into pieces (pieceSizes). The biggest pieces are placed first, each in the
 * part with the least so far, or in a new part when that one would grow past its share,
 * so no part is much bigger than the average. Returns the map and the number of parts used.
 */
export function assignParts(
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
