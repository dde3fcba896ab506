// text measures tuned for korean: reading time counts hangul syllables, not words.

/** syllables a korean reader reads per minute (silent reading of news prose) */
export const HANGUL_SYLLABLES_PER_MINUTE = 500
/** words per minute for non-hangul runs (latin, numbers) */
export const OTHER_WORDS_PER_MINUTE = 200

const HANGUL_RUN = /[\uAC00-\uD7A3]+/g
const OTHER_WORD = /[^\s\uAC00-\uD7A3\u1100-\u11FF\u3130-\u318F]+/g

/** Minutes to read a plain text, at least 1. */
export function readingMinutes(text: string): number {
  // counted, not matched: a match made an array of every syllable (10,000 articles, 30
  // million one-letter strings). syllables are single utf-16 units below the surrogates
  let syllables = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0xac00 && c <= 0xd7a3) syllables++
  }
  const others = text.replace(HANGUL_RUN, ' ').match(OTHER_WORD)?.filter((w) => /[\p{L}\p{N}]/u.test(w)).length ?? 0
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
