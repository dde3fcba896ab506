// korean-aware terms for similarity: hangul runs become overlapping syllable bigrams, so
// "북한과" and "북한의" share "북한" without a morphological analyser; other words are
// lower-cased whole.

const TOKEN = /[\uAC00-\uD7A3]+|[\p{L}\p{N}]+/gu
const HANGUL = /^[\uAC00-\uD7A3]+$/

/** Bigrams of hangul runs (a one-syllable run is kept whole) and whole other words. */
export function terms(text: string): string[] {
  const out: string[] = []
  for (const [word] of text.normalize('NFC').toLowerCase().matchAll(TOKEN)) {
    if (HANGUL.test(word)) {
      if (word.length === 1) out.push(word)
      for (let i = 0; i + 1 < word.length; i++) out.push(word.slice(i, i + 2))
    } else if (word.length > 1) {
      out.push(word)
    }
  }
  return out
}
