// the inline styles an article may keep: the properties, the values (words, numbers, colours,
// quoted font names, no loads) and how long a length may be. the sanitizer's hooks (hooks.ts)
// run every style attribute through cleanStyle.
import { parseDeclarations } from './styleDeclarations.ts'

/** inline style properties an article may set (tistory: colours, alignment, tables, fonts) */
export const ALLOWED_STYLE_PROPERTIES = new Set([
  'color',
  'background-color',
  'background',
  'text-align',
  'vertical-align',
  'text-decoration',
  'text-decoration-line',
  'text-decoration-color',
  'text-decoration-style',
  'font-weight',
  'font-style',
  'font-size',
  'font-family',
  'font-variant',
  'line-height',
  'letter-spacing',
  'word-spacing',
  'white-space',
  'word-break',
  'overflow-wrap',
  'text-indent',
  'list-style-type',
  'border',
  'border-top',
  'border-right',
  'border-bottom',
  'border-left',
  'border-color',
  'border-style',
  'border-width',
  'border-collapse',
  'border-spacing',
  'padding',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'margin',
  'margin-top',
  'margin-right',
  'margin-bottom',
  'margin-left',
  'width',
  'height',
  'max-width',
  // the dark-theme colours the build writes next to an author's colour (src/node/render/inlineColours.ts)
  '--ink-dark',
  '--paper-dark',
])

/** longer style attributes are dropped whole: the editor writes a few hundred characters at most */
export const MAX_STYLE_LENGTH = 2000
/** longer declaration values are dropped: the longest real one is a list of font names */
export const MAX_STYLE_VALUE_LENGTH = 500

/** the only css functions a value may call: colours. url(), image-set(), var(), expression() ... are not */
const COLOUR_FUNCTIONS = new Set(['rgb', 'rgba', 'hsl', 'hsla'])

/**
 * The largest length a property may have, in css pixels (1em = 16px) and as a percentage.
 * a longer one is dropped: `width: 99999px`, `letter-spacing: 999px`, `padding: 3000px`
 * would make a page tens of thousands of pixels wide, or a link cover the page's own
 * controls. what the editor writes is far below (a 17px cell, a 100% table, 1px borders).
 */
interface LengthBound {
  px: number
  percent: number
  /** a bare number is a multiple of the font size (line-height), not a length */
  unitless?: boolean
}
const FONT: LengthBound = { px: 64, percent: 400 }
const LINE: LengthBound = { px: 64, percent: 400, unitless: true }
const SPACING: LengthBound = { px: 16, percent: 100 }
const INDENT: LengthBound = { px: 160, percent: 50 }
const BOX: LengthBound = { px: 160, percent: 25 }
const SIZE: LengthBound = { px: 2000, percent: 100 }
const BORDER: LengthBound = { px: 16, percent: 0 }
export const STYLE_LENGTH_BOUNDS: ReadonlyMap<string, LengthBound> = new Map([
  ['font-size', FONT],
  ['line-height', LINE],
  ['letter-spacing', SPACING],
  ['word-spacing', SPACING],
  ['border-spacing', SPACING],
  ['text-indent', INDENT],
  ...['margin', 'padding'].flatMap((p) =>
    ['', '-top', '-right', '-bottom', '-left'].map((side) => [p + side, BOX] as const),
  ),
  ['width', SIZE],
  ['height', SIZE],
  ['max-width', SIZE],
  ...['', '-top', '-right', '-bottom', '-left', '-width'].map((side) => [`border${side}`, BORDER] as const),
])
/** css pixels per unit; viewport units as on a 2,000-pixel screen. any other unit is refused where lengths are bounded */
const PX_PER_UNIT: Record<string, number> = {
  px: 1,
  pt: 4 / 3,
  pc: 16,
  in: 96,
  cm: 96 / 2.54,
  mm: 96 / 25.4,
  q: 96 / 101.6,
  em: 16,
  rem: 16,
  ex: 8,
  ch: 8,
  ic: 16,
  vw: 20,
  vh: 20,
  vmin: 20,
  vmax: 20,
}

// sticky patterns, each one character class or an unambiguous sequence: linear, and
// tried only where the scanner in safeValue stands
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?/iy
const UNIT = /%|[\p{L}_-][\p{L}\p{N}_-]*/uy
/** a word: `-` alone (`- 5px`) is not one */
const WORD = /-*[\p{L}_][\p{L}\p{N}_-]*/uy
const HEX_COLOUR = /[\p{L}\p{N}]*/uy
/**
 * what a quoted font name may hold: not its own quote, no escape, no line break (css ends a
 * string there, and would read what follows differently), no `:` or brackets
 */
const QUOTED_TEXT: Record<string, RegExp> = {
  '"': /[\p{L}\p{N}\p{M} \t#%.,!+\-/_;']*/uy,
  "'": /[\p{L}\p{N}\p{M} \t#%.,!+\-/_;"]*/uy,
}
/** white space and the separators a value may use between its words */
const SEPARATORS = /[\s,!/+.]+/uy

function runAt(re: RegExp, text: string, at: number): number {
  re.lastIndex = at
  return re.test(text) ? re.lastIndex : at
}

/** is a number with its unit within the bound? (0 is always) */
function withinBound(bound: LengthBound, n: number, unit: string): boolean {
  if (n === 0) return true
  if (unit === '%') return n <= bound.percent
  if (!unit) return n * (bound.unitless ? 16 : 1) <= bound.px
  const px = PX_PER_UNIT[unit.toLowerCase()]
  return px !== undefined && n * px <= bound.px
}

/**
 * Is a declaration's value one an article may have: words, numbers, `#` colours, quoted
 * font names and the colour functions, no negative number, and lengths within their
 * bound? One pass, each step a sticky match at the current position.
 */
function safeValue(prop: string, value: string): boolean {
  const bound = STYLE_LENGTH_BOUNDS.get(prop)
  // in a colour function: its numbers are channels, not lengths
  let inFunction = false
  let i = 0
  while (i < value.length) {
    const c = value[i]
    if (c === '"' || c === "'") {
      const close = runAt(QUOTED_TEXT[c], value, i + 1)
      if (value[close] !== c) return false
      i = close + 1
      continue
    }
    if (c === '#') {
      i = runAt(HEX_COLOUR, value, i + 1)
      continue
    }
    if (c === ')') {
      if (!inFunction) return false
      inFunction = false
      i++
      continue
    }
    const number = runAt(NUMBER, value, i)
    if (number > i) {
      // a negative length pulls text out of its box or off the page (text-indent: -9999px)
      if (c === '-') return false
      const unitEnd = runAt(UNIT, value, number)
      if (bound && !inFunction && !withinBound(bound, Number(value.slice(i, number)), value.slice(number, unitEnd)))
        return false
      i = unitEnd
      continue
    }
    const word = runAt(WORD, value, i)
    if (word > i) {
      if (value[word] === '(') {
        if (inFunction || !COLOUR_FUNCTIONS.has(value.slice(i, word).toLowerCase())) return false
        inFunction = true
        i = word + 1
      } else {
        i = word
      }
      continue
    }
    const gap = runAt(SEPARATORS, value, i)
    if (gap === i) return false
    i = gap
  }
  return !inFunction
}

/**
 * Keep only the inline style declarations an article needs: no loads, no positioning, no
 * hiding, no length past its bound (STYLE_LENGTH_BOUNDS). Linear in the length of `style`,
 * which is capped (MAX_STYLE_LENGTH, MAX_STYLE_VALUE_LENGTH) so no attribute costs much;
 * the caps can be lifted to measure that (tests/unit/shared/linearity.test.ts).
 */
export function cleanStyle(
  style: string,
  { maxLength = MAX_STYLE_LENGTH, maxValueLength = MAX_STYLE_VALUE_LENGTH } = {},
): string {
  if (style.length > maxLength) return ''
  const kept: string[] = []
  for (const { prop, value } of parseDeclarations(style)) {
    if (!ALLOWED_STYLE_PROPERTIES.has(prop) || value.length > maxValueLength) continue
    // custom properties only ever carry the build's colours
    if (prop.startsWith('--') ? !/^#[0-9a-f]{3,8}$/i.test(value) : !safeValue(prop, value)) continue
    kept.push(`${prop}: ${value}`)
  }
  return kept.join('; ')
}
