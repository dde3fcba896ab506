// `npm run photos` (src/node/build/images/makePhotos.ts, scripts/photos.mjs): the variants of
// every photo the articles use made into variants/ once, drafts' too, a second run making none,
// the variants no article uses named, and removed with --prune (not while a photo is missing).
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makePhotos } from '../../../../../src/node/build/images/makePhotos'

let root: string
const jpeg = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 30, g: 90, b: 200 } } })
    .jpeg({ quality: 80 })
    .toBuffer()
const article = (title: string, front: string[], body = '<p>본문입니다.</p>') =>
  ['---', `title: ${title}`, 'date: 2026-11-01', ...front, '---', '', body, ''].join('\n')

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hangul-make-photos-'))
  await mkdir(join(root, 'content'), { recursive: true })
  await writeFile(join(root, 'content/lead.jpg'), await jpeg(900, 600))
  await writeFile(join(root, 'content/body.jpg'), await jpeg(500, 400))
  await writeFile(join(root, 'content/a.md'), article('가', ['image: lead.jpg', 'image_alt: 파란 사진']))
  // a draft's photo is made too: it is published with the draft
  await writeFile(join(root, 'content/b.md'), article('나', ['draft: true'], '<p><img src="body.jpg" alt=""></p>'))
})
afterAll(() => rm(root, { recursive: true, force: true }))

describe('build/images makePhotos (npm run photos)', () => {
  it('makes every missing variant once, names the unused ones, and removes them with --prune', async () => {
    const first = await makePhotos({ root, jobs: 1 })
    expect(first.problems).toEqual([])
    // the lead photo: AVIF and WebP at 480, 800 and 900 (its own width, under 1,200), and its
    // JPEG copy; the draft's body photo: WebP at 480 and 500, and its copy
    expect(first.stats).toMatchObject({ photos: 2, made: 7 + 3, reused: 0 })
    expect(await readdir(join(root, 'variants'))).toHaveLength(10)
    expect(first.report).toMatch(
      /^variants\/: 2 photos; 10 variants made in [\d.]+ s \(1 at a time\), 0 variants already there\.\nCommit variants\//,
    )

    const again = await makePhotos({ root, jobs: 1 })
    expect(again.stats).toMatchObject({ made: 0, reused: 10 })
    expect(again.report).not.toMatch(/Commit/)

    // the draft no longer shows its photo: its variants are used by no article
    await writeFile(join(root, 'content/b.md'), article('나', ['draft: true']))
    await writeFile(join(root, 'variants/0000000000000000-480.webp'), 'left by an old setting')
    const named = await makePhotos({ root, jobs: 1 })
    expect(named.unused).toHaveLength(4)
    expect(named.report).toMatch(/4 files in variants\/ are used by no article: npm run photos -- --prune removes them/)
    expect(await readdir(join(root, 'variants'))).toHaveLength(11)

    // while an article's photo is missing, nothing is removed: its variants would look unused
    await writeFile(join(root, 'content/c.md'), article('다', ['image: gone.jpg', 'image_alt: 없음']))
    const missing = await makePhotos({ root, jobs: 1, prune: true })
    expect(missing.exitCode).toBe(1)
    expect(missing.report).toMatch(/content\/c\.md:4: the image "gone\.jpg"/)
    expect(missing.report).toMatch(/not removed while there are problems/)
    expect(await readdir(join(root, 'variants'))).toHaveLength(11)

    await rm(join(root, 'content/c.md'))
    const pruned = await makePhotos({ root, jobs: 1, prune: true })
    expect(pruned.exitCode).toBe(0)
    expect(pruned.report).toMatch(/Removed 4 files no article uses\./)
    expect(await readdir(join(root, 'variants'))).toHaveLength(7)
  })

  it('scripts/photos.mjs runs under plain node and says what it made', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(process.cwd(), 'scripts/photos.mjs')], {
      cwd: root,
    })
    expect(stdout).toMatch(
      /^variants\/: 1 photo; 0 variants made in [\d.]+ s \(\d+ at a time\), 7 variants already there\./,
    )
  })
})
