// the one-pass readers of the search index's input against the plain ones they stand in for:
// htmlToText against htmlToTextByPasses (five regular expressions), scanIndexTerms against
// words(). random strings over an alphabet of what each pass treats apart (tags, block
// names, entities, every kind of white space, hangul, jamo, letters past ascii, surrogates).
import { describe, expect, it } from 'vitest'
import { htmlToText, htmlToTextByPasses } from '../../../../src/shared/search/searchFormat'
import { hangulTerm, indexTerms, scanIndexTerms, words } from '../../../../src/shared/search/hangul'

/** a deterministic generator of strings of `alphabet`'s pieces, up to `max` pieces long */
function randomStrings(alphabet: string[], count: number, max: number, seed = 1): string[] {
  let state = seed
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32
  return Array.from({ length: count }, () => {
    let s = ''
    const length = Math.floor(next() * (max + 1))
    for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)]
    return s
  })
}

const HTML_PIECES = [
  ...[
    '<',
    '>',
    '</',
    '/',
    '<p>',
    '<P ',
    '</li>',
    '<pre>',
    '<h1>',
    '<h7>',
    '<blockquote',
    '<br/>',
    '<b>',
    '<a title="',
    '"',
  ],
  ...['p', 'a', 'r', 'x', '_', '1', '=', '가', '나'],
  ...[' ', ' ', '\n', '\t', '\r\n', '\u00a0', '\u3000', '\u2028', '\ufeff', '\u000b'],
  ...['&', 'amp;', '&amp;', '&nbsp;', '&#10;', '&#x3000;', '&#9;', '&#12;', '&LT;', '&#0;', '&#x110000;'],
]

describe('htmlToText in one pass', () => {
  it('gives what the five passes give, for any html', () => {
    const inputs = randomStrings(HTML_PIECES, 40_000, 24)
    const differ = inputs.filter((html) => htmlToText(html) !== htmlToTextByPasses(html))
    expect(differ.slice(0, 5)).toEqual([])
  })

  it('reads a < inside a tag as the passes do', () => {
    // a `<p` inside an attribute: the passes read a block there, and the tag around it as running on to the next `>`
    for (const html of ['<a title="x<p">y</a>z', '<img alt="<b>">t', 'a<span x="<p">b</span><p>c'])
      expect(htmlToText(html)).toBe(htmlToTextByPasses(html))
  })

  it('turns blocks into lines and squashes white space', () => {
    expect(htmlToText('<p>첫\n  문단</p>\n<p>둘&nbsp;&nbsp;째</p> <br>셋 ')).toBe('첫 문단\n둘 째\n셋')
  })
})

const TEXT_PIECES = [
  ...['가', '나', '힣', '한국', 'ㄱ', 'ㅎ', 'ㆎ', 'ㅏ'],
  ...['A', 'z', 'É', 'é', '1', '٣', 'İ', 'ß', 'Ⅻ', '中', '\u1100', '\u1161'],
  ...[' ', '-', '_', '.', '\n', '\u{1D400}', '😀', '\ud800', '\udc00', '\u0301'],
]

/** the terms as words() and the pattern give them (what scanIndexTerms reads a character at a time) */
function termsByWords(text: string): Array<string | number> {
  const out: Array<string | number> = []
  for (const word of words(text)) {
    if (!/^[\uAC00-\uD7A3]/.test(word)) {
      out.push(word)
      continue
    }
    for (let i = 1; i < word.length; i++) out.push(word.slice(i - 1, i + 1))
    out.push(word[word.length - 1])
  }
  return out
}

const scanned = (text: string) => {
  const out: Array<string | number> = []
  scanIndexTerms(
    text,
    (code) => out.push(hangulTerm(code)),
    (word) => out.push(word),
  )
  return out
}

describe('scanIndexTerms a character at a time', () => {
  it('finds the terms words() finds, for any text', () => {
    const inputs = randomStrings(TEXT_PIECES, 40_000, 14, 7)
    const differ = inputs.filter((text) => JSON.stringify(scanned(text)) !== JSON.stringify(termsByWords(text)))
    expect(differ.slice(0, 5)).toEqual([])
  })

  it('keeps a word of letters past ascii whole and a lone surrogate out', () => {
    expect(indexTerms('Émile가\ud800나 𝐀b 😀x')).toEqual(['émile', '가', '나', '𝐀b', 'x'])
  })
})
