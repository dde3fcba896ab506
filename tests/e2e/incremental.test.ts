// incremental builds (src/node/build/incremental/) give what a cold build gives: on a few
// hundred generated articles, random sequences of edits, additions (newest and back-dated),
// deletions, renames, slug and category changes, each followed by `npm run build` in one
// project (incremental) and a cold full build of the same content in another, whose dist/
// folders are compared file by file. a build killed midway and run again gives a correct
// dist/, and a state that is damaged or from another version is said in one line and the
// build runs cold.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cp, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error: the benchmark's corpus generator is plain javascript (its seeded mulberry32, so a failure can be replayed)
import { prng } from '../../scripts/bench/corpus.mjs'
import { snapshot } from '../support/files'
import { makeProject, type TempProject } from '../support/project'

const SEED = Number(process.env.INCREMENTAL_SEED ?? 20261207)
const COUNT = 240
/**
 * the categories, each far bigger than the next, so the header's six biggest (which the app's
 * bundle holds: a change there is a full build) seldom change with an edit; the last ones are
 * small, so a category page can appear and go
 */
const CATEGORIES = ['정치', '경제', '사회', '국제', '문화', '스포츠', '과학', '여행']
const WEIGHTS = [60, 36, 20, 11, 6, 3.5, 1, 0.5]
const TAGS = ['선거', '금리', '반도체', '기후', '교육', '축구', '우주', '전시']
const WORDS =
  '정부 국회 시장 기업 시민 학교 지역 경제 정책 발표 회의 조사 결과 계획 예산 사업 문제 변화 전망 관계자'.split(' ')
const BUILD_TIME = '2026-12-07T09:00:00.000Z'

/** the bench's seeded generator, as the test uses it */
type Rnd = { next(): number; int(lo: number, hi: number): number; pick<T>(list: readonly T[]): T }

function category(rnd: Rnd): string {
  const total = WEIGHTS.reduce((a, b) => a + b)
  let r = rnd.next() * total
  for (let i = 0; i < CATEGORIES.length; i++) if ((r -= WEIGHTS[i]) < 0) return CATEGORIES[i]
  return CATEGORIES[0]
}

const sentence = (rnd: Rnd) => `${Array.from({ length: rnd.int(5, 12) }, () => rnd.pick(WORDS)).join(' ')}.`

/** a date `minutes` before the build time, as front matter writes it (KST) */
function dateAt(minutes: number): string {
  const d = new Date(Date.parse(BUILD_TIME) - minutes * 60_000 + 9 * 3600_000).toISOString()
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`
}

interface Doc {
  file: string
  title: string
  slug?: string
  categories: string[]
  tags: string[]
  minutes: number
  /** the excerpt, given: so a body edit changes the article's pages and not the listings' cards */
  excerpt: string
  body: string[]
}

function text(d: Doc): string {
  const fm = [
    '---',
    `title: ${JSON.stringify(d.title)}`,
    `categories: [${d.categories.map((c) => JSON.stringify(c)).join(', ')}]`,
    `tags: [${d.tags.map((c) => JSON.stringify(c)).join(', ')}]`,
    `date: ${dateAt(d.minutes)}`,
    `excerpt: ${JSON.stringify(d.excerpt)}`,
    ...(d.slug ? [`slug: ${d.slug}`] : []),
    '---',
  ]
  return `${fm.join('\n')}\n<h2 data-ke-size="size26">${d.title}</h2>\n${d.body.map((p) => `<p data-ke-size="size16">${p}</p>`).join('\n')}\n`
}

function newDoc(rnd: Rnd, n: number, minutes: number): Doc {
  const cats = [category(rnd)]
  if (rnd.next() < 0.2) cats.push(category(rnd))
  return {
    file: `${String(n).padStart(4, '0')}.txt`,
    title: `${rnd.pick(WORDS)} ${rnd.pick(WORDS)} ${n}호 소식`,
    categories: [...new Set(cats)],
    tags: rnd.next() < 0.5 ? [rnd.pick(TAGS)] : [],
    minutes,
    excerpt: sentence(rnd),
    body: Array.from({ length: rnd.int(2, 4) }, () => sentence(rnd)),
  }
}

/** the files of `a` and `b` that differ or are in only one, at most a few, for a readable failure */
function differences(a: Record<string, string>, b: Record<string, string>): string[] {
  const out: string[] = []
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
    if (a[k] !== b[k]) out.push(`${k}: ${a[k] ? 'incremental' : '-'} / ${b[k] ? 'cold' : '-'}`)
  return out.sort().slice(0, 20)
}

const env = { NEWS_BUILD_TIME: BUILD_TIME }
let inc: TempProject
let cold: TempProject
const docs = new Map<string, Doc>()
const rnd: Rnd = prng(SEED)
let made = 0

/** write every doc into the incremental project's content/ (and remove files no doc has) */
async function writeDocs(): Promise<void> {
  const files = new Set([...docs.values()].map((d) => d.file))
  for (const name of await readdir(inc.contentDir)) if (!files.has(name)) await inc.removeContent(name)
  for (const d of docs.values()) {
    const path = join(inc.contentDir, d.file)
    const t = text(d)
    if (!existsSync(path) || readFileSync(path, 'utf8') !== t) await inc.writeContent(d.file, t)
  }
}

/** the incremental project's build, which must run incrementally unless `full` says why not */
async function incrementalBuild(): Promise<string> {
  const { code, output } = await inc.publish([], env)
  expect(code, output).toBe(0)
  return output
}

/** a cold full build of the incremental project's content, in the other project; its dist/ */
async function coldBuild(): Promise<Record<string, string>> {
  await rm(cold.contentDir, { recursive: true, force: true })
  await cp(inc.contentDir, cold.contentDir, { recursive: true })
  for (const p of ['dist', 'node_modules/.cache', 'node_modules/.vite'])
    await rm(join(cold.root, p), { recursive: true, force: true })
  const { code, output } = await cold.publish(['--full'], env)
  expect(code, output).toBe(0)
  return snapshot(join(cold.root, 'dist'))
}

async function expectSameAsCold(): Promise<void> {
  const got = snapshot(join(inc.root, 'dist'))
  const want = await coldBuild()
  expect(differences(got, want)).toEqual([])
}

/** one random change to the content, said in a few words */
function randomChange(): string {
  const list = [...docs.values()]
  const d = rnd.pick(list)
  const kind = rnd.int(0, 8)
  switch (kind) {
    case 0:
      d.body[rnd.int(0, d.body.length - 1)] = sentence(rnd)
      return `body of ${d.file}`
    case 1:
      d.title = `${d.title} (고침)`
      return `title of ${d.file}`
    case 2: {
      const n = newDoc(rnd, ++made + COUNT, Math.min(...list.map((x) => x.minutes)) - rnd.int(1, 30))
      docs.set(n.file, n)
      return `newest ${n.file}`
    }
    case 3: {
      const n = newDoc(rnd, ++made + COUNT, rnd.int(10, COUNT * 60))
      docs.set(n.file, n)
      return `back-dated ${n.file}`
    }
    case 4:
      docs.delete(d.file)
      return `deleted ${d.file}`
    case 5: {
      docs.delete(d.file)
      const renamed = { ...d, file: `r${d.file}` }
      docs.set(renamed.file, renamed)
      return `renamed ${d.file}`
    }
    case 6:
      d.slug = `slug-${rnd.int(1, 1e6)}`
      return `slug of ${d.file}`
    case 7:
      d.categories = [category(rnd)]
      return `category of ${d.file}`
    default:
      d.tags = d.tags.length ? [] : [rnd.pick(TAGS)]
      return `tags of ${d.file}`
  }
}

beforeAll(async () => {
  for (let i = 0; i < COUNT; i++) {
    const d = newDoc(rnd, i, 30 + i * 60)
    docs.set(d.file, d)
  }
  inc = await makeProject({ content: {} })
  cold = await makeProject({ content: {} })
  await writeDocs()
  const first = await incrementalBuild()
  expect(first).toMatch(/building everything: no earlier build left its state/)
}, 300_000)

afterAll(async () => {
  if (process.env.KEEP_PROJECTS) return console.log(`kept ${inc.root} ${cold.root}`)
  await inc?.cleanup()
  await cold?.cleanup()
})

describe('incremental builds', () => {
  it('a build with nothing changed re-renders nothing and writes nothing', async () => {
    // (the incremental build's own code, bundled by the full build: scripts/build.mjs runs it natively)
    expect(existsSync(join(inc.root, 'node_modules/.cache/hangul-news/build/server/incremental-build.mjs'))).toBe(true)
    const output = await incrementalBuild()
    expect(output).toMatch(/incremental: re-rendered 0 of \d+ pages.*0 files written, 0 removed/)
  })

  it('after random edits, additions, deletions, renames, slug, category and tag changes, dist/ is what a cold build gives', async () => {
    let incremental = 0
    for (let step = 0; step < 5; step++) {
      const changes = Array.from({ length: rnd.int(1, 3) }, randomChange)
      await writeDocs()
      const output = await incrementalBuild()
      // an incremental build, unless the header's categories changed (then everything is built, and said so)
      const said = `seed ${SEED}, step ${step}: ${changes.join(', ')}`
      if (/incremental: re-rendered [1-9]/.test(output)) incremental++
      else expect(output, said).toMatch(/building everything: the header's categories changed/)
      const got = snapshot(join(inc.root, 'dist'))
      const want = await coldBuild()
      expect(differences(got, want), said).toEqual([])
    }
    expect(incremental).toBeGreaterThan(0)
  }, 600_000)

  it('one body edited: only the pages showing that article, the search index and the feeds are written', async () => {
    const d = [...docs.values()].sort((a, b) => b.minutes - a.minutes)[Math.floor(docs.size / 2)]
    d.body[0] = `${d.body[0]} 덧붙인 문장.`
    await writeDocs()
    const output = await incrementalBuild()
    expect(output).toMatch(/re-rendered 2 of \d+ pages: 2 of articles whose file changed/)
    const written = readFileSync(join(inc.root, 'node_modules/.cache/hangul-news/deploy/written.txt'), 'utf8')
      .split('\n')
      .filter(Boolean)
    const pages = written.filter((f) => f.endsWith('.html'))
    expect(pages).toHaveLength(1)
    expect(pages[0]).toMatch(/^articles\/[^/]+\/index\.html$/)
    expect(written.filter((f) => !f.endsWith('.html') && !f.startsWith('_data/search/'))).toEqual([])
  }, 120_000)

  it('a build killed midway (SIGKILL), then run again, leaves dist/ as a cold build would', async () => {
    for (const delay of [300, 900, 1500]) {
      randomChange()
      randomChange()
      await writeDocs()
      const run = inc.startPublish([], env)
      await new Promise((r) => setTimeout(r, delay))
      run.child.kill('SIGKILL')
      await run.done
    }
    await incrementalBuild()
    // nothing a killed build made is left beside dist/
    expect(readdirSync(inc.root).filter((n) => /^\.dist-|^\.build\.lock$/.test(n))).toEqual([])
    await expectSameAsCold()
  }, 300_000)

  it('a state that is damaged or from another version is said in one line, and the build runs cold', async () => {
    const state = join(inc.root, 'node_modules/.cache/hangul-news/build/state.json')
    writeFileSync(state, '{"format": 1, "fingerpri')
    randomChange()
    await writeDocs()
    let output = await incrementalBuild()
    expect(output).toMatch(/building everything: .*state\.json is damaged/)
    await expectSameAsCold()

    writeFileSync(state, JSON.stringify({ ...JSON.parse(readFileSync(state, 'utf8')), format: 999 }))
    output = await incrementalBuild()
    expect(output).toMatch(/building everything: .*state\.json is from another version of this project/)

    // kept code stamped for another state (loaded before a full build replaced both): not run on this one
    const stamp = join(inc.root, 'node_modules/.cache/hangul-news/build/server/incremental-build.fingerprint')
    expect(readFileSync(stamp, 'utf8')).toBe(JSON.parse(readFileSync(state, 'utf8')).fingerprint)
    writeFileSync(stamp, 'another')
    output = await incrementalBuild()
    expect(output).toMatch(
      /building everything: the last full build's state is not the one this build's kept code was made for/,
    )

    // the code changed: everything is built again
    writeFileSync(join(inc.root, 'src/client/incremental-test.ts'), 'export const changed = true\n')
    output = await incrementalBuild()
    expect(output).toMatch(/building everything: the code, its settings or the build arguments changed/)
    // and another base is another site
    const { code, output: based } = await inc.publish(['--base', '/news/'], env)
    expect(code, based).toBe(0)
    expect(based).toMatch(/building everything: the code, its settings or the build arguments changed/)
  }, 300_000)
})
