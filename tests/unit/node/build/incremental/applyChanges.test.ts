// an incremental build's last step: the staged files moved into dist/, the ones with the same
// bytes left as they were, and the files of gone pages removed with the folders they leave empty
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyStaged, stageFiles } from '../../../../../src/node/build/incremental/applyChanges'

let dir: string
let staged: string
let dist: string

async function put(root: string, path: string, text: string) {
  await mkdir(dirname(join(root, path)), { recursive: true })
  await writeFile(join(root, path), text)
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apply-changes-'))
  staged = join(dir, 'incoming')
  dist = join(dir, 'dist')
  await put(dist, 'articles/a/index.html', 'old a')
  await put(dist, 'articles/b/index.html', 'b')
  await put(dist, 'articles/gone/index.html', 'gone')
  await put(dist, 'articles/gone/excerpt/index.html', 'gone excerpt')
  await put(dist, 'feed.xml', 'feed')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('node/build/incremental/applyChanges', () => {
  it('moves what changed in, keeps what has the same bytes, and removes the gone pages and their folders', async () => {
    const old = new Date('2026-01-01T00:00:00Z')
    await utimes(join(dist, 'articles/b/index.html'), old, old)
    await stageFiles(staged, [
      ['articles/a/index.html', 'new a'],
      ['articles/b/index.html', 'b'],
      ['articles/new/index.html', 'new'],
    ])
    const changes = await applyStaged(
      staged,
      dist,
      ['articles/a/index.html', 'articles/b/index.html', 'articles/new/index.html'],
      ['articles/gone/index.html', 'articles/gone/excerpt/index.html'],
    )
    expect(changes).toEqual({
      written: ['articles/a/index.html', 'articles/new/index.html'],
      removed: ['articles/gone/excerpt/index.html', 'articles/gone/index.html'],
      unchanged: 1,
    })
    expect(await readFile(join(dist, 'articles/a/index.html'), 'utf8')).toBe('new a')
    expect(await readFile(join(dist, 'articles/new/index.html'), 'utf8')).toBe('new')
    expect((await stat(join(dist, 'articles/b/index.html'))).mtime).toEqual(old)
    expect(existsSync(join(dist, 'articles/gone'))).toBe(false)
    expect(existsSync(join(dist, 'articles'))).toBe(true)
    expect(await readFile(join(dist, 'feed.xml'), 'utf8')).toBe('feed')
  })

  it('takes a file already removed by hand as removed', async () => {
    await rm(join(dist, 'feed.xml'))
    const changes = await applyStaged(staged, dist, [], ['feed.xml'])
    expect(changes).toEqual({ written: [], removed: [], unchanged: 0 })
  })
})
