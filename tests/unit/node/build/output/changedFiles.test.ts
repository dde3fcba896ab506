import { readFileSync } from 'node:fs'
import { link, mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { keepUnchangedTimes, saveChanges } from '../../../../../src/node/build/output/changedFiles'

let root: string
let published: string
let staging: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'changed-files-'))
  published = join(root, 'dist')
  staging = join(root, '.dist-staging-1')
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

async function files(dir: string, list: Record<string, string | Buffer>) {
  for (const [name, text] of Object.entries(list)) {
    await mkdir(dirname(join(dir, name)), { recursive: true })
    await writeFile(join(dir, name), text)
  }
}
const mtime = async (file: string) => (await stat(file)).mtimeMs
const LONG = Buffer.alloc(200_000, 'a')
const LONG_CHANGED = Buffer.concat([LONG.subarray(0, 150_000), Buffer.from('b'), LONG.subarray(150_001)])

describe('node/build/output/changedFiles', () => {
  it('keeps the published time of every file whose bytes are the same, and lists the rest', async () => {
    await files(published, {
      'index.html': 'same',
      'articles/가/index.html': 'same hangul path',
      'long.json': LONG,
      'same-size.html': 'abcd',
      'grown.html': 'short',
      'gone/index.html': 'removed',
    })
    const old = new Date('2024-06-20T05:30:00Z')
    for (const f of ['index.html', 'articles/가/index.html', 'long.json', 'same-size.html'])
      await utimes(join(published, f), old, old)
    await files(staging, {
      'index.html': 'same',
      'articles/가/index.html': 'same hangul path',
      // one byte differs, past the first chunk read
      'long.json': LONG_CHANGED,
      'same-size.html': 'abce',
      'grown.html': 'longer now',
      'new/index.html': 'new',
    })

    const changes = await keepUnchangedTimes(staging, published)
    expect(changes).toEqual({
      written: ['grown.html', 'long.json', 'new/index.html', 'same-size.html'],
      removed: ['gone/index.html'],
      unchanged: 2,
    })
    expect(await mtime(join(staging, 'index.html'))).toBe(old.getTime())
    expect(await mtime(join(staging, 'articles/가/index.html'))).toBe(old.getTime())
    // a file that changed keeps the time it was written
    expect(await mtime(join(staging, 'same-size.html'))).toBeGreaterThan(old.getTime())
    expect(await mtime(join(staging, 'long.json'))).toBeGreaterThan(old.getTime())
  })

  it('finds a file of the same size and bytes unchanged, however long', async () => {
    await files(published, { 'long.json': LONG })
    await files(staging, { 'long.json': Buffer.from(LONG) })
    expect(await keepUnchangedTimes(staging, published)).toEqual({ written: [], removed: [], unchanged: 1 })
  })

  it('counts a file linked to the published one (a photo variant from its cache) unchanged', async () => {
    await files(published, { '_images/a-480.avif': LONG })
    await mkdir(join(staging, '_images'), { recursive: true })
    await link(join(published, '_images/a-480.avif'), join(staging, '_images/a-480.avif'))
    expect(await keepUnchangedTimes(staging, published)).toEqual({ written: [], removed: [], unchanged: 1 })
  })

  it('compares every file of a site bigger than a batch, a change at either end of one found', async () => {
    const names = Array.from({ length: 1201 }, (_, i) => `p/${String(i).padStart(4, '0')}.html`)
    await files(published, Object.fromEntries(names.map((n) => [n, `page ${n}`])))
    const changed = [names[0], names[499], names[500], names[1200]]
    await files(staging, Object.fromEntries(names.map((n) => [n, changed.includes(n) ? `page ${n}!` : `page ${n}`])))
    expect(await keepUnchangedTimes(staging, published)).toEqual({ written: changed, removed: [], unchanged: 1197 })
  })

  it('writes everything on the first build, when nothing is published yet', async () => {
    await files(staging, { 'index.html': 'x', 'a/b.html': 'y' })
    expect(await keepUnchangedTimes(staging, published)).toEqual({
      written: ['a/b.html', 'index.html'],
      removed: [],
      unchanged: 0,
    })
  })

  it('saves the lists one path a line, as rsync --files-from reads them', async () => {
    const saved = await saveChanges(join(root, 'cache', 'deploy'), {
      written: ['index.html', 'articles/가/index.html'],
      removed: [],
      unchanged: 3,
    })
    expect(readFileSync(saved.written, 'utf8')).toBe('index.html\narticles/가/index.html\n')
    expect(readFileSync(saved.removed, 'utf8')).toBe('')
  })
})
