// the real `vite-ssg build` on temp projects: what a host receives, and a build that fails
// on broken content, naming every problem (no browser needed).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { readBuiltArticle, readPageState } from '../support/builtArticle'
import { makeProject, type TempProject } from '../support/project'

const projects: TempProject[] = []
afterAll(async () => {
  await Promise.all(projects.map((p) => p.cleanup()))
})
async function project(content: Record<string, string | Uint8Array>) {
  // (without sections: the header names the biggest categories, as a site that sets none)
  const p = await makeProject({ content, sections: null })
  projects.push(p)
  return p
}

describe('e2e/build', () => {
  it('writes a folder per route, 404.html, the listing payloads (none per article), robots.txt, the sitemaps and the feeds', async () => {
    const p = await project({
      '001_first.md': `---\ntitle: 첫 기사\ncategories: 정치 국제\ndate: 2024-06-20\n---\n## 소제목\n\n${'요약에 들어갈 문장입니다. '.repeat(20)}\n\n본문 깊숙한 곳의 고유한 문장.\n`,
      '002_둘째 기사.txt': '---\ntitle: 둘째 기사\ncategories: [정치]\n---\n<p>본문.</p>\n',
    })
    const dist = await p.build('/news/')
    for (const file of [
      'index.html',
      '404.html',
      'articles/first/index.html',
      'articles/first/excerpt/index.html',
      'articles/둘째-기사/index.html',
      'articles/둘째-기사/excerpt/index.html',
      'categories/정치/index.html',
      'categories/국제/index.html',
      'search/index.html',
      'robots.txt',
      'sitemap.xml',
      'sitemap-1.xml',
      'sitemap-news.xml',
      'feed.xml',
      'atom.xml',
      'feed.json',
      'categories/정치/feed.xml',
      'categories/정치/atom.xml',
      'categories/정치/feed.json',
      '_data/pages/1.json.gz',
      '_data/categories/정치/1.json.gz',
    ]) {
      expect(existsSync(join(dist, file)), file).toBe(true)
    }
    const page = readFileSync(join(dist, 'articles/first/index.html'), 'utf8')
    expect(page).toContain('첫 기사')
    expect(page).toContain('id="소제목"')
    // the listing never carries bodies
    expect(page).toContain('본문 깊숙한 곳의 고유한 문장')
    // payloads are stored gzip-compressed
    const listing = gunzipSync(readFileSync(join(dist, '_data/pages/1.json.gz'))).toString('utf8')
    expect(JSON.parse(listing).cards.map((c: { slug: string }) => c.slug)).toContain('first')
    expect(listing).not.toContain('본문 깊숙한 곳')
    // no data file per article: a navigation reads the article's page (its state and body)
    expect(existsSync(join(dist, '_data/articles'))).toBe(false)
    const article = readBuiltArticle(dist, 'first')
    expect(article.html).toContain('본문 깊숙한 곳의 고유한 문장')
    // an article page's state leaves its headings out: they are its body's h2 and h3
    expect(readPageState(dist, 'articles/first/index.html').meta.headings).toBeUndefined()
    expect(article.headings).toEqual([{ level: 2, id: '소제목', text: '소제목' }])
    // the summary's page carries the headings (it has no body to read them from)
    expect(readPageState(dist, 'articles/first/excerpt/index.html').meta.headings).toEqual([
      { level: 2, id: '소제목', text: '소제목' },
    ])
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).not.toContain('본문 깊숙한 곳')
    // the sitemap dates each page by its article and leaves the summaries (their article is the canonical page) out
    const sitemap = readFileSync(join(dist, 'sitemap-1.xml'), 'utf8')
    expect(sitemap).toContain('<loc>https://news.example.com/news/articles/first/</loc><lastmod>2024-06-20</lastmod>')
    expect(sitemap).toContain(
      '<loc>https://news.example.com/news/categories/%EA%B5%AD%EC%A0%9C/</loc><lastmod>2024-06-20</lastmod>',
    )
    expect(sitemap).toContain(
      '<loc>https://news.example.com/news/articles/%EB%91%98%EC%A7%B8-%EA%B8%B0%EC%82%AC/</loc></url>',
    )
    expect(sitemap).not.toContain('/excerpt/')
    expect(readFileSync(join(dist, 'articles/first/excerpt/index.html'), 'utf8')).toContain(
      '<link rel="canonical" href="https://news.example.com/news/articles/first/" data-h="">',
    )
    expect(readFileSync(join(dist, 'articles/first/index.html'), 'utf8')).not.toContain('name="robots"')
  })

  it('fails on broken content, naming every file with its line', async () => {
    const p = await project({
      'good.md': '---\ntitle: 멀쩡한 기사\n---\n본문\n',
      'bad-date.md': '---\ntitle: 가\ndate: 2024-02-30\n---\n',
      'no-title.md': '---\ncategories: 정치\n---\n',
      'bad-yaml.md': '---\ntitle: 가\n  oops: 1\n---\n',
      'a/dup.md': '---\ntitle: 하나\n---\n',
      'b/dup.md': '---\ntitle: 둘\n---\n',
      'euc-kr.txt': new Uint8Array([
        ...new TextEncoder().encode('---\ntitle: '),
        0xc7,
        0xd1,
        0xb1,
        0xb9,
        0x0a,
        ...new TextEncoder().encode('---\n'),
      ]),
    })
    const error: Error = await p.build('/').then(
      () => {
        throw new Error('the build should have failed')
      },
      (e: Error) => e,
    )
    expect(error.message).toContain('content/bad-date.md:3:')
    expect(error.message).toContain('content/bad-yaml.md:3:')
    expect(error.message).toMatch(/content\/no-title\.md(:\d+)?: the title is missing/)
    expect(error.message).toMatch(/content\/a\/dup\.md: .*content\/b\/dup\.md/)
    expect(error.message).toMatch(/content\/euc-kr\.txt: .*UTF-8/)
    expect(error.message).not.toContain('content/good.md')
    expect(existsSync(join(p.root, 'dist/index.html'))).toBe(false)
  })

  describe('output bounded by the input', () => {
    // 30 articles in one category every article has and two more; then the same 30 with 40
    // categories each of their own besides. the shared one has two pages (20 a page)
    const articles = (categories: (i: number) => string[]) =>
      Object.fromEntries(
        Array.from({ length: 30 }, (_, i) => [
          `a${String(i).padStart(2, '0')}.md`,
          `---\ntitle: 기사 ${i}\ncategories: ${JSON.stringify(['전체', ...categories(i)])}\ndate: 2024-06-${String(i + 1).padStart(2, '0')}\n---\n본문 ${i}.\n`,
        ]),
      )
    let few: string
    let many: string
    it('builds a project with 3 categories and one with 1,201', async () => {
      few = await (await project(articles(() => ['정치', '경제']))).build('/')
      many = await (await project(articles((i) => Array.from({ length: 40 }, (_, k) => `분야${i}-${k}`)))).build('/')
      expect(readdirSync(join(few, 'categories'))).toHaveLength(3)
      expect(readdirSync(join(many, 'categories'))).toHaveLength(1 + 30 * 40)
    })

    const appChunk = (dist: string) => {
      const [name, ...more] = readdirSync(join(dist, 'assets')).filter((f) => /^app-.*\.js$/.test(f))
      expect(more).toEqual([])
      return readFileSync(join(dist, 'assets', name), 'utf8')
    }

    it('the app chunk every page loads does not grow with the categories: it names the header’s six', () => {
      const small = appChunk(few)
      const big = appChunk(many)
      // six categories' names and counts against three; the 1,195 others would be 50 KB
      expect(Math.abs(big.length - small.length)).toBeLessThan(400)
      expect(big).toContain('분야0-0')
      expect(big).not.toContain('분야29-39')
      expect(new Set(big.match(/분야\d+-\d+/g))).toHaveProperty('size', 5)
    })

    it('a category page names three categories a card, and weighs the same however many its cards have', () => {
      const page = (dist: string) => readFileSync(join(dist, 'categories/전체/index.html'), 'utf8')
      const links = [...page(many).matchAll(/<article class="card">[\s\S]*?<\/article>/g)].map(
        (card) => [...card[0].matchAll(/<li>/g)].length,
      )
      expect(links).toEqual(Array(20).fill(3))
      // the cards' longer category names and three more in the header; 40 links a card would be 60 KB
      expect(page(many).length - page(few).length).toBeLessThan(3_000)
      const payload = (dist: string) => gunzipSync(readFileSync(join(dist, '_data/categories/전체/1.json.gz'))).length
      expect(payload(many) - payload(few)).toBeLessThan(500)
      // the article's own page names all 41
      expect(readPageState(many, 'articles/a00/index.html').meta.categories).toHaveLength(41)
    })

    it('paginates a category like the listing, each page naming its category', () => {
      expect(existsSync(join(many, 'categories/전체/page/2/index.html'))).toBe(true)
      expect(existsSync(join(many, 'categories/전체/page/3'))).toBe(false)
      const second = readFileSync(join(many, 'categories/전체/page/2/index.html'), 'utf8')
      expect([...second.matchAll(/<article class="card">/g)]).toHaveLength(10)
      expect(second).toContain('<h1 id="pageTitle" class="page__title">전체</h1>')
      expect(second).toContain('기사 30건')
      const payload = JSON.parse(
        gunzipSync(readFileSync(join(many, '_data/categories/전체/2.json.gz'))).toString('utf8'),
      )
      expect(payload).toMatchObject({
        page: 2,
        pageCount: 2,
        total: 30,
        category: { name: '전체', slug: '전체', count: 30 },
      })
      expect(readFileSync(join(many, 'sitemap-1.xml'), 'utf8')).toContain(
        '/categories/%EC%A0%84%EC%B2%B4/page/2/</loc>',
      )
    })

    it('publishes no build-only files (vite’s manifests in .vite/)', () => {
      for (const dist of [few, many]) {
        expect(existsSync(join(dist, '.vite'))).toBe(false)
        expect(readdirSync(dist).filter((f) => f.startsWith('.'))).toEqual([])
      }
    })
  })

  it('skips a symbolic link out of content/ and names it, as npm run check and the dev server do', async () => {
    // the file outside has a problem of its own, so a build that read it would name it; the
    // broken file inside makes the build fail, so its output (with the warning) is at hand
    const p = await project({
      'good.md': '---\ntitle: 멀쩡한 기사\n---\n본문\n',
      'broken.md': '---\ntitle: 가\ndate: 2024-02-30\n---\n',
    })
    await writeFile(join(p.root, 'outside.md'), '---\ntitle: 밖\ndate: 2024-13-45\n---\n')
    await symlink(join(p.root, 'outside.md'), join(p.contentDir, 'leak.md'))
    await symlink('.', join(p.contentDir, 'loop'))
    const error: Error = await p.build('/').then(
      () => {
        throw new Error('the build should have failed')
      },
      (e: Error) => e,
    )
    expect(error.message).toContain('content/broken.md:3:')
    expect(error.message).toContain(
      'content/leak.md is a symbolic link that points outside the content folder (outside.md): skipped, not published',
    )
    expect(error.message).toMatch(
      /content\/loop is a second name, through a symbolic link, for what is read already \(.*\): a loop/,
    )
    expect(error.message).not.toContain('content/leak.md:')
  })
})
