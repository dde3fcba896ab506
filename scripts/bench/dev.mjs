// the dev server over a large archive: time until it is ready, until the listing is on
// screen in chromium, and until an edit to an open article's file shows in the page.
import { spawn } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { memorySampler, median } from './measure.mjs'

const ANSI = /\x1b\[[0-9;]*m/g

/** Start `vite` in a project; resolves once it prints its address. */
export function startDev(dir) {
  const started = performance.now()
  const child = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', '--host', '127.0.0.1', '--port', '0', '--strictPort', 'false'],
    {
      cwd: dir,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  // resident size only: the dev server is one process (no Chromium), so it is its PSS as
  // well, and reading PSS would slow the start being timed (see memorySampler)
  const sampler = memorySampler(child.pid)
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the dev server did not start:\n${output}`)), 120_000)
    const onData = (chunk) => {
      output += chunk.toString()
      const m = /Local:\s+(http:\/\/\S+)/.exec(output.replace(ANSI, ''))
      if (m) {
        clearTimeout(timer)
        resolve({
          url: m[1],
          readyMs: performance.now() - started,
          started,
          output: () => output,
          peakRss: () => sampler.peakRssSum,
          async close() {
            sampler.stop()
            child.kill('SIGTERM')
            await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)))
          },
        })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => reject(new Error(`the dev server exited (${code}):\n${output}`)))
  })
}

/**
 * Start the dev server in `project` (its content/ already written), open the listing,
 * then an article, and edit that article's file `edits` times.
 */
export async function measureDev(browser, project, { edits = 3 } = {}) {
  const dev = await startDev(project.dir)
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.route(
    (url) => !url.href.startsWith(new URL(dev.url).origin),
    (route) => route.abort(),
  )
  const page = await context.newPage()
  try {
    // the listing's data as the server answers it, and the listing on screen, both timed
    // from the start of the process
    const data = fetch(new URL('_data/pages/1.json.gz', dev.url)).then(async (res) => {
      await res.arrayBuffer()
      return res.ok ? performance.now() - dev.started : NaN
    })
    await page.goto(dev.url, { waitUntil: 'domcontentloaded', timeout: 120_000 })
    await page.waitForSelector('.listing__cards li', { timeout: 120_000 })
    const listingMs = performance.now() - dev.started
    const listingDataMs = await data

    const href = await page.getAttribute('.listing__cards li:first-child .card__title a', 'href')
    const openedAt = performance.now()
    await page.goto(new URL(href, dev.url).href, { waitUntil: 'domcontentloaded' })
    await page.waitForSelector('h1#articleTitle', { timeout: 60_000 })
    const articleMs = performance.now() - openedAt

    // the file behind the article: its slug is the file name after the ordering prefix
    const slug = decodeURIComponent(href.split('/').filter(Boolean).pop())
    const file = join(
      project.content,
      // (the article's file, not the photo beside it: a tenth of the bench's articles have one)
      (await import('node:fs'))
        .readdirSync(project.content)
        .find((f) => f.includes(slug) && /\.(md|txt|html?)$/.test(f)),
    )
    const original = await readFile(file, 'utf8')
    const times = []
    try {
      for (let i = 1; i <= edits; i++) {
        const mark = `수정 ${i}회`
        const title = (t) => JSON.parse(t.startsWith('"') ? t : JSON.stringify(t))
        const edited = original.replace(/^title: (.*)$/m, (_, t) => `title: ${JSON.stringify(`${title(t)} ${mark}`)}`)
        const t0 = performance.now()
        await writeFile(file, edited)
        await page.waitForFunction((m) => document.querySelector('h1#articleTitle')?.textContent?.includes(m), mark, {
          timeout: 30_000,
          polling: 'raf',
        })
        times.push(performance.now() - t0)
        await page.waitForTimeout(300)
      }
    } finally {
      await writeFile(file, original)
    }
    return {
      readyMs: dev.readyMs,
      listingDataMs,
      listingMs,
      articleMs,
      editMs: median(times),
      edits: times,
      peakRss: dev.peakRss(),
    }
  } finally {
    await context.close()
    await dev.close()
  }
}
