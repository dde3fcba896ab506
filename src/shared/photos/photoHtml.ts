// the attributes a photo kept in the site gets in an article's body: width and height (so
// its box is reserved before it loads: no layout shift), a WebP srcset and sizes (so a phone
// downloads a variant as wide as its screen needs, not the original) and decoding="async".
// used on both sides: while prerendering, over the body's html as a string (no DOM there),
// and in the browser, on the element DOMPurify has just sanitized (sanitize/hooks.ts calls
// back into it), so a body put into the page by a client-side navigation gets the same attributes.
//
// the sanitizer removes every srcset and sizes an article's own html carries. what this
// module adds is made only from a Photo, the build's record of a file it processed, and
// every address in it is `<base>_images/<id>-<width>.<format>` with `id` 16 hex digits and
// `width` a whole number (checked by isUsablePhoto): nothing an author typed reaches a
// srcset, even if the record were altered.
//
// one format in a body: an <img> srcset cannot say which format each candidate is, so only
// a <picture> could offer AVIF with WebP behind it, and <picture> and <source> would be two
// more elements, carrying srcset, for the sanitizer to let through. every browser the site
// supports shows WebP. the lead photo, which Vue renders from the record and never passes
// through the sanitizer, is a <picture> with AVIF first (components/ArticleImage.vue).
import type { Photo } from '../types.ts'
import {
  COLUMN_REM,
  COLUMN_SIZES,
  IMAGES_DIR,
  PAGE_PADDING_REM,
  fallbackSrc,
  isUsablePhoto,
  srcsetOf,
} from './photos.ts'

/** the root font size sizes' rem stands for (the browser's default) */
const REM_PX = 16

/**
 * `sizes` for a photo shown `width` css pixels wide at most (an author's `<img width>`), or
 * across the column. Narrower than the column, it is that wide wherever the viewport leaves
 * it room, and the column's width where it does not.
 */
export function sizesFor(width?: number): string {
  if (width === undefined || width >= COLUMN_REM * REM_PX) return COLUMN_SIZES
  return `(min-width: ${width + 2 * PAGE_PADDING_REM * REM_PX}px) ${width}px, calc(100vw - ${2 * PAGE_PADDING_REM}rem)`
}

/** The photo `src` names: by the address the article wrote, the original's, or one of its variants' (a body the build decorated already). */
export function findPhoto(photos: readonly Photo[] | undefined, src: string, base: string): Photo | undefined {
  if (!photos?.length || !src) return undefined
  const direct = photos.find((p) => p.src === src || p.original === src)
  if (direct) return direct
  if (!src.startsWith(`${base}${IMAGES_DIR}/`)) return undefined
  const m = /^([0-9a-f]{16})-\d{1,6}\.(?:webp|avif)$/.exec(src.slice(base.length + IMAGES_DIR.length + 1))
  return m ? photos.find((p) => p.id === m[1]) : undefined
}

/** the attributes decorateImage and decoratePhotos set, in the order they are written */
const SET = ['src', 'width', 'height', 'srcset', 'sizes', 'decoding'] as const
type SetAttribute = (typeof SET)[number]

/**
 * The attributes an <img> of `photo` gets. `authorWidth`: the width attribute it carries,
 * kept when it is a whole number of pixels (the author's choice of a smaller picture), the
 * height then following the photo's proportions; otherwise the photo's own size, which css
 * scales down to the column (`max-width: 100%; height: auto`) keeping its proportions.
 */
export function imageAttributes(photo: Photo, base: string, authorWidth?: string | null): Record<SetAttribute, string> {
  const shown = authorWidth && /^\s*\d{1,4}\s*$/.test(authorWidth) ? Number(authorWidth) : undefined
  const width = shown !== undefined && shown > 0 ? shown : photo.width
  const height = Math.max(1, Math.round((width * photo.height) / photo.width))
  return {
    src: fallbackSrc(photo, base),
    width: String(width),
    height: String(height),
    srcset: srcsetOf(photo, 'webp', base),
    sizes: sizesFor(width === photo.width ? undefined : width),
    decoding: 'async',
  }
}

/**
 * Give a sanitized <img> its photo's attributes, when `src` names one of `photos`. The
 * attributes are removed and written again in one order, so the element serialises as
 * decoratePhotos writes the same image. Standard DOM calls only (jsdom, happy-dom, browsers).
 */
export function decorateImage(img: Element, photos: readonly Photo[] | undefined, base: string): void {
  const photo = findPhoto(photos, img.getAttribute('src') ?? '', base)
  if (!isUsablePhoto(photo)) return
  const attributes = imageAttributes(photo, base, img.getAttribute('width'))
  for (const name of SET) img.removeAttribute(name)
  for (const name of SET) img.setAttribute(name, attributes[name])
}

/**
 * an <img> tag as a DOM serialises it: each attribute ` name="value"` (values double-quoted,
 * with `"` and `&` escaped). a name never holds white space, `=`, `>` or `/`, so each
 * repetition is decided by its first character and the match is linear in the tag's length
 */
const IMG_TAG = /<img((?:\s+[^\s=>/"']+(?:="[^"]*")?)*)\s*\/?>/gi
const ATTRIBUTE = /\s+([^\s=>/"']+)(?:="([^"]*)")?/g

/**
 * The same as decorateImage over each <img> of sanitized, serialised html (the body as the
 * build stored it): what prerendering writes. Any other markup, and an img of no photo, is
 * left exactly as it was.
 */
export function decoratePhotos(html: string, photos: readonly Photo[] | undefined, base: string): string {
  if (!photos?.length) return html
  return html.replace(IMG_TAG, (tag, attrs: string) => {
    const kept: Array<[string, string | undefined]> = []
    let src = ''
    let width: string | null = null
    for (const m of attrs.matchAll(ATTRIBUTE)) {
      const name = m[1].toLowerCase()
      const value = m[2] === undefined ? undefined : decodeAttribute(m[2])
      if (name === 'src') src = value ?? ''
      if (name === 'width') width = value ?? null
      if (!(SET as readonly string[]).includes(name)) kept.push([m[1], m[2]])
    }
    const photo = findPhoto(photos, src, base)
    if (!isUsablePhoto(photo)) return tag
    const attributes = imageAttributes(photo, base, width)
    const written = [
      ...kept.map(([name, raw]) => (raw === undefined ? ` ${name}` : ` ${name}="${raw}"`)),
      ...SET.map((name) => ` ${name}="${escapeAttribute(attributes[name])}"`),
    ]
    return `<img${written.join('')}>`
  })
}

/** The src of each <img> of sanitized, serialised html, in order, entities decoded. */
export function imageSources(html: string): string[] {
  const out: string[] = []
  for (const tag of html.matchAll(IMG_TAG)) {
    for (const m of tag[1].matchAll(ATTRIBUTE)) {
      if (m[1].toLowerCase() === 'src' && m[2] !== undefined) out.push(decodeAttribute(m[2]))
    }
  }
  return out
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', nbsp: '\u00a0', apos: "'" }

/** an attribute's value as serialised html holds it, read back (the escapes a serialiser writes, and numeric ones) */
function decodeAttribute(value: string): string {
  return value.replace(
    /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,4}));/gi,
    (all, dec: string, hex: string, name: string) => {
      if (name) return ENTITIES[name.toLowerCase()] ?? all
      const cp = parseInt(dec ?? hex, dec ? 10 : 16)
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : all
    },
  )
}

function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/\u00a0/g, '&nbsp;')
}
