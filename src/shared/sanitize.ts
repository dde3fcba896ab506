// the one sanitizer configuration, used at build time (DOMPurify over jsdom) and again in
// the browser before article html reaches the DOM. it keeps what the tistory editor writes
// (inline colours, text-align, tables, data-ke-* presets) and nothing that runs, loads from
// another host without being an image, or escapes the article's box.
import type { Config, DOMPurify } from 'dompurify'

/** tags articles may not use even though DOMPurify's html profile allows them */
const FORBID_TAGS = [
  'style', 'form', 'input', 'button', 'textarea', 'select', 'option', 'optgroup', 'datalist',
  'template', 'dialog', 'audio', 'video', 'source', 'track', 'picture', 'canvas', 'map', 'area',
  'meter', 'progress', 'output', 'fieldset', 'legend', 'label', 'marquee', 'blink', 'menu', 'menuitem',
  'content', 'shadow', 'element', 'decorator', 'html', 'head', 'body', 'nav', 'main', 'header', 'footer', 'h1',
]

/** attributes articles may not use: behaviour, clobbering and layout escapes */
const FORBID_ATTR = ['name', 'form', 'formaction', 'action', 'srcset', 'sizes', 'ping', 'background', 'poster', 'usemap', 'tabindex', 'accesskey', 'autofocus', 'contenteditable', 'draggable', 'is', 'slot', 'popover', 'xmlns']

export const SANITIZE_CONFIG: Config = {
  // html only: the editor writes no svg or mathml, and those are where mutation xss lives
  USE_PROFILES: { html: true },
  FORBID_TAGS,
  FORBID_ATTR,
  // data-* is off except the editor's own data-ke-* (kept by the hook below)
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: true,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // only http(s), mailto and tel links, and paths on the site
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto|tel):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  KEEP_CONTENT: true,
}

/** the same, for the build: author ids are dropped, the build gives headings its own */
export const BUILD_SANITIZE_CONFIG: Config = { ...SANITIZE_CONFIG, FORBID_ATTR: [...FORBID_ATTR, 'id'] }

const CSS_LOADS = /url\s*\(|image-set\s*\(|@import|expression\s*\(|behavior\s*:|-moz-binding|\\/i
const LAYOUT_ESCAPE = /^\s*(position|z-index|inset|top|left|right|bottom|transform|filter|animation|transition|content|cursor|pointer-events|clip-path|mask)/i

/** Keep only the inline style declarations an article needs: no loads, no positioning. */
export function cleanStyle(style: string): string {
  return style
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && d.includes(':') && !CSS_LOADS.test(d) && !LAYOUT_ESCAPE.test(d) && !/^\s*display\s*:\s*none/i.test(d))
    .join('; ')
}

const hooked = new WeakSet<object>()

/** Install the hooks that go with SANITIZE_CONFIG on a DOMPurify instance (once). */
export function installSanitizeHooks(purify: DOMPurify): void {
  if (hooked.has(purify)) return
  hooked.add(purify)
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName.startsWith('data-ke-') && /^[\w -]*$/.test(data.attrValue)) {
      data.forceKeepAttr = true
    } else if (data.attrName === 'style') {
      data.attrValue = cleanStyle(data.attrValue)
      if (!data.attrValue) data.keepAttr = false
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
      }
    } else if (el.tagName === 'IMG') {
      const src = el.getAttribute('src') ?? ''
      if (!src || /^(?:data|blob):/i.test(src)) {
        el.remove()
        return
      }
      el.setAttribute('loading', 'lazy')
      el.setAttribute('decoding', 'async')
      el.setAttribute('referrerpolicy', 'no-referrer')
    }
  })
}
