// broken and odd content through the real `vite-ssg build`: a tree of broken files (with
// the seeds and the refused hostile files) fails with every problem listed together, in the
// same words `npm run check` uses; a tree of valid but odd files (spaces and Hangul in a
// name, unclosed tags, 10,000 levels of nesting, a 5 MB article) builds, and its pages
// render in Chromium. the big and deep files are made here, at run time.
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeBrowser, launchBrowser } from '../support/chromium'
import { makeProject, REPO_ROOT, type TempProject } from '../support/project'
import { serveStatic, type StaticServer } from '../support/staticServer'

const INVALID = join(REPO_ROOT, 'tests/fixtures/broken/invalid')
const VALID = join(REPO_ROOT, 'tests/fixtures/broken/valid')
const REJECTED = join(REPO_ROOT, 'tests/fixtures/hostile/rejected')

/** name -> bytes of every file under dir (subfolders too), names prefixed */
function filesOf(dir: string, prefix = ''): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {}
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[prefix + relative(dir, join(e.parentPath, e.name))] = readFileSync(join(e.parentPath, e.name))
  }
  return out
}
const seeds = () => filesOf(join(REPO_ROOT, 'content'))

/** `npm run check -- --dir <dir>` from the repository, as an editor or CI would run it */
function check(dir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['scripts/check.mjs', '--dir', dir], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    child.on('error', fail)
    child.on('close', (code) => done({ code, output }))
  })
}

/** the problem lines of a report: its warnings (the seeds' missing image_alt), a list of their own under their heading, left out */
function problemLines(text: string): string[] {
  const lines: string[] = []
  let inWarnings = false
  for (const l of text.split('\n')) {
    if (/ warnings? \(published all the same\):$/.test(l)) inWarnings = true
    else if (!l.startsWith('  ')) inWarnings = false
    else if (!inWarnings && /^ {2}content\/\S.*: /.test(l)) lines.push(l)
  }
  return lines
}

describe('e2e/broken: a tree of broken files', () => {
  let project: TempProject
  beforeAll(async () => {
    project = await makeProject({ content: { ...seeds(), ...filesOf(INVALID), ...filesOf(REJECTED, 'rejected/') } })
  })
  afterAll(() => project?.cleanup())

  it('fails the build with every problem of every file, in the words npm run check uses', async () => {
    const failure = await project.build('/news/').then(
      () => null,
      (err: Error) => err.message,
    )
    expect(failure, 'the build must fail').not.toBeNull()
    expect(failure).toMatch(/content\/ has problems; fix them and build again:/)
    const built = problemLines(failure!)
    // the checker names the same problems, the same way (it reads the folder from outside
    // the project, so its paths also start at the folder's parent: content/...)
    const checked = await check(project.contentDir)
    expect(checked.code).toBe(1)
    const listed = problemLines(checked.output)
    expect(listed.length).toBe(31 + 14)
    expect(built).toEqual(listed)
    // every broken file is named; the seeds are not
    const named = new Set(built.map((l) => l.trim().replace(/(:\d+)?: .*$/, '')))
    for (const name of [...Object.keys(filesOf(INVALID)), ...Object.keys(filesOf(REJECTED, 'rejected/'))]) {
      expect(named.has(`content/${name}`), name).toBe(true)
    }
    expect([...named].some((n) => /3f06a9bec7bd6d0f|da8a812b5f9d37fd/.test(n))).toBe(false)
    // and it stopped at the problems, not at some later crash
    expect(failure).not.toMatch(/RangeError|TypeError|Maximum call stack|at .*\.ts:\d+/)
  })
})

/** a paragraph of Korean text, about 1 KB */
const PARAGRAPH = `<p>${'북한과 러시아가 포괄적 전략적 동반자 관계를 맺었다. '.repeat(12)}</p>\n`

function bigArticle(bytes: number): string {
  const parts: string[] = []
  let size = 0
  for (let n = 1; size < bytes; n++) {
    const part = (n % 100 === 1 ? `<h2 data-ke-size="size26">큰 글의 ${n}번째 부분</h2>\n` : '') + PARAGRAPH
    parts.push(part)
    size += Buffer.byteLength(part)
  }
  return `---\ntitle: 5MB짜리 기사\ncategories: [시험]\ndate: 2024-04-10\n---\n<p>BIG-START</p>\n${parts.join('')}<p>BIG-END</p>\n`
}

const ODD: Record<string, string> = {
  'deep.html':
    `---\ntitle: 만 겹으로 중첩된 기사\ncategories: [시험]\ndate: 2024-04-11\n---\n` +
    `<p>DEEP-START</p>${'<div>'.repeat(10_000)}<p>DEEP-MIDDLE 가장 깊은 곳</p>${'</div>'.repeat(10_000)}<p>DEEP-END</p>\n`,
  'deep-unclosed.html':
    `---\ntitle: 닫히지 않은 만 겹\ncategories: [시험]\ndate: 2024-04-12\n---\n` +
    `<p>UNCLOSED-DEEP-START</p>${'<div><span><b>'.repeat(3_400)}UNCLOSED-DEEP-MIDDLE\n`,
}

describeBrowser('e2e/broken: valid but odd files', () => {
  let project: TempProject
  let server: StaticServer
  let browser: Browser
  let dist: string

  beforeAll(async () => {
    project = await makeProject({
      content: { ...seeds(), ...filesOf(VALID), ...ODD, 'big.html': bigArticle(5 * 1024 * 1024) },
    })
    dist = await project.build('/news/')
    server = await serveStatic(dist, { mount: '/news/' })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await project?.cleanup()
  })

  it('npm run check passes them too', async () => {
    const { code, output } = await check(project.contentDir)
    expect(output).toContain('content/: 10 articles, no problems.')
    expect(code).toBe(0)
  })

  it('a 5 MB article really is 5 MB', () => {
    expect(Buffer.byteLength(bigArticle(5 * 1024 * 1024))).toBeGreaterThanOrEqual(5 * 1024 * 1024)
  })

  const pages = [
    [
      'a file name with spaces and Hangul',
      '공백-있는-이름-한글-기사',
      '공백과 한글이 있는 파일 이름',
      ['SPACES-HANGUL-BODY'],
    ],
    [
      'unclosed tags',
      'unclosed-tags',
      '닫히지 않은 태그',
      ['UNCLOSED-BODY', '닫히지 않은 제목', '칸 둘', '안 닫힌 블록'],
    ],
    ['a BOM and CRLF line ends', 'bom-crlf', 'BOM과 CRLF', ['BOM-CRLF-BODY']],
    ['no body', 'no-body', '본문이 없는 글', []],
    ['unknown front matter keys', 'unknown-keys', '모르는 키는 무시한다', ['UNKNOWN-KEYS-BODY']],
    ['10,000 levels of nesting', 'deep', '만 겹으로 중첩된 기사', ['DEEP-START', 'DEEP-MIDDLE', 'DEEP-END']],
    ['10,000 unclosed levels', 'deep-unclosed', '닫히지 않은 만 겹', ['UNCLOSED-DEEP-START', 'UNCLOSED-DEEP-MIDDLE']],
    ['a 5 MB article', 'big', '5MB짜리 기사', ['BIG-START', '큰 글의 101번째 부분', 'BIG-END']],
  ] as const

  it.each(pages)(
    '%s: builds, and its page renders in Chromium with its heading and all its text',
    async (_name, slug, title, markers) => {
      const page = await browser.newPage()
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      try {
        const url = `${server.url}articles/${encodeURIComponent(slug)}/`
        const res = await page.goto(url, { timeout: 60_000 })
        expect(res!.status()).toBe(200)
        await expect.poll(() => page.locator('h1').textContent(), { timeout: 30_000 }).toBe(title)
        await page.waitForFunction(
          () => !!(document.querySelector('#app') as unknown as { __vue_app__?: unknown }).__vue_app__,
          undefined,
          { timeout: 60_000 },
        )
        const text = await page.locator('.article-body').innerText()
        for (const m of markers) expect(text, m).toContain(m)
        expect(await page.locator('h1').count()).toBe(1)
        expect(errors).toEqual([])
        // and the app goes on from it
        await page.locator('.site-header__brand').click()
        await expect.poll(() => page.url()).toBe(server.url)
        await expect.poll(() => page.locator('.card').count()).toBe(10)
      } finally {
        await page.close()
      }
    },
  )
})
