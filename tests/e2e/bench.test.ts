// the benchmark's smoke run (N = 100, one browser run, no lighthouse or dev server), so
// `npm run bench` keeps working as the code changes. it checks that every figure was
// measured, not what the figures are: the quality bars are judged by the benchmark itself
// on a quiet machine (BENCHMARKS.md), never by a test.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { describeBrowser, findChromium } from '../support/chromium'
import { REPO_ROOT } from '../support/project'

function withoutNodeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_ENV: _, ...rest } = env
  return rest
}

describeBrowser('npm run bench (smoke)', () => {
  it('builds 100 generated articles and measures every figure of the table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hangul-bench-smoke-'))
    try {
      const json = join(dir, 'results.json')
      const run = spawnSync(
        process.execPath,
        [
          'scripts/bench/index.mjs',
          '--sizes',
          '100',
          '--runs',
          '1',
          '--build-runs',
          '1',
          '--no-warm',
          '--no-lighthouse',
          '--no-dev',
          '--json',
          json,
        ],
        // without vitest's NODE_ENV=test, which would make the builds development ones
        {
          cwd: REPO_ROOT,
          encoding: 'utf8',
          env: { ...withoutNodeEnv(process.env), CHROMIUM_PATH: findChromium() ?? '' },
          timeout: 240_000,
        },
      )
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0)
      // the table and the verdicts were printed
      expect(run.stdout).toMatch(/\| cold build \(variants\/ kept, as committed\), wall \(median\) \| [\d.]+ s \|/)
      expect(run.stdout).toMatch(/targets at N = 100:/)

      const [r] = JSON.parse(readFileSync(json, 'utf8')).results
      expect(r.n).toBe(100)
      expect(r.corpus.files).toBe(100)
      // a tenth of the articles have a photo of their own (three widths in two formats and a JPEG copy each), whose
      // variants npm run photos makes into variants/; a cold build takes them from there, and one without variants/
      // makes them; the same articles without their photos are built too, for the photos' budget
      expect(r.corpus.photos).toBe(10)
      expect(r.photosCommand).toMatchObject({ photos: 10, made: 70, there: 0 })
      expect(r.builds[0].photos).toMatchObject({ photos: 10, made: 0, reused: 70 })
      expect(r.variantsMade.photos).toMatchObject({ photos: 10, made: 70, reused: 0 })
      expect(r.withoutPhotos.builds[0].photos).toMatchObject({ photos: 0, made: 0 })
      expect(r.withoutPhotos.ms).toBeGreaterThan(0)
      expect(run.stdout).toMatch(
        /cold build with the photos \(variants\/ kept\) within 10 % of the same articles without them/,
      )
      expect(r.article.bytes.photos).toBeGreaterThan(0)
      expect(r.buildMs).toBeGreaterThan(0)
      expect(r.peakRss).toBeGreaterThan(0)
      // 100 articles and their summaries, listing and category pages, their payloads, assets
      expect(r.dist.files).toBeGreaterThan(200)
      for (const page of [r.listing, r.article]) {
        for (const kind of ['html', 'js', 'css']) expect(page.bytes[kind], kind).toBeGreaterThan(0)
        expect(page.bytes.total).toBe(
          page.bytes.html + page.bytes.js + page.bytes.css + page.bytes.data + page.bytes.other,
        )
        expect(Number.isFinite(page.fcp) && page.fcp > 0).toBe(true)
      }
      // client-side navigations and the full load they are compared with, with no page error
      for (const ms of [r.nav.listingToArticle, r.nav.articleToNext, r.nav.fullLoad])
        expect(Number.isFinite(ms) && ms > 0).toBe(true)
      expect([...r.listing.errors, ...r.article.errors, ...r.nav.errors]).toEqual([])
      expect(r.saveDataPrefetch).toBe(0)
      expect(r.search.files).toBeGreaterThan(0)
      expect(Number.isFinite(r.search.firstResultMs)).toBe(true)
      // each shape of query typed on a fresh page: its first result, the index it loaded, its slowest keystroke
      expect(r.search.shapes.map((s: { query: string }) => s.query)).toEqual([
        '정',
        '정부',
        '우크라이나',
        'ㅈㅂ',
        '북한 러시아',
      ])
      for (const s of r.search.shapes) {
        expect(Number.isFinite(s.firstMs) && s.firstMs > 0, s.query).toBe(true)
        expect(s.bytes, s.query).toBeGreaterThan(0)
        expect(s.hits, s.query).toBeGreaterThan(0)
        expect(Number.isFinite(s.keystrokeMs), s.query).toBe(true)
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 300_000)
})
