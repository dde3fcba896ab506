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

/**
 * Gives each text a slug unique among those it has handed out, with -2, -3 ... after
 * repeats. every id handed out is taken, suffixed or not, so headings 속보, 속보, 속보 2
 * get 속보, 속보-2 and 속보-2-2.
 */
export function createSlugger(fallback = 'section'): (text: string) => string {
  const taken = new Set<string>()
  // per slug, the suffix to try next: a suffix is tried at most once per slug
  const nextSuffix = new Map<string, number>()
  return (text) => {
    const base = slugify(text) || fallback
    let id = base
    if (taken.has(id)) {
      let n = nextSuffix.get(base) ?? 2
      while (taken.has(`${base}-${n}`)) n++
      id = `${base}-${n}`
      nextSuffix.set(base, n + 1)
    }
    taken.add(id)
    return id
  }
}

const SLUG_CHARACTERS = /^[\p{L}\p{N}\p{M}_-]+$/u

/**
 * Is this an id the build may give a body heading (and the browser keeps in a body)? A
 * slug (letters, digits, marks, `_` and `-`, lower case) that is not one ascii word, nor
 * starts with `_`: those could shadow a property of `document` or a global the app reads
 * (DOM clobbering: title, cookie, __INITIAL_STATE__), and browsers keep adding properties,
 * so every such id counts rather than a list. The page's own ids are never heading ids, by
 * construction: each has a capital letter (siteHeader, articleState) or is one ascii word
 * (app, main, toc), so a body id cannot equal one (tests/unit/node/content/hostileContent.test.ts).
 */
export function isHeadingId(id: string): boolean {
  return SLUG_CHARACTERS.test(id) && id === id.toLowerCase() && !/^[a-z]+$/.test(id) && !id.startsWith('_')
}
