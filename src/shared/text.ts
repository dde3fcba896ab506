// text measures tuned for korean: reading time counts hangul syllables, not words.

/** syllables a korean reader reads per minute (silent reading of news prose) */
export const HANGUL_SYLLABLES_PER_MINUTE = 500
/** words per minute for non-hangul runs (latin, numbers) */
export const OTHER_WORDS_PER_MINUTE = 200

/** a letter or a number (of any script), at the start of a string */
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]/u

/** what a regular expression's \s matches */
export function isSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  )
}

/**
 * Minutes to read a plain text, at least 1: its hangul syllables, and its other words (runs
 * of anything but white space and hangul that hold a letter or a number). counted in one
 * pass over the text, not by matching, which would make a string of every syllable and
 * every word: millions of short strings over a large archive.
 */
export function readingMinutes(text: string): number {
  let syllables = 0
  let others = 0
  // inside a run of other characters, and whether it has counted as a word yet
  let inRun = false
  let counted = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0xac00 && c <= 0xd7a3) {
      syllables++
      inRun = false
    } else if (isSpace(c) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) {
      inRun = false
    } else {
      if (!inRun) {
        inRun = true
        counted = false
      }
      if (counted) continue
      const letter =
        c < 128
          ? (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122)
          : LETTER_OR_NUMBER.test(text.slice(i, i + 2))
      if (letter) {
        counted = true
        others++
      }
    }
  }
  return Math.max(1, Math.round(syllables / HANGUL_SYLLABLES_PER_MINUTE + others / OTHER_WORDS_PER_MINUTE))
}

/** Collapse runs of white space into single spaces. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

// a sentence ends at . ! ? or their full-width forms, or at korean declarative endings
// followed by a full stop; we cut after the terminator.
const SENTENCE_END = /[.!?。！？…](?=[\s"'”’)\]]|$)["'”’)\]]*/g

/** characters of a page's meta description (and of its JSON-LD description) */
export const DESCRIPTION_LENGTH = 160

/**
 * The first sentences of a text, up to about `max` characters, cut at a sentence end.
 * Falls back to a word boundary with an ellipsis when the first sentence is too long.
 */
export function makeExcerpt(text: string, max = DESCRIPTION_LENGTH): string {
  const flat = squash(text)
  if (flat.length <= max) return flat
  let cut = -1
  for (const m of flat.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length
    if (end > max) break
    cut = end
  }
  if (cut > 0) return flat.slice(0, cut).trim()
  const space = flat.lastIndexOf(' ', max)
  return `${flat.slice(0, space > max / 2 ? space : max).trim()}…`
}
