import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { processFile } from '../../../../src/node/content/file/processFile'
import { POSTINGS_CAP, relatedArticles, TOP_TERMS, type RelatedWork } from '../../../../src/node/build/related'
import type { Article } from '../../../../src/shared/types'

const REPO = resolve(__dirname, '../../../..')

function article(file: string, text: string | Uint8Array): Article {
  const result = processFile(file, typeof text === 'string' ? new TextEncoder().encode(text) : text)
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.problems)}`)
  return result.article
}

/** the two seed articles, as the build reads them */
const SEEDS = readdirSync(join(REPO, 'content'))
  .sort()
  .map((name) => article(`content/${name}`, readFileSync(join(REPO, 'content', name))))

// same category as the seeds, nothing else in common: a story about baseball
const BASEBALL = article(
  'content/baseball.md',
  `---
title: 프로야구 개막전 매진…관중 2만 명 몰려
categories: [News]
excerpt: 프로야구 정규시즌 개막전이 전 구장 매진을 기록했다. 구단들은 새 외국인 투수와 신인 타자를 앞세워 우승에 도전한다.
---
## 개막전 풍경

경기장 앞은 아침부터 응원 유니폼을 입은 팬들로 붐볐다. 홈팀 선발 투수는 7이닝 무실점으로 호투했다.

## 올 시즌 전망

감독은 "젊은 선수들의 성장이 관건"이라며 가을 야구를 목표로 내걸었다.
`,
)

const slugs = (links: { slug: string }[]) => links.map((l) => l.slug)

describe('node/related', () => {
  it('lists the two seed articles (the same event) as each other\u2019s related article', () => {
    const [a, b] = SEEDS
    const related = relatedArticles(SEEDS)
    expect(slugs(related[0])).toEqual([b.slug])
    expect(slugs(related[1])).toEqual([a.slug])
    expect(related[0][0].title).toBe(b.title)
  })

  it('still does with an unrelated article beside them, and never lists that one', () => {
    const all = [SEEDS[0], BASEBALL, SEEDS[1]]
    const related = relatedArticles(all)
    expect(slugs(related[0])).toContain(SEEDS[1].slug)
    expect(slugs(related[2])).toContain(SEEDS[0].slug)
    expect(slugs(related[0])).not.toContain(BASEBALL.slug)
    expect(slugs(related[2])).not.toContain(BASEBALL.slug)
    // sharing only a category is not being related
    expect(related[1]).toEqual([])
  })

  it('never lists an article as related to itself, and caps the list', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ ...SEEDS[i % 2], slug: `${SEEDS[i % 2].slug}-${i}` }))
    const related = relatedArticles(many, 3)
    related.forEach((list, i) => {
      expect(list.length).toBeLessThanOrEqual(3)
      expect(slugs(list)).not.toContain(many[i].slug)
    })
    // the closest are the copies of the same seed
    expect(slugs(related[0])).toEqual(
      expect.arrayContaining([`${SEEDS[0].slug}-2`, `${SEEDS[0].slug}-4`, `${SEEDS[0].slug}-6`]),
    )
  })

  it('gives nothing to a lone article', () => {
    expect(relatedArticles([SEEDS[0]])).toEqual([[]])
  })

  it('a category shared anywhere in two long lists strengthens a likeness, as in two short ones', () => {
    const tagged = (i: number, categories: string[]) => ({ ...SEEDS[i % 2], slug: `t${i}`, categories })
    const filler = (p: string) => Array.from({ length: 49 }, (_, k) => `${p}${k}`)
    // t0 and t1 are copies of one seed, t2 of the other: only t1 shares a category with t0,
    // its last against t0's first, so t1 comes first
    const long = relatedArticles([
      tagged(0, ['공통', ...filler('가')]),
      tagged(2, filler('나')),
      tagged(1, filler('다')),
      tagged(4, [...filler('라'), '공통']),
    ])
    const short = relatedArticles([tagged(0, ['공통']), tagged(2, ['나']), tagged(1, ['다']), tagged(4, ['공통'])])
    expect(long).toEqual(short)
    expect(slugs(long[0])[0]).toBe('t4')
  })

  it('takes about as long with 50 categories an article as with one (not their product)', () => {
    const words = Array.from({ length: 400 }, (_, i) =>
      String.fromCharCode(0xac00 + ((i * 7919) % 11000), 0xac00 + ((i * 104729) % 11000)),
    )
    let seed = 1
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const docs = (categories: number) =>
      Array.from({ length: 1_200 }, (_, i) => {
        const text = Array.from({ length: 40 }, () => words[Math.floor(next() ** 2 * words.length)]).join(' ')
        const names = Array.from({ length: categories }, (_, k) => `분야${i}-${k}`)
        return {
          slug: `s${i}`,
          title: text.slice(0, 20),
          excerpt: text,
          featureText: '',
          headings: [],
          categories: names,
        }
      })
    const time = (list: ReturnType<typeof docs>) => {
      const started = performance.now()
      relatedArticles(list)
      return performance.now() - started
    }
    const one = docs(1)
    const fifty = docs(50)
    time(one)
    // the best of three each, against a busy machine, and up to three tries: another process
    // taking the cpu during one size's runs can double its time, while comparing every pair
    // of categories would make fifty categories cost many times what one does at every try
    let t1 = Infinity
    let t50 = Infinity
    for (let attempt = 0; attempt < 3 && !(t50 < t1 * 4 + 50); attempt++) {
      t1 = Math.min(t1, time(one), time(one), time(one))
      t50 = Math.min(t50, time(fifty), time(fifty), time(fifty))
    }
    expect(t50).toBeLessThan(t1 * 4 + 50)
  })
})

describe('node/build/related: tags', () => {
  const doc = (slug: string, title: string, tags: string[]) => ({
    slug,
    title,
    excerpt: '',
    featureText: '',
    categories: [],
    headings: [],
    tags,
  })
  it('relates articles that share a tag and no word', () => {
    const docs = [
      doc('a', '국회 본회의 예산안 처리', ['예산']),
      doc('b', '프로야구 개막전 매진', ['예산']),
      doc('c', '봄꽃 개화 시기 빨라져', ['날씨']),
      doc('d', '태풍 북상 남부 비상', []),
    ]
    const lists = relatedArticles(docs)
    expect(lists[0].map((l) => l.slug)).toEqual(['b'])
    expect(lists[1].map((l) => l.slug)).toEqual(['a'])
    expect(lists[2]).toEqual([])
  })
})

describe('node/build/related: a large archive', () => {
  // an archive of a few hundred common words, as news is: every common word is in hundreds
  // of articles, so scoring every pair that shares one grows with the square of the archive
  const archive = (n: number) => {
    const words = Array.from({ length: 300 }, (_, i) =>
      String.fromCharCode(0xac00 + ((i * 7919) % 11000), 0xac00 + ((i * 104729) % 11000)),
    )
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    return Array.from({ length: n }, (_, i) => {
      const text = Array.from({ length: 60 }, () => words[Math.floor(next() ** 1.5 * words.length)]).join(' ')
      return { slug: `s${i}`, title: text.slice(0, 12), excerpt: text, featureText: '', headings: [], categories: [] }
    })
  }
  const postingsRead = (n: number) => {
    const work: RelatedWork = { postings: 0 }
    relatedArticles(archive(n), 4, work)
    return work.postings
  }

  it('reads a bounded number of postings an article, so its work grows with the archive, not its square', () => {
    const small = postingsRead(1_000)
    const large = postingsRead(4_000)
    expect(large / 4_000).toBeLessThanOrEqual(TOP_TERMS * POSTINGS_CAP)
    // four times the articles: about four times the work (sixteen without the cap)
    expect(large / small).toBeLessThan(5)
  })
})
