// the one sanitizer configuration, used at build time (DOMPurify over jsdom) and again in
// the browser before article html reaches the DOM. it is an allowlist of what the tistory
// editor and markdown write (text formatting, headings, lists, tables, images, links,
// inline colours and alignment, data-ke-* presets) and nothing that runs, loads from
// another host without being an image, takes over an id or name the page relies on, or
// escapes the article's box. tests/fixtures/hostile/ is the corpus it is held to.
import type { Config } from 'dompurify'

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
 * sanitizing: see SanitizeHookOptions in hooks.ts, and shared/photos/photos.ts), no class (the page's own classes could hide or restyle it; see
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

export const SANITIZE_CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR: [...ALLOWED_ATTR, 'id'],
  // html only: svg and mathml are where namespace-confusion (mutation) xss lives
  ALLOWED_NAMESPACES: ['http://www.w3.org/1999/xhtml'],
  // data-* is off except the editor's own data-ke-* (kept by the hook in hooks.ts)
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
