// the variants of a photo kept in the site, and where a page finds them: which widths the
// build writes, their addresses under the site's base, and the `sizes` the article column
// gives them: what every article page needs for its lead photo (components/ArticleImage.vue),
// so it is kept small. giving a body's <img> its attributes is photoHtml.ts.
import type { Photo } from '../types.ts'

/** the folder of the built site that holds the variants, and the copies of photos kept beside articles */
export const IMAGES_DIR = '_images'

/**
 * Widths of the variants the build writes, in pixels, each capped at the original's. They
 * follow the article column (COLUMN_SIZES): 358 css pixels on a 390-pixel phone is 716
 * pixels at a pixel ratio of 2 (the 800) and 1,074 at 3 (the 1,200); 672 on a desktop is the
 * 800 at 1 and nearly the 1,200 at 2. The 480 serves narrow phones and small thumbnails.
 * More widths would fit each screen a little closer at the cost of encoding every photo
 * once more (see BENCHMARKS.md, "Photos").
 */
export const VARIANT_WIDTHS: readonly number[] = [480, 800, 1200]

/**
 * The widest a photo kept beside an article is served as: a JPEG the build makes of it,
 * turned as its EXIF says and without its metadata (a camera's can hold where the photo was
 * taken), at most this wide. It is its address in link previews (og:image), the feed and the
 * JSON-LD, which want a JPEG of about 1,200 pixels or more, never a camera's 6,000.
 */
export const COPY_WIDTH = 2048

/** The size of the image at a photo's `original` address: the photo's own, or the build's copy of it (COPY_WIDTH). */
export function originalSize(photo: Photo): { width: number; height: number } {
  if (!photo.original.startsWith(`/${IMAGES_DIR}/`) || photo.width <= COPY_WIDTH)
    return { width: photo.width, height: photo.height }
  return { width: COPY_WIDTH, height: Math.max(1, Math.round((COPY_WIDTH * photo.height) / photo.width)) }
}

/** the formats of the variants: WebP for every photo, AVIF too for a lead photo */
export type VariantFormat = 'avif' | 'webp'

/** the width a fallback `src` takes: the variant nearest the column on a desktop at a pixel ratio of 1 */
const FALLBACK_WIDTH = 800

/**
 * The slot a photo has in the article column, for `sizes`: the column is 42rem wide
 * (`--measure` in client/styles/main.css) inside the page's 1rem padding on each side
 * (`.site-main`), so below 44rem of viewport it is the viewport less 2rem. A unit test reads
 * both numbers from the stylesheet, so a change there that is not made here fails.
 */
export const COLUMN_REM = 42
export const PAGE_PADDING_REM = 1
export const COLUMN_SIZES = `(min-width: ${COLUMN_REM + 2 * PAGE_PADDING_REM}rem) ${COLUMN_REM}rem, calc(100vw - ${2 * PAGE_PADDING_REM}rem)`

/** The widths of the variants of an image `width` pixels wide: VARIANT_WIDTHS below it, and its own width when it is narrower than the widest. */
export function variantWidths(width: number): number[] {
  const below = VARIANT_WIDTHS.filter((w) => w < width)
  return [...below, Math.min(width, VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1])].filter(
    (w, i, all) => all.indexOf(w) === i,
  )
}

/** a photo's id: what names its files, and all of a variant's address that is not a number */
const PHOTO_ID = /^[0-9a-f]{16}$/

/** the largest size a photo may claim, in pixels (sharp refuses larger inputs by default) */
const MAX_SIDE = 100_000

const isSize = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= MAX_SIDE

/**
 * Is this a photo whose attributes can be written: an id of 16 hex digits, whole positive
 * sizes, at least one variant width? Anything else (an altered or truncated record) is left
 * alone: its image keeps only what the sanitizer let through.
 */
export function isUsablePhoto(p: Photo | null | undefined): p is Photo {
  return (
    !!p &&
    PHOTO_ID.test(p.id) &&
    isSize(p.width) &&
    isSize(p.height) &&
    Array.isArray(p.widths) &&
    p.widths.length > 0 &&
    p.widths.every(isSize)
  )
}

/** the path of a variant, relative to the site's base */
export function variantPath(id: string, width: number, format: VariantFormat): string {
  return `${IMAGES_DIR}/${id}-${width}.${format}`
}

/** `srcset` of a photo's variants in one format, under the site's base (which ends with '/') */
export function srcsetOf(photo: Photo, format: VariantFormat, base: string): string {
  return photo.widths.map((w) => `${base}${variantPath(photo.id, w, format)} ${w}w`).join(', ')
}

/** the WebP variant a browser without srcset shows (every browser that shows WebP reads srcset) */
export function fallbackSrc(photo: Photo, base: string): string {
  const width = photo.widths.find((w) => w >= FALLBACK_WIDTH) ?? photo.widths[photo.widths.length - 1]
  return `${base}${variantPath(photo.id, width, 'webp')}`
}

/** The lead photo of an article: the photo its `image` names, when the build processed it (and its record is whole). */
export function leadPhoto(article: { image: string; photos?: readonly Photo[] }): Photo | undefined {
  const found = article.image
    ? article.photos?.find((p) => p.avif && (p.src === article.image || p.original === article.image))
    : undefined
  return isUsablePhoto(found) ? found : undefined
}
