// the dev server's index of a large folder: estimated on worker threads started from a
// bundle of contentWorker.ts, kept in a cache file between runs
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ContentLoader } from '../../../../src/node/content/loadContent'
import { WORKER_THRESHOLD } from '../../../../src/node/content/threads/renderBodies'
import { estimateFile } from '../../../../src/node/content/file/estimateArticle'
import { searchIndexFiles } from '../../../../src/node/build/search/searchIndex'
import { relatedArticles } from '../../../../src/node/build/related'
import { payloadString } from '../../../../src/node/build/payloads'

const COUNT = WORKER_THRESHOLD + 30
let root: string
let dir: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dev-index-'))
  dir = join(root, 'content')
  await mkdir(join(dir, 'older'), { recursive: true })
  const words = ['정부', '예산', '발표', '국회', '협상', '결과', '전망', '시장']
  for (let i = 0; i < COUNT; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0')
    const body = Array.from({ length: 3 + (i % 5) }, (_, k) => `<p data-ke-size="size16">${words[(i + k) % 8]} ${words[(i * 3 + k) % 8]} 기사 ${i}의 문단 ${k}입니다. value &amp; more</p>`).join('\n')
    // every seventh has no excerpt of its own (made from the body), every fifth is in a folder
    const excerpt = i % 7 === 0 ? '' : `excerpt: "요약 ${i}"\n`
    await writeFile(join(dir, i % 5 === 0 ? 'older' : '', `a${String(i).padStart(4, '0')}.txt`), `---\ntitle: "기사 ${i}"\ncategories: [정치]\n${excerpt}date: 2026-10-${day}\n---\n${body}\n`)
  }
  // a broken one is named, and the rest stay
  await writeFile(join(dir, 'broken.txt'), '---\ntitle: [깨진\n---\n<p>x</p>\n')
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

/** every content file, as the loader names them, in file-name order */
async function files(): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}

describe('node/loadContent: the dev index', () => {
  // (a cold bundle of the worker, 430 files and a few threads: more than the default 5 s on a busy machine)
  it('estimates a large folder on worker threads as this thread would, and names the broken file', { timeout: 60_000 }, async () => {
    const loader = new ContentLoader(root, dir)
    const c = await loader.loadIndex()
    expect(c.articles).toHaveLength(COUNT)
    expect(c.problems.map((p) => p.file)).toEqual(['content/broken.txt'])
    expect(c.estimated?.size).toBe(COUNT)
    // the threads' module was bundled once, under the project's cache folder
    expect((await readdir(join(root, 'node_modules', '.cache', 'hangul-news'))).filter((f) => /^contentWorker-\w+\.mjs$/.test(f))).toHaveLength(1)
    const bySource = new Map(c.articles.map((a) => [a.source, a]))
    for (const abs of await files()) {
      const rel = relative(root, abs)
      const expected = estimateFile(rel, await readFile(abs), { text: false })
      if (!expected.ok) continue
      const { prev: _p, next: _n, related: _r, ...got } = bySource.get(rel)!
      const { prev: _p2, next: _n2, related: _r2, ...want } = expected.article
      expect(got).toEqual(want)
    }
    // a made excerpt comes from the body, its tags out and its white space squashed
    expect(bySource.get('content/older/a0000.txt')!.excerpt).toBe('정부 정부 기사 0의 문단 0입니다. value & more 예산 예산 기사 0의 문단 1입니다. value & more 발표 발표 기사 0의 문단 2입니다. value & more')
    // the reading time counts the same with or without the text kept
    const withText = estimateFile('x.txt', await readFile(join(dir, 'a0001.txt')))
    expect(withText.ok && withText.article.readingMinutes).toBe(bySource.get('content/a0001.txt')!.readingMinutes)
    expect(withText.ok && withText.article.html).toBe('<p>예산 국회 기사 1의 문단 0입니다. value &amp; more 발표 협상 기사 1의 문단 1입니다. value &amp; more 국회 결과 기사 1의 문단 2입니다. value &amp; more 협상 전망 기사 1의 문단 3입니다. value &amp; more</p>')
  })

  it('a second start reads the cache file back, stats the files, and writes the cache again only when something changed', { timeout: 60_000 }, async () => {
    const cache = join(root, 'dev-content.json')
    const first = new ContentLoader(root, dir)
    first.persistTo(cache, 'v1')
    const a = await first.loadIndex()
    await first.flush()
    const written = (await stat(cache)).mtimeMs

    const second = new ContentLoader(root, dir)
    second.persistTo(cache, 'v1')
    const b = await second.loadIndex()
    expect(b.articles.map((x) => [x.slug, x.title, x.excerpt, x.readingMinutes])).toEqual(a.articles.map((x) => [x.slug, x.title, x.excerpt, x.readingMinutes]))
    expect(b.problems).toEqual(a.problems)
    await second.flush()
    // nothing new: the file is as the first run left it
    expect((await stat(cache)).mtimeMs).toBe(written)

    // a changed file is read again, and the cache is written with it
    await new Promise((r) => setTimeout(r, 20))
    await writeFile(join(dir, 'a0001.txt'), '---\ntitle: "고친 기사"\n---\n<p>고침</p>\n')
    const third = new ContentLoader(root, dir)
    third.persistTo(cache, 'v1')
    expect((await third.loadIndex()).articles.find((x) => x.slug === 'a0001')!.title).toBe('고친 기사')
    await third.flush()
    expect((await stat(cache)).mtimeMs).toBeGreaterThan(written)
    expect(existsSync(cache)).toBe(true)
  })

  it('the build has the articles first, then their related lists from a thread, as this thread would make them, and the search index alongside', { timeout: 120_000 }, async () => {
    const loader = new ContentLoader(root, dir)
    const staged = await loader.loadStaged({ withSearch: true })
    expect(staged.content.articles).toHaveLength(COUNT)
    expect(staged.content.articles.every((a) => a.related.length === 0)).toBe(true)
    const c = await staged.related
    // the thread's search index is the one this thread would make, as utf-8 bytes (kept off this thread's heap)
    const search = [...(await staged.search)!]
    expect(search.every(([, json]) => json instanceof Uint8Array)).toBe(true)
    expect(search.map(([path, json]) => [path, payloadString(json)])).toEqual([...searchIndexFiles(c.articles)])
    const docs = c.articles.map(({ slug, title, excerpt, categories, headings, featureText }) => ({ slug, title, excerpt, categories, headings, featureText }))
    expect(c.articles.map((a) => a.related)).toEqual(relatedArticles(docs))
    expect(c.articles.some((a) => a.related.length > 0)).toBe(true)
    // the same content, once loaded
    expect(await loader.load()).toBe(c)
  })

  it('a few dozen files are estimated in this thread as a worker would, and get their text back for the dev search', async () => {
    const small = await mkdtemp(join(tmpdir(), 'dev-index-small-'))
    try {
      await mkdir(join(small, 'content'))
      for (let i = 0; i < 30; i++) await writeFile(join(small, 'content', `b${i}.txt`), `---\ntitle: "작은 기사 ${i}"\n---\n<p>본문 <b>${i}</b> &amp; 끝</p>\n`)
      const loader = new ContentLoader(small, join(small, 'content'))
      const c = await loader.loadIndex()
      expect(c.estimated?.size).toBe(30)
      // without their text until it is asked for
      expect(c.articles.every((a) => a.html === '')).toBe(true)
      await loader.fillText()
      const filled = await loader.loadIndex([])
      expect(filled.articles.find((a) => a.slug === 'b7')!.html).toBe('<p>본문 7 &amp; 끝</p>')
    } finally {
      await rm(small, { recursive: true, force: true })
    }
  })
})
