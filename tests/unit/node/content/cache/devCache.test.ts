// the dev cache: entries marked dirty are written once, on flush or a moment later, and read
// back whole by the next run with the same code; a damaged file or other code gives nothing
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DevCache } from '../../../../../src/node/content/cache/devCache'
import type { CacheEntry, FileResult } from '../../../../../src/node/content/types'

let dir: string
let file: string

const article = (slug: string, html: string): FileResult => ({
  ok: true,
  article: { slug, title: slug, categories: [], authors: [], tags: [], image: '', imageAlt: '', imageCaption: '', photos: [], date: '', featureText: '', prev: null, next: null, related: [], source: `content/${slug}.txt`, excerpt: '본문', readingMinutes: 1, html, headings: [] },
})
const problem: FileResult = { ok: false, problems: [{ file: 'content/bad.txt', line: 1, message: 'no front matter' }] }

function entries(): Map<string, CacheEntry> {
  return new Map<string, CacheEntry>([
    ['/c/rendered.txt', { mtimeMs: 10, size: 100, estimated: false, result: article('rendered', '<p>본문</p>') }],
    ['/c/estimated.txt', { mtimeMs: 20, size: 200, estimated: true, result: article('estimated', '<p>본문 추정</p>') }],
    ['/c/bad.txt', { mtimeMs: 30, size: 300, estimated: false, result: problem }],
    ['/c/gone.txt', { mtimeMs: -1, size: -1, estimated: false, result: problem }],
  ])
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dev-cache-'))
  file = join(dir, 'sub', 'dev-content.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function restored(version: string): Promise<Map<string, CacheEntry>> {
  const into = new Map<string, CacheEntry>()
  await new DevCache(file, version, into).restore()
  return into
}

describe('node/content/cache/devCache', () => {
  it('writes the entries marked dirty on flush, and the next run reads them back', async () => {
    const cache = new DevCache(file, 'v1', entries())
    cache.markDirty()
    // (written a moment later, not at once)
    expect(existsSync(file)).toBe(false)
    await cache.flush()
    expect(existsSync(file)).toBe(true)
    const back = await restored('v1')
    expect([...back.keys()]).toEqual(['/c/rendered.txt', '/c/estimated.txt', '/c/bad.txt'])
    expect(back.get('/c/rendered.txt')).toEqual({ ...entries().get('/c/rendered.txt'), textless: false })
    expect(back.get('/c/bad.txt')).toEqual({ ...entries().get('/c/bad.txt'), textless: false })
    // an estimate comes back without its text, and says so
    const estimate = back.get('/c/estimated.txt')!
    expect(estimate).toMatchObject({ mtimeMs: 20, size: 200, estimated: true, textless: true })
    expect(estimate.result.ok && estimate.result.article.html).toBe('')
  })

  it('writes the entries as they are at the time of the write, in chunks that make one json file', async () => {
    const many = new Map<string, CacheEntry>()
    for (let i = 0; i < 600; i++) many.set(`/c/${i}.txt`, { mtimeMs: i, size: i, estimated: false, result: article(`a${i}`, '<p>x</p>') })
    const cache = new DevCache(file, 'v1', many)
    cache.markDirty()
    many.set('/c/late.txt', { mtimeMs: 1, size: 1, estimated: false, result: article('late', '<p>x</p>') })
    await cache.flush()
    const back = await restored('v1')
    expect(back.size).toBe(601)
    expect(back.get('/c/599.txt')?.mtimeMs).toBe(599)
  })

  it('flush with nothing waiting writes nothing', async () => {
    await new DevCache(file, 'v1', entries()).flush()
    expect(existsSync(file)).toBe(false)
  })

  it('gives nothing for another code version, a damaged file or none at all', async () => {
    const cache = new DevCache(file, 'v1', entries())
    cache.markDirty()
    await cache.flush()
    expect((await restored('v2')).size).toBe(0)
    await writeFile(file, '{"format":1,"version":"v1","entries":[["/c/a.txt",1,')
    expect((await restored('v1')).size).toBe(0)
    await rm(file)
    expect((await restored('v1')).size).toBe(0)
  })

  it('restores once, and an entry the loader has already is kept', async () => {
    const cache = new DevCache(file, 'v1', entries())
    cache.markDirty()
    await cache.flush()
    const into = new Map<string, CacheEntry>([['/c/rendered.txt', { mtimeMs: 99, size: 1, estimated: false, result: problem }]])
    const second = new DevCache(file, 'v1', into)
    await second.restore()
    expect(into.get('/c/rendered.txt')?.mtimeMs).toBe(99)
    expect(into.size).toBe(3)
    into.clear()
    await second.restore()
    expect(into.size).toBe(0)
  })
})
