// page weight and timings in real chromium (playwright-core driving /usr/bin/chromium):
// what a first visit transfers (measured at the server, gzip, by kind), first contentful
// paint, client-side navigations (listing -> article, article -> next article) and a full
// load of the same article for comparison.
import { chromium } from 'playwright-core'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium'
}

export async function launch() {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS })
}

/** a context with no internet: requests to other hosts (the seeds' images) fail at once */
async function newContext(browser, origin) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ko-KR' })
  await context.route(
    (url) => !url.href.startsWith(origin),
    (route) => route.abort(),
  )
  return context
}

/** resolves when the server has seen no request for `quietMs` (or after `maxMs`) */
async function networkQuiet(log, quietMs = 800, maxMs = 8000) {
  const start = performance.now()
  let count = log.length
  let since = performance.now()
  while (performance.now() - start < maxMs) {
    await new Promise((r) => setTimeout(r, 100))
    if (log.length !== count) {
      count = log.length
      since = performance.now()
    } else if (performance.now() - since >= quietMs) return
  }
}

/** wait in the page until the app has taken over the prerendered html */
const HYDRATED = () => !!document.querySelector('#app')?.__vue_app__

/**
 * A first visit to `path` with an empty cache: bytes by kind (gzip, as served), the
 * requests, first contentful paint, load and hydration times. `saveData`: as a reader on a
 * metered connection with Save-Data on.
 */
export async function firstVisit(browser, server, path, { saveData = false } = {}) {
  const context = await newContext(browser, server.origin)
  // a reader who asked to save data (chromium's flag for it is not scriptable): nothing may load ahead
  if (saveData) {
    await context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'connection', {
        get: () => ({ saveData: true, effectiveType: '4g', type: 'cellular' }),
      }),
    )
  }
  const page = await context.newPage()
  const errors = []
  page.on('pageerror', (e) => errors.push(String(e)))
  const from = server.log.length
  await page.goto(server.origin + path, { waitUntil: 'load' })
  await page.waitForFunction(HYDRATED, null, { timeout: 15000 })
  const hydratedAt = await page.evaluate(() => performance.now())
  await networkQuiet(server.log)
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0]
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]
    return { fcp: fcp?.startTime ?? NaN, load: nav?.loadEventEnd ?? NaN }
  })
  const requests = server.log.slice(from)
  await context.close()
  const own = requests.filter((r) => !isPrefetch(r, path))
  const sum = (list, kind) => list.filter((r) => !kind || r.kind === kind).reduce((s, r) => s + r.bytes, 0)
  return {
    path,
    errors,
    requests,
    /** the photos the page downloaded, each with its bytes: which variant the browser chose */
    photoFiles: own.filter((r) => r.kind === 'photo').map((r) => `${r.path} ${r.bytes}`),
    fcp: timing.fcp,
    load: timing.load,
    hydrated: hydratedAt,
    bytes: {
      html: sum(own, 'html'),
      js: sum(own, 'js'),
      css: sum(own, 'css'),
      data: sum(own, 'data'),
      other: sum(own, 'other') + sum(own, 'search'),
      // the budgets count photos apart: what the page costs besides them, and what they cost
      total: sum(own) - sum(own, 'photo'),
      photos: sum(own, 'photo'),
      prefetch: sum(requests) - sum(own),
      all: sum(requests),
    },
  }
}

/**
 * an article fetched ahead of need (a link in view or hovered): the page of another article
 * or summary (a build's data for an article is its page: src/client/data/data.ts), or, from an
 * older build, another article's payload
 */
function isPrefetch(request, path) {
  const bare = request.path.replace(/\?.*$/, '')
  if (request.kind === 'html')
    return /\/articles\/[^/]+\//.test(bare) && decodeURIComponent(bare) !== decodeURIComponent(path)
  const m = /\/_data\/articles\/([^/?]+)\.json/.exec(request.path)
  if (!m) return false
  const own = /\/articles\/([^/]+)\//.exec(path)
  return !own || decodeURIComponent(m[1]) !== decodeURIComponent(own[1])
}

/**
 * Client-side navigations, as a reader makes them: on the listing, the first card's link
 * is clicked (cards in view have prefetched their data once the page was idle); on that
 * article, the "next" link is scrolled into view, hovered and clicked. Each is timed in the
 * page from the click until the new article's title and body are on screen (next frame).
 * Then the same next article is loaded in full in a new tab (cached code and css, as for
 * a returning reader) for the ratio.
 */
export async function navigations(browser, server, listingPath = '/') {
  const context = await newContext(browser, server.origin)
  const page = await context.newPage()
  const errors = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await page.goto(server.origin + listingPath, { waitUntil: 'load' })
  await page.waitForFunction(HYDRATED, null, { timeout: 15000 })
  await networkQuiet(server.log)

  const clickAndWait = (selector) =>
    page.evaluate(async (sel) => {
      const link = document.querySelector(sel)
      if (!link) throw new Error(`no link ${sel}`)
      const before = document.querySelector('h1')?.textContent ?? ''
      const target = new URL(link.href).pathname
      const t0 = performance.now()
      link.click()
      await new Promise((resolve, reject) => {
        const done = () => {
          const h1 = document.querySelector('h1#articleTitle')
          return (
            location.pathname === target && h1 && h1.textContent !== before && document.querySelector('.article-body')
          )
        }
        if (done()) return resolve()
        const obs = new MutationObserver(() => {
          if (done()) {
            obs.disconnect()
            resolve()
          }
        })
        obs.observe(document.body, { childList: true, subtree: true, characterData: true })
        setTimeout(() => reject(new Error(`navigation to ${target} did not finish`)), 10000)
      })
      // until the frame with the new page is painted
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
      return { ms: performance.now() - t0, path: target }
    }, selector)

  const toArticle = await clickAndWait('.listing__cards li:first-child .card__title a')
  await networkQuiet(server.log, 300, 3000)
  const next = page.locator('a[rel="next"]').first()
  await next.scrollIntoViewIfNeeded()
  await page.waitForTimeout(400)
  await next.hover()
  await page.waitForTimeout(150)
  const toNext = await clickAndWait('a[rel="next"]')

  // a full load of that article, with the code and css in the http cache
  const full = await context.newPage()
  await full.goto(server.origin + toNext.path, { waitUntil: 'load' })
  await full.waitForFunction(HYDRATED, null, { timeout: 15000 })
  const fullLoad = await full.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0]
    return { load: nav.loadEventEnd, hydrated: performance.now() }
  })
  await context.close()
  return {
    listingToArticle: toArticle.ms,
    articleToNext: toNext.ms,
    fullLoad: fullLoad.load,
    fullHydrated: fullLoad.hydrated,
    errors,
    nextPath: toNext.path,
  }
}
