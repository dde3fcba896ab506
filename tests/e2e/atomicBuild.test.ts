// builds are exclusive and atomic, with the real `vite-ssg build` on a temp project: a build
// that fails, is stopped or is killed leaves the previous dist/ as it was, a second build in
// the same folder waits (or stops, naming the first), and the next build after a killed one
// takes its lock over.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { snapshot } from '../support/files'
import { makeProject, type RunningBuild, type TempProject } from '../support/project'

const ARTICLES = {
  '001_first.md': '---\ntitle: 첫 기사\ncategories: 정치\ndate: 2024-06-20\n---\n## 소제목\n\n본문입니다.\n',
  '002_second.txt': '---\ntitle: 둘째 기사\ncategories: [국제]\ndate: 2024-06-21\n---\n<p>둘째 본문.</p>\n',
}

/** every file of a folder with its modification time */
function mtimes(dir: string): Record<string, number> {
  const out: Record<string, number> = {}
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out[relative(dir, join(e.parentPath, e.name))] = statSync(join(e.parentPath, e.name)).mtimeMs
  }
  return out
}

/** what a build leaves in the project root besides the project: nothing, once it has ended */
const leftovers = (p: TempProject) =>
  readdirSync(p.root).filter((n) => /^\.(build\.lock|dist-(staging|previous)-)/.test(n))

async function until(what: string, check: () => boolean, build: RunningBuild, timeout = 120_000) {
  const started = Date.now()
  while (!check()) {
    if (build.child.exitCode !== null) throw new Error(`the build ended before ${what}:\n${build.output()}`)
    if (Date.now() - started > timeout) throw new Error(`no ${what} within ${timeout} ms:\n${build.output()}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

let p: TempProject
let dist: string
/** dist/ as a build of ARTICLES writes it */
let built: Record<string, string>

beforeAll(async () => {
  p = await makeProject({ content: ARTICLES })
  dist = await p.build('/news/')
  built = snapshot(dist)
})
afterAll(async () => {
  await p?.cleanup()
})

describe('e2e/atomicBuild', () => {
  it('writes the same dist/ as before, and leaves no lock or staging folder', () => {
    expect(Object.keys(built)).toEqual(
      expect.arrayContaining([
        'index.html',
        '404.html',
        'articles/first/index.html',
        'categories/국제/index.html',
        'feed.xml',
        '_data/pages/1.json.gz',
      ]),
    )
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toContain('/news/assets/')
    expect(leftovers(p)).toEqual([])
  })

  // one broken before anything is written (its date), one that fails once the client build
  // has written its files (a slug too long for a file name, where the pages are written)
  it.each([
    [
      'a broken date',
      '003_broken.md',
      '---\ntitle: 깨진 기사\ndate: 2024-02-30\n---\n본문\n',
      /content\/003_broken\.md:3:/,
    ],
    // (named by the file once the content plugin refuses such slugs itself)
    [
      'a slug longer than a file name',
      '003_long.md',
      `---\ntitle: 긴 주소\nslug: ${'가'.repeat(86)}\n---\n본문\n`,
      /003_long\.md|ENAMETOOLONG/,
    ],
  ])('a build that fails on %s leaves the previous dist/ untouched', async (_, name, text, named) => {
    await p.writeContent(name, text)
    try {
      const error = await p.build('/news/').then(
        () => new Error('the build should have failed'),
        (e: Error) => e,
      )
      expect(error.message).toMatch(named)
      expect(snapshot(dist)).toEqual(built)
      expect(leftovers(p)).toEqual([])
    } finally {
      await p.removeContent(name)
    }
  })

  it('a build killed midway (SIGKILL) leaves the previous dist/ complete, and the next build takes over its lock', async () => {
    await p.writeContent('003_third.md', '---\ntitle: 셋째 기사\ndate: 2024-06-22\n---\n셋째 본문.\n')
    try {
      const killed = p.startBuild('/news/')
      const staging = join(p.root, `.dist-staging-${killed.child.pid}`)
      // (the client build written into its staging folder, the server build under way)
      await until(
        'a server build',
        () => /Build for server/.test(killed.output()) && existsSync(join(staging, 'index.html')),
        killed,
      )
      killed.child.kill('SIGKILL')
      await killed.done
      expect(snapshot(dist)).toEqual(built)
      expect(existsSync(join(p.root, '.build.lock'))).toBe(true)

      const next = p.startBuild('/news/')
      expect(await next.done, next.output()).toBe(0)
      expect(next.output()).toContain(
        `took over the lock ${join(p.root, '.build.lock')} of an earlier build (pid ${killed.child.pid}`,
      )
      expect(next.output()).toContain(`removed .dist-staging-${killed.child.pid}, left by an interrupted build`)
      expect(readFileSync(join(dist, 'articles/third/index.html'), 'utf8')).toContain('셋째 본문')
      // (a complete site: every page of the two articles before, and the third's)
      const pages = Object.keys(built).filter((f) => !f.startsWith('assets/'))
      expect(Object.keys(snapshot(dist))).toEqual(
        expect.arrayContaining([...pages, 'articles/third/excerpt/index.html']),
      )
      expect(leftovers(p)).toEqual([])
    } finally {
      await p.removeContent('003_third.md')
    }
    // (back to ARTICLES' dist/ for the tests after)
    await p.build('/news/')
    expect(snapshot(dist)).toEqual(built)
  })

  it('a build stopped with SIGTERM removes what it wrote, releases its lock and leaves dist/ as it was', async () => {
    await p.writeContent('003_third.md', '---\ntitle: 셋째 기사\n---\n셋째 본문.\n')
    try {
      const stopped = p.startBuild('/news/')
      await until(
        'a staging folder',
        () => existsSync(join(p.root, `.dist-staging-${stopped.child.pid}`, 'index.html')),
        stopped,
      )
      stopped.child.kill('SIGTERM')
      expect(await stopped.done).toBe(143)
      expect(snapshot(dist)).toEqual(built)
      expect(leftovers(p)).toEqual([])
    } finally {
      await p.removeContent('003_third.md')
    }
  })

  it('of two builds started at once, one waits for the other, naming it, and dist/ ends complete', async () => {
    const a = p.startBuild('/news/')
    const b = p.startBuild('/news/')
    const [codeA, codeB] = await Promise.all([a.done, b.done])
    expect(codeA, a.output()).toBe(0)
    expect(codeB, b.output()).toBe(0)
    const waited = [a, b].filter((x) => /another build is running in this folder/.test(x.output()))
    expect(waited).toHaveLength(1)
    const other = waited[0] === a ? b : a
    expect(waited[0].output()).toContain(`another build is running in this folder (pid ${other.child.pid}, started at`)
    expect(snapshot(dist)).toEqual(built)
    expect(leftovers(p)).toEqual([])
  })

  it('with HANGUL_BUILD_WAIT=0 a second build refuses at once, naming the first, which goes on', async () => {
    const first = p.startBuild('/news/')
    await until('the lock', () => existsSync(join(p.root, '.build.lock')), first)
    // (paused while the second starts, so that it is still building then: a build of two
    // articles takes about as long as a build takes to start)
    first.child.kill('SIGSTOP')
    let second: RunningBuild
    try {
      second = p.startBuild('/news/', { HANGUL_BUILD_WAIT: '0' })
      expect(await second.done, second.output()).not.toBe(0)
    } finally {
      first.child.kill('SIGCONT')
    }
    expect(second.output()).toContain(`another build is running in this folder (pid ${first.child.pid}, started at`)
    expect(second.output()).toContain('if no build is running, delete')
    expect(await first.done, first.output()).toBe(0)
    expect(snapshot(dist)).toEqual(built)
    expect(leftovers(p)).toEqual([])
  })

  // (last: it rebuilds with an edit, then as before)
  it('a rebuild keeps the time of every file whose bytes it did not change, and lists the ones it wrote and removed', async () => {
    const times = mtimes(dist)
    const listed = (name: string) =>
      readFileSync(join(p.root, 'node_modules/.cache/hangul-news/deploy', name), 'utf8')
        .split('\n')
        .filter(Boolean)
    await p.build('/news/')
    expect(snapshot(dist)).toEqual(built)
    expect(mtimes(dist)).toEqual(times)
    expect(listed('written.txt')).toEqual([])
    expect(listed('removed.txt')).toEqual([])

    // one article's title changes and the other's category: every page that shows either
    // is written again, and the emptied category's pages are removed
    await p.writeContent('001_first.md', ARTICLES['001_first.md'].replace('첫 기사', '첫 기사, 고친 제목'))
    await p.writeContent('002_second.txt', ARTICLES['002_second.txt'].replace('[국제]', '[경제]'))
    try {
      await p.build('/news/')
      const written = listed('written.txt')
      const now = snapshot(dist)
      expect(written).toEqual(expect.arrayContaining(['articles/first/index.html', 'index.html', 'feed.xml']))
      expect(listed('removed.txt')).toEqual(expect.arrayContaining(['categories/국제/index.html']))
      for (const f of listed('removed.txt')) expect(now[f], f).toBeUndefined()
      const after = mtimes(dist)
      for (const [f, hash] of Object.entries(now)) {
        // a file is listed exactly when its bytes changed; the others keep their time
        if (built[f] === hash) expect(after[f], f).toBe(times[f])
        expect(written.includes(f), f).toBe(built[f] !== hash)
      }
    } finally {
      await p.writeContent('001_first.md', ARTICLES['001_first.md'])
      await p.writeContent('002_second.txt', ARTICLES['002_second.txt'])
    }
  })
})
