// drafts and scheduled articles: left out of every list a build makes (pages, listings,
// categories, prev/next, related, search, feed, sitemap) unless the build is made with
// --drafts or --future, decided when the list is made (after the caches) for one build time
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ContentLoader } from '../../../../src/node/content/loadContent'
import type { Content } from '../../../../src/node/content/types'
import { buildPolicy, isScheduled, policyFromEnv, publishable, showEverything, type PublishPolicy } from '../../../../src/node/content/publish'
import { crawlerFiles } from '../../../../src/node/build/crawlers/crawlerFiles'
import { payloadFiles, routes } from '../../../../src/node/build/payloads'
import type { SiteConfig } from '../../../../src/shared/types'

const SITE: SiteConfig = { name: '한빛뉴스', description: '소식', url: 'https://news.example.com', pageSize: 20 }
/** the build's time in these tests: 2024-06-20 12:00 korean time */
const NOW = Date.parse('2024-06-20T12:00:00+09:00')
const policy = (extra: Partial<PublishPolicy> = {}): PublishPolicy => ({ now: NOW, drafts: false, future: false, ...extra })

let root: string
let dir: string

/** one article of the category 정치 whose words all articles share, so each is related to the others */
async function write(slug: string, extra: string) {
  const text = `---\ntitle: 북한 러시아 조약 ${slug}\ncategories: [정치]\nslug: ${slug}\n${extra}\n---\n<p>북한과 러시아의 조약 ${slug}-본문</p>\n`
  await writeFile(join(dir, `${slug}.md`), text)
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'publish-'))
  dir = join(root, 'content')
  await mkdir(dir)
  await write('published', 'date: 2024-06-19 09:00')
  await write('older', 'date: 2024-06-18')
  await write('a-draft', 'date: 2024-06-19 10:00\ndraft: true')
  await write('scheduled', 'date: 2024-06-20 12:01')
  await write('tomorrow', 'date: 2024-06-21')
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

/** every piece of text a build writes from the list: payloads (listings, categories, articles, search), sitemap, feed, routes */
async function everything(p: PublishPolicy): Promise<{ content: Content; text: string }> {
  const staged = await ContentLoader.for(root, dir).loadStaged({ withSearch: true, policy: p })
  const content = await staged.related
  const search = await staged.search!
  const files = payloadFiles(content.articles, SITE, search)
  const text = [...files.values(), ...crawlerFiles(content.articles, SITE, '/', new Date(NOW)).values(), ...routes(content.articles, SITE)].join('\n')
  return { content, text }
}

describe('node/content/publish: what a build lists', () => {
  it('leaves drafts and scheduled articles out of every output of a build', async () => {
    const { content, text } = await everything(policy())
    expect(content.articles.map((a) => a.slug)).toEqual(['published', 'older'])
    expect(content.articles[0]).toMatchObject({ prev: null, next: { slug: 'older' }, related: [{ slug: 'older' }] })
    expect(content.articles[1]).toMatchObject({ prev: { slug: 'published' }, next: null })
    // a positive control: the published article is in the text searched below
    expect(text).toContain('published-본문')
    expect(text).toContain('/articles/published/')
    for (const gone of ['a-draft', 'scheduled', 'tomorrow']) expect(text).not.toContain(gone)
  })

  it('keeps drafts with --drafts (and scheduled ones still out)', async () => {
    const { content, text } = await everything(policy({ drafts: true }))
    expect(content.articles.map((a) => a.slug)).toEqual(['a-draft', 'published', 'older'])
    expect(content.articles[0]).toMatchObject({ draft: true, next: { slug: 'published' } })
    expect(text).toContain('/articles/a-draft/')
    expect(text).not.toContain('scheduled')
  })

  it('keeps scheduled articles with --future, marked as scheduled', async () => {
    const { content, text } = await everything(policy({ future: true }))
    expect(content.articles.map((a) => [a.slug, !!a.scheduled])).toEqual([['tomorrow', true], ['scheduled', true], ['published', false], ['older', false]])
    expect(text).toContain('/articles/tomorrow/')
    expect(text).not.toContain('a-draft')
  })

  it('keeps both with --drafts --future', async () => {
    const { content } = await everything(policy({ drafts: true, future: true }))
    expect(content.articles.map((a) => a.slug)).toEqual(['tomorrow', 'scheduled', 'a-draft', 'published', 'older'])
  })

  it('publishes a scheduled article in the first build made after its time, from the same loader and cache', async () => {
    expect((await everything(policy())).content.articles.map((a) => a.slug)).not.toContain('scheduled')
    const later = await everything(policy({ now: Date.parse('2024-06-20T12:01:00+09:00') }))
    expect(later.content.articles.map((a) => a.slug)).toEqual(['scheduled', 'published', 'older'])
    expect(later.content.articles[0].scheduled).toBeUndefined()
    // a date without a time appears at midnight korean time
    const tomorrow = await everything(policy({ now: Date.parse('2024-06-21T00:00:00+09:00') }))
    expect(tomorrow.content.articles.map((a) => a.slug)).toEqual(['tomorrow', 'scheduled', 'published', 'older'])
  })

  it('publishes a scheduled article after its time from the build cache of an earlier build', async () => {
    const cache = join(root, 'cache.jsonl')
    const first = new ContentLoader(root, dir)
    first.useBuildCache(cache, 'v1')
    expect((await first.load(policy())).articles.map((a) => a.slug)).toEqual(['published', 'older'])
    await first.saveBuildCache()
    const second = new ContentLoader(root, dir)
    second.useBuildCache(cache, 'v1')
    const later = await second.load(policy({ now: Date.parse('2024-06-22T00:00:00+09:00') }))
    expect(second.reusedCount).toBe(5)
    expect(later.articles.map((a) => a.slug)).toEqual(['tomorrow', 'scheduled', 'published', 'older'])
  })

  it('never makes a draft published through a cache: the loader lists it again as a draft', async () => {
    const loader = new ContentLoader(root, dir)
    expect((await loader.load(showEverything(NOW))).articles.find((a) => a.slug === 'a-draft')?.draft).toBe(true)
    expect((await loader.load(policy())).articles.map((a) => a.slug)).not.toContain('a-draft')
  })

  it('shows everything on the dev server, drafts and scheduled ones marked', async () => {
    const c = await new ContentLoader(root, dir).loadIndex()
    const marks = Object.fromEntries(c.articles.map((a) => [a.slug, [!!a.draft, !!a.scheduled]]))
    // the dev server's time is the real one: these dates are long past
    expect(marks).toEqual({ tomorrow: [false, false], scheduled: [false, false], 'a-draft': [true, false], published: [false, false], older: [false, false] })
  })
})

describe('node/content/publish: the policy', () => {
  it('reads the build time and the flags from the environment', () => {
    expect(policyFromEnv({}, 5)).toEqual({ now: 5, drafts: false, future: false })
    expect(policyFromEnv({ NEWS_BUILD_TIME: '2024-06-20T12:00:00+09:00', NEWS_DRAFTS: '1', NEWS_FUTURE: 'true' }, 5)).toEqual({ now: NOW, drafts: true, future: true })
    expect(policyFromEnv({ NEWS_DRAFTS: '0', NEWS_FUTURE: '' }, 5)).toMatchObject({ drafts: false, future: false })
  })

  it('refuses a build time it cannot read, rather than building for another time', () => {
    expect(() => policyFromEnv({ NEWS_BUILD_TIME: '내일' }, 5)).toThrow('NEWS_BUILD_TIME="내일" is not a time: write it as an ISO time, e.g. NEWS_BUILD_TIME=2024-06-20T09:00:00+09:00')
  })

  it('takes the build time once per process', () => {
    const first = buildPolicy()
    expect(buildPolicy()).toBe(first)
  })

  it('marks scheduled articles and keeps the order, in one pass', () => {
    const a = (slug: string, date: string, draft?: boolean) => ({ slug, date, draft }) as never
    const list = [a('x', '2024-06-21'), a('y', '2024-06-20T02:59:00.000Z'), a('z', '2024-06-19', true)]
    expect(isScheduled({ date: '2024-06-20T03:00:00.000Z' }, NOW)).toBe(false)
    expect(isScheduled({ date: '2024-06-20T03:00:01.000Z' }, NOW)).toBe(true)
    expect(isScheduled({ date: '' }, NOW)).toBe(false)
    expect(publishable(list, policy()).map((p) => p.slug)).toEqual(['y'])
    expect(publishable(list, policy({ future: true, drafts: true })).map((p) => [p.slug, !!p.scheduled])).toEqual([['x', true], ['y', false], ['z', false]])
  })
})
