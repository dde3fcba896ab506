import { describe, expect, it } from 'vitest'
import { SearchEngine } from '../../../../src/client/search/engine'
import { buildQuery } from '../../../../src/client/search/query'
import { buildSearchIndex, searchDocument } from '../../../../src/node/build/search/searchIndex'
import { parseQuery } from '../../../../src/shared/search/hangul'
import { searchDocsPath, searchMetaPath, searchPartPath } from '../../../../src/shared/paths'
import { DOC_SHARD, partOf, partsOf } from '../../../../src/shared/search/searchFormat'
import { SEARCH_CORPUS, shownDocs } from '../../../fixtures/search/corpus'

/** an engine over the fixture corpus, its files served from memory (as json, like fetch) */
function engine(partPostings?: number) {
  const { meta, parts, docs } = buildSearchIndex(SEARCH_CORPUS.map(searchDocument), shownDocs(), { partPostings })
  const files = new Map<string, string>([
    [searchMetaPath(), JSON.stringify(meta)],
    ...parts.map((p, i) => [searchPartPath(i), JSON.stringify(p)] as const),
    ...docs.map((d, i) => [searchDocsPath(i), JSON.stringify(d)] as const),
  ])
  const requested: string[] = []
  const e = new SearchEngine(async <T>(path: string) => {
    requested.push(path)
    const json = files.get(path)
    return json === undefined ? null : (JSON.parse(json) as T)
  })
  return { engine: e, requested, meta }
}

const { engine: shared } = engine()
const slugsFor = async (q: string, composing = false) =>
  (await shared.search(q, { composing })).hits.map((h) => h.doc?.slug)

describe('client/search/engine', () => {
  describe('korean matching', () => {
    it('finds a word before particles and inside compounds', async () => {
      // 북한과 (title), 북한의 and 북한 관련 (bodies)
      expect((await slugsFor('북한')).sort()).toEqual(['budget', 'treaty'])
      // 대북제재, 대북제재를
      expect(await slugsFor('대북')).toEqual(['sanctions'])
      expect((await slugsFor('제재')).sort()).toEqual(['sanctions', 'treaty'])
      // 러시아는, 러시아에, 러시아와의
      expect((await slugsFor('러시아')).sort()).toEqual(['budget', 'treaty', 'ukraine-aid'])
    })

    it('finds the start of a longer word', async () => {
      expect(await slugsFor('우크라')).toEqual(['ukraine-aid'])
      expect(await slugsFor('우크라이나')).toEqual(['ukraine-aid'])
    })

    it('misses words that only share a syllable', async () => {
      // 북쪽 is not 북한; 우크라이나 is not 우주
      expect(await slugsFor('북한')).not.toContain('north-wind')
      expect(await slugsFor('우주')).toEqual([])
      expect(await slugsFor('일본')).toEqual([])
    })

    it('narrows the results with every word', async () => {
      expect((await slugsFor('북한 러시아')).sort()).toEqual(['budget', 'treaty'])
      expect(await slugsFor('북한 러시아 조약')).toEqual(['treaty'])
      expect(await slugsFor('북한 우크라이나')).toEqual([])
    })

    it('matches one syllable as the start of any word part', async () => {
      // 북한, 북쪽, 대북제재 (북제), 남북
      expect((await slugsFor('북')).sort()).toEqual(['budget', 'north-wind', 'sanctions', 'treaty'])
    })

    it('matches initial consonants in titles and leads', async () => {
      const hits = await slugsFor('ㅂㅎ')
      // 북한과 in a title comes first
      expect(hits[0]).toBe('treaty')
      expect(hits).not.toContain('north-wind')
      expect(hits).not.toContain('football')
      expect(hits).not.toContain('rates')
      expect((await slugsFor('ㄹㅅㅇ')).sort()).toEqual(['treaty', 'ukraine-aid'])
      expect(await slugsFor('ㅅㅎㅁ')).toEqual(['football'])
    })

    it('follows a syllable the IME is still composing', async () => {
      // "북하" on screen while 한 is being typed
      expect((await slugsFor('북하', true)).sort()).toEqual(['budget', 'treaty'])
      expect(await slugsFor('북하', false)).toEqual([])
      // "북ㅎ": the consonant of the next syllable
      expect((await slugsFor('북ㅎ')).sort()).toEqual(['budget', 'treaty'])
      // "우크랑" may still become 우크라 + 이나: nothing flickers away
      expect(await slugsFor('우크라', true)).toEqual(['ukraine-aid'])
    })

    it('matches latin words by prefix, case and small typos aside', async () => {
      expect(await slugsFor('tottenham')).toEqual(['football'])
      expect(await slugsFor('TOTTEN')).toEqual(['football'])
      expect(await slugsFor('tottenhm')).toEqual(['football'])
      expect(await slugsFor('10호 골')).toEqual(['football'])
    })

    it('returns nothing for an empty query, without loading anything', async () => {
      const { engine: e, requested } = engine()
      expect(await e.search('  ')).toEqual({ words: [], hits: [] })
      expect(requested).toEqual([])
    })
  })

  describe('ranking', () => {
    it('puts a title match above body matches', async () => {
      // budget says 러시아 four times, but only in its body
      const hits = await slugsFor('러시아')
      expect(hits[0]).toBe('treaty')
      expect(hits.indexOf('budget')).toBeGreaterThan(hits.indexOf('ukraine-aid'))
      // treaty has 제재 in its body, sanctions in its title
      expect(await slugsFor('제재')).toEqual(['sanctions', 'treaty'])
    })

    it('ranks the syllable on screen above what it may still become', async () => {
      // composing "북": treaty has 북한; ukraine-aid only 정부 (부 may still become 북)
      const hits = await slugsFor('북', true)
      expect(hits).toContain('ukraine-aid')
      expect(hits.indexOf('treaty')).toBeLessThan(hits.indexOf('ukraine-aid'))
      expect(await slugsFor('북', false)).not.toContain('ukraine-aid')
    })
  })

  describe('ties', () => {
    it('puts the newer of two equal articles first (ids count from the oldest)', async () => {
      const twin = SEARCH_CORPUS[0]
      const docs = [twin, twin, twin].map(searchDocument)
      const shown = ['oldest', 'middle', 'newest'].map((slug) => ({ ...shownDocs()[0], slug }))
      const { meta, parts, docs: shards } = buildSearchIndex(docs, shown)
      const e = new SearchEngine(
        async <T>(path: string) =>
          (path === searchMetaPath() ? meta : path === searchDocsPath(0) ? shards[0] : parts[0]) as T,
      )
      const { hits } = await e.search('북한')
      expect(hits.map((h) => h.doc?.slug)).toEqual(['newest', 'middle', 'oldest'])
      expect(new Set(hits.map((h) => h.score)).size).toBe(1)
    })
  })

  describe('loading', () => {
    it('loads meta.json first, then only the parts the query needs, then the slugs of its hits', async () => {
      const { engine: e, requested, meta } = engine(20)
      expect(meta.parts).toBeGreaterThan(4)
      await e.prepare()
      expect(requested).toEqual([searchMetaPath()])
      await e.search('북한')
      // (the fixture's few documents share one docs file)
      expect(requested.slice(1)).toEqual([searchPartPath(partOf('북한', meta)!), searchDocsPath(0)])
      // the same part again: nothing new
      await e.search('북쪽')
      expect(requested).toHaveLength(3)
      // a syllable being composed loads the parts of what it may become, and no other
      const before = requested.length
      const { terms } = buildQuery(parseQuery('러', { composing: true }))
      const allowed = new Set(terms.flatMap((t) => partsOf(t.term, meta, t.prefix).map(searchPartPath)))
      await e.search('러', { composing: true })
      expect(requested.length).toBeGreaterThan(before)
      for (const path of requested.slice(before)) expect(allowed).toContain(path)
      expect((await e.search('북한 러시아')).hits.map((h) => h.doc?.slug).sort()).toEqual(['budget', 'treaty'])
      expect(new Set(requested).size).toBe(requested.length)
    })

    it('names the first hits only, and the rest when asked, each with what its result shows', async () => {
      const { engine: e, requested } = engine()
      const { hits } = await e.search('러시아', { docs: 1 })
      expect(hits.length).toBeGreaterThan(1)
      expect(shownDocs()).toContainEqual(hits[0].doc)
      expect(hits.slice(1).every((h) => h.doc === undefined)).toBe(true)
      const named = await e.withDocs(hits, hits.length)
      expect(named.map((h) => h.doc?.slug)).toEqual((await shared.search('러시아')).hits.map((h) => h.doc?.slug))
      // one docs file holds them all
      expect(requested.filter((p) => p.includes('/docs/'))).toEqual([searchDocsPath(0)])
      expect(DOC_SHARD).toBeGreaterThan(SEARCH_CORPUS.length)
    })

    it('gives the same answers however the index is split, syllables cut by hash among them', async () => {
      for (const size of [20, 5]) {
        const { engine: split, meta } = engine(size)
        if (size === 5) expect(Object.values(meta.partMap).some(Array.isArray)).toBe(true)
        for (const [q, composing] of [
          ['북한', false],
          ['러시아', false],
          ['ㅂㅎ', false],
          ['북 러시아', false],
          ['tottenham', false],
          ['tott', false],
          ['북', false],
          ['북하', true],
          ['북ㅎ', false],
          ['우크랑', true],
        ] as const) {
          const a = (await shared.search(q, { composing })).hits
          const b = (await split.search(q, { composing })).hits
          expect(
            b.map((h) => h.doc?.slug),
            `${q} at ${size}`,
          ).toEqual(a.map((h) => h.doc?.slug))
        }
      }
    })

    it('tries a failed file again on the next query', async () => {
      let fail = true
      const { meta, parts, docs } = buildSearchIndex(SEARCH_CORPUS.map(searchDocument), shownDocs())
      const e = new SearchEngine(async <T>(path: string) => {
        if (fail) throw new Error('offline')
        return (path === searchMetaPath() ? meta : path === searchDocsPath(0) ? docs[0] : parts[0]) as T
      })
      await expect(e.search('북한')).rejects.toThrow('offline')
      fail = false
      expect((await e.search('북한')).hits).toHaveLength(2)
    })
  })
})
