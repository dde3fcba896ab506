// a cap on how deep an html string nests, applied before the build's DOMPurify (over jsdom)
// sees it: a linear scan of the tags, as the html tokenizer reads them.

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
