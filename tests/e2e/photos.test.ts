// photos kept in the site (issue 19, item 5), built with the seeds into a real site under a
// subpath and read in Chromium: which variant of the lead photo a phone 390 px wide at a
// pixel ratio of 3 and a desktop 1280 px wide actually download, the lead photo's
// attributes and caption, the body's photos with width, height and srcset (prerendered, and
// again after a client-side navigation, where DOMPurify's hook writes them), no layout
// shift while they load, the seeds' remote images as they were, and screenshots of the
// article at both widths (test-results/photos-390.png and -1280.png). then a photo cut short:
// the build fails naming the article and its line, and leaves the last dist/ alone.
import { mkdirSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openPage, routerPush, waitForApp } from '../support/browserPage'
import { describeBrowser, launchBrowser } from '../support/chromium'
import { makeProject, REPO_ROOT, type TempProject } from '../support/project'
import { serveStatic, type StaticServer } from '../support/staticServer'
import { readdirSync, readFileSync } from 'node:fs'

const SLUG = 'photo-news'
const ALT = '광화문 광장에 모인 시민들'
const CAPTION = '10일 서울 광화문 광장. 사진=한빛뉴스'
const ARTICLE = [
  '---',
  'title: 광화문 광장에 시민 수천 명 모여',
  'categories: [사회]',
  'excerpt: 사진이 있는 기사.',
  'image: lead.jpg',
  `image_alt: ${ALT}`,
  `image_caption: ${CAPTION}`,
  'date: 2024-06-21 10:00',
  '---',
  '',
  '광장에 모인 시민들은 오전부터 자리를 지켰다. 주최 측은 참가자가 늘어날 것으로 내다봤다.',
  '',
  '![행진하는 시민들](body.png)',
  '',
  '오후에는 행진이 이어졌다.',
  '',
  '<p><img src="/images/small.jpg" alt="작은 사진" width="320"></p>',
  '',
  '## 행사 이후',
  '',
  '행사는 저녁에 끝났다.',
].join('\n')

/** a 1600x900 photo-like JPEG: smooth colour with fine grain, quickly made */
async function photo(width: number, height: number, seed: number): Promise<Buffer> {
  const px = Buffer.alloc(width * height * 3)
  let s = seed
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0
      const grain = (s >>> 24) / 16 - 8
      const i = (y * width + x) * 3
      px[i] = 90 + 80 * Math.sin(x / 190 + seed) + grain
      px[i + 1] = 110 + 70 * Math.cos(y / 130) + grain
      px[i + 2] = 140 + 60 * Math.sin((x + y) / 260) + grain
    }
  }
  return sharp(px, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer()
}

/** the lead photo's id (its variants' names hold it) */
async function leadId(page: Page): Promise<string> {
  const src = await page.locator('.article__image img').getAttribute('src')
  return /_images\/([0-9a-f]{16})-/.exec(src ?? '')![1]
}

/** sum of the layout shifts the page has had (what Lighthouse's CLS adds up) */
function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((done) => {
        let sum = 0
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>)
            if (!e.hadRecentInput) sum += e.value
        }).observe({ type: 'layout-shift', buffered: true })
        setTimeout(() => done(sum), 300)
      }),
  )
}

describeBrowser('e2e/photos', () => {
  let project: TempProject
  let server: StaticServer
  let browser: Browser
  let dist: string

  beforeAll(async () => {
    const content: Record<string, string | Uint8Array> = {}
    for (const f of readdirSync(join(REPO_ROOT, 'content'))) content[f] = readFileSync(join(REPO_ROOT, 'content', f))
    content[`${SLUG}.md`] = ARTICLE
    content['lead.jpg'] = await photo(1600, 900, 1)
    content['body.png'] = await sharp(await photo(900, 600, 2))
      .png()
      .toBuffer()
    project = await makeProject({ content })
    await mkdir(join(project.root, 'public/images'), { recursive: true })
    await writeFile(join(project.root, 'public/images/small.jpg'), await photo(1200, 800, 3))
    dist = await project.build('/news/')
    server = await serveStatic(dist, { mount: '/news/', notFoundPage: true })
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
    await project?.cleanup()
  })

  for (const { name, viewport, deviceScaleFactor, want } of [
    // the column is 390 - 2 x 16 = 358 css px, 1,074 device px: the 1,200 is the narrowest that covers it
    {
      name: 'a phone 390 px wide at a pixel ratio of 3',
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      want: 1200,
    },
    // the column is 672 css px: the 800
    {
      name: 'a desktop 1280 px wide at a pixel ratio of 1',
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      want: 800,
    },
  ]) {
    it(`${name} downloads the ${want}-pixel AVIF of the lead photo, and no other copy of it`, async () => {
      const { page, errors, close } = await openPage(browser, server.origin, {
        viewport,
        deviceScaleFactor,
        isMobile: deviceScaleFactor > 1,
      })
      const images: string[] = []
      page.on('request', (r) => {
        if (r.resourceType() === 'image') images.push(new URL(r.url()).pathname)
      })
      try {
        await page.goto(`${server.origin}/news/articles/${SLUG}/`)
        await waitForApp(page)
        await page.waitForFunction(
          () => (document.querySelector('.article__image img') as HTMLImageElement | null)?.complete,
        )
        const id = await leadId(page)
        const lead = await page.locator('.article__image img').evaluate((img: HTMLImageElement) => ({
          currentSrc: new URL(img.currentSrc).pathname,
          slot: img.getBoundingClientRect().width,
        }))
        expect(lead.currentSrc).toBe(`/news/_images/${id}-${want}.avif`)
        // (naturalWidth is the file's width over the density the browser chose it for: the file is read instead)
        const file = Buffer.from(await (await fetch(`${server.origin}${lead.currentSrc}`)).arrayBuffer())
        expect(await sharp(file).metadata()).toMatchObject({ format: 'heif', width: want })
        // the variant is the narrowest that covers the slot at the screen's pixel ratio
        const needed = lead.slot * deviceScaleFactor
        expect(want).toBeGreaterThanOrEqual(needed)
        expect([480, 800, 1200].filter((w) => w >= needed)[0]).toBe(want)
        expect(images.filter((p) => p.includes(id))).toEqual([`/news/_images/${id}-${want}.avif`])
        expect(errors).toEqual([])
      } finally {
        await close()
      }
    })
  }

  it('gives the lead photo its size, priority, alt text and caption, and every body photo width, height, srcset and sizes', async () => {
    const html = await readFile(join(dist, 'articles', SLUG, 'index.html'), 'utf8')
    const { page, close } = await openPage(browser, server.origin, { viewport: { width: 1280, height: 800 } })
    try {
      await page.goto(`${server.origin}/news/articles/${SLUG}/`)
      await waitForApp(page)
      const lead = page.locator('.article__image img')
      expect(await lead.getAttribute('alt')).toBe(ALT)
      expect(await lead.getAttribute('fetchpriority')).toBe('high')
      expect(await lead.getAttribute('loading')).toBe('eager')
      expect(await lead.getAttribute('decoding')).toBe('async')
      expect([await lead.getAttribute('width'), await lead.getAttribute('height')]).toEqual(['1600', '900'])
      expect(await page.locator('.article__image figcaption').textContent()).toBe(CAPTION)
      expect(
        await page.locator('.article__image source').evaluateAll((s) => s.map((e) => e.getAttribute('type'))),
      ).toEqual(['image/avif', 'image/webp'])
      const body = await page
        .locator('.article-body img')
        .evaluateAll((imgs) =>
          imgs.map((i) =>
            Object.fromEntries(
              ['alt', 'width', 'height', 'sizes', 'decoding', 'loading']
                .map((a) => [a, i.getAttribute(a)])
                .concat([['srcset', (i.getAttribute('srcset') ?? '').replace(/[0-9a-f]{16}/g, 'ID')]]),
            ),
          ),
        )
      expect(body).toEqual([
        {
          alt: '행진하는 시민들',
          width: '900',
          height: '600',
          srcset: '/news/_images/ID-480.webp 480w, /news/_images/ID-800.webp 800w, /news/_images/ID-900.webp 900w',
          sizes: '(min-width: 44rem) 42rem, calc(100vw - 2rem)',
          decoding: 'async',
          loading: 'lazy',
        },
        {
          alt: '작은 사진',
          width: '320',
          height: '213',
          srcset: '/news/_images/ID-480.webp 480w, /news/_images/ID-800.webp 800w, /news/_images/ID-1200.webp 1200w',
          sizes: '(min-width: 352px) 320px, calc(100vw - 2rem)',
          decoding: 'async',
          loading: 'lazy',
        },
      ])
      // link previews: the photo kept beside the article is served as it is
      const og = (p: string) => new RegExp(`<meta property="og:image${p}" content="([^"]*)"`).exec(html)?.[1]
      expect(og('')).toMatch(/^https:\/\/news\.example\.com\/news\/_images\/[0-9a-f]{16}\.jpg$/)
      expect([og(':width'), og(':height'), og(':alt')]).toEqual(['1600', '900', ALT])
      expect((await fetch(`${server.origin}/news/${og('')!.split('/news/')[1]}`)).headers.get('content-type')).toBe(
        'image/jpeg',
      )
    } finally {
      await close()
    }
  })

  it('has no layout shift while the photos load, on a phone and a desktop', async () => {
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1280, height: 800 },
    ]) {
      const { page, close } = await openPage(browser, server.origin, { viewport })
      try {
        await page.goto(`${server.origin}/news/articles/${SLUG}/`, { waitUntil: 'load' })
        await waitForApp(page)
        // the body's lazy photos load as they come into view
        await page.mouse.wheel(0, 3000)
        await page.waitForFunction(() =>
          [...document.querySelectorAll('.article-body img')].every((i) => (i as HTMLImageElement).complete),
        )
        expect(await layoutShift(page), `${viewport.width}px`).toBe(0)
      } finally {
        await close()
      }
    }
  })

  it('gives the body photos the same attributes after a client-side navigation, made by the sanitizer from the photo records', async () => {
    const { page, errors, close } = await openPage(browser, server.origin, { viewport: { width: 1280, height: 800 } })
    try {
      await page.goto(`${server.origin}/news/articles/${SLUG}/`)
      await waitForApp(page)
      const prerendered = await page.locator('.article-body').innerHTML()
      await routerPush(page, '/')
      await page.waitForSelector('.listing__cards')
      // the card shows a variant of the lead photo at a card's width, not the original
      const card = page.locator(`.card:has(a[href$="/articles/${SLUG}/"]) img`)
      expect(await card.getAttribute('src')).toMatch(/_images\/[0-9a-f]{16}-800\.webp$/)
      await routerPush(page, `/articles/${SLUG}/`)
      await page.waitForSelector('.article-body img[srcset]')
      expect(await page.locator('.article-body').innerHTML()).toBe(prerendered)
      expect(await page.locator('.article__image figcaption').textContent()).toBe(CAPTION)
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  })

  it('shows the seeds as before: their images from another host, without srcset', async () => {
    const { page, close } = await openPage(browser, server.origin, { viewport: { width: 1280, height: 800 } })
    try {
      await page.goto(`${server.origin}/news/articles/3f06a9bec7bd6d0f/`)
      await waitForApp(page)
      const html = await readFile(join(dist, 'articles/3f06a9bec7bd6d0f/index.html'), 'utf8')
      expect(html).toContain('src="https://newsdao.kr/res/images/meta/newsdao_breakingnews.jpg"')
      expect(html).not.toMatch(/srcset|<source/)
      expect(html).not.toContain('og:image:width')
    } finally {
      await close()
    }
  })

  it('screenshots the article with its lead photo and caption at 390 and 1280 px', async () => {
    mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true })
    for (const [viewport, scale] of [
      [{ width: 390, height: 844 }, 3],
      [{ width: 1280, height: 800 }, 1],
    ] as const) {
      const { page, close } = await openPage(browser, server.origin, { viewport, deviceScaleFactor: scale })
      try {
        await page.goto(`${server.origin}/news/articles/${SLUG}/`, { waitUntil: 'load' })
        await waitForApp(page)
        await page.waitForFunction(() => (document.querySelector('.article__image img') as HTMLImageElement).complete)
        await page.screenshot({
          path: join(REPO_ROOT, `test-results/photos-${viewport.width}.png`),
          fullPage: true,
          scale: 'css',
        })
      } finally {
        await close()
      }
    }
  })

  it('the dev server makes the variants a page asks for, and names a missing photo while it serves the rest', async () => {
    const dev = await project.dev()
    const { page, errors, close } = await openPage(browser, new URL(dev.url).origin, {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      allowStatus: [404],
    })
    try {
      await page.goto(`${dev.url}articles/${SLUG}/`)
      await page.waitForSelector('.article-body img[srcset]')
      await page.mouse.wheel(0, 3000)
      await page.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0))
      // the 358 px column at a pixel ratio of 2 needs 716 pixels: the 800
      expect(
        await page.locator('.article__image img').evaluate((i: HTMLImageElement) => new URL(i.currentSrc).pathname),
      ).toMatch(/^\/_images\/[0-9a-f]{16}-800\.avif$/)
      expect(await page.locator('.article__image figcaption').textContent()).toBe(CAPTION)
      expect(await page.locator('.article-body img').first().getAttribute('sizes')).toBe(
        '(min-width: 44rem) 42rem, calc(100vw - 2rem)',
      )

      await project.writeContent(
        'bad.md',
        '---\ntitle: 사진 없는 기사\nimage: gone.jpg\nimage_alt: 없는 사진\n---\n본문은 그대로 보인다.\n',
      )
      await dev.waitForOutput(/bad\.md/, 15_000).catch(() => {})
      await page.goto(`${dev.url}articles/bad/`)
      await expect.poll(() => page.locator('.article-body').textContent()).toContain('본문은 그대로 보인다')
      await dev.waitForOutput(/content\/bad\.md:3: the image "gone\.jpg" \(content\/gone\.jpg\) is not there/, 15_000)
      await page.goto(`${dev.url}articles/${SLUG}/`)
      await page.waitForSelector('.article__image img')
      // (a page left while it still loads aborts its requests: not an error of the site)
      expect(errors.filter((e) => !/gone\.jpg|net::ERR_ABORTED/.test(e))).toEqual([])
    } finally {
      await close()
      await dev.close()
      await project.removeContent('bad.md')
    }
  })

  it('fails the build on a photo cut short, naming the article and its line, and leaves the last dist/ as it was', async () => {
    const whole = await photo(800, 450, 4)
    await project.writeContent('cut.jpg', whole.subarray(0, whole.length >> 1))
    await project.writeContent('cut.md', '---\ntitle: 잘린 사진\nimage: cut.jpg\nimage_alt: 잘린 사진\n---\n본문\n')
    const before = await readFile(join(dist, 'index.html'), 'utf8')
    const error = await project.build('/news/').then(
      () => undefined,
      (err: Error) => err.message,
    )
    expect(error).toMatch(
      /content\/cut\.md:3: the image "cut\.jpg" \(content\/cut\.jpg\) cannot be read as a photo \(.*\): open it in an image editor and save it again/,
    )
    expect(await readFile(join(dist, 'index.html'), 'utf8')).toBe(before)
  })
})
