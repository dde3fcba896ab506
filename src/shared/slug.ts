// slugs for articles, categories and heading ids. hangul and other letters are kept,
// so urls stay readable to korean readers (browsers show them decoded).

const ORDERING_PREFIX = /^(?:\d+[_-])+/

/** Turn any text into a url segment: letters and digits kept, spaces to '-', the rest dropped. */
export function slugify(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .trim()
    .replace(/[\s\u3000]+/g, '-')
    .replace(/[^\p{L}\p{N}\p{M}_-]+/gu, '')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
}

/**
 * The slug of a content file when its front matter gives none: the file name without
 * its extension and without a leading ordering prefix (`000_`, `2024-06-20-`).
 */
export function slugFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '')
  const stripped = base.replace(ORDERING_PREFIX, '')
  return slugify(stripped) || slugify(base)
}

/** Gives each text a slug unique among those it has handed out, with -2, -3 ... after repeats. */
export function createSlugger(fallback = 'section'): (text: string) => string {
  const seen = new Map<string, number>()
  return (text) => {
    const base = slugify(text) || fallback
    const n = (seen.get(base) ?? 0) + 1
    seen.set(base, n)
    return n === 1 ? base : `${base}-${n}`
  }
}
