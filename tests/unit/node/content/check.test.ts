// `npm run check` (src/node/content/check.ts, scripts/check.mjs) over the broken-file fixtures and
// the seeds: every problem of every file named at once, a non-zero exit on any problem.
import { spawn } from 'node:child_process'
import { mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkContent, main } from '../../../../src/node/content/check'

const REPO = resolve(__dirname, '../../../..')
const INVALID = 'tests/fixtures/broken/invalid'
const VALID = 'tests/fixtures/broken/valid'

/** what each broken file must be told: [line or undefined, message pattern] per problem, in order */
const EXPECTED: Record<string, Array<[number | undefined, RegExp]>> = {
  '010_same.txt': [[undefined, /slug "same" is also used by tests\/fixtures\/broken\/invalid\/sub\/same\.md: give one of them another "slug:"/]],
  'sub/same.md': [[undefined, /slug "same" is also used by tests\/fixtures\/broken\/invalid\/010_same\.txt/]],
  'bad-date.txt': [[4, /the date "2024-13-45" is not a date: write it as 2024-06-20/]],
  'bad-yaml.txt': [[4, /invalid YAML in the front matter: .*check quoting/]],
  'binary.txt': [[undefined, /binary file, not text/]],
  'empty-title.txt': [[2, /title is empty/]],
  'empty.txt': [[undefined, /the file is empty: an article starts with front matter/]],
  'euc-kr.txt': [[undefined, /not valid UTF-8 \(perhaps EUC-KR\/CP949\): .*save it as UTF-8/]],
  'front-matter-js.md': [[1, /front matter must be YAML/]],
  'missing-title.txt': [[1, /title is missing: add "title: \.\.\."/]],
  'no-front-matter.txt': [[1, /no front matter: the file must start with a line "---"/]],
  'title-number.txt': [[2, /title \.inf is read by YAML as an infinite number, not as text: put it in quotes/]],
  'types-1.txt': [
    [2, /title must be text, not a list/],
    [3, /categories must be a list of names .* not a set of keys/],
    [4, /excerpt must be text, not a list/],
    [5, /feature_text must be text, not a set of keys/],
    [6, /image must be an address, .* not a number \(42\)/],
    [7, /slug must be text, not a list/],
    [8, /date is a boolean \(true\), not a date/],
  ],
  'types-2.txt': [
    [3, /categories must be a list of names .* not a list holding lists/],
    [4, /excerpt must be text, not a date/],
    [6, /image must be text, not a list/],
    [7, /slug must be text, not a set of keys/],
    [8, /date is a list, not a date/],
  ],
  'types-3.txt': [
    [2, /title must be text, not a boolean \(true\)/],
    [3, /categories must be a list of names .* not a boolean \(true\)/],
    [4, /excerpt must be text, not a set of keys/],
    [5, /image must be an address, .* not a boolean \(true\)/],
    [6, /slug must be text, not a boolean \(true\)/],
    [7, /date is a number \(20240501\), not a date/],
  ],
  'unclosed-front-matter.txt': [[1, /front matter is not closed: add a line "---"/]],
}

function run(cmd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd: REPO, env: { ...process.env, NO_COLOR: '1' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

describe('node/check', () => {
  it('names every problem of every broken file at once, in the build\'s path:line form', async () => {
    const result = await checkContent({ root: REPO, dir: INVALID })
    expect(result.exitCode).toBe(1)
    const byFile = new Map<string, typeof result.problems>()
    for (const p of result.problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p])
    // no broken file is passed over without a word
    const all = (await readdir(join(REPO, INVALID), { recursive: true, withFileTypes: true })).filter((e) => e.isFile())
    expect(all.length).toBe(Object.keys(EXPECTED).length)
    for (const [name, want] of Object.entries(EXPECTED)) {
      // in line order, as the report lists them
      const got = (byFile.get(`${INVALID}/${name}`) ?? []).sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
      expect(got.map((p) => p.line), name).toEqual(want.map(([line]) => line))
      got.forEach((p, i) => expect(p.message, name).toMatch(want[i][1]))
      for (const p of got) expect(result.report).toContain(`  ${INVALID}/${name}${p.line ? `:${p.line}` : ''}: ${p.message}`)
    }
    expect(result.problems).toHaveLength(Object.values(EXPECTED).flat().length)
    expect(result.report).toMatch(/^tests\/fixtures\/broken\/invalid\/ has 31 problems in 16 files/)
  })

  it('passes valid but odd files: spaces and hangul in the name, unclosed tags, BOM and CRLF, no body, unknown keys', async () => {
    const result = await checkContent({ root: REPO, dir: VALID })
    expect(result.problems).toEqual([])
    expect(result).toMatchObject({ exitCode: 0, articles: 5, files: 5 })
    expect(result.report).toBe(`${VALID}/: 5 articles, no problems.`)
  })

  it('passes the seeds', async () => {
    const result = await checkContent({ root: REPO })
    expect(result).toMatchObject({ exitCode: 0, articles: 2, problems: [] })
    expect(result.report).toMatch(/^content\/: 2 articles, no problems\./)
    // (their lead images, from another host, have no image_alt: said, and published all the same)
    expect(result.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^the image has no image_alt/),
      expect.stringMatching(/^the image has no image_alt/),
    ])
  })

  describe('folders', () => {
    let tmp: string
    beforeAll(async () => {
      tmp = await mkdtemp(join(tmpdir(), 'check-'))
      await mkdir(join(tmp, 'news'))
      await writeFile(join(tmp, 'news/a.md'), '---\ntitle: 가\n---\n본문\n')
      await writeFile(join(tmp, 'news/b.htm'), '---\ntitle: 나\n---\n<p>본문</p>\n')
      await writeFile(join(tmp, 'news/.DS_Store'), 'x')
      await mkdir(join(tmp, 'empty'))
    })
    afterAll(() => rm(tmp, { recursive: true, force: true }))

    it('names files that are not articles, without failing', async () => {
      const result = await checkContent({ root: tmp, dir: 'news' })
      expect(result).toMatchObject({ exitCode: 0, articles: 1, skipped: ['news/b.htm'] })
      expect(result.report).toContain('note: 1 file in news/ is not an article')
      expect(result.report).toContain('  news/b.htm')
    })

    it('does not name the authors file as a file that is not published, and names its problems by line', async () => {
      await mkdir(join(tmp, 'staff'))
      await writeFile(join(tmp, 'staff/a.md'), '---\ntitle: 가\nauthor: 홍길동\n---\n본문\n')
      await writeFile(join(tmp, 'staff/authors.yml'), '- name: 홍길동\n  slug: hong\n- name: 홍길순\n  slug: hong\n')
      const result = await checkContent({ root: tmp, dir: 'staff' })
      expect(result).toMatchObject({ exitCode: 1, articles: 1, skipped: [] })
      expect(result.report).toContain('staff/authors.yml:3: the author "홍길순" has the address "hong"')
    })

    it('says so when the folder is empty, and fails when it does not exist', async () => {
      expect((await checkContent({ root: tmp, dir: 'empty' })).report).toMatch(/has no articles yet/)
      const missing = await checkContent({ root: tmp, dir: 'nope' })
      expect(missing.exitCode).toBe(1)
      expect(missing.report).toMatch(/nope: there is no such folder/)
    })

    it('names the file and line of what the build would fail on later: a lone surrogate, a long slug, σ and ς', async () => {
      const hostile = join(tmp, 'hostile')
      await mkdir(hostile)
      const files: Record<string, string> = {
        'surrogate.md': '---\ntitle: 가\nimage: "/images/\\ud800.jpg"\n---\n본문\n',
        'long.md': `---\ntitle: 가\ncategories: [정치]\nslug: ${'가'.repeat(86)}\n---\n본문\n`,
        'sigma.md': '---\ntitle: 가\nslug: σ-news\n---\n본문\n',
        'final-sigma.md': '---\ntitle: 가\nslug: ς-news\n---\n본문\n',
        'octal.md': '---\ntitle: 0777\nslug: 0777\n---\n본문\n',
      }
      for (const [name, text] of Object.entries(files)) await writeFile(join(hostile, name), text)
      const result = await checkContent({ root: tmp, dir: 'hostile' })
      expect(result.exitCode).toBe(1)
      const lines = result.report.split('\n').filter((l) => l.startsWith('  '))
      expect(lines).toEqual([
        expect.stringMatching(/^ {2}hostile\/final-sigma\.md: the slug "ς-news" is also used by hostile\/sigma\.md \(as "σ-news"\)/),
        expect.stringMatching(/^ {2}hostile\/long\.md:4: the slug "가+…" is 258 bytes long in UTF-8/),
        expect.stringMatching(/^ {2}hostile\/sigma\.md: the slug "σ-news" is also used by hostile\/final-sigma\.md \(as "ς-news"\)/),
        expect.stringMatching(/^ {2}hostile\/surrogate\.md:3: the image address holds a broken character/),
      ])
      expect(result.articles).toBe(2)
    })

    it('names a photo that is not there or not a photo, lists the warnings, and takes photos for what they are, not stray files', async () => {
      const photos = join(tmp, 'photos')
      await mkdir(photos)
      await writeFile(join(photos, 'a.md'), '---\ntitle: 가\nimage: gone.jpg\nimage_alt: 사진\n---\n본문\n')
      await writeFile(join(photos, 'b.md'), '---\ntitle: 나\nimage: https://newsdao.kr/a.jpg\n---\n<p><img src="text.png"></p>\n')
      await writeFile(join(photos, 'text.png'), 'not a picture')
      const result = await checkContent({ root: tmp, dir: 'photos' })
      expect(result.exitCode).toBe(1)
      expect(result.skipped).toEqual([])
      expect(result.report.split('\n').filter((l) => l.startsWith('  '))).toEqual([
        '  photos/a.md:3: the image "gone.jpg" (photos/gone.jpg) is not there: add the file beside the article, or correct the address',
        expect.stringMatching(/^ {2}photos\/b\.md:5: the image "text\.png" \(photos\/text\.png\) cannot be read as a photo \(.+\): open it in an image editor/),
        expect.stringMatching(/^ {2}photos\/b\.md:3: the image has no image_alt/),
      ])
      expect(result.warnings).toHaveLength(1)
    })

    it('names a folder outside the project from its parent, not with ../', async () => {
      const result = await checkContent({ root: REPO, dir: join(tmp, 'news') })
      expect(result.skipped).toEqual(['news/b.htm'])
    })
  })

  it('main: --dir, --dir=, --help and unknown arguments', async () => {
    const lines: string[] = []
    const out = { log: (s: string) => lines.push(`out ${s}`), error: (s: string) => lines.push(`err ${s}`) } as unknown as Console
    expect(await main(['--dir', VALID], REPO, out)).toBe(0)
    expect(await main([`--dir=${INVALID}`], REPO, out)).toBe(1)
    expect(await main(['--help'], REPO, out)).toBe(0)
    expect(await main(['--bogus'], REPO, out)).toBe(2)
    expect(lines[0]).toBe(`out ${VALID}/: 5 articles, no problems.`)
    expect(lines[1]).toMatch(/^err tests\/fixtures\/broken\/invalid\/ has 31 problems/)
    expect(lines[2]).toMatch(/^out usage: npm run check/)
    expect(lines[3]).toMatch(/^err unknown argument "--bogus"/)
  })

  it('scripts/check.mjs runs under plain node and exits 1 with every message on a broken folder', async () => {
    const { code, stderr } = await run(process.execPath, ['scripts/check.mjs', '--dir', INVALID])
    expect(code).toBe(1)
    expect(stderr).toContain(`  ${INVALID}/types-1.txt:8: the date is a boolean (true), not a date`)
    expect(stderr).toContain(`  ${INVALID}/euc-kr.txt: the file is not valid UTF-8`)
    expect(stderr.match(/^ {2}tests\/fixtures\/broken\/invalid\/\S+: /gm)).toHaveLength(31)
  }, 60_000)

  it('npm run check passes the seeds with exit 0', async () => {
    const { code, stdout } = await run('npm', ['run', '--silent', 'check'])
    expect(code).toBe(0)
    expect(stdout).toContain('content/: 2 articles, no problems.')
  }, 60_000)
})
