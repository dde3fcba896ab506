// how the build makes the variants of a photo kept in the site. the settings are part of
// every photo's id (and so of its cache entry and its variants' file names): a change here
// makes every photo again, and a browser never keeps an old variant under a new setting.
import { COPY_WIDTH, VARIANT_WIDTHS } from '../../../shared/photos/photos.ts'

/**
 * Encoder settings, per format: sharp's `quality`, and its `effort`, which trades time for
 * bytes. Measured on the bench's 1600x900 photos, one libvips thread, the three widths
 * together, against the photo scaled to each width (PSNR; BENCHMARKS.md, "Photos"): WebP at
 * quality 75 takes 155 ms, the 1,200 is 45.8 KiB at 35.8 dB. AVIF at quality 45 and effort 0
 * takes 107 ms and is 31.5 KiB at 36.1 dB: a third fewer bytes, as sharp as the WebP or more,
 * at every width. More effort buys little for a lot of time: effort 3, 557 ms for 7 % fewer
 * bytes; effort 4, 2.7 s. AVIF is written for lead photos (and so cards) only: a body's img
 * has one format (photoHtml.ts).
 */
export const ENCODERS = {
  webp: { quality: 75, effort: 4 },
  avif: { quality: 45, effort: 0 },
  /** the copy a photo beside an article is served as (COPY_WIDTH) */
  jpeg: { quality: 85 },
} as const

/**
 * where the photos' variants are kept (images/photoCache.ts), relative to the project root:
 * a folder the newsroom commits with its content (or keeps between CI runs), so that a
 * photo's variants, a quarter of a second of a core each, are made once, when it is added,
 * and not by every build on a fresh clone
 */
export const VARIANTS_DIR = 'variants'

/** bump to make every photo again with the same settings (a fix in how variants are made) */
const PIPELINE_VERSION = 1

/** what a photo's id is keyed on besides its bytes */
export const SETTINGS_KEY = JSON.stringify({
  v: PIPELINE_VERSION,
  widths: VARIANT_WIDTHS,
  encoders: ENCODERS,
  copy: COPY_WIDTH,
})

/**
 * the files the build makes variants of, by extension: what sharp reads and a browser shows
 * as a photo. other local addresses (an SVG, a GIF that may move, a path with no extension)
 * are left as the article wrote them, as remote images are.
 */
export const PHOTO_EXTENSIONS: ReadonlySet<string> = new Set([
  '.jpg',
  '.jpeg',
  '.png',
  '.webp',
  '.avif',
  '.tif',
  '.tiff',
])
