// parseArticle's time grows linearly with the front matter, for the shapes that can make
// it (or gray-matter, or a regular expression in it) quadratic. each shape is parsed at
// 10 KB, 100 KB and 1 MB; ten times the input may take at most LINEAR_RATIO times as long,
// the fastest of a few runs. a quadratic step takes a hundred times as long (minutes at
// 1 MB); js-yaml alone, on many keys, up to thirty on a busy machine. a time under FLOOR_MS
// counts as fast whatever the ratio.
import { performance } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import { parseArticle } from '../../../../../src/node/content/file/parseArticle'

const LINEAR_RATIO = 40
const FLOOR_MS = 60
const RUNS = 3
const SIZES = [10_000, 100_000, 1_000_000]

const utf8 = new TextEncoder()
const repeat = (unit: string, bytes: number) => unit.repeat(Math.max(1, Math.round(bytes / unit.length)))
const PUNCT = '!#$%&()*+,./;<=>?@^`{|}~'
const punctuation = (i: number) => {
  let s = ''
  for (let k = i; ; k = Math.floor(k / PUNCT.length)) {
    s += PUNCT[k % PUNCT.length]
    if (k < PUNCT.length) break
  }
  return s
}

/** front matter (without its fences) of about `bytes` bytes, shaped to catch one kind of backtracking */
const SHAPES: Record<string, (bytes: number) => string> = {
  'blank lines (gray-matter drops comment lines with ^\\s*#)': (n) => `title: 가\n${repeat(' \n', n)}`,
  'punctuation-only categories, one a line (lineOf split the front matter for each)': (n) =>
    `title: 가\ncategories:\n${Array.from({ length: Math.round(n / 12) }, (_, i) => `  - ${JSON.stringify(punctuation(i))}`).join('\n')}\n`,
  'numbers in a list of categories (each read again as typed)': (n) => `title: 가\ncategories: [${Array.from({ length: Math.round(n / 8) }, (_, i) => String(i * 7)).join(', ')}]\n`,
  'a date followed by blanks (the comment after a value was cut with [ \\t]+#.*$)': (n) => `title: 가\ndate: 2024-06-20 14:30:00${repeat(' ', n)}\n`,
  'a date followed by a long fraction and blanks': (n) => `title: 가\ndate: "2024-06-20 14:30:00.${repeat('1', n / 2)}${repeat(' ', n / 2)}x"\n`,
  'many keys': (n) => `title: 가\n${Array.from({ length: Math.round(n / 12) }, (_, i) => `key${i}: 값${i}\n`).join('')}`,
  'a title of blanks': (n) => `title: "${repeat(' ', n)}x"\n`,
  'a quoted key of a long name, not closed': (n) => `title: 가\n"${repeat('k', n)}\n`,
  'a key line of blanks before the colon': (n) => `title: 가\nslug${repeat(' ', n)}: a\n`,
}

function timeOf(text: string): number {
  const bytes = utf8.encode(text)
  let best = Infinity
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now()
    parseArticle('content/linear.md', bytes)
    best = Math.min(best, performance.now() - start)
  }
  return best
}

describe('node/parseArticle: linear time', () => {
  it.each(Object.entries(SHAPES))('%s', (_name, shape) => {
    const times = SIZES.map((size) => timeOf(`---\n${shape(size)}---\n<p>본문</p>\n`))
    if (process.env.SHOW_TIMES) console.log(_name, times.map((t) => t.toFixed(1)).join(", "))
    for (let i = 1; i < times.length; i++) {
      if (times[i] < FLOOR_MS) continue
      expect(times[i] / Math.max(times[i - 1], 1), `${SIZES[i - 1]} -> ${SIZES[i]} bytes: ${times.map((t) => t.toFixed(1)).join(', ')} ms`).toBeLessThan(LINEAR_RATIO)
    }
  })

  it('finds no front matter in a first line of 1 MB, and no closing line in 1 MB of keys, in linear time', () => {
    const times = SIZES.map((size) => Math.max(timeOf(`---${repeat('x', size)}`), timeOf(`---\n${repeat('title: 가\n', size)}`)))
    for (let i = 1; i < times.length; i++) if (times[i] >= FLOOR_MS) expect(times[i] / Math.max(times[i - 1], 1)).toBeLessThan(LINEAR_RATIO)
  })
})
