import { describe, expect, it } from 'vitest'
import { arrange, dedupe, order } from '../../../../src/node/content/order'
import { formatProblems } from '../../../../src/node/content/problems'
import type { Article } from '../../../../src/shared/types'

const article = (slug: string, source: string, date = '', categories: string[] = []) =>
  ({ slug, source, date, categories, tags: [], authors: [], title: slug, prev: null, next: null, related: [] }) as unknown as Article

describe('node/content/order', () => {
  it('lists dated articles newest first, then undated ones in file-name order (by code point)', () => {
    const listed = order([article('a', 'content/b.txt'), article('b', 'content/a.txt', '2024-01-01'), article('c', 'content/B.txt'), article('d', 'content/c.txt', '2024-06-01')])
    expect(listed.map((a) => a.slug)).toEqual(['d', 'b', 'c', 'a'])
  })

  it('keeps the first of two files with one address, names both, and links the rest to their neighbours', () => {
    const { articles, problems } = arrange([article('x', 'content/1.txt', '2024-03-01'), article('X', 'content/2.txt'), article('y', 'content/3.txt', '2024-02-01')], (a) => [{ slug: `${a.slug}-related`, title: '' }])
    expect(articles.map((a) => [a.slug, a.prev?.slug ?? null, a.next?.slug ?? null, a.related[0].slug])).toEqual([
      ['x', null, 'y', 'x-related'],
      ['y', 'x', null, 'y-related'],
    ])
    expect(problems.map((p) => p.file)).toEqual(['content/1.txt', 'content/2.txt'])
  })

  it('names every one of 3,000 files with one slug, each on one short line', () => {
    const articles = (n: number) => Array.from({ length: n }, (_, i) => ({ slug: 'index', source: `content/${String(i).padStart(5, '0')}.txt`, categories: [] as string[], tags: [] as string[], authors: [] }) as unknown as Article)
    const report = (n: number) => formatProblems(dedupe(articles(n)).duplicates)
    const small = report(30)
    const big = report(3_000)
    const lines = big.split('\n')
    expect(lines).toHaveLength(3_000)
    expect(new Set(lines.map((l) => l.trim().split(':')[0])).size).toBe(3_000)
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(200)
    expect(lines[2]).toMatch(/content\/00002\.txt: the slug "index" is also used by content\/00000\.txt, content\/00001\.txt and 2,997 other files: give one of them another "slug:"/)
    // a hundred times the files, about a hundred times the report (before: each line named all the others)
    expect(big.length / small.length).toBeLessThan(110)
  })

})
