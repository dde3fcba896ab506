// the DOMPurify hooks that go with SANITIZE_CONFIG (policy.ts): the checks an allowlist of
// names cannot make (the editor's data-ke-* presets, heading ids, bounded lengths, inline
// styles, the build's classes, links to other hosts), and what the build adds to links and
// images once their attributes are sanitized.
import type { DOMPurify } from 'dompurify'
import type { Photo } from '../types.ts'
import { decorateImage } from '../photos/photoHtml.ts'
import { isHeadingId } from '../slug.ts'
import { ALLOWED_CLASSES, isHostRelative } from './policy.ts'
import { cleanStyle } from './styles.ts'

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
