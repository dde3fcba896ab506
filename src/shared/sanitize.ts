// the one sanitizer configuration, used at build time (DOMPurify over jsdom) and again in
// the browser before article html reaches the DOM. it is an allowlist of what the tistory
// editor and markdown write (text formatting, headings, lists, tables, images, links,
// inline colours and alignment, data-ke-* presets) and nothing that runs, loads from
// another host without being an image, takes over an id or name the page relies on, or
// escapes the article's box. tests/fixtures/hostile/ is the corpus it is held to.
import type { Config, DOMPurify } from 'dompurify'
import type { Photo } from './types.ts'
import { decorateImage } from './photoHtml.ts'
import { isHeadingId } from './slug.ts'
import { parseDeclarations } from './styleDeclarations.ts'

/** elements an article may contain; everything else is removed, its text kept */
export const ALLOWED_TAGS = [
  // text
  'p',
  'br',
  'span',
  'div',
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'strike',
  'del',
  'ins',
  'mark',
  'small',
  'big',
  'sub',
  'sup',
  'font',
  'center',
  'tt',
  'code',
  'kbd',
  'samp',
  'var',
  'pre',
  'q',
  'cite',
  'abbr',
  'dfn',
  'time',
  'bdi',
  'bdo',
  'ruby',
  'rt',
  'rp',
  'wbr',
  'blockquote',
  'hr',
  // the page's own h1 is the title; the body starts at h2
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'caption',
  'colgroup',
  'col',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'figure',
  'figcaption',
  'img',
  'a',
  'details',
  'summary',
  '#text',
]

/**
 * attributes an article may use. no event handlers, no `name` (it clobbers document
 * properties), no url-bearing attribute but href and src, no srcset or sizes (srcset's urls
 * escape the checks on src; a photo kept in the site gets the build's own, made after
 * sanitizing: see SanitizeHookOptions and shared/photos.ts), no class (the page's own classes could hide or restyle it; see
 * ALLOWED_CLASSES). `id` is only for the browser, and only in the form the build gives
 * headings (isHeadingId): the build drops authors' ids and gives headings its own.
 */
export const ALLOWED_ATTR = [
  'href',
  'src',
  'alt',
  'title',
  'width',
  'height',
  'style',
  'class',
  'lang',
  'dir',
  'datetime',
  'colspan',
  'rowspan',
  'scope',
  'headers',
  'abbr',
  'span',
  'align',
  'valign',
  'border',
  'cellpadding',
  'cellspacing',
  'start',
  'reversed',
  'type',
  'open',
  'color',
  'bgcolor',
  'face',
  'size',
]

/** classes kept in article html: only those the build itself adds */
export const ALLOWED_CLASSES = /^(?:table-wrap|language-[a-z0-9+#-]{1,30})$/

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

export const SANITIZE_CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR: [...ALLOWED_ATTR, 'id'],
  // html only: svg and mathml are where namespace-confusion (mutation) xss lives
  ALLOWED_NAMESPACES: ['http://www.w3.org/1999/xhtml'],
  // data-* is off except the editor's own data-ke-* (kept by the hook below)
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // only http(s), mailto and tel links, and paths on the site
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto|tel):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  KEEP_CONTENT: true,
}

/** the same, for the build: author ids are dropped, the build gives headings its own */
export const BUILD_SANITIZE_CONFIG: Config = { ...SANITIZE_CONFIG, ALLOWED_ATTR: [...ALLOWED_ATTR] }

/**
 * A url the browser would read as another host even though it looks like a path:
 * `//host`, `/\host`, `\\host` (tabs and newlines inside a url are dropped by the url
 * parser, so `/<tab>/host` is one too).
 */
export function isHostRelative(url: string): boolean {
  return /^[\\/]{2}/.test(url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, ''))
}

/** deeper than this, elements are opened as siblings instead (browsers flatten past 512 themselves) */
export const MAX_NESTING = 250

// elements that close a same-named (or any block) predecessor instead of nesting in it, so
// they never build deep chains on their own: they are not counted
const AUTO_CLOSING = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'option',
  'optgroup',
  'rt',
  'rp',
  'thead',
  'tbody',
  'tfoot',
  'colgroup',
  'caption',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
])
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
  'keygen',
  'param',
  'basefont',
  'bgsound',
  'frame',
  'image',
  'isindex',
])
// elements whose text is not markup. not noscript: DOMPurify parses with scripting off, where
// noscript holds elements. none of them inside svg or math, where they are ordinary elements
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes'])

/**
 * where `needle` next occurs at or after a position, for positions that only move forward:
 * each search starts where the last one ended, so all of them together read the text once
 */
function forwardFinder(text: string, needle: string): (from: number) => number {
  let found = -2
  return (from) => {
    if (found !== -1 && found < from) found = text.indexOf(needle, from)
    return found === -1 ? text.length : found
  }
}

/** the html tokenizer's white space (tab, line feed, form feed, carriage return, space) */
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 12 || c === 13

/** a tag: its name (lower case), whether it closes, and where it starts and ends (after its `>`) */
interface Tag {
  name: string
  closing: boolean
  start: number
  end: number
}

/**
 * The tags of an html string, read as the html tokenizer reads them, in one forward pass:
 * comments (`<!-->` included), `<!...>` and `<?...>` are skipped; a quote opens an attribute
 * value only after `=`, and a value may hold `>`; a quoted value left open, or a tag with no
 * `>`, runs to the end. Every search starts where the last ended (forwardFinder), so the
 * scan is linear in the length of the html. (A regular expression with a quantifier over
 * the name and another over the attributes would not be: cubic on `<a` written thousands of
 * times.) The consumer may move the scan on by handing next() a position.
 */
function* scanTags(html: string): Generator<Tag, void, number | undefined> {
  const n = html.length
  const next = {
    lt: forwardFinder(html, '<'),
    gt: forwardFinder(html, '>'),
    commentEnd: forwardFinder(html, '-->'),
    commentBangEnd: forwardFinder(html, '--!>'),
    '"': forwardFinder(html, '"'),
    "'": forwardFinder(html, "'"),
  }
  let at = next.lt(0)
  while (at < n) {
    const start = at
    const c = html[at + 1] ?? ''
    if (html.startsWith('<!--', at)) {
      // `<!-->` and `<!--->` are whole (empty) comments
      const end =
        html[at + 4] === '>'
          ? at + 5
          : html.startsWith('->', at + 4)
            ? at + 6
            : Math.min(next.commentEnd(at + 4) + 3, next.commentBangEnd(at + 4) + 4)
      at = next.lt(end)
      continue
    }
    if (c === '!' || c === '?') {
      at = next.lt(next.gt(at + 2) + 1)
      continue
    }
    const closing = c === '/'
    let i = at + (closing ? 2 : 1)
    const first = html.charCodeAt(i) | 32
    if (!(first >= 97 && first <= 122)) {
      at = next.lt(at + 1)
      continue
    }
    const nameStart = i
    for (let ch = html.charCodeAt(i); i < n && ch !== 47 && ch !== 62 && !isSpace(ch); ch = html.charCodeAt(++i));
    const name = html.slice(nameStart, i).toLowerCase()
    // the attributes, as the tokenizer's attribute states read them, up to the `>` that
    // ends the tag: a quote opens a value only right after `=`
    const code = (k: number) => html.charCodeAt(k)
    for (;;) {
      while (i < n && (isSpace(code(i)) || code(i) === 47)) i++
      if (i >= n || code(i) === 62) break
      // a name, whose first character may be anything (even `=` or a quote)
      for (i++; i < n && !isSpace(code(i)) && code(i) !== 47 && code(i) !== 62 && code(i) !== 61; i++);
      while (i < n && isSpace(code(i))) i++
      if (code(i) !== 61) continue
      for (i++; i < n && isSpace(code(i)); i++);
      const q = html[i]
      if (q === '"' || q === "'") i = next[q](i + 1) + 1
      else for (; i < n && !isSpace(code(i)) && code(i) !== 62; i++);
    }
    if (i >= n) return
    const resume = yield { name, closing, start, end: i + 1 }
    at = next.lt(resume ?? i + 1)
  }
}

/**
 * Cap the nesting of an html string at MAX_NESTING elements, opening deeper ones as
 * siblings, before it reaches a server-side DOM: jsdom's cost grows with the square of the
 * depth (a hostile body thousands of levels deep would hold the build up for minutes) and
 * deep trees overflow its recursive clone. html that is not that deep comes back unchanged.
 * this only shapes the input of DOMPurify, never its output, so an odd result can look
 * wrong but cannot be unsafe. linear in the length of the html (scanTags, and a stack per
 * element name for end tags).
 */
export function limitNesting(html: string, max = MAX_NESTING): string {
  // cheap upper bound first: fewer tags than the cap cannot nest past it
  let tags = 0
  for (let i = html.indexOf('<'); i >= 0 && tags <= max; i = html.indexOf('<', i + 1)) tags++
  if (tags <= max) return html

  const open: Array<{ name: string; dropped: boolean }> = []
  // where each name's open elements are in `open`, innermost last: an end tag finds its
  // element without searching the whole stack
  const openByName = new Map<string, number[]>()
  let depth = 0
  // [index, length] of each tag left out
  const drops: Array<[number, number]> = []
  const rawTextEnds = new Map<string, RegExp>()
  const scan = scanTags(html)
  const inForeign = () => !!(openByName.get('svg')?.length || openByName.get('math')?.length)
  for (let step = scan.next(); !step.done;) {
    const { name, closing, start, end } = step.value
    let resume: number | undefined
    if (!closing) {
      if (name === 'plaintext') break
      if (RAW_TEXT.has(name) && !inForeign()) {
        // the text up to the closing tag is not markup
        let endTag = rawTextEnds.get(name)
        if (!endTag) rawTextEnds.set(name, (endTag = new RegExp(`</${name}`, 'gi')))
        endTag.lastIndex = end
        resume = endTag.exec(html)?.index ?? html.length
      } else if (!VOID.has(name) && !AUTO_CLOSING.has(name)) {
        const dropped = depth >= max
        if (dropped) drops.push([start, end - start])
        else depth++
        let positions = openByName.get(name)
        if (!positions) openByName.set(name, (positions = []))
        positions.push(open.length)
        open.push({ name, dropped })
      }
    } else {
      const positions = openByName.get(name)
      if (positions?.length) {
        const at = positions[positions.length - 1]
        // a left-out element's end tag goes too, so it does not close a kept ancestor early
        if (open[at].dropped) drops.push([start, end - start])
        // the end tag closes it and everything opened inside it
        while (open.length > at) {
          const e = open.pop()!
          openByName.get(e.name)!.pop()
          if (!e.dropped) depth--
        }
      }
    }
    step = scan.next(resume)
  }
  if (!drops.length) return html
  let out = ''
  let from = 0
  for (const [at, length] of drops) {
    out += html.slice(from, at)
    from = at + length
  }
  return out + html.slice(from)
}

/**
 * the largest value, in pixels, of the attributes that are lengths (`<td width>`,
 * `<table cellpadding>`, `<hr size>` ...), as for the styles they stand for; a percentage
 * may be up to 100. a larger one is dropped
 */
const ATTRIBUTE_LENGTH_BOUNDS: Record<string, number> = {
  width: 2000,
  height: 2000,
  border: 16,
  cellpadding: 160,
  cellspacing: 16,
  size: 64,
}

const hooked = new WeakSet<object>()

export interface SanitizeHookOptions {
  /**
   * The photos of the body being sanitized, when it is called (the browser's: the build's
   * records of the article's photos kept in the site), and the site's base. Once DOMPurify
   * has sanitized an <img>'s attributes (and removed any srcset or sizes it had), an image
   * of one of them gets its width, height and srcset, made from the record alone
   * (photoHtml.ts decorateImage); attributes set after sanitizing are not checked again.
   */
  photos?: () => readonly Photo[] | undefined
  base?: string
}

/** Install the hooks that go with SANITIZE_CONFIG on a DOMPurify instance (once). */
export function installSanitizeHooks(purify: DOMPurify, { photos, base = '/' }: SanitizeHookOptions = {}): void {
  if (hooked.has(purify)) return
  hooked.add(purify)
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    const name = data.attrName
    if (name.startsWith('data-ke-')) {
      // the editor's presets (size26, style2, alignCenter ...): plain words only
      if (/^[\w -]{0,60}$/.test(data.attrValue)) data.forceKeepAttr = true
    } else if (name === 'id') {
      // only the ids the build gives headings: never one of the page's own (isHeadingId)
      if (!isHeadingId(data.attrValue)) data.keepAttr = false
    } else if (name in ATTRIBUTE_LENGTH_BOUNDS) {
      // the old presentational lengths are bounded like the style lengths they stand for
      const m = /^\s*(\d{1,6})(?:\.\d*)?\s*(%?)/.exec(data.attrValue)
      const bound = ATTRIBUTE_LENGTH_BOUNDS[name]
      if (m && Number(m[1]) > (m[2] ? 100 : bound)) data.keepAttr = false
      else if (!m && /\d{7}/.test(data.attrValue)) data.keepAttr = false
    } else if (name === 'style') {
      data.attrValue = cleanStyle(data.attrValue)
      if (!data.attrValue) data.keepAttr = false
    } else if (name === 'class') {
      data.attrValue = data.attrValue
        .split(/\s+/)
        .filter((c) => ALLOWED_CLASSES.test(c))
        .join(' ')
      if (!data.attrValue) data.keepAttr = false
    } else if ((name === 'href' || name === 'src') && isHostRelative(data.attrValue)) {
      data.keepAttr = false
    }
  })
  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element
    if (el.tagName === 'A') {
      const href = el.getAttribute('href') ?? ''
      if (/^https?:/i.test(href)) {
        // links to other sites open in a new tab, without handing them this page
        el.setAttribute('target', '_blank')
        el.setAttribute('rel', 'noopener noreferrer nofollow')
      } else {
        el.removeAttribute('target')
        el.removeAttribute('rel')
      }
    } else if (el.tagName === 'IMG') {
      const src = el.getAttribute('src') ?? ''
      if (!src.trim() || /^\s*(?:data|blob):/i.test(src)) {
        el.remove()
        return
      }
      // the policy allows images from https hosts only; browsers upgrade http images anyway
      if (/^\s*http:/i.test(src)) el.setAttribute('src', src.replace(/^\s*http:/i, 'https:'))
      el.setAttribute('loading', 'lazy')
      el.setAttribute('decoding', 'async')
      el.setAttribute('referrerpolicy', 'no-referrer')
      if (photos) decorateImage(el, photos(), base)
    }
  })
}
