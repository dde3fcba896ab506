// the build cache: what one build keeps, the next build with the same code reuses; other
// code, or a damaged file, leaves it cold (every file rendered)
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
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
  file = join(dir, 'sub', 'build-content.bin')
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

  it('gives up a save it cannot write, without ending the process', async () => {
    // the temporary file it writes is a folder: the stream fails (unheard, that error ended the process)
    await mkdir(`${file}.${process.pid}.tmp`, { recursive: true })
    await saved('v1', [[BuildCache.key('content/a.txt', bytes), article]])
    await expect(stat(file)).rejects.toThrow()
  })

  it('keeps articles only: a file with a problem is read again next time', async () => {
    const problem: FileResult = { ok: false, problems: [{ file: 'content/b.txt', message: 'could not be read: EACCES' }] }
    await saved('v1', [
      ['a', article],
      ['b', problem],
    ])
    const next = new BuildCache(file, 'v1')
    await next.open()
    expect(next.get('a')).toEqual(article)
    expect(next.get('b')).toBeUndefined()
  })

  it('keeps the entries before the place where a file breaks off, and reads a large one a chunk at a time', async () => {
    // bodies of a megabyte and more each: the file is read eight megabytes at a time, and records cross the chunks
    const big = (n: number): FileResult => ({ ok: true, article: { ...(article.ok ? article.article : ({} as never)), html: `<p>${'가'.repeat(2 ** 19)}${n}</p>` } })
    const keys = Array.from({ length: 12 }, (_, i) => `k${i}`)
    await saved(
      'v1',
      keys.map((k, i) => [k, big(i)]),
    )
    const htmlOf = (cache: BuildCache, key: string) => {
      const hit = cache.get(key)
      return hit?.ok ? hit.article.html : undefined
    }
    const whole = new BuildCache(file, 'v1')
    await whole.open()
    expect(keys.map((k) => htmlOf(whole, k))).toEqual(keys.map((_, i) => big(i).ok && (big(i) as { article: { html: string } }).article.html))
    // cut inside the last record: the others are kept
    const bytes = await readFile(file)
    expect(bytes.length).toBeGreaterThan(8 * 2 ** 20)
    await writeFile(file, bytes.subarray(0, bytes.length - 100))
    const cut = new BuildCache(file, 'v1')
    await cut.open()
    expect(keys.filter((k) => cut.get(k) !== undefined)).toEqual(keys.slice(0, -1))
    // a length no record has, in the first record: nothing is read
    const damaged = Buffer.from(bytes)
    damaged.writeUInt32LE(0xffffffff, 0)
    await writeFile(file, damaged)
    const wrong = new BuildCache(file, 'v1')
    await wrong.open()
    expect(wrong.warm).toBe(false)
  })

  it('saves a large archive without piling up listeners on its file (no warning while it waits for the disk)', async () => {
    const warnings: string[] = []
    const onWarning = (w: Error) => warnings.push(w.name)
    process.on('warning', onWarning)
    try {
      // each record bigger than the stream's buffer: every write waits for it to drain
      const big: FileResult = { ok: true, article: { ...(article.ok ? article.article : ({} as never)), html: `<p>${'가'.repeat(2 ** 15)}</p>` } }
      await saved('v1', Array.from({ length: 40 }, (_, i) => [`k${i}`, big]))
      await new Promise((resolve) => setImmediate(resolve))
    } finally {
      process.off('warning', onWarning)
    }
    expect(warnings).toEqual([])
    const next = new BuildCache(file, 'v1')
    await next.open()
    expect(next.get('k39')).toBeDefined()
  })
})
