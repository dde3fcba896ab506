// search on a fresh page, as a reader uses it: /search/ opened with nothing loaded, the field
// focused and a query typed at the same moment (so the engine, meta.json, the parts and the
// slugs of the hits all load after it), timed from that input to the first result on
// screen, with the index bytes it loaded (gzip, as served). then each keystroke of the query
// typed again, syllable by syllable, once the parts it needs are in: input to next paint.

/** the query shapes measured: what each is, and the query */
export const SEARCH_QUERIES = [
  ['one syllable', '정'],
  ['two syllables', '정부'],
  ['a compound', '우크라이나'],
  ['초성', 'ㅈㅂ'],
  ['two words', '북한 러시아'],
]

/** a context with no internet: requests to other hosts (the seeds' images) fail at once */
async function newContext(browser, origin) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ko-KR' })
  await context.route(
    (url) => !url.href.startsWith(origin),
    (route) => route.abort(),
  )
  return context
}

/**
 * In the page: put `value` in the search field as typing does (an input event), and resolve
 * with the milliseconds until the next paint after the results show it: the status names the
 * query and, when it has hits, the first result is on screen. NaN after 20 s.
 */
function typeAndTime(value) {
  const input = document.querySelector('#searchPageInput')
  const started = performance.now()
  input.focus()
  input.value = value
  input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: value }))
  const shown = () => {
    const status = document.querySelector('.search-page__status')?.textContent ?? ''
    if (!status.includes(`‘${value.trim()}’`)) return false
    return /결과 0건|없습니다/.test(status) || !!document.querySelector('#searchPageResults .search-hit__title')
  }
  return new Promise((resolve) => {
    const check = () => {
      if (shown()) return requestAnimationFrame(() => resolve(performance.now() - started))
      if (performance.now() - started > 20_000) return resolve(NaN)
      setTimeout(check, 2)
    }
    check()
  })
}

/** In the page: empty the search field as a reader does, and resolve at the next paint. */
function clearField() {
  const input = document.querySelector('#searchPageInput')
  input.value = ''
  input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }))
  return new Promise((resolve) => requestAnimationFrame(() => resolve()))
}

/** the prefixes a reader's keystrokes make of a query, one syllable or jamo word at a time */
function keystrokes(query) {
  const out = []
  for (let i = 1; i <= query.length; i++) if (query[i - 1] !== ' ') out.push(query.slice(0, i))
  return out
}

/**
 * For each query: the first result's time after typing it on a fresh page, the index bytes
 * that loaded (and of them meta.json's), the hits' count, and the slowest keystroke of the
 * query typed again once its parts are in.
 */
export async function searchShapes(browser, server, queries = SEARCH_QUERIES) {
  const out = []
  for (const [shape, query] of queries) {
    const context = await newContext(browser, server.origin)
    const page = await context.newPage()
    // (the index bytes count from here: meta.json may load as the page starts)
    const from = server.log.length
    await page.goto(`${server.origin}/search/`, { waitUntil: 'load' })
    await page.waitForFunction(() => !!document.querySelector('#app')?.__vue_app__)
    // a second of quiet: what the page loads on its own is not the query's
    await new Promise((r) => setTimeout(r, 1000))
    const firstMs = await page.evaluate(typeAndTime, query)
    await new Promise((r) => setTimeout(r, 300))
    const loaded = server.log.slice(from).filter((r) => r.kind === 'search')
    const status = await page.textContent('.search-page__status')
    const hits = /없습니다/.test(status ?? '')
      ? 0
      : Number(/([\d,]+)건/.exec(status ?? '')?.[1]?.replaceAll(',', '') ?? NaN)
    // each keystroke again, from an empty field: first the whole sequence once so every part
    // it needs is in and its minisearch index made, then timed (each prefix searched anew)
    await page.evaluate(clearField)
    for (const prefix of keystrokes(query)) await page.evaluate(typeAndTime, prefix)
    await page.evaluate(clearField)
    const strokes = []
    for (const prefix of keystrokes(query)) strokes.push(await page.evaluate(typeAndTime, prefix))
    out.push({
      shape,
      query,
      firstMs,
      hits,
      bytes: loaded.reduce((s, r) => s + r.bytes, 0),
      metaBytes: loaded.filter((r) => r.path.includes('/meta.')).reduce((s, r) => s + r.bytes, 0),
      files: loaded.length,
      keystrokeMs: Math.max(...strokes),
    })
    await context.close()
  }
  return out
}
