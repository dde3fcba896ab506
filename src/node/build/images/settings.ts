// how the build makes the variants of a photo kept in the site. the settings are part of
// every photo's id (and so of its cache entry and its variants' file names): a change here
// makes every photo again, and a browser never keeps an old variant under a new setting.
import { VARIANT_WIDTHS } from '../../../shared/photos.ts'

/**
 * Encoder settings, per format. sharp's `effort` trades time for bytes. Measured on a
 * 1600x900 photo, one libvips thread, for the three widths (BENCHMARKS.md, "Photos"): WebP at
 * effort 4 takes about 140 ms; AVIF 2.4 s at effort 4, 0.5 s at effort 3 (6 % more bytes than
 * 4) and 0.12 s at 0 (15 % more, no smaller than the WebP). AVIF at 3 keeps most of what AVIF
 * saves for a fifth of effort 4's time; it is written for lead photos only (see photos.ts).
 */
export const ENCODERS = {
  webp: { quality: 75, effort: 4 },
  avif: { quality: 50, effort: 3 },
} as const

/** bump to make every photo again with the same settings (a fix in how variants are made) */
const PIPELINE_VERSION = 1

/** what a photo's id is keyed on besides its bytes */
export const SETTINGS_KEY = JSON.stringify({ v: PIPELINE_VERSION, widths: VARIANT_WIDTHS, encoders: ENCODERS })

/**
 * the files the build makes variants of, by extension: what sharp reads and a browser shows
 * as a photo. other local addresses (an SVG, a GIF that may move, a path with no extension)
 * are left as the article wrote them, as remote images are.
 */
export const PHOTO_EXTENSIONS: ReadonlySet<string> = new Set(['.jpg', '.jpeg', '.png', '.webp', '.avif', '.tif', '.tiff'])
