// the related lists kept between builds: taken as they are while what they were worked out
// from is the same, worked out anew when it changes, and never taken from a damaged file
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RelatedCache } from '../../../../../src/node/content/cache/relatedCache'
import type { RelatedDoc } from '../../../../../src/node/build/related'
import type { ArticleLink } from '../../../../../src/shared/types'

let dir: string
let file: string
const doc = (slug: string, title = `제목 ${slug}`): RelatedDoc => ({
  slug,
  title,
  excerpt: '',
  featureText: '',
  categories: ['News'],
  headings: [],
  tags: [],
})
const docs = [doc('a'), doc('b')]
const lists: ArticleLink[][] = [[{ slug: 'b', title: '제목 b' }], [{ slug: 'a', title: '제목 a' }]]

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'related-cache-'))
  file = join(dir, 'build-related.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('node/content/cache/relatedCache', () => {
  it('works the lists out once for the same docs and code, and again when either changes', async () => {
    const work = vi.fn(async () => lists)
    expect(await new RelatedCache(file, 'v1').lists(docs, work)).toEqual(lists)
    expect(await new RelatedCache(file, 'v1').lists(docs, work)).toEqual(lists)
    expect(work).toHaveBeenCalledTimes(1)
    await new RelatedCache(file, 'v1').lists([doc('a', '고친 제목'), doc('b')], work)
    expect(work).toHaveBeenCalledTimes(2)
    await new RelatedCache(file, 'v2').lists([doc('a', '고친 제목'), doc('b')], work)
    expect(work).toHaveBeenCalledTimes(3)
  })

  it('works them out again from a damaged file or one whose lists are not links', async () => {
    const work = vi.fn(async () => lists)
    await new RelatedCache(file, 'v1').lists(docs, work)
    const kept = JSON.parse(await readFile(file, 'utf8')) as { key: string }
    await writeFile(file, '{"key":')
    expect(await new RelatedCache(file, 'v1').lists(docs, work)).toEqual(lists)
    await writeFile(file, JSON.stringify({ key: kept.key, lists: [[{ slug: 'b', title: 1 }], []] }))
    expect(await new RelatedCache(file, 'v1').lists(docs, work)).toEqual(lists)
    await writeFile(file, JSON.stringify({ key: kept.key, lists: [[]] }))
    expect(await new RelatedCache(file, 'v1').lists(docs, work)).toEqual(lists)
    expect(work).toHaveBeenCalledTimes(4)
  })
})
