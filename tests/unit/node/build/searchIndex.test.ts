import MiniSearch from 'minisearch'
import { describe, expect, it } from 'vitest'
import {
  buildSearchIndex,
  searchDocument,
  searchIndexEntries,
  searchIndexFiles,
  SearchIndexer,
} from '../../../../src/node/build/search/searchIndex'
import { chosungTerms, indexTerms } from '../../../../src/shared/search/hangul'
import {
  DOC_SHARD,
  SEARCH_FIELDS,
  SEARCH_FORMAT,
  codeLength,
  decodePostings,
  lengthCode,
  partKey,
  partOf,
  partsOf,
  termHash,
  type SearchMeta,
  type SearchPart,
} from '../../../../src/shared/search/searchFormat'
import type { Article } from '../../../../src/shared/types'
import { SEARCH_CORPUS, shownDocs } from '../../../fixtures/search/corpus'

const docs = SEARCH_CORPUS.map(searchDocument)
const shown = shownDocs()

/** the same documents indexed by minisearch itself */
function minisearchIndex() {
  const source = (doc: (typeof docs)[number], field: string) =>
    field.startsWith('title') ? doc.title : field.startsWith('lead') ? doc.lead : doc.body
  const ms = new MiniSearch<{ id: number; doc: (typeof docs)[number] }>({
    fields: [...SEARCH_FIELDS],
    extractField: (d, field) => (field === 'id' ? d.id : source(d.doc, field)),
    tokenize: (text, field) => (field?.endsWith('Chosung') ? chosungTerms(text) : indexTerms(text)),
    processTerm: (t) => t,
  })
  ms.addAll(docs.map((doc, id) => ({ id, doc })))
  return ms.toJSON()
}

/** our files read back into minisearch's serialised shape, with each document's length code per field */
function asMinisearch(meta: SearchMeta, parts: SearchPart[]) {
  const codes = new Map<number, number[]>()
  const index = parts.flatMap((p) =>
    p.terms.map(
      ([term, ...fields]) =>
        [
          term,
          Object.fromEntries(
            fields.map((f) => [
              f[0],
              decodePostings(f, 1, (id, code) => {
                if (!codes.has(id)) codes.set(id, new Array<number>(SEARCH_FIELDS.length).fill(-1))
                const seen = codes.get(id)!
                // every posting of a document in a field carries the same code
                if (seen[f[0]] !== -1 && seen[f[0]] !== code) throw new Error(`${term}: two codes for ${id}`)
                seen[f[0]] = code
              }),
            ]),
          ),
        ] as const,
    ),
  )
  return { meta, index: new Map(index), codes }
}

describe('node/searchIndex', () => {
  it('reads title, lead (excerpt, standfirst, headings, categories) and body text of an article', () => {
    const doc = searchDocument({
      title: '제목',
      excerpt: '요약',
      featureText: '요약',
      headings: [{ level: 2, id: 'a', text: '소제목' }],
      categories: ['국제'],
      html: '<p>첫 <strong>문단</strong></p><p>둘째&nbsp;문단 &amp; 끝</p>',
    })
    expect(doc).toEqual({ title: '제목', lead: '요약\n소제목\n국제', body: '첫 문단\n둘째 문단 & 끝' })
  })

  it('builds the index minisearch builds from the same terms', () => {
    const expected = minisearchIndex()
    const { meta, parts } = buildSearchIndex(docs, shown)
    const ours = asMinisearch(meta, parts)

    expect(meta.count).toBe(expected.documentCount)
    expect(meta.fields).toEqual(Object.keys(expected.fieldIds))
    meta.average.forEach((a, f) => expect(a).toBeCloseTo(expected.averageFieldLength[f], 10))
    // each field's length travels with the postings, rounded to its code
    for (const [id, lengths] of Object.entries(expected.fieldLength)) {
      const codes = ours.codes.get(Number(id))!
      lengths.forEach((length, f) => {
        if (length > 0) expect(codes[f], `${id} ${f}`).toBe(lengthCode(length, meta.average[f]))
        else expect(codes[f]).toBe(-1)
      })
    }

    expect(ours.index.size).toBe(expected.index.length)
    for (const [term, fields] of expected.index) {
      expect(ours.index.get(term), term).toEqual(
        Object.fromEntries(Object.entries(fields).map(([f, postings]) => [Number(f), postings])),
      )
    }
  })

  it('keeps every part near its share when the big terms of a syllable share a hash', () => {
    // six words of one syllable whose hashes are all multiples of six: cut in two or three by
    // hash, as the split first tries, they would all land in one piece, in one file
    const words: string[] = []
    for (let c = 0xac00; words.length < 6; c++) {
      const word = `정${String.fromCharCode(c)}`
      if (termHash(word) % 6 === 0) words.push(word)
    }
    const count = 60
    const many = Array.from({ length: count }, () => ({ title: '', lead: '', body: words.join(' ') }))
    const index = buildSearchIndex(
      many,
      many.map((_, i) => ({ ...shown[0], slug: `s${i}` })),
      { partPostings: count * 3 },
    )
    const size = (part: SearchPart) =>
      part.terms.reduce(
        (sum, [, ...fields]) => sum + 1 + fields.reduce((n, f) => n + Object.keys(decodePostings(f, 1)).length, 0),
        0,
      )
    const sizes = index.parts.map(size)
    const share = sizes.reduce((a, b) => a + b, 0) / Math.ceil(sizes.reduce((a, b) => a + b, 0) / (count * 3))
    // (each word is in every document: one term alone is count + 1)
    for (const n of sizes) expect(n).toBeLessThanOrEqual(Math.max(share * 1.25, count + 1))
    // and every word is still where the browser looks for it
    index.parts.forEach((part, n) => {
      for (const [term] of part.terms) expect(partOf(term, index.meta), term).toBe(n)
    })
  })

  it('puts every term in the part partOf() names, and grows the number of parts with the archive', () => {
    const small = buildSearchIndex(docs, shown)
    expect(small.parts).toHaveLength(1)

    const split = buildSearchIndex(docs, shown, { partPostings: 20 })
    expect(split.meta.parts).toBe(split.parts.length)
    expect(split.parts.length).toBeGreaterThan(4)
    split.parts.forEach((part, n) => {
      for (const [term] of part.terms) expect(partOf(term, split.meta), term).toBe(n)
    })
    const all = split.parts.flatMap((p) => p.terms.map(([t]) => t)).sort()
    expect(all).toEqual(small.parts[0].terms.map(([t]) => t))
  })

  it("keeps a group of terms (first syllable's consonant and vowel) in one part, splitting only a big group by syllable", () => {
    const partsOf = (meta: SearchMeta, pick: (term: string) => string) => {
      const seen = new Map<string, Set<number>>()
      for (const term of allTerms) {
        const key = pick(term)
        if (!seen.has(key)) seen.set(key, new Set())
        seen.get(key)!.add(partOf(term, meta)!)
      }
      return [...seen.values()].map((s) => s.size)
    }
    const allTerms = buildSearchIndex(docs, shown).parts[0].terms.map(([t]) => t)
    // parts about the size of a group: groups stay whole
    const even = buildSearchIndex(docs, shown, { partPostings: 400 })
    expect(even.parts.length).toBeGreaterThan(1)
    expect(Math.max(...partsOf(even.meta, partKey))).toBe(1)
    // small parts: a big group is split, each first syllable whole
    const small = buildSearchIndex(docs, shown, { partPostings: 30 })
    expect(Math.max(...partsOf(small.meta, partKey))).toBeGreaterThan(1)
    expect(Math.max(...partsOf(small.meta, (t) => t[0]))).toBe(1)
    // the biggest units are spread first, so no part is left empty
    expect(small.parts.every((p) => p.terms.length > 0)).toBe(true)
  })

  it('cuts a syllable too big for a part by the hash of its terms, and a prefix finds every piece', () => {
    const whole = buildSearchIndex(docs, shown).parts[0].terms.map(([t]) => t)
    const tiny = buildSearchIndex(docs, shown, { partPostings: 5 })
    const cut = Object.entries(tiny.meta.partMap).filter(([, parts]) => Array.isArray(parts))
    expect(cut.length).toBeGreaterThan(0)
    for (const [key] of cut) {
      const terms = whole.filter((t) => t[0] === key || (!Object.hasOwn(tiny.meta.partMap, t[0]) && partKey(t) === key))
      // each term in the one part its hash picks, and a prefix query loads every part any of them is in
      const prefix = new Set(partsOf(terms[0][0], tiny.meta, true))
      expect(prefix.size, key).toBeGreaterThan(1)
      tiny.parts.forEach((part, n) => {
        for (const [t] of part.terms) if (terms.includes(t)) expect(prefix, t).toContain(n)
      })
      terms.forEach((t) =>
        expect(
          tiny.parts[partOf(t, tiny.meta)!].terms.map(([x]) => x),
          t,
        ).toContain(t),
      )
    }
    // one exact term loads one part
    for (const t of whole) expect(partsOf(t, tiny.meta)).toHaveLength(1)
  })

  it('writes meta.json and one file per part under _data/search/', () => {
    const articles = SEARCH_CORPUS.map((a) => ({ ...a, date: '' })) as unknown as Article[]
    const files = searchIndexFiles(articles)
    expect([...files.keys()]).toEqual([
      '_data/search/meta.json.gz',
      '_data/search/terms/0.json.gz',
      '_data/search/docs/0.json.gz',
    ])
    const meta = JSON.parse(files.get('_data/search/meta.json.gz')!) as SearchMeta
    expect(meta.format).toBe(SEARCH_FORMAT)
    expect(JSON.parse(files.get('_data/search/docs/0.json.gz')!)).toEqual({
      format: SEARCH_FORMAT,
      docs: [...shown].reverse(),
    })
    expect(meta.average).toHaveLength(SEARCH_FIELDS.length)
  })

  it('writes what results show in files of DOC_SHARD, in id order', () => {
    const many = Array.from({ length: DOC_SHARD * 2 + 3 }, (_, i) => ({ ...shown[0], slug: `s${i}` }))
    const { docs: shards } = buildSearchIndex(
      many.map(() => docs[0]),
      many,
    )
    expect(shards.map((d) => d.docs.length)).toEqual([DOC_SHARD, DOC_SHARD, 3])
    expect(shards.flatMap((d) => d.docs)).toEqual(many)
  })

  it('rounds a length to a code and back within a factor of the fourth root of two', () => {
    for (const average of [3, 12.5, 300])
      for (const length of [1, 2, 5, 11, 40, 300, 900]) {
        const back = codeLength(lengthCode(length, average), average)
        const ratio = back / length
        // in range: as close as the steps allow; out of range: the nearest end
        if (length / average >= 0.25 && length / average <= 2 ** 1.5)
          expect(ratio, `${length}/${average}`).toBeGreaterThan(2 ** -0.26)
        if (length / average >= 0.25 && length / average <= 2 ** 1.5)
          expect(ratio, `${length}/${average}`).toBeLessThan(2 ** 0.26)
      }
  })

  it('counts document ids from the oldest article, so a new newest article leaves the docs files before it as they were', () => {
    const archive = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ ...SEARCH_CORPUS[i % SEARCH_CORPUS.length], slug: `a${i}`, date: '' }))
        // newest first, as the build lists them
        .reverse() as unknown as Article[]
    const before = searchIndexFiles(archive(DOC_SHARD * 3))
    const after = searchIndexFiles(archive(DOC_SHARD * 3 + 1))
    const docsFiles = (files: Map<string, string>) => [...files.keys()].filter((p) => p.includes('/docs/'))
    expect(docsFiles(before)).toHaveLength(3)
    expect(docsFiles(after)).toHaveLength(4)
    for (const path of docsFiles(before)) expect(after.get(path), path).toBe(before.get(path))
    // the new one is the last id
    expect(JSON.parse(after.get(docsFiles(after)[3])!).docs.map((d: { slug: string }) => d.slug)).toEqual([
      `a${DOC_SHARD * 3}`,
    ])
  })

  it('makes its files a part at a time from articles added one by one, as from all the documents at once', () => {
    const articles = Array.from({ length: 40 }, (_, i) => ({
      ...SEARCH_CORPUS[i % SEARCH_CORPUS.length],
      slug: `a${i}`,
      date: '',
    }))
    // newest first, as the build lists them: ids from the oldest
    const oldestFirst = [...articles].reverse()
    const {
      meta,
      parts,
      docs: shards,
    } = buildSearchIndex(
      oldestFirst.map(searchDocument),
      oldestFirst.map(({ slug, title, excerpt, date, categories }) => ({ slug, title, excerpt, date, categories })),
      { partPostings: 20 },
    )
    // (several parts, each made as it is asked for)
    expect(parts.length).toBeGreaterThan(3)
    const expected = [
      ['_data/search/meta.json.gz', JSON.stringify(meta)],
      ...parts.map((part, i) => [`_data/search/terms/${i}.json.gz`, JSON.stringify(part)]),
      ...shards.map((shard, i) => [`_data/search/docs/${i}.json.gz`, JSON.stringify(shard)]),
    ]
    const indexer = new SearchIndexer()
    for (const a of oldestFirst) indexer.add(a)
    expect([...indexer.files({ partPostings: 20 })]).toEqual(expected)
    expect([...searchIndexEntries(articles, { partPostings: 20 })]).toEqual(expected)
  })

  it('refuses documents that do not match what results show', () => {
    expect(() => buildSearchIndex([docs[0], docs[1]], [shown[0]])).toThrow(/more documents than the 1/)
    expect(() => buildSearchIndex([docs[0]], [shown[0], shown[1]])).toThrow(/given 1 documents for the 2/)
  })

  it('handles an empty archive', () => {
    const { meta, parts, docs: shards } = buildSearchIndex([], [])
    expect(meta.count).toBe(0)
    expect(parts).toEqual([{ format: SEARCH_FORMAT, terms: [] }])
    expect(shards).toEqual([])
  })
})

describe('node/build/search/searchIndex: tags', () => {
  it("indexes an article's tags with its lead, so a search finds it by a tag alone", () => {
    const doc = searchDocument({
      title: '제목',
      excerpt: '요약',
      featureText: '',
      headings: [],
      categories: [],
      tags: ['탄소중립', 'ESG'],
      html: '<p>본문</p>',
    })
    expect(doc.lead.split('\n')).toEqual(['요약', '탄소중립', 'ESG'])
  })
})
