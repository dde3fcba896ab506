// what a typed query looks up. korean matching lives here: a hangul word is the AND of its
// syllable bigrams (so "북한" is found inside "북한과" and "대북한"), a one-syllable word is a
// prefix, the syllable the IME is still composing stands for every syllable it may become
// (weighed less than the one on screen), and an initial-consonant word ("ㅂㅎ") is a prefix
// of the chosung fields. the plan is a list of groups, every one of which a document must
// match (AND), each a list of terms any of which will do (OR): scorer.ts ranks it.
import type { QueryWord } from '../../shared/search/hangul'
import { CHOSUNG_FIELDS, TEXT_FIELDS, type SearchField } from '../../shared/search/searchFormat'

/** One term a query looks up. */
export interface QueryTerm {
  term: string
  /** whether every term starting with it matches too */
  prefix: boolean
  /** with typos allowed (a long latin word): then it may match a term of any spelling near it */
  fuzzy: boolean
  fields: readonly SearchField[]
  /** its weight against the group's other terms */
  boost: number
}

/** Every group must match; within a group, any of its terms. */
export type QueryPlan = QueryTerm[][]

// how much a syllable the IME may still change weighs against the one on screen
const ALTERNATIVE_BOOST = 0.3
// latin words this long or longer match with a typo or two
const FUZZY_LENGTH = 5
/**
 * what of a query is looked up: its first words, and of a long hangul word its first
 * syllables (each further word or pair only narrows the results; a pasted paragraph or a
 * crafted link's ?q= stays a few hundred lookups)
 */
export const MAX_QUERY_WORDS = 10
export const MAX_WORD_SYLLABLES = 20

/** whether a word is looked up with typos allowed (then it may match any term of its parts) */
export const isFuzzy = (w: QueryWord) => w.kind === 'other' && w.text.length >= FUZZY_LENGTH

/** The groups of terms the parsed words look up, and every term among them. */
export function buildQuery(words: readonly QueryWord[]): { plan: QueryPlan; terms: QueryTerm[] } {
  const term = (text: string, fields: readonly SearchField[], prefix: boolean, boost = 1, fuzzy = false) => ({
    term: text,
    prefix,
    fuzzy,
    fields,
    boost,
  })
  // the first is on screen; the others are what it may still become
  const anyOf = (alternatives: string[], prefix: boolean) =>
    alternatives.map((a, i) => term(a, TEXT_FIELDS, prefix, i === 0 ? 1 : ALTERNATIVE_BOOST))

  const plan: QueryPlan = words.slice(0, MAX_QUERY_WORDS).flatMap((w): QueryTerm[][] => {
    if (w.kind === 'chosung') return [[term(w.text, CHOSUNG_FIELDS, true)]]
    if (w.kind === 'other') return [[term(w.text, TEXT_FIELDS, true, 1, isFuzzy(w))]]
    const slots = w.slots.slice(0, MAX_WORD_SYLLABLES)
    // one syllable: any term that starts with it (bigrams, a run's last syllable, one-syllable words)
    if (slots.length === 1) return [anyOf(slots[0], true)]
    const bigrams: QueryTerm[][] = []
    for (let i = 0; i + 1 < slots.length; i++)
      bigrams.push(
        anyOf(
          slots[i].flatMap((a) => slots[i + 1].map((b) => a + b)),
          false,
        ),
      )
    return bigrams
  })
  return { plan, terms: plan.flat() }
}
