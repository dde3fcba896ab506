// hangul for search: syllables and their jamo, initial consonants (chosung), the tokens the
// search index holds and how a typed query becomes slots of possible syllables.
//
// korean attaches particles and builds compounds without spaces ("북한과", "대북제재"), so the
// index holds overlapping syllable bigrams of every hangul run instead of whole words: "북한"
// is a bigram of "북한과" and of "대북한". the last syllable of a run is also kept on its own,
// so every syllable starts some token and a one-syllable query can prefix-match any of them.
// pure functions only: used by the build (src/node) and the browser (src/client).

const SYLLABLE_FIRST = 0xac00
const SYLLABLE_LAST = 0xd7a3
const MEDIAL_COUNT = 21
const FINAL_COUNT = 28

/** compatibility jamo of the 19 initial consonants, in the order syllables use them */
export const INITIALS = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ'

// medials that one more keystroke turns into a compound vowel (ㅗ+ㅏ=ㅘ, ㅜ+ㅓ=ㅝ, ㅡ+ㅣ=ㅢ, ...)
const MEDIAL_EXTENSIONS: Record<number, number[]> = { 8: [9, 10, 11], 13: [14, 15, 16], 18: [19] }

/** Hangul syllable runs, compatibility jamo runs, and runs of other letters and digits. */
const WORD = /[\uAC00-\uD7A3]+|[\u3131-\u318E]+|(?:(?![\uAC00-\uD7A3\u3131-\u318E])[\p{L}\p{N}])+/gu
const SYLLABLES = /^[\uAC00-\uD7A3]+$/
const CONSONANT_JAMO = /^[\u3131-\u314E]+$/

export interface Syllable {
  /** 0..18, index into INITIALS */
  initial: number
  /** 0..20 */
  medial: number
  /** 0..27, 0 when the syllable has no final consonant */
  final: number
}

export function isSyllable(ch: string): boolean {
  const c = ch.charCodeAt(0)
  return ch.length === 1 && c >= SYLLABLE_FIRST && c <= SYLLABLE_LAST
}

/** The jamo indices of a precomposed syllable, or null for anything else. */
export function decompose(ch: string): Syllable | null {
  if (!isSyllable(ch)) return null
  const n = ch.charCodeAt(0) - SYLLABLE_FIRST
  return {
    initial: Math.floor(n / (MEDIAL_COUNT * FINAL_COUNT)),
    medial: Math.floor(n / FINAL_COUNT) % MEDIAL_COUNT,
    final: n % FINAL_COUNT,
  }
}

export function compose(s: Syllable): string {
  return String.fromCharCode(SYLLABLE_FIRST + (s.initial * MEDIAL_COUNT + s.medial) * FINAL_COUNT + s.final)
}

/** Each syllable replaced by its initial consonant ("북한과" -> "ㅂㅎㄱ"); other characters kept. */
export function chosung(text: string): string {
  let out = ''
  for (const ch of text) {
    const s = decompose(ch)
    out += s ? INITIALS[s.initial] : ch
  }
  return out
}

/** True for a word made only of compatibility consonants (ㄱ..ㅎ): an initial-consonant query. */
export function isChosungQuery(word: string): boolean {
  return CONSONANT_JAMO.test(word)
}

/** The same text as the index and the queries see it: NFC, lower case. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').toLowerCase()
}

/** The words of a text: hangul syllable runs, jamo runs and other letter/digit runs. */
export function words(text: string): string[] {
  return normalizeText(text).match(WORD) ?? []
}

/** Number of precomposed syllables; a hangul term's code is below HANGUL_TERM_CODES. */
const SYLLABLE_COUNT = SYLLABLE_LAST - SYLLABLE_FIRST + 1
export const HANGUL_TERM_CODES = SYLLABLE_COUNT * (SYLLABLE_COUNT + 1)

/** The hangul term (one syllable or a bigram) a code from scanIndexTerms stands for. */
export function hangulTerm(code: number): string {
  if (code < SYLLABLE_COUNT) return String.fromCharCode(SYLLABLE_FIRST + code)
  const pair = code - SYLLABLE_COUNT
  return String.fromCharCode(
    SYLLABLE_FIRST + Math.floor(pair / SYLLABLE_COUNT),
    SYLLABLE_FIRST + (pair % SYLLABLE_COUNT),
  )
}

/** WORD's third alternative, matched where it starts: a run of letters and digits that are not hangul */
const OTHER_WORD = /(?:(?![\uAC00-\uD7A3\u3131-\u318E])[\p{L}\p{N}])+/uy
const JAMO_FIRST = 0x3131
const JAMO_LAST = 0x318e

/**
 * The index terms of a text, as indexTerms() lists them, without making a string for each
 * hangul term: `hangul` gets a number (see hangulTerm), `other` the word. The build indexes
 * millions of terms; a number is cheaper to make and to look up. The text is read as words()
 * reads it, a character at a time rather than by WORD (whose array of words would be most of
 * the garbage of a large archive's index): tests compare the two.
 */
export function scanIndexTerms(text: string, hangul: (code: number) => void, other: (word: string) => void): void {
  const t = normalizeText(text)
  const n = t.length
  let i = 0
  while (i < n) {
    const c = t.charCodeAt(i)
    if (c >= SYLLABLE_FIRST && c <= SYLLABLE_LAST) {
      let prev = c - SYLLABLE_FIRST
      for (i++; i < n; i++) {
        const cur = t.charCodeAt(i) - SYLLABLE_FIRST
        if (cur < 0 || cur >= SYLLABLE_COUNT) break
        hangul(SYLLABLE_COUNT + prev * SYLLABLE_COUNT + cur)
        prev = cur
      }
      hangul(prev)
    } else if (c >= JAMO_FIRST && c <= JAMO_LAST) {
      const from = i
      for (i++; i < n; i++) {
        const d = t.charCodeAt(i)
        if (d < JAMO_FIRST || d > JAMO_LAST) break
      }
      other(t.slice(from, i))
    } else if (c >= 128 || (c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      // (lower case: the text is; a letter or digit past ascii is the expression's to tell)
      OTHER_WORD.lastIndex = i
      if (OTHER_WORD.test(t)) {
        other(t.slice(i, OTHER_WORD.lastIndex))
        i = OTHER_WORD.lastIndex
      } else {
        // (a surrogate pair is one character, as the expression reads it)
        i += c >= 0xd800 && c <= 0xdbff && (t.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1
      }
    } else i++
  }
}

/**
 * The index terms of a text: for each hangul run its syllable bigrams and its last syllable
 * ("북한과" -> 북한, 한과, 과); other words whole.
 */
export function indexTerms(text: string): string[] {
  const out: string[] = []
  scanIndexTerms(
    text,
    (code) => out.push(hangulTerm(code)),
    (word) => out.push(word),
  )
  return out
}

/** The initial-consonant terms of a text: one per hangul run ("북한과 러시아" -> ㅂㅎㄱ, ㄹㅅㅇ). */
export function chosungTerms(text: string): string[] {
  return words(text)
    .filter((w) => SYLLABLES.test(w))
    .map(chosung)
}

/**
 * The syllables a syllable may still become while the IME composes it: the same initial,
 * the same or a compound vowel, any final consonant (a final may also move on to the next
 * syllable, which leaves this one open: "갑" becomes "가방"). The syllable itself comes first.
 */
export function composingAlternatives(ch: string): string[] {
  const s = decompose(ch)
  if (!s) return [ch]
  const out = [ch]
  for (const medial of [s.medial, ...(MEDIAL_EXTENSIONS[s.medial] ?? [])]) {
    for (let final = 0; final < FINAL_COUNT; final++) {
      const alt = compose({ initial: s.initial, medial, final })
      if (alt !== ch) out.push(alt)
    }
  }
  return out
}

/** Every syllable that starts with this initial consonant (ㅎ -> 하, 학, ... 힣), or [] for another character. */
export function syllablesWithInitial(jamo: string): string[] {
  const initial = INITIALS.indexOf(jamo)
  if (initial < 0) return []
  const out: string[] = []
  for (let medial = 0; medial < MEDIAL_COUNT; medial++) {
    for (let final = 0; final < FINAL_COUNT; final++) out.push(compose({ initial, medial, final }))
  }
  return out
}

/**
 * One word of a query. A hangul word is a list of slots, each the syllables that may stand
 * there: one syllable for what is typed, several for a syllable still being composed or a
 * trailing consonant ("북ㅎ" is 북 and then any syllable starting with ㅎ).
 */
export type QueryWord =
  | { kind: 'hangul'; text: string; slots: string[][] }
  | { kind: 'chosung'; text: string }
  | { kind: 'other'; text: string }

export interface ParseOptions {
  /** the IME is still composing the end of the text: its last syllable may change */
  composing?: boolean
}

/** Split a query into words: hangul (as syllable slots), initial-consonant and other words. */
export function parseQuery(query: string, options: ParseOptions = {}): QueryWord[] {
  const tokens = [...normalizeText(query).matchAll(WORD)]
  const out: QueryWord[] = []
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i][0]
    if (SYLLABLES.test(word)) {
      const slots = [...word].map((ch) => [ch])
      // one consonant typed straight after the syllables: the next syllable has begun
      const next = tokens[i + 1]
      const glued =
        next !== undefined &&
        next.index === tokens[i].index + word.length &&
        next[0].length === 1 &&
        INITIALS.includes(next[0])
      if (options.composing && !glued && i === tokens.length - 1)
        slots[slots.length - 1] = composingAlternatives(word[word.length - 1])
      if (glued) {
        slots.push(syllablesWithInitial(next[0]))
        i++
      }
      out.push({ kind: 'hangul', text: glued ? word + next[0] : word, slots })
    } else if (isChosungQuery(word)) {
      out.push({ kind: 'chosung', text: word })
    } else if (!/^[\u3131-\u318E]+$/.test(word)) {
      out.push({ kind: 'other', text: word })
    }
    // a lone vowel jamo says nothing yet
  }
  return out
}

/** A range [start, end) of a text, in UTF-16 code units. */
export type Range = [number, number]

/**
 * Where the query's words occur in a text, for highlighting: hangul words anywhere (inside
 * compounds, before particles), initial-consonant words at the start of a hangul run, other
 * words at the start of a word. Ranges are sorted and do not overlap.
 */
export function matchRanges(text: string, query: readonly QueryWord[]): Range[] {
  const norm = text.toLowerCase()
  // lower-casing may change lengths outside hangul and latin; then positions would not line up
  const lower = norm.length === text.length ? norm : text
  const ranges: Range[] = []
  for (const word of query) {
    if (word.kind === 'hangul') {
      const { slots } = word
      for (let i = 0; i + slots.length <= lower.length; i++) {
        let ok = true
        for (let k = 0; k < slots.length && ok; k++) ok = slots[k].includes(lower[i + k])
        if (ok) ranges.push([i, i + slots.length])
      }
    } else {
      const re = word.kind === 'chosung' ? /[\uAC00-\uD7A3]+/g : /[\p{L}\p{N}]+/gu
      for (const m of lower.matchAll(re)) {
        const start = m.index
        if (word.kind === 'chosung') {
          if (chosung(m[0]).startsWith(word.text)) ranges.push([start, start + word.text.length])
        } else {
          if (m[0].startsWith(word.text)) ranges.push([start, start + word.text.length])
        }
      }
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const merged: Range[] = []
  for (const r of ranges) {
    const prev = merged[merged.length - 1]
    if (prev && r[0] <= prev[1]) prev[1] = Math.max(prev[1], r[1])
    else merged.push([r[0], r[1]])
  }
  return merged
}
