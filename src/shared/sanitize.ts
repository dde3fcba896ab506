// the one sanitizer configuration, used at build time (DOMPurify over jsdom) and again in
// the browser before article html reaches the DOM. it is an allowlist of what the tistory
// editor and markdown write (text formatting, headings, lists, tables, images, links,
// inline colours and alignment, data-ke-* presets) and nothing that runs, loads from
// another host without being an image, takes over an id or name the page relies on, or
// escapes the article's box. tests/fixtures/hostile/ is the corpus it is held to.
import type { Config, DOMPurify } from 'dompurify'

/** elements an article may contain; everything else is removed, its text kept */
export const ALLOWED_TAGS = [
  // text
  'p', 'br', 'span', 'div', 'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'del', 'ins', 'mark', 'small', 'big',
  'sub', 'sup', 'font', 'center', 'tt', 'code', 'kbd', 'samp', 'var', 'pre', 'q', 'cite', 'abbr', 'dfn', 'time',
  'bdi', 'bdo', 'ruby', 'rt', 'rp', 'wbr', 'blockquote', 'hr',
  // the page's own h1 is the title; the body starts at h2
  'h2', 'h3', 'h4', 'h5', 'h6',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'figure', 'figcaption', 'img', 'a', 'details', 'summary',
  '#text',
]

/**
 * attributes an article may use. no event handlers, no `name` (it clobbers document
 * properties), no url-bearing attribute but href and src, no srcset (its urls escape the
 * checks on src), no class (the page's own classes could hide or restyle it; see
 * ALLOWED_CLASSES). `id` is only for the browser: the build drops authors' ids and
 * gives headings its own.
 */
export const ALLOWED_ATTR = [
  'href', 'src', 'alt', 'title', 'width', 'height', 'style', 'class', 'lang', 'dir', 'datetime',
  'colspan', 'rowspan', 'scope', 'headers', 'abbr', 'span', 'align', 'valign', 'border', 'cellpadding', 'cellspacing',
  'start', 'reversed', 'type', 'open', 'color', 'bgcolor', 'face', 'size',
]

/** classes kept in article html: only those the build itself adds */
export const ALLOWED_CLASSES = /^(?:table-wrap|language-[a-z0-9+#-]{1,30})$/

/** inline style properties an article may set (tistory: colours, alignment, tables, fonts) */
export const ALLOWED_STYLE_PROPERTIES = new Set([
  'color', 'background-color', 'background', 'text-align', 'vertical-align', 'text-decoration', 'text-decoration-line',
  'text-decoration-color', 'text-decoration-style', 'font-weight', 'font-style', 'font-size', 'font-family', 'font-variant',
  'line-height', 'letter-spacing', 'word-spacing', 'white-space', 'word-break', 'overflow-wrap', 'text-indent',
  'list-style-type', 'border', 'border-top', 'border-right', 'border-bottom', 'border-left', 'border-color', 'border-style',
  'border-width', 'border-collapse', 'border-spacing', 'padding', 'padding-top', 'padding-right', 'padding-bottom',
  'padding-left', 'margin', 'margin-top', 'margin-right', 'margin-bottom', 'margin-left', 'width', 'height', 'max-width',
  // the dark-theme colours the build writes next to an author's colour (src/node/inlineColours.ts)
  '--ink-dark', '--paper-dark',
])

/** a value made of words, numbers, colours and quoted font names; no escapes, comments or @-rules */
const STYLE_VALUE = /^[\p{L}\p{N}\s#%.,'"!+\-/_()]*$/u
/** the only css functions a value may call: colours. url(), image-set(), var(), expression() ... are not */
const STYLE_FUNCTION = /([a-z-]+)\s*\(/gi
const COLOUR_FUNCTIONS = new Set(['rgb', 'rgba', 'hsl', 'hsla'])
/** a negative length pulls text out of the box or off the page (text-indent: -9999px) */
const NEGATIVE = /(^|[\s,(])-\s*[\d.]/

/** Keep only the inline style declarations an article needs: no loads, no positioning, no hiding. */
export function cleanStyle(style: string): string {
  return style
    .split(';')
    .map((d) => {
      const i = d.indexOf(':')
      if (i < 0) return ''
      const prop = d.slice(0, i).trim().toLowerCase()
      const value = d.slice(i + 1).trim()
      if (!ALLOWED_STYLE_PROPERTIES.has(prop) || !value || !STYLE_VALUE.test(value) || value.includes('/*') || NEGATIVE.test(value)) return ''
      for (const [, fn] of value.matchAll(STYLE_FUNCTION)) if (!COLOUR_FUNCTIONS.has(fn.toLowerCase())) return ''
      // custom properties only ever carry the build's colours
      if (prop.startsWith('--') && !/^#[0-9a-f]{3,8}$/i.test(value)) return ''
      return `${prop}: ${value}`
    })
    .filter(Boolean)
    .join('; ')
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
const AUTO_CLOSING = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'rt', 'rp', 'thead', 'tbody', 'tfoot', 'colgroup', 'caption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'keygen', 'param', 'basefont', 'bgsound', 'frame', 'image', 'isindex'])
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript'])
const TAG = /<!--[\s\S]*?(?:-->|--!>|$)|<[!?][^>]*>?|<(\/?)([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g

/**
 * Cap the nesting of an html string at MAX_NESTING elements, opening deeper ones as
 * siblings, before it reaches a server-side DOM: jsdom's cost grows with the square of the
 * depth (10,000 levels take minutes) and deep trees overflow its recursive clone. html
 * that is not that deep comes back unchanged. this only shapes the input of DOMPurify,
 * never its output, so an odd result can look wrong but cannot be unsafe.
 */
export function limitNesting(html: string, max = MAX_NESTING): string {
  // cheap upper bound first: fewer tags than the cap cannot nest past it
  let tags = 0
  for (let i = html.indexOf('<'); i >= 0 && tags <= max; i = html.indexOf('<', i + 1)) tags++
  if (tags <= max) return html

  const open: Array<{ name: string; dropped: boolean }> = []
  let depth = 0
  // [index, length] of each tag left out
  const drops: Array<[number, number]> = []
  TAG.lastIndex = 0
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const [whole, slash, rawName] = m
    if (!rawName) continue
    const name = rawName.toLowerCase()
    if (!slash) {
      if (name === 'plaintext') break
      if (RAW_TEXT.has(name)) {
        // the text up to the closing tag is not markup
        const end = new RegExp(`</${name}`, 'gi')
        end.lastIndex = TAG.lastIndex
        TAG.lastIndex = end.exec(html)?.index ?? html.length
        continue
      }
      if (VOID.has(name) || AUTO_CLOSING.has(name)) continue
      const dropped = depth >= max
      if (dropped) drops.push([m.index, whole.length])
      else depth++
      open.push({ name, dropped })
    } else {
      const at = open.findLastIndex((e) => e.name === name)
      if (at < 0) continue
      // a left-out element's end tag goes too, so it does not close a kept ancestor early
      if (open[at].dropped) drops.push([m.index, whole.length])
      for (const e of open.splice(at)) if (!e.dropped) depth--
    }
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

const hooked = new WeakSet<object>()

/** Install the hooks that go with SANITIZE_CONFIG on a DOMPurify instance (once). */
export function installSanitizeHooks(purify: DOMPurify): void {
  if (hooked.has(purify)) return
  hooked.add(purify)
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    const name = data.attrName
    if (name.startsWith('data-ke-')) {
      // the editor's presets (size26, style2, alignCenter ...): plain words only
      if (/^[\w -]{0,60}$/.test(data.attrValue)) data.forceKeepAttr = true
    } else if (name === 'style') {
      data.attrValue = cleanStyle(data.attrValue)
      if (!data.attrValue) data.keepAttr = false
    } else if (name === 'class') {
      data.attrValue = data.attrValue.split(/\s+/).filter((c) => ALLOWED_CLASSES.test(c)).join(' ')
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
    }
  })
}
