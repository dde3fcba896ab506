// the dev server on a temp copy of the project: editing, adding and deleting a content
// file updates the open page without a reload, and a broken file is shown, not fatal.
// bad requests and symbolic links out of content/ are answered over plain http (no browser).
import { request } from 'node:http'
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  h1s,
  markWindow,
  openPage,
  seeds,
  waitForApp,
  windowMarked,
  type Seed,
  type WatchedPage,
} from '../support/browserPage'
import { describeBrowser, launchBrowser } from '../support/chromium'
import { makeProject, type DevServer, type TempProject } from '../support/project'

const SEED_FILE = '000_3f06a9bec7bd6d0f.txt'
const PROBLEM_BANNER = '콘텐츠 파일에 문제가 있습니다'

describeBrowser('e2e/dev (vite dev server, content HMR)', () => {
  let project: TempProject
  let dev: DevServer
  let browser: Browser
  let w: WatchedPage
  let first: Seed
  let second: Seed
  let original: string

  const mainText = () => w.page.locator('main').innerText()

  beforeAll(async () => {
    ;[first, second] = seeds()
    project = await makeProject()
    original = await readFile(join(project.contentDir, SEED_FILE), 'utf8')
    dev = await project.dev()
    browser = await launchBrowser()
    // warm up: vite transforms modules (and may optimize dependencies and reload) on first use
    const warm = await openPage(browser, new URL(dev.url).origin)
    for (const path of ['', `articles/${first.slug}/`, `articles/${first.slug}/excerpt/`, 'categories/news/']) {
      await warm.page.goto(dev.url + path)
      await waitForApp(warm.page)
      await warm.page.waitForLoadState('networkidle')
    }
    await warm.close()
  })
  afterAll(async () => {
    await w?.close()
    await browser?.close()
    await dev?.close()
    await project?.cleanup()
  })

  async function openListing() {
    await w?.close()
    w = await openPage(browser, new URL(dev.url).origin)
    await w.page.goto(dev.url)
    await waitForApp(w.page)
    await expect.poll(() => h1s(w.page)).toEqual(['최신 기사'])
    await expect.poll(mainText).toContain(first.title)
    await markWindow(w.page)
  }

  it('shows the listing and the articles', async () => {
    await openListing()
    expect(await mainText()).toContain(second.title)
    expect(w.errors).toEqual([])
  })

  it('an edited title reaches the open listing and the open article without a reload', async () => {
    await openListing()
    const edited = '편집기에서 바꾼 제목입니다'
    try {
      await project.writeContent(SEED_FILE, original.replace(/^title: .*$/m, `title: ${edited}`))
      await expect.poll(mainText, { timeout: 15_000 }).toContain(edited)
      expect(await mainText()).not.toContain(first.title)
      expect(await windowMarked(w.page)).toBe(true)

      await w.page.locator('main').getByRole('link', { name: edited }).first().click()
      await expect.poll(() => h1s(w.page)).toEqual([edited])
      const again = '한 번 더 바꾼 제목'
      await project.writeContent(SEED_FILE, original.replace(/^title: .*$/m, `title: ${again}`))
      await expect.poll(() => h1s(w.page), { timeout: 15_000 }).toEqual([again])
      expect(await windowMarked(w.page)).toBe(true)
    } finally {
      await project.writeContent(SEED_FILE, original)
    }
    await expect.poll(() => h1s(w.page), { timeout: 15_000 }).toEqual([first.title])
    expect(await windowMarked(w.page)).toBe(true)
    expect(w.errors).toEqual([])
  })

  it('a new file appears in the open listing, and goes when it is deleted', async () => {
    await openListing()
    const title = '새로 추가된 기사 제목'
    try {
      await project.writeContent(
        'sub/999_new-article.md',
        `---\ntitle: ${title}\ncategories: [News]\n---\n새 기사의 본문입니다.\n`,
      )
      await expect.poll(mainText, { timeout: 15_000 }).toContain(title)
      expect(await windowMarked(w.page)).toBe(true)
      await project.removeContent('sub/999_new-article.md')
      await expect.poll(mainText, { timeout: 15_000 }).not.toContain(title)
      expect(await mainText()).toContain(first.title)
      expect(await windowMarked(w.page)).toBe(true)
    } finally {
      await project.removeContent('sub/999_new-article.md')
    }
    expect(w.errors).toEqual([])
  })

  it('a broken file is named in a banner and in the terminal; the valid articles stay', async () => {
    await openListing()
    expect(await w.page.getByText(PROBLEM_BANNER).count()).toBe(0)
    try {
      await project.writeContent('broken-date.md', '---\ntitle: 날짜가 틀린 기사\ndate: 2024-13-45\n---\n본문\n')
      await expect
        .poll(() => w.page.getByRole('alert').innerText(), { timeout: 15_000 })
        .toContain('content/broken-date.md:3')
      expect(await w.page.getByRole('alert').innerText()).toContain(PROBLEM_BANNER)
      await dev.waitForOutput(/content\/broken-date\.md:3: .*not a date/)
      // the rest of the site is still there
      expect(await mainText()).toContain(first.title)
      expect(await mainText()).toContain(second.title)
      expect(await windowMarked(w.page)).toBe(true)

      await project.writeContent('no-front-matter.txt', '<p>머리말 없는 파일</p>\n')
      await expect
        .poll(() => w.page.getByRole('alert').innerText(), { timeout: 15_000 })
        .toContain('content/no-front-matter.txt')
    } finally {
      await project.removeContent('broken-date.md')
      await project.removeContent('no-front-matter.txt')
    }
    await expect.poll(() => w.page.getByText(PROBLEM_BANNER).count(), { timeout: 15_000 }).toBe(0)
    expect(await windowMarked(w.page)).toBe(true)
    expect(w.errors).toEqual([])
  })
})

/** GET exactly this path (fetch would resolve dot segments and tidy escapes first) */
function get(url: string, path: string): Promise<{ status: number; body: Buffer }> {
  const { hostname, port } = new URL(url)
  return new Promise((done, fail) => {
    const req = request({ hostname, port, path, method: 'GET', agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }))
      res.on('error', fail)
    })
    req.on('error', fail)
    req.end()
  })
}

describe('e2e/dev (vite dev server, hostile requests and links)', () => {
  let project: TempProject
  let dev: DevServer
  /** a folder beside the project's content/, as another part of the machine */
  let outside: string
  const first = seeds()[0]

  beforeAll(async () => {
    project = await makeProject()
    outside = join(project.root, 'elsewhere')
    await mkdir(outside)
    dev = await project.dev()
  })
  afterAll(async () => {
    await dev?.close()
    await project?.cleanup()
  })

  /** the server is up and serves a page and an article's payload */
  async function stillServes() {
    const page = await get(dev.url, '/')
    expect(page.status).toBe(200)
    expect(page.body.toString()).toContain('<div id="app"')
    const payload = await get(dev.url, `/_data/articles/${encodeURIComponent(first.slug)}.json.gz`)
    expect(payload.status).toBe(200)
    expect(JSON.parse(gunzipSync(payload.body).toString()).title).toBe(first.title)
  }

  it('answers malformed escapes and odd paths under /_data/ with 400 or 404, and goes on serving', async () => {
    const bad: Array<[string, number]> = [
      ['/_data/%', 400],
      ['/_data/%E0%A4%A', 400],
      ['/_data/articles/%ED%A0%80.json.gz', 400],
      ['/_data/articles/..%2f..%2fpackage.json.json.gz', 400],
      ['/_data/articles/../../package.json', 400],
      ['/_data/articles/x%00.json.gz', 400],
      ['/_data/..%5c..%5cpackage.json', 400],
      [`/_data/${'a'.repeat(3000)}`, 400],
      ['/_data/articles/no-such-article.json.gz', 404],
      ['/_data/pages/99999999999999999999999.json.gz', 404],
      ['/_data/', 404],
    ]
    for (const [path, status] of bad) {
      const res = await get(dev.url, path)
      expect([path.slice(0, 60), res.status]).toEqual([path.slice(0, 60), status])
      // short, plain, and nothing of the request repeated
      expect(res.body.length).toBeLessThan(100)
      expect(res.body.toString()).not.toContain('package')
    }
    // 100 KB: past node's own limit on a request's head, refused before any middleware
    expect((await get(dev.url, `/_data/${'%'.repeat(100_000)}`)).status).toBe(431)
    // vite's own pages with malformed escapes: no crash either
    for (const path of ['/%', '/articles/%/', '/articles/%E0%A4%A/excerpt/'])
      expect((await get(dev.url, path)).status).toBeLessThan(500)
    await stillServes()
    expect(dev.output()).not.toMatch(/URIError|Unhandled|ERR_/)
  })

  it('does not serve a file a symbolic link made while it runs leads to outside content/, and says so', async () => {
    const title = '밖에 있는 비밀 파일'
    await writeFile(join(outside, 'secret.txt'), `---\ntitle: ${title}\nslug: leaked\n---\n<p>비밀</p>\n`)
    // and one into a hidden folder inside content/, which the same rule follows
    const inside = '숨은 폴더의 기사'
    await project.writeContent('.drafts/ok.txt', `---\ntitle: ${inside}\nslug: linked-inside\n---\n<p>본문</p>\n`)
    try {
      await symlink(join(outside, 'secret.txt'), join(project.contentDir, 'leak.txt'))
      await dev.waitForOutput(
        /content\/leak\.txt is a symbolic link that points outside the content folder .*: skipped, not published/,
        15_000,
      )
      await symlink(join(project.contentDir, '.drafts', 'ok.txt'), join(project.contentDir, 'linked.txt'))
      await expect
        .poll(async () => (await get(dev.url, '/_data/articles/linked-inside.json.gz')).status, { timeout: 15_000 })
        .toBe(200)
      expect((await get(dev.url, '/_data/articles/leaked.json.gz')).status).toBe(404)
      const listing = gunzipSync((await get(dev.url, '/_data/pages/1.json.gz')).body).toString()
      expect(listing).toContain(inside)
      expect(listing).not.toContain(title)
      // one line for the link, not one per edit
      await project.writeContent('999_another.md', '---\ntitle: 또 다른 기사\n---\n본문\n')
      await expect
        .poll(async () => gunzipSync((await get(dev.url, '/_data/pages/1.json.gz')).body).toString(), {
          timeout: 15_000,
        })
        .toContain('또 다른 기사')
      expect(dev.output().match(/content\/leak\.txt is a symbolic link/g)).toHaveLength(1)
      await stillServes()
    } finally {
      await rm(join(project.contentDir, 'leak.txt'), { force: true })
      await rm(join(project.contentDir, 'linked.txt'), { force: true })
      await project.removeContent('999_another.md')
    }
  })
})
