// `npm run check` names the drafts and the scheduled articles, with when each will appear,
// and counts only what a build made now would publish; scripts/build.mjs hands --drafts,
// --future and the build's time to the build
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkContent } from '../../../../src/node/content/check'
// @ts-expect-error: a plain node script, without types
import { buildEnv, splitArgs } from '../../../../scripts/build.mjs'

let root: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'check-publishing-'))
  await mkdir(join(root, 'content'))
  const write = (name: string, extra: string) => writeFile(join(root, 'content', name), `---\ntitle: 기사\n${extra}\n---\n<p>본문</p>\n`)
  await write('now.md', 'date: 2024-06-19')
  await write('draft.md', 'draft: true')
  await write('later.md', 'date: 2024-06-21 09:00')
  await write('soon.md', 'date: 2024-06-20T04:00Z')
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('npm run check: drafts and scheduled articles', () => {
  it('lists each draft, and each scheduled article with when it appears, in the order they appear', async () => {
    const r = await checkContent({ root, now: Date.parse('2024-06-20T12:00:00+09:00') })
    expect(r.exitCode).toBe(0)
    expect(r.articles).toBe(1)
    expect(r.drafts).toEqual(['content/draft.md'])
    expect(r.scheduled).toEqual([
      { source: 'content/soon.md', date: '2024-06-20T04:00:00.000Z' },
      { source: 'content/later.md', date: '2024-06-21T00:00:00.000Z' },
    ])
    expect(r.report).toContain('content/: 1 article, no problems.')
    expect(r.report).toContain('note: 1 draft is not published (draft: true; npm run build -- --drafts builds a preview with it):\n  content/draft.md')
    expect(r.report).toContain('  content/soon.md appears from 2024.06.20 13:00\n  content/later.md appears from 2024.06.21 09:00')
  })

  it('names nothing as scheduled once the time has passed', async () => {
    const r = await checkContent({ root, now: Date.parse('2024-06-22T00:00:00+09:00') })
    expect(r.articles).toBe(3)
    expect(r.scheduled).toEqual([])
    expect(r.report).not.toContain('scheduled')
  })
})

describe('scripts/build.mjs', () => {
  it('takes --drafts and --future out and passes every other argument to vite-ssg', () => {
    expect(splitArgs(['--drafts', '--base', '/news/', '--future'])).toEqual({
      drafts: true,
      future: true,
      full: false,
      explain: false,
      rest: ['--base', '/news/'],
    })
    expect(splitArgs(['--base=/x/', '--full', '--explain'])).toEqual({
      drafts: false,
      future: false,
      full: true,
      explain: true,
      rest: ['--base=/x/'],
    })
  })

  it('hands the build one time, its own unless NEWS_BUILD_TIME is set, and the flags', () => {
    const now = new Date('2024-06-20T03:00:00Z')
    expect(buildEnv({ PATH: '/bin' }, { drafts: false, future: false }, now)).toEqual({ PATH: '/bin', NEWS_BUILD_TIME: '2024-06-20T03:00:00.000Z' })
    expect(buildEnv({ NEWS_BUILD_TIME: '2030-01-01T00:00:00+09:00' }, { drafts: true, future: true }, now)).toEqual({
      NEWS_BUILD_TIME: '2030-01-01T00:00:00+09:00',
      NEWS_DRAFTS: '1',
      NEWS_FUTURE: '1',
    })
  })
})
