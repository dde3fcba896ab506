// a large build sanitizes bodies with DOMPurify in a headless Chromium instead of over jsdom
// (src/node/render/browserRender.ts): both must give the same html, text and headings for the
// seeds, the hostile corpus, the odd-but-valid files and generated articles, and what
// Chromium returns must hold nothing the hostile checks would flag.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { JSDOM } from 'jsdom'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { BrowserRenderer, type BodyOutcome } from '../../../../src/node/render/browserRender'
import { findChromium } from '../../../../src/node/render/chromium'
import { parseArticle } from '../../../../src/node/content/file/parseArticle'
import { bodySource, renderBody } from '../../../../src/node/render/renderBody'
// @ts-expect-error: the benchmark's corpus generator is plain javascript
import { writeCorpus } from '../../../../scripts/bench/corpus.mjs'
import { describeBrowser } from '../../../support/chromium'

const REPO = resolve(__dirname, '../../../..')
const DIRS = ['content', 'tests/fixtures/hostile/articles', 'tests/fixtures/broken/valid']

interface Case {
  name: string
  body: string
  format: 'html' | 'markdown'
  image: string
}

async function casesIn(dir: string, label: string): Promise<Case[]> {
  const out: Case[] = []
  for (const f of (await readdir(dir)).sort()) {
    const parsed = parseArticle(`${label}/${f}`, await readFile(join(dir, f)))
    if (parsed.ok)
      out.push({
        name: `${label}/${f}`,
        body: parsed.article.body,
        format: parsed.article.format,
        image: parsed.article.image,
      })
  }
  return out
}

describeBrowser('node/browserRender', () => {
  let renderer: BrowserRenderer
  let corpus: string
  const cases: Case[] = []

  beforeAll(async () => {
    renderer = await BrowserRenderer.start(findChromium()!, 2)
    for (const d of DIRS) cases.push(...(await casesIn(join(REPO, d), d)))
    corpus = await mkdtemp(join(tmpdir(), 'hangul-browser-render-'))
    await writeCorpus(corpus, 150, { seedDir: join(REPO, 'content') })
    cases.push(...(await casesIn(corpus, 'generated')))
  }, 60_000)
  afterAll(async () => {
    await renderer?.close()
    if (corpus) await rm(corpus, { recursive: true, force: true })
  })

  it('gives what DOMPurify over jsdom gives, byte for byte', async () => {
    expect(cases.length).toBeGreaterThan(170)
    const out = await renderer.render(cases.map((c) => [bodySource(c.body, c.format), c.image, true]))
    expect(out).toHaveLength(cases.length)
    const differ: string[] = []
    cases.forEach((c, i) => {
      const expected = renderBody(c.body, c.format, c.image)
      if (JSON.stringify(out[i]) !== JSON.stringify(expected)) differ.push(c.name)
    })
    expect(differ).toEqual([])
    // the hostile corpus is in there: no script, handler or script url survived
    const { document } = new JSDOM(`<body>${out.map((o) => ('html' in o ? o.html : '')).join('\n')}</body>`).window
    const danger = [...document.body.querySelectorAll('*')].filter(
      (el) =>
        /^(script|iframe|object|embed|style|link|svg|math|form|base|meta)$/i.test(el.tagName) ||
        [...el.attributes].some((a) => /^on/i.test(a.name) || /^\s*(javascript|vbscript|data):/i.test(a.value)),
    )
    expect(danger.map((el) => el.outerHTML)).toEqual([])
  }, 60_000)

  it('answers in order when batches overlap across pages', async () => {
    const sample = cases.slice(0, 60)
    const batches = [sample.slice(0, 20), sample.slice(20, 40), sample.slice(40)]
    const results = await Promise.all(
      batches.map((b) => renderer.render(b.map((c, i) => [bodySource(c.body, c.format), c.image, i % 2 === 0]))),
    )
    const titles = (o: BodyOutcome) => ('headings' in o ? o.headings.map((h) => h.id).join() : o.error)
    expect(results.flat().map(titles)).toEqual(
      sample.map((c) =>
        renderBody(c.body, c.format, c.image)
          .headings.map((h) => h.id)
          .join(),
      ),
    )
  }, 60_000)
})
