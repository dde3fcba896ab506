// the build cache: what one build keeps, the next build with the same code reuses; other
// code, or a damaged file, leaves it cold (every file rendered)
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BuildCache } from '../../../../../src/node/content/cache/buildCache'
import type { FileResult } from '../../../../../src/node/content/types'

let dir: string
let file: string
const bytes = new TextEncoder().encode('---\ntitle: 제목\n---\n본문\n')
const article: FileResult = {
  ok: true,
  article: { slug: 'a', title: '제목', categories: [], authors: [], tags: [], image: '', imageAlt: '', imageCaption: '', photos: [], date: '', featureText: '', prev: null, next: null, related: [], source: 'content/a.txt', excerpt: '본문', readingMinutes: 1, html: '<p>본문</p>', headings: [] },
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'build-cache-'))
  file = join(dir, 'sub', 'build-content.jsonl')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function saved(version: string, entries: Array<[string, FileResult]>): Promise<void> {
  const cache = new BuildCache(file, version)
  await cache.open()
  for (const [key, result] of entries) cache.keep(key, result)
  await cache.save()
}

describe('node/content/cache/buildCache', () => {
  it('gives the next build with the same code what this one kept', async () => {
    const key = BuildCache.key('content/a.txt', bytes)
    await saved('v1', [[key, article]])
    const next = new BuildCache(file, 'v1')
    expect(next.warm).toBe(false)
    await next.open()
    expect(next.warm).toBe(true)
    expect(next.get(key)).toEqual(article)
    // another path, or other bytes, is another key
    expect(next.get(BuildCache.key('content/b.txt', bytes))).toBeUndefined()
    expect(next.get(BuildCache.key('content/a.txt', bytes.subarray(1)))).toBeUndefined()
  })

  it('is cold for another code version', async () => {
    await saved('v1', [[BuildCache.key('content/a.txt', bytes), article]])
    const next = new BuildCache(file, 'v2')
    await next.open()
    expect(next.warm).toBe(false)
    expect(next.get(BuildCache.key('content/a.txt', bytes))).toBeUndefined()
  })

  it('leaves the file as it is when a build kept the same entries (an incremental build after a small edit writes nothing)', async () => {
    const key = BuildCache.key('content/a.txt', bytes)
    await saved('v1', [[key, article]])
    const before = await stat(file)
    await saved('v1', [[key, article]])
    expect((await stat(file)).ino).toBe(before.ino)
    // one entry more: written anew (through a temporary file, so another inode)
    await saved('v1', [
      [key, article],
      [BuildCache.key('content/b.txt', bytes), article],
    ])
    expect((await stat(file)).ino).not.toBe(before.ino)
  })

  it('is cold where there is no file, or a damaged one', async () => {
    const none = new BuildCache(file, 'v1')
    await none.open()
    expect(none.warm).toBe(false)
    await saved('v1', [])
    await writeFile(file, '{"format":1,"vers')
    const damaged = new BuildCache(file, 'v1')
    await damaged.open()
    expect(damaged.warm).toBe(false)
  })

  it('keeps articles only: a file with a problem is read again next time', async () => {
    const problem: FileResult = { ok: false, problems: [{ file: 'content/b.txt', message: 'could not be read: EACCES' }] }
    await saved('v1', [
      ['a', article],
      ['b', problem],
    ])
    const lines = (await readFile(file, 'utf8')).trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(JSON.parse(lines[0])).toEqual({ format: 1, version: 'v1' })
    expect(JSON.parse(lines[1])[0]).toBe('a')
  })
})
