// the build's photos: where an image an article names is looked for, what is refused, the
// problems (each naming the article and its line), the variants made once and then taken
// from the cache, and what is written into the site.
import { mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { locateImage, type PhotoFolders } from '../../../../../src/node/build/images/locate'
import { PhotoFailed, imageLine } from '../../../../../src/node/build/images/photoProblems'
import { PhotoSet } from '../../../../../src/node/build/images/photoSet'
import { PhotoCache } from '../../../../../src/node/build/images/photoCache'
import { photoId, readPhotoInfo } from '../../../../../src/node/build/images/encode'
import { servePhoto } from '../../../../../src/node/build/images/servePhotos'
import { createServer } from 'node:http'
import { spawnSync } from 'node:child_process'
import type { AddressInfo } from 'node:net'

let root: string
let folders: PhotoFolders
const jpeg = (width: number, height: number, options: { orientation?: number } = {}) => {
  const image = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 90, b: 40 } } }).jpeg({
    quality: 80,
  })
  return (options.orientation ? image.withMetadata({ orientation: options.orientation }) : image).toBuffer()
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hangul-photos-'))
  folders = { root, contentDir: join(root, 'content'), publicDir: join(root, 'public') }
  await mkdir(join(root, 'content/sub'), { recursive: true })
  await mkdir(join(root, 'public/images'), { recursive: true })
  await writeFile(join(root, 'public/images/wide.jpg'), await jpeg(1600, 900))
  await writeFile(join(root, 'content/sub/small.jpg'), await jpeg(600, 400))
  await writeFile(join(root, 'content/sub/사진.jpg'), await jpeg(300, 200))
  await writeFile(join(root, 'content/sub/turned.jpg'), await jpeg(400, 300, { orientation: 6 }))
  await writeFile(
    join(root, 'content/sub/broken.jpg'),
    Buffer.from('this is not a photo at all, only text saved as .jpg'),
  )
  const whole = await jpeg(900, 600)
  await writeFile(join(root, 'content/sub/cut.jpg'), whole.subarray(0, Math.floor(whole.length / 2)))
  await writeFile(join(root, 'secret.jpg'), await jpeg(10, 10))
  await symlink(join(root, 'secret.jpg'), join(root, 'content/sub/link.jpg'))
})
afterAll(() => rm(root, { recursive: true, force: true }))

describe('build/images locateImage', () => {
  const at = () => join(folders.contentDir, 'sub/a.md')

  it('finds a path on the site under public/, and a relative address beside the article', () => {
    expect(locateImage('/images/wide.jpg', at(), folders)).toEqual({
      kind: 'photo',
      path: join(root, 'public/images/wide.jpg'),
      under: 'public',
    })
    expect(locateImage('/images/../images/wide.jpg?v=2#x', at(), folders)).toMatchObject({
      path: join(root, 'public/images/wide.jpg'),
    })
    expect(locateImage('small.jpg', at(), folders)).toEqual({
      kind: 'photo',
      path: join(root, 'content/sub/small.jpg'),
      under: 'content',
    })
    expect(locateImage('./%EC%82%AC%EC%A7%84.jpg', at(), folders)).toMatchObject({
      path: join(root, 'content/sub/사진.jpg'),
    })
    expect(locateImage('../sub/small.JPG', at(), folders)).toMatchObject({ path: join(root, 'content/sub/small.JPG') })
  })

  it('leaves other hosts and files that are not photos as they are', () => {
    for (const src of [
      'https://newsdao.kr/a.jpg',
      'http://x.test/a.png',
      '//evil.example/a.jpg',
      '/images/logo.svg',
      'x',
      '/images/a.gif',
      '/images/../../../etc/passwd',
      '',
    ]) {
      expect(locateImage(src, at(), folders), src).toEqual({ kind: 'left' })
    }
  })

  it('never leaves its folder', () => {
    // dot segments cannot climb above the site's root: /../../secret.jpg is /secret.jpg, under public/
    expect(locateImage('/../../secret.jpg', at(), folders)).toMatchObject({ path: join(root, 'public/secret.jpg') })
    expect(locateImage('/images/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret.jpg', at(), folders)).toMatchObject({
      kind: 'refused',
    })
    expect(locateImage('../../secret.jpg', at(), folders)).toMatchObject({
      kind: 'refused',
      why: expect.stringContaining('points outside content/'),
    })
    expect(locateImage('a%zz.jpg', at(), folders)).toMatchObject({
      kind: 'refused',
      why: expect.stringContaining('percent escape'),
    })
    expect(locateImage('a\\..\\b.jpg', at(), folders)).toMatchObject({ kind: 'refused' })
  })
})

describe('build/images imageLine', () => {
  const text = [
    '---',
    'title: 가',
    'image: /images/a.jpg',
    '---',
    '',
    '<p>본문</p>',
    '<p><img src="/images/a&amp;b.jpg"></p>',
    '![사진](사진.jpg)',
  ].join('\n')

  it("names the front matter's image line for the lead image, and the body's line for a body image", () => {
    expect(imageLine(text, '/images/a.jpg', true)).toBe(3)
    expect(imageLine(text, '/images/a&b.jpg', false)).toBe(7)
    // markdown-it writes a hangul file name percent-escaped
    expect(imageLine(text, '%EC%82%AC%EC%A7%84.jpg', false)).toBe(8)
    expect(imageLine(text, '/nowhere.jpg', false)).toBeUndefined()
  })
})

describe('build/images readPhotoInfo', () => {
  it('reads the size as shown (EXIF rotation applied), and keys the id on the bytes', async () => {
    const turned = await jpeg(400, 300, { orientation: 6 })
    expect(await readPhotoInfo(turned)).toMatchObject({ width: 300, height: 400 })
    expect(photoId(turned)).toMatch(/^[0-9a-f]{16}$/)
    expect(photoId(turned)).not.toBe(photoId(await jpeg(400, 301)))
  })
})

describe('build/images PhotoSet', () => {
  it('records the photos of an article, with the lead image where the site serves it', async () => {
    const set = new PhotoSet(folders, join(root, 'cache-a'), { jobs: 2 })
    const html =
      '<p><img src="small.jpg" alt=""></p><p><img src="https://newsdao.kr/x.jpg"></p><img src="/images/wide.jpg">'
    const got = await set.photoFor({ source: 'content/sub/a.md', image: 'small.jpg', html })
    expect(got.problems).toEqual([])
    const id = (await readPhotoInfo(await jpeg(600, 400))).id
    expect(got.image).toBe(`/_images/${id}.jpg`)
    expect(got.photos).toEqual([
      { src: 'small.jpg', original: `/_images/${id}.jpg`, id, width: 600, height: 400, widths: [480, 600], avif: true },
      expect.objectContaining({
        src: '/images/wide.jpg',
        original: '/images/wide.jpg',
        width: 1600,
        height: 900,
        widths: [480, 800, 1200],
        avif: false,
      }),
    ])
    expect(await set.finish()).toEqual([])
    // the lead photo in both formats and its JPEG copy (it is beside the article), the body's in WebP
    expect(set.stats).toMatchObject({ photos: 2, made: 4 + 1 + 3, reused: 0 })

    const out = join(root, 'dist-a')
    await set.writeTo(out)
    const written = (await readdir(join(out, '_images'))).sort()
    expect(written).toContain(`${id}.jpg`)
    expect(written).toContain(`${id}-600.avif`)
    expect(written.filter((n) => n.endsWith('.webp'))).toHaveLength(5)
    expect(written).toHaveLength(4 + 3 + 1)
    const meta = await sharp(join(out, '_images', `${id}-480.webp`)).metadata()
    expect(meta).toMatchObject({ format: 'webp', width: 480, height: 320 })
    // linked from the cache rather than copied
    expect((await stat(join(out, '_images', `${id}.jpg`))).ino).toBe(
      (await stat(join(root, 'cache-a', `${id}.jpg`))).ino,
    )
  })

  it("serves a photo beside an article as a JPEG copy, turned as its EXIF said and without the camera's metadata", async () => {
    const set = new PhotoSet(folders, join(root, 'cache-g'), { jobs: 1 })
    const { photos } = await set.photoFor({ source: 'content/sub/a.md', image: 'turned.jpg', html: '' })
    expect(photos[0]).toMatchObject({ width: 300, height: 400, original: `/_images/${photos[0].id}.jpg` })
    await set.finish()
    const out = join(root, 'dist-g')
    await set.writeTo(out)
    const meta = await sharp(join(out, '_images', `${photos[0].id}.jpg`)).metadata()
    expect(meta).toMatchObject({ format: 'jpeg', width: 300, height: 400 })
    expect(meta.exif).toBeUndefined()
    expect(meta.orientation).toBeUndefined()
  })

  it('makes a photo once: the next build takes its variants from the cache, and a changed photo is made again', async () => {
    const cache = join(root, 'cache-b')
    const readsFile = join(root, 'photo-reads.json')
    const first = new PhotoSet(folders, cache, { jobs: 1, readsFile })
    await first.photoFor({ source: 'content/sub/a.md', image: '/images/wide.jpg', html: '' })
    await first.finish()
    expect(first.stats).toMatchObject({ made: 6, reused: 0 })

    const again = new PhotoSet(folders, cache, { jobs: 1, readsFile })
    const same = await again.photoFor({ source: 'content/sub/a.md', image: '/images/wide.jpg', html: '' })
    await again.finish()
    expect(again.stats).toMatchObject({ made: 0, reused: 6 })
    // the file itself is not read again: its inode, size and times are the same as the last build's
    expect(again.stats.readMs).toBe(0)
    expect(same.photos[0].height).toBe(900)

    await writeFile(join(root, 'public/images/wide.jpg'), await jpeg(1600, 901))
    const changed = new PhotoSet(folders, cache, { jobs: 1, readsFile })
    const got = await changed.photoFor({ source: 'content/sub/a.md', image: '/images/wide.jpg', html: '' })
    await changed.finish()
    expect(got.photos[0].height).toBe(901)
    expect(changed.stats).toMatchObject({ made: 6, reused: 0 })
    expect(changed.stats.readMs).toBeGreaterThan(0)

    // a damaged record of the reads: every photo is read again, and nothing else changes
    await writeFile(join(root, 'photo-reads.json'), '{"settings":')
    const damaged = new PhotoSet(folders, cache, { jobs: 1, readsFile })
    const read = await damaged.photoFor({ source: 'content/sub/a.md', image: '/images/wide.jpg', html: '' })
    await damaged.finish()
    expect(read.photos[0].height).toBe(901)
    expect(damaged.stats.readMs).toBeGreaterThan(0)
  })

  it("names each problem with the article's file and line, and keeps the other photos", async () => {
    await writeFile(
      join(root, 'content/sub/b.md'),
      [
        '---',
        'title: 나',
        'image: /images/missing.jpg',
        '---',
        '',
        '<img src="small.jpg">',
        '<img src="broken.jpg">',
        '',
        '<img src="link.jpg">',
        '<img src="../../secret.jpg">',
      ].join('\n'),
    )
    const set = new PhotoSet(folders, join(root, 'cache-c'), { jobs: 1 })
    const html = '<img src="small.jpg"><img src="broken.jpg"><img src="link.jpg"><img src="../../secret.jpg">'
    const got = await set.photoFor({ source: 'content/sub/b.md', image: '/images/missing.jpg', html })
    expect(got.photos.map((p) => p.src)).toEqual(['small.jpg'])
    expect(got.problems).toEqual([
      {
        file: 'content/sub/b.md',
        line: 3,
        message:
          'the image "/images/missing.jpg" (public/images/missing.jpg) is not there: add the file under public/, or correct the address',
      },
      {
        file: 'content/sub/b.md',
        line: 7,
        message: expect.stringMatching(
          /^the image "broken\.jpg" \(content\/sub\/broken\.jpg\) cannot be read as a photo \(.+\): open it in an image editor and save it again as JPEG, PNG or WebP$/,
        ),
      },
      {
        file: 'content/sub/b.md',
        line: 9,
        message:
          'the image "link.jpg" (content/sub/link.jpg) is a symbolic link to a file outside content/: put the photo itself there',
      },
      {
        file: 'content/sub/b.md',
        line: 10,
        message: expect.stringMatching(/^the image "\.\.\/\.\.\/secret\.jpg" points outside content\/: /),
      },
    ])
    expect(await set.finish()).toEqual([])
  })

  it('names a photo cut short when its variants are made, with every article using it', async () => {
    await writeFile(join(root, 'content/sub/c.md'), ['---', 'title: 다', '---', '<img src="cut.jpg">'].join('\n'))
    await writeFile(join(root, 'content/sub/d.md'), ['---', 'title: 라', 'image: cut.jpg', '---'].join('\n'))
    const set = new PhotoSet(folders, join(root, 'cache-d'), { jobs: 1 })
    // its header is whole: it is recorded, and only making it finds the end missing
    expect(
      (await set.photoFor({ source: 'content/sub/c.md', image: '', html: '<img src="cut.jpg">' })).problems,
    ).toEqual([])
    await set.photoFor({ source: 'content/sub/d.md', image: 'cut.jpg', html: '' })
    await set.photoFor({ source: 'content/sub/a.md', image: '/images/wide.jpg', html: '' })
    const problems = await set.finish()
    expect(problems.map((p) => `${p.file}:${p.line}`).sort()).toEqual(['content/sub/c.md:4', 'content/sub/d.md:3'])
    expect(problems[0].message).toMatch(
      /^the image "cut\.jpg" \(content\/sub\/cut\.jpg\) cannot be read as a photo \(.*premature end.*\)/i,
    )
    // the other photo was made all the same
    expect(set.stats.made).toBeGreaterThanOrEqual(6)
    // the dev server asking for one of its variants is told why, with the articles
    const { photos } = await set.photoFor({ source: 'content/sub/c.md', image: '', html: '<img src="cut.jpg">' })
    const failed = await set.file(`${photos[0].id}-480.webp`).catch((err: unknown) => err)
    expect(failed).toBeInstanceOf(PhotoFailed)
    expect((failed as PhotoFailed).problems.map((p) => `${p.file}:${p.line}`).sort()).toEqual([
      'content/sub/c.md:4',
      'content/sub/d.md:3',
    ])
  })

  it('gives the dev server a variant it has not made yet, made on request', async () => {
    const set = new PhotoSet(folders, join(root, 'cache-e'), { jobs: 1 })
    const { photos } = await set.photoFor({ source: 'content/sub/a.md', image: '', html: '<img src="사진.jpg">' })
    const file = await set.file(`${photos[0].id}-300.webp`)
    expect(file).toBe(join(root, 'cache-e', `${photos[0].id}-300.webp`))
    expect(await set.file(`${photos[0].id}-800.webp`)).toBeUndefined()
    expect(await set.file(`${photos[0].id}.jpg`)).toBe(join(root, 'cache-e', `${photos[0].id}.jpg`))
    expect(await set.file(`${photos[0].id}.png`)).toBeUndefined()
    expect(await set.file('0000000000000000-300.webp')).toBeUndefined()
    expect(await set.file('../../etc/passwd')).toBeUndefined()
  })

  it("makes the variants' folder with its first variant, and names the variants no photo recorded uses", async () => {
    const dir = join(root, 'variants-h')
    const none = new PhotoSet(folders, dir, { jobs: 1 })
    await none.photoFor({ source: 'content/sub/a.md', image: 'https://newsdao.kr/a.jpg', html: '' })
    expect(await none.finish()).toEqual([])
    // a site without photos of its own has no such folder
    expect(await stat(dir).catch((err: NodeJS.ErrnoException) => err.code)).toBe('ENOENT')
    expect(await none.unused()).toEqual([])

    const lead = new PhotoSet(folders, dir, { jobs: 1 })
    const { photos } = await lead.photoFor({ source: 'content/sub/a.md', image: 'small.jpg', html: '' })
    await lead.finish()
    const id = photos[0].id
    expect((await readdir(dir)).sort()).toEqual([
      `${id}-480.avif`,
      `${id}-480.webp`,
      `${id}-600.avif`,
      `${id}-600.webp`,
      `${id}.jpg`,
    ])
    expect(await lead.unused()).toEqual([])

    // the same photo in a body only: its AVIF variants are no longer used, nor the other photo's
    await writeFile(join(dir, '0000000000000000-480.webp'), 'old')
    const body = new PhotoSet(folders, dir, { jobs: 1 })
    await body.photoFor({ source: 'content/sub/a.md', image: '', html: '<img src="small.jpg">' })
    await body.finish()
    expect(body.stats).toMatchObject({ made: 0, reused: 3 })
    expect((await body.unused()).sort()).toEqual(['0000000000000000-480.webp', `${id}-480.avif`, `${id}-600.avif`])
  })

  it("removes a stopped process's half-written variant when the folder is opened, and leaves a running one's alone", async () => {
    const dir = join(root, 'variants-i')
    await mkdir(dir, { recursive: true })
    const gone = spawnSync(process.execPath, ['-e', '']).pid
    await writeFile(join(dir, `a-480.webp.tmp-${gone}-0`), 'half')
    await writeFile(join(dir, `b-480.webp.tmp-${process.ppid}-3`), 'being written')
    await writeFile(join(dir, 'c-480.webp'), 'whole')
    const cache = new PhotoCache(dir)
    await cache.open()
    expect(cache.entries()).toEqual(['c-480.webp'])
    expect((await readdir(dir)).sort()).toEqual([`b-480.webp.tmp-${process.ppid}-3`, 'c-480.webp'])
  })
})

describe('build/images servePhoto', () => {
  it("answers the dev server's _images/ requests by a photo's id only, and leaves every other request alone", async () => {
    const set = new PhotoSet(folders, join(root, 'cache-f'), { jobs: 1 })
    const { photos } = await set.photoFor({ source: 'content/sub/a.md', image: 'small.jpg', html: '' })
    const id = photos[0].id
    const server = createServer((req, res) => {
      void servePhoto(set, '/news/', req, res).then((done) => {
        if (!done) res.writeHead(418).end()
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const avif = await fetch(`${origin}/news/_images/${id}-480.avif`)
      expect(avif.status).toBe(200)
      expect(avif.headers.get('content-type')).toBe('image/avif')
      expect((await sharp(Buffer.from(await avif.arrayBuffer())).metadata()).width).toBe(480)
      expect((await fetch(`${origin}/news/_images/${id}.jpg`)).status).toBe(200)
      for (const path of [
        `/news/_images/${id}-481.webp`,
        '/news/_images/..%2F..%2Fsecret.jpg',
        `/news/_images/${id}.png`,
        '/news/_images/0000000000000000-480.webp',
      ]) {
        expect((await fetch(`${origin}${path}`)).status, path).toBe(404)
      }
      expect((await fetch(`${origin}/news/articles/`)).status).toBe(418)
    } finally {
      server.close()
    }
  })
})
