// lighthouse 12 (its node api, default mobile settings with simulated throttling) over a
// served build, with debian's chromium started by chrome-launcher.
import { CHROMIUM_ARGS, chromiumPath } from './browser.mjs'
import { importBenchTool } from './tools.mjs'

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo']

/** Scores (0-100) and the main timings of each url, one chromium for all. */
export async function lighthouseScores(urls) {
  const { default: lighthouse } = await importBenchTool('lighthouse')
  const chromeLauncher = await importBenchTool('chrome-launcher')
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath(),
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  })
  const out = []
  try {
    for (const url of urls) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: CATEGORIES,
      })
      const lhr = result.lhr
      const score = (c) => (lhr.categories[c]?.score == null ? NaN : Math.round(lhr.categories[c].score * 100))
      const audit = (a) => lhr.audits[a]?.numericValue ?? NaN
      const failing = Object.values(lhr.audits)
        .filter(
          (a) =>
            a.score !== null &&
            a.score < 0.9 &&
            !['informative', 'notApplicable', 'manual'].includes(a.scoreDisplayMode),
        )
        .map((a) => a.id)
      out.push({
        url,
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
        seo: score('seo'),
        fcp: audit('first-contentful-paint'),
        lcp: audit('largest-contentful-paint'),
        tbt: audit('total-blocking-time'),
        cls: audit('cumulative-layout-shift'),
        failing,
        // what the console errors were (offline, the seeds' images on another host fail)
        consoleErrors: (lhr.audits['errors-in-console']?.details?.items ?? [])
          .slice(0, 5)
          .map((i) => `${i.source ?? ''}: ${String(i.description ?? '').slice(0, 160)}`),
        runtimeError: lhr.runtimeError?.message,
      })
    }
  } finally {
    await chrome.kill()
  }
  return out
}
