import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ContentLoader, isContentFile } from '../../../../src/node/content/loadContent'
import { processFile } from '../../../../src/node/content/file/processFile'
import { PhotoSet } from '../../../../src/node/build/images/photoSet'
import sharp from 'sharp'

const REPO = resolve(__dirname, '../../../..')

let root: string
let dir: string

async function write(name: string, text: string | Uint8Array) {
  const path = join(dir, name)
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, text)
  return path
}
const article = (title: string, extra = '', body = '<p>본문입니다.</p>') => `---\ntitle: ${title}\n${extra}---\n${body}\n`
const load = () => new ContentLoader(root, dir).load()

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'load-content-'))
  dir = join(root, 'content')
  await mkdir(dir)
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('node/loadContent', () => {
  it('reads every article extension, in subfolders too, and nothing else', async () => {
    await write('a.txt', article('에이'))
    await write('b.html', article('비'))
    await write('sub/c.md', article('씨'))
    await write('sub/deeper/d.markdown', article('디'))
    await write('notes.json', '{}')
    await write('.hidden.md', article('숨김'))
    await write('.drafts/e.md', article('초안'))
    await write('image.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0]))
    const c = await load()
    expect(c.problems).toEqual([])
    expect(c.articles.map((a) => a.slug).sort()).toEqual(['a', 'b', 'c', 'd'])
    expect(c.articles.find((a) => a.slug === 'c')?.source).toBe('content/sub/c.md')
    expect(c.files).toHaveLength(4)
  })

  it('orders dated articles newest first, then undated ones in file-name order', async () => {
    await write('010_old.md', article('옛 기사', 'date: 2023-01-05\n'))
    await write('020_new.md', article('새 기사', 'date: 2024-06-20\n'))
    await write('005_undated-b.md', article('날짜 없음 B'))
    await write('001_undated-a.md', article('날짜 없음 A'))
    await write('030_timed.md', article('시각 있는 기사', 'date: 2024-06-20 18:00\n'))
    const c = await load()
    expect(c.articles.map((a) => a.slug)).toEqual(['timed', 'new', 'old', 'undated-a', 'undated-b'])
  })

  it('links each article to its neighbours in listing order', async () => {
    await write('a.md', article('가', 'date: 2024-01-03\n'))
    await write('b.md', article('나', 'date: 2024-01-02\n'))
    await write('c.md', article('다', 'date: 2024-01-01\n'))
    const [a, b, c] = (await load()).articles
    expect(a.prev).toBeNull()
    expect(a.next).toEqual({ slug: 'b', title: '나' })
    expect(b.prev).toEqual({ slug: 'a', title: '가' })
    expect(b.next).toEqual({ slug: 'c', title: '다' })
    expect(c.next).toBeNull()
  })

  it('names both files when two have the same slug, and keeps one', async () => {
    await write('000_same.md', article('첫째'))
    await write('sub/001_same.txt', article('둘째'))
    const c = await load()
    expect(c.articles.map((a) => a.slug)).toEqual(['same'])
    expect(c.problems).toHaveLength(2)
    const byFile = new Map(c.problems.map((p) => [p.file, p.message]))
    expect(byFile.get('content/000_same.md')).toMatch(/"same".*content\/sub\/001_same\.txt/)
    expect(byFile.get('content/sub/001_same.txt')).toMatch(/"same".*content\/000_same\.md/)
  })

  it('names both files when their slugs differ only in case (σ and ς are one folder on macOS and Windows)', async () => {
    await write('a.md', article('첫째', 'slug: σ-news\n'))
    await write('b.md', article('둘째', 'slug: ς-news\n'))
    await write('c.md', article('셋째', 'slug: Σ-NEWS\n'))
    await write('d.md', article('넷째', 'slug: straße\n'))
    await write('e.md', article('다섯째', 'slug: STRASSE\n'))
    const c = await load()
    expect(c.articles.map((a) => a.slug).sort()).toEqual(['straße', 'σ-news'])
    const byFile = new Map(c.problems.map((p) => [p.file, p.message]))
    expect([...byFile.keys()].sort()).toEqual(['content/a.md', 'content/b.md', 'content/c.md', 'content/d.md', 'content/e.md'])
    expect(byFile.get('content/b.md')).toMatch(/the slug "ς-news" is also used by content\/a\.md \(as "σ-news"\) and content\/c\.md \(as "σ-news"\), and slugs that differ only in case are one folder on macOS and Windows/)
    expect(byFile.get('content/a.md')).toMatch(/"σ-news" is also used by content\/b\.md \(as "ς-news"\) and content\/c\.md, and slugs/)
    expect(byFile.get('content/e.md')).toMatch(/"strasse" is also used by content\/d\.md \(as "straße"\)/)
  })

  it('names the files of two categories whose addresses differ only in case', async () => {
    await write('a.md', article('첫째', 'categories: [Σ, 뉴스]\n'))
    await write('b.md', article('둘째', 'categories: [ς, News]\n'))
    await write('c.md', article('셋째', 'categories: [news, 뉴스]\n'))
    const c = await load()
    // News and news have one address, and are one category, as they have always been
    expect(c.problems).toEqual([
      { file: 'content/b.md', message: expect.stringMatching(/the category "ς" has the address "ς", one folder on macOS and Windows with "σ" of the category "Σ" in content\/a\.md: spell the two the same way/) },
    ])
  })

  it('a slug: override can clash with a file name too', async () => {
    await write('hello.md', article('하나'))
    await write('other.md', article('둘', 'slug: hello\n'))
    const c = await load()
    expect(c.problems.map((p) => p.file).sort()).toEqual(['content/hello.md', 'content/other.md'])
  })

  it('reports every problem at once and keeps the valid articles', async () => {
    await write('good-1.md', article('좋은 기사 하나'))
    await write('good-2.txt', article('좋은 기사 둘'))
    await write('no-front-matter.txt', '<p>본문만</p>')
    await write('bad-yaml.md', '---\ntitle: 가\n  oops: x\n---\n')
    await write('no-title.md', '---\ncategories: 정치\n---\n')
    await write('number-title.md', '---\ntitle: .inf\n---\n')
    await write('bad-date.md', article('날짜', 'date: 2024-99-99\n'))
    await write('euc-kr.txt', new Uint8Array([...new TextEncoder().encode('---\ntitle: '), 0xc7, 0xd1, 0xb1, 0xb9, 0x0a, ...new TextEncoder().encode('---\n')]))
    await write('binary.txt', new Uint8Array([0, 1, 2, 3, 0, 0]))
    const c = await load()
    expect(c.articles.map((a) => a.title).sort()).toEqual(['좋은 기사 둘', '좋은 기사 하나'])
    expect(c.problems.map((p) => p.file).sort()).toEqual([
      'content/bad-date.md',
      'content/bad-yaml.md',
      'content/binary.txt',
      'content/euc-kr.txt',
      'content/no-front-matter.txt',
      'content/no-title.md',
      'content/number-title.md',
    ])
    expect(c.problems.find((p) => p.file === 'content/bad-yaml.md')?.line).toBe(3)
    expect(c.problems.find((p) => p.file === 'content/bad-date.md')?.line).toBe(3)
  })

  it('derives the excerpt, reading time and headings', async () => {
    const body = '<p>첫 문장입니다. 둘째 문장입니다.</p><h2>배경</h2><p>' + '가'.repeat(1500) + '</p><h3>전망</h3>'
    await write('x.txt', article('제목', '', body))
    const [a] = (await load()).articles
    // the body's first text, cut at a sentence end (the run of 1,500 syllables is too long)
    expect(a.excerpt).toBe('첫 문장입니다. 둘째 문장입니다.')
    expect(a.readingMinutes).toBe(3)
    expect(a.headings).toEqual([
      { level: 2, id: '배경', text: '배경' },
      { level: 3, id: '전망', text: '전망' },
    ])
  })

  it('keeps an excerpt given in the front matter', async () => {
    await write('x.md', article('제목', 'excerpt: 직접 쓴 요약\n', '본문 첫 문장.'))
    expect((await load()).articles[0].excerpt).toBe('직접 쓴 요약')
  })

  it('sees a changed, added and deleted file on the next load (same loader)', async () => {
    const file = await write('a.md', article('처음 제목'))
    const loader = new ContentLoader(root, dir)
    expect((await loader.load()).articles[0].title).toBe('처음 제목')
    await writeFile(file, article('바뀐 제목입니다'))
    // make sure the mtime moves even on coarse file systems
    const later = new Date(Date.now() + 5_000)
    await utimes(file, later, later)
    expect((await loader.load()).articles[0].title).toBe('바뀐 제목입니다')
    await write('b.md', article('새 기사'))
    expect((await loader.load()).articles).toHaveLength(2)
    await rm(join(dir, 'b.md'))
    expect((await loader.load()).articles.map((a) => a.slug)).toEqual(['a'])
  })

  it('joins content/authors.yml to the bylines, never as an article, and sees a change to it on the next load', async () => {
    await write('a.md', article('기사', 'author: [홍길동, 김철수]\ntags: 북한 러시아\n'))
    const authors = await write('authors.yml', '- name: 홍길동\n  slug: hong\n  role: 기자\n')
    const loader = new ContentLoader(root, dir)
    const first = await loader.load()
    expect(first.problems).toEqual([])
    expect(first.files.some((f) => f.endsWith('authors.yml'))).toBe(false)
    expect(first.articles[0].authors.map((a) => `${a.name}/${a.slug}/${a.role}`)).toEqual(['홍길동/hong/기자', '김철수/김철수/'])
    expect(first.articles[0].tags).toEqual(['북한', '러시아'])
    // another role, written at once: the file's size and time move, no article's does
    await writeFile(authors, '- name: 홍길동\n  slug: hong\n  role: 논설위원\n')
    const later = new Date(Date.now() + 5_000)
    await utimes(authors, later, later)
    expect((await loader.load()).articles[0].authors[0].role).toBe('논설위원')
    await writeFile(authors, '- name: 홍길동\n  role: [\n')
    await utimes(authors, new Date(Date.now() + 10_000), new Date(Date.now() + 10_000))
    const broken = await loader.load()
    expect(broken.problems).toEqual([expect.objectContaining({ file: 'content/authors.yml', message: expect.stringMatching(/not valid YAML/) })])
    // the articles are kept: their bylines are the front matter's names alone
    expect(broken.articles[0].authors[0]).toMatchObject({ name: '홍길동', slug: '홍길동', role: '' })
    await rm(authors)
    expect((await loader.load()).problems).toEqual([])
  })

  it('reuses what the last build rendered from the same bytes, and renders the rest', async () => {
    await write('a.md', article('하나'))
    await write('b.md', article('둘'))
    const cache = join(root, 'cache', 'build-content.bin')
    const build = async () => {
      const loader = new ContentLoader(root, dir)
      loader.useBuildCache(cache, 'v1')
      const c = await loader.load()
      await loader.saveBuildCache()
      return { c, reused: loader.reusedCount }
    }
    const first = await build()
    expect(first.reused).toBe(0)
    await write('b.md', article('둘, 고침'))
    const second = await build()
    expect(second.reused).toBe(1)
    expect(second.c.articles.map((a) => a.title).sort()).toEqual(['둘, 고침', '하나'])
    expect((await build()).reused).toBe(2)
  })

  it("gives a build's articles their photos, and names a missing one with its file and line without losing the others", async () => {
    const photo = await sharp({ create: { width: 1000, height: 500, channels: 3, background: '#a33' } }).jpeg().toBuffer()
    await write('a.md', article('가', 'image: photo.jpg\nimage_alt: 붉은 사진\n', '<p><img src="/images/pub.jpg"></p>\n\n<p>본문</p>'))
    await write('photo.jpg', photo)
    await mkdir(join(root, 'public/images'), { recursive: true })
    await writeFile(join(root, 'public/images/pub.jpg'), photo)
    await write('b.md', article('나', 'image: https://newsdao.kr/a.jpg\n', '<p>본문</p>\n<p><img src="gone.png"></p>'))
    const loader = new ContentLoader(root, dir)
    const photos = new PhotoSet({ root, contentDir: dir, publicDir: join(root, 'public') }, join(root, 'cache'), { make: 'never' })
    loader.usePhotos(photos)
    const c = await loader.load()
    const a = c.articles.find((x) => x.slug === 'a')!
    expect(a.image).toMatch(/^\/_images\/[0-9a-f]{16}\.jpg$/)
    expect(a.imageAlt).toBe('붉은 사진')
    expect(a.photos.map((p) => [p.src, p.width, p.avif])).toEqual([['photo.jpg', 1000, true], ['/images/pub.jpg', 1000, false]])
    // the other article is kept, its image from another host as it was, and its missing photo named
    expect(c.articles.find((x) => x.slug === 'b')).toMatchObject({ image: 'https://newsdao.kr/a.jpg', photos: [] })
    expect(c.problems).toEqual([{ file: 'content/b.md', line: 6, message: expect.stringMatching(/^the image "gone\.png" \(content\/gone\.png\) is not there/) }])
    expect(c.warnings).toEqual([{ file: 'content/b.md', line: 3, message: expect.stringMatching(/^the image has no image_alt/) }])
  })

  it("warns of the articles a load lists only: a draft a build leaves out is not 'published all the same'", async () => {
    await write('a.md', article('가', 'image: https://newsdao.kr/a.jpg\n'))
    await write('b.md', article('나', 'image: https://newsdao.kr/b.jpg\ndraft: true\n'))
    const loader = new ContentLoader(root, dir)
    const build = await loader.load({ now: Date.now(), drafts: false, future: false })
    expect(build.warnings.map((w) => w.file)).toEqual(['content/a.md'])
    // (npm run check reads the drafts too, and names their warnings)
    const all = await loader.load({ now: Date.now(), drafts: true, future: true })
    expect(all.warnings.map((w) => w.file)).toEqual(['content/a.md', 'content/b.md'])
  })

  it('a missing content folder is an empty site, not a crash', async () => {
    const c = await new ContentLoader(root, join(root, 'nope')).load()
    expect(c).toEqual({ articles: [], problems: [], warnings: [], files: [], skippedLinks: [] })
  })

  it('loads the seed articles, which list each other as related', async () => {
    const c = await new ContentLoader(REPO, join(REPO, 'content')).load()
    expect(c.problems).toEqual([])
    expect(c.articles.map((a) => a.slug).sort()).toEqual(['3f06a9bec7bd6d0f', 'da8a812b5f9d37fd'])
    const [a, b] = c.articles
    expect(a.related.map((r) => r.slug)).toContain(b.slug)
    expect(b.related.map((r) => r.slug)).toContain(a.slug)
    for (const x of c.articles) {
      expect(x.title).not.toBe('')
      expect(x.categories).toEqual(['News'])
      expect(x.readingMinutes).toBeGreaterThanOrEqual(1)
      expect(x.html).not.toMatch(/<script/i)
    }
  })

  it('isContentFile', () => {
    expect(isContentFile('content/a.md')).toBe(true)
    expect(isContentFile('content/A.TXT')).toBe(true)
    expect(isContentFile('content/a.markdown')).toBe(true)
    expect(isContentFile('content/a.json')).toBe(false)
    expect(isContentFile('content/.a.md')).toBe(false)
    expect(isContentFile('content/.git/a.md')).toBe(false)
  })
})

describe('node/loadContent: markdown nested past what markdown-it renders', () => {
  const md = (body: string) => new TextEncoder().encode(`---\ntitle: 깊은 인용\n---\n${body}`)

  it('renders blockquotes 150 levels deep and lists 60 levels deep with all their text', () => {
    const quotes = processFile('content/quotes.md', md(`${'>'.repeat(150)} 가장 깊은 인용문\n`))
    expect(quotes.ok && quotes.article.html).toContain('가장 깊은 인용문')
    const list = processFile('content/list.md', md(Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- 단계 ${i + 1}`).join('\n')))
    expect(list.ok && list.article.html).toContain('단계 60')
  })

  it('refuses deeper nesting by name instead of dropping the text inside (10,000 levels)', () => {
    const r = processFile('content/deep.md', md(`첫 문단\n\n${'>'.repeat(10_000)} 사라질 뻔한 문장\n`))
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0].file).toBe('content/deep.md')
    // the file's line where the deep quote starts: front matter (3 lines), 첫 문단, a blank line
    expect(r.problems[0].line).toBe(6)
    expect(r.problems[0].message).toMatch(/nests blockquotes or lists too deeply \(past 199 levels, a list level counting two\).*use fewer '>'/)
    const list = processFile('content/list.md', md(Array.from({ length: 150 }, (_, i) => `${'  '.repeat(i)}- 단계 ${i + 1}`).join('\n')))
    expect(!list.ok && list.problems[0].message).toMatch(/too deeply/)
  })
})
