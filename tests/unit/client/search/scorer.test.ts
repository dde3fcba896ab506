import { describe, expect, it } from 'vitest'
import { buildSearchIndex, searchDocument } from '../../../../src/node/build/search/searchIndex'
import { parseQuery } from '../../../../src/shared/search/hangul'
import { partsOf, type SearchMeta } from '../../../../src/shared/search/searchFormat'
import { partTerms, visitTerms, type PartTerms } from '../../../../src/client/search/partTerms'
import { buildQuery } from '../../../../src/client/search/query'
import { scorePlan, type Scored } from '../../../../src/client/search/scorer'
import { FuzzySearch } from '../../../../src/client/search/fuzzy'

/** a deterministic random source (mulberry32) */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// few syllables, so bigrams repeat across documents and prefixes expand to many terms
const SYLLABLES = [...'정부국회북한러시아우크라이나대통령선거경제금리물가지원조약제재서울부산']
const LATIN = ['seoul', 'kospi', 'ai', 'g7', 'nato', 'opec']

function corpus(count: number, next: () => number) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]
  const word = () =>
    next() < 0.1 ? pick(LATIN) : Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(SYLLABLES)).join('')
  const text = (words: number) => Array.from({ length: words }, word).join(' ')
  return Array.from({ length: count }, () =>
    searchDocument({
      title: text(2 + Math.floor(next() * 5)),
      excerpt: text(3 + Math.floor(next() * 8)),
      featureText: '',
      headings: [],
      categories: [pick(['정치', '경제', '국제'])],
      // a word repeated many times gives frequencies of 16 and more (their own number in a posting)
      html: `<p>${text(Math.floor(next() * 60))} ${next() < 0.2 ? Array(20).fill(word()).join(' ') : ''}</p>`,
    }),
  )
}

/** the index's parts as the engine keeps them, and a lookup over them */
function index(count: number, seed: number, partPostings: number) {
  const docs = corpus(count, random(seed))
  const shown = docs.map((_, i) => ({ slug: `a${i}`, title: '', excerpt: '', date: '', categories: [] }))
  const { meta, parts } = buildSearchIndex(docs, shown, { partPostings })
  const loaded = new Map<number, PartTerms>(parts.map((p, i) => [i, partTerms(p)]))
  return { meta, loaded }
}

function scorer(query: string, meta: SearchMeta, loaded: Map<number, PartTerms>, composing = false): Scored[] {
  const { plan } = buildQuery(parseQuery(query, { composing }))
  return scorePlan(plan, meta, (q, visit) =>
    visitTerms(
      [...new Set(partsOf(q.term, meta, q.prefix))].map((p) => loaded.get(p)!),
      q.term,
      q.prefix,
      visit,
    ),
  )
}

function minisearch(query: string, meta: SearchMeta, loaded: Map<number, PartTerms>, composing = false): Scored[] {
  const { plan, terms } = buildQuery(parseQuery(query, { composing }))
  const needed = new Set(terms.flatMap((t) => partsOf(t.term, meta, t.prefix)))
  return new FuzzySearch().search(plan, meta, new Map([...loaded].filter(([p]) => needed.has(p))))
}

/** the same documents with the same scores (to rounding), in an order either could give */
function expectSame(got: Scored[], want: Scored[], what: string) {
  expect(
    got.map((h) => h.id).sort((a, b) => a - b),
    what,
  ).toEqual(want.map((h) => h.id).sort((a, b) => a - b))
  const wanted = new Map(want.map((h) => [h.id, h.score]))
  for (const h of got) expect(h.score, `${what}: document ${h.id}`).toBeCloseTo(wanted.get(h.id)!, 9)
  // best first; equal scores (to rounding): the higher id first
  for (let i = 1; i < got.length; i++) {
    const [a, b] = [got[i - 1], got[i]]
    const tie = Math.fround(a.score) === Math.fround(b.score)
    expect(tie ? a.id > b.id : a.score > b.score, `${what}: order at ${i}`).toBe(true)
  }
}

describe('client/search/scorer', () => {
  const queries = (next: () => number) => {
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]
    const syllables = (n: number) => Array.from({ length: n }, () => pick(SYLLABLES)).join('')
    const initials = (n: number) =>
      [...syllables(n)]
        .map((s) => 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ'[Math.floor((s.charCodeAt(0) - 0xac00) / 588)])
        .join('')
    return [
      ...Array.from({ length: 12 }, () => syllables(1)),
      ...Array.from({ length: 12 }, () => syllables(2)),
      ...Array.from({ length: 8 }, () => syllables(3 + Math.floor(next() * 3))),
      ...Array.from({ length: 8 }, () => initials(1 + Math.floor(next() * 3))),
      ...Array.from({ length: 8 }, () => `${syllables(2)} ${syllables(1 + Math.floor(next() * 2))}`),
      // a consonant glued to a syllable: the next syllable has begun
      ...Array.from({ length: 4 }, () => `${syllables(1)}${initials(1)}`),
      // a term twice, next to each other and apart, and repeated within a word
      '정부 정부',
      '정부 국회 정부',
      '북한 한러 북한',
      '정 정부 정',
      '정정정',
      // a consonant glued after a longer word, and before a word still being composed
      '북한ㅈ',
      '북ㅎ 정',
      // latin words and digits
      'kos',
      'ai 정부',
      'g7',
    ]
  }

  it('ranks as minisearch does, on every kind of query, however the index is split', { timeout: 60_000 }, () => {
    for (const [count, seed, partPostings] of [
      [60, 1, 100_000],
      [300, 2, 400],
      [300, 3, 40],
    ] as const) {
      const { meta, loaded } = index(count, seed, partPostings)
      let matched = 0
      for (const q of queries(random(seed + 100))) {
        for (const composing of [false, true]) {
          const want = minisearch(q, meta, loaded, composing)
          expectSame(
            scorer(q, meta, loaded, composing),
            want,
            `${q}${composing ? ' (composing)' : ''} at ${count}/${partPostings}`,
          )
          matched += want.length
        }
      }
      // the queries do find things: the comparison is not of empty lists
      expect(matched).toBeGreaterThan(count * 10)
    }
  })

  it('counts a term once per document wherever the query repeats it', () => {
    const { meta, loaded } = index(100, 5, 100_000)
    const once = new Map(scorer('정부', meta, loaded).map((h) => [h.id, h.score]))
    const twice = scorer('정부 정부', meta, loaded)
    expect(twice.length).toBe(once.size)
    // twice the sum of its contributions, times the same one term matched
    for (const h of twice) expect(h.score).toBeCloseTo(2 * once.get(h.id)!, 9)
  })

  it('orders equal scores newer first, whatever order their parts were added in', () => {
    // 117 matches 정, 정나 and 정부, 132 정, 정부 and 정우: 정나 and 정우 weigh the same, so the
    // two scores are one number, summed in different orders (they differed in the last bit)
    const { meta, loaded } = index(300, 13, 400)
    const hits = scorer('정 정부 정', meta, loaded)
    const at = (id: number) => hits.findIndex((h) => h.id === id)
    expect(Math.fround(hits[at(117)].score)).toBe(Math.fround(hits[at(132)].score))
    expect(at(132)).toBeLessThan(at(117))
  })

  it('looks up a bounded part of a long query', () => {
    const plan = (query: string) => buildQuery(parseQuery(query)).plan
    // a pasted paragraph: its first ten words; a very long word: its first twenty syllables
    expect(plan(Array(500).fill('정부 북ㅎ').join(' '))).toEqual(plan(Array(5).fill('정부 북ㅎ').join(' ')))
    expect(plan('정'.repeat(5000))).toEqual(plan('정'.repeat(20)))
    expect(plan('정'.repeat(20)).length).toBe(19)
  })

  it('stops at the first group that leaves nothing', () => {
    const { meta, loaded } = index(100, 7, 100_000)
    const { plan } = buildQuery(parseQuery('없는말 정부 국회'))
    const looked: string[] = []
    scorePlan(plan, meta, (q, visit) => {
      looked.push(q.term)
      visitTerms(
        [...new Set(partsOf(q.term, meta, q.prefix))].map((p) => loaded.get(p)!),
        q.term,
        q.prefix,
        visit,
      )
    })
    expect(looked).toEqual(['없는'])
  })

  it('matches nothing when a group matches nothing', () => {
    const { meta, loaded } = index(100, 6, 100_000)
    expect(scorer('정부 없는말', meta, loaded)).toEqual([])
    expect(scorer('', meta, loaded)).toEqual([])
  })
})
