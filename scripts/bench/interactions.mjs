// how quickly the page answers a tap, on a phone-sized page with the CPU slowed four times
// (chrome devtools' "4x slowdown", a mid-range phone): for each interaction, the longest
// Event Timing entry it caused (input delay + handlers + until the next paint), as the
// browser's own INP measures it. entries under 16 ms are not reported by the browser: those
// show as "< 16 ms".
import { CHROMIUM_ARGS } from './browser.mjs'

/** what a reader taps, on which page, and what shows it was answered */
const STEPS = [
  ['the reading settings opened', 'article', '.reader-settings__toggle'],
  ['a font-size step', 'article', '.segmented--steps .segmented__option:nth-child(4)'],
  ['the theme switched', 'article', '.reader-settings__group:nth-of-type(2) .segmented__option:nth-child(3)'],
  ['"기사 더 보기"', 'listing', '.listing__more .button'],
  ['the search opened', 'listing', '.search-box__link'],
]

/** Each step's time to next paint (ms; 0 when under the browser's 16 ms floor), the median of `runs`. */
export async function interactionTimes(browser, server, articlePath, runs = 3) {
  const times = Object.fromEntries(STEPS.map(([label]) => [label, []]))
  for (let r = 0; r < runs; r++) {
    for (const page of ['article', 'listing']) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ko-KR' })
      await context.route(
        (url) => !url.href.startsWith(server.origin),
        (route) => route.abort(),
      )
      await context.addInitScript(() => {
        window.__events = []
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__events.push({ name: e.name, duration: e.duration })
        }).observe({ type: 'event', durationThreshold: 16, buffered: true })
      })
      const tab = await context.newPage()
      const cdp = await context.newCDPSession(tab)
      await tab.goto(`${server.origin}${page === 'article' ? articlePath : '/'}`)
      await tab.waitForFunction(() => !!document.querySelector('#app')?.__vue_app__)
      await tab.waitForTimeout(500)
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
      for (const [label, on, selector] of STEPS) {
        if (on !== page) continue
        await tab.evaluate(() => (window.__events = []))
        await tab.locator(selector).first().click()
        // (the entries come in once the frame after the input is painted)
        await tab.waitForTimeout(600)
        const events = await tab.evaluate(() => window.__events)
        const relevant = events.filter((e) => /^(pointer|mouse|click|key)/.test(e.name))
        times[label].push(Math.max(0, ...relevant.map((e) => e.duration)))
      }
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })
      await context.close()
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  return Object.fromEntries(Object.entries(times).map(([label, xs]) => [label, median(xs)]))
}
