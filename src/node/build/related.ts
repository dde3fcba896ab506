// related articles by shared content: tf-idf over korean-aware terms (syllable bigrams),
// cosine similarity through an inverted index. linear in the archive: each term's postings
// keep at most POSTINGS_CAP articles (those it weighs most in), so an article meets a
// bounded number of candidates however large the archive, and its best candidates are then
// scored exactly over every term they share. scoring every pair through full postings grew
// with the square of the archive (6 s at 10,000 articles, minutes at 100,000).
import type { Article, ArticleLink } from '../../shared/types.ts'
import { terms } from '../../shared/terms.ts'

/** how many related articles each article lists */
export const RELATED_COUNT = 4
/** terms kept per article: its most distinctive ones */
export const TOP_TERMS = 40
/** how much a shared category adds to a likeness in the text */
const CATEGORY_BOOST = 1.25
/**
 * how many times a tag counts as a term of its article: a tag is an editor's word for what
 * the story is about, worth more than one mention in the text
 */
const TAG_WEIGHT = 3
/** below this cosine, two articles share only words every story uses */
const MIN_SCORE = 0.05
/**
 * most articles a term's postings keep: the ones it weighs most in. below about five times
 * this many articles no term has more (a term in over a fifth of them is skipped anyway), so
 * a small site's lists are exactly those of every pair scored
 */
export const POSTINGS_CAP = 128
/** candidates per article scored exactly over all their shared terms, from the postings' scores */
const SHORTLIST = 24

/** What the likeness is worked out from. */
export type RelatedDoc = Pick<Article, 'slug' | 'title' | 'excerpt' | 'categories' | 'headings' | 'featureText'> & {
  tags?: readonly string[]
}
type Doc = RelatedDoc

/** what scoring took: postings read (for tests of its growth) */
export interface RelatedWork {
  postings: number
}

/** For each article (same order), the most similar others; `work` is told the postings read. */
export function relatedArticles(articles: readonly Doc[], count = RELATED_COUNT, work?: RelatedWork): ArticleLink[][] {
  const n = articles.length
  if (n < 2) return articles.map(() => [])
  // each article's terms as ids into one dictionary, with their counts: a map of strings per
  // article would hold most of a large archive's text (gigabytes at 100,000 articles)
  const termIds = new Map<string, number>()
  const names: string[] = []
  const df: number[] = []
  const tf = new Map<number, number>()
  const docTerms = articles.map((a) => {
    tf.clear()
    const add = (term: string, f: number, set = false) => {
      let id = termIds.get(term)
      if (id === undefined) {
        termIds.set(term, (id = names.length))
        names.push(term)
        df.push(0)
      }
      tf.set(id, set ? f : (tf.get(id) ?? 0) + f)
    }
    // the title counts double: it names the story
    const text = [a.title, a.title, a.excerpt, a.featureText, a.headings.map((h) => h.text).join(' ')].join(' ')
    for (const t of terms(text)) add(t, 1)
    // each tag is one whole term of its own (no word of the text can be "\0tag"), so shared
    // tags count through the same inverted index as shared words: rare ones weigh most,
    // and a tag on a fifth of a large archive is skipped as a common word is (linear)
    for (const tag of a.tags ?? []) add(`\0${tag.toLowerCase()}`, TAG_WEIGHT, true)
    const ids = Int32Array.from(tf.keys())
    for (const id of ids) df[id]++
    return { ids, freqs: Int32Array.from(tf.values()) }
  })
  // a shared category only strengthens a likeness found in the text: on its own it would
  // make every story of a small "News" site related to every other
  const categories = articles.map((a) => new Set(a.categories.map((c) => c.toLowerCase())))

  // a term in more than a fifth of a large archive says little; skip it (keeps postings short)
  const maxDf = n >= 50 ? Math.max(2, Math.floor(n / 5)) : n
  const counts = new Array<number>(names.length).fill(0)
  const vectorTerms: Int32Array[] = []
  const vectorWeights: Float64Array[] = []
  for (const { ids, freqs } of docTerms) {
    const weighted: Array<[number, number]> = []
    let sumSquares = 0
    for (let k = 0; k < ids.length; k++) {
      const d = df[ids[k]]
      const w = (1 + Math.log(freqs[k])) * Math.log(1 + n / d)
      // the length counts every term, also those no other article has: an article that
      // shares two common words and nothing else must not look like a close match
      sumSquares += w * w
      if (d < 2 || d > maxDf) continue
      weighted.push([ids[k], w])
    }
    weighted.sort((a, b) => b[1] - a[1] || (names[a[0]] < names[b[0]] ? -1 : 1))
    const norm = Math.sqrt(sumSquares) || 1
    const top = weighted.slice(0, TOP_TERMS)
    for (const [id] of top) counts[id]++
    vectorTerms.push(Int32Array.from(top, ([id]) => id))
    vectorWeights.push(Float64Array.from(top, ([, w]) => w / norm))
  }
  // postings in flat typed arrays and scores in one reusable array: the loop below runs
  // once per (article, term, other article sharing it), so it must neither allocate nor
  // look anything up by key
  const { start, postingIds, postingWeights } = cappedPostings(vectorTerms, vectorWeights, counts)
  const categoryIds = new Map<string, number>()
  const articleCategories = categories.map((set) =>
    [...set].map((c) => categoryIds.get(c) ?? (categoryIds.set(c, categoryIds.size), categoryIds.size - 1)),
  )
  const scores = new Float64Array(n)
  const touched = new Int32Array(n)
  // the article being matched's weights by term id, for the exact scores of its shortlist
  const mineByTerm = new Float64Array(counts.length)
  // the categories of the article being matched, marked with its position + 1: whether a
  // candidate shares one costs its own categories, not theirs times the article's, a
  // product that would be most of the work for articles with many categories
  const marked = new Int32Array(categoryIds.size)
  return vectorTerms.map((myTerms, i) => {
    const v = vectorWeights[i]
    let touchedCount = 0
    for (const c of articleCategories[i]) marked[c] = i + 1
    for (let k = 0; k < myTerms.length; k++) {
      const w = v[k]
      const end = start[myTerms[k] + 1]
      if (work) work.postings += end - start[myTerms[k]]
      for (let p = start[myTerms[k]]; p < end; p++) {
        const j = postingIds[p]
        if (j === i) continue
        // (weights are positive: a score of 0 is a candidate not met yet)
        if (scores[j] === 0) touched[touchedCount++] = j
        scores[j] += w * postingWeights[p]
      }
    }
    // a shortlist by the postings' scores, then the best few of it by their exact scores,
    // ties by position (the order a full sort would give); a sort of every candidate
    // (thousands per article) would cost more than the scoring
    const mine = articleCategories[i]
    const boosted = (j: number, score: number) =>
      mine.length && sharesMarked(articleCategories[j], marked, i + 1) ? score * CATEGORY_BOOST : score
    const short = new Best(Math.max(count, SHORTLIST))
    for (let q = 0; q < touchedCount; q++) {
      const j = touched[q]
      const score = scores[j]
      scores[j] = 0
      // (most candidates are below the shortlist even with the boost: not looked at further)
      if (score * CATEGORY_BOOST >= short.floor) short.offer(j, boosted(j, score))
    }
    for (let k = 0; k < myTerms.length; k++) mineByTerm[myTerms[k]] = v[k]
    const best = new Best(count)
    for (const j of short.ids) {
      let score = 0
      const theirs = vectorTerms[j]
      const weights = vectorWeights[j]
      for (let k = 0; k < theirs.length; k++) score += mineByTerm[theirs[k]] * weights[k]
      score = boosted(j, score)
      if (score > MIN_SCORE) best.offer(j, score)
    }
    for (let k = 0; k < myTerms.length; k++) mineByTerm[myTerms[k]] = 0
    return best.ids.map((j) => ({ slug: articles[j].slug, title: articles[j].title }))
  })
}

/** The best `size` ids offered, by score then by id, kept in order as they are offered. */
class Best {
  readonly ids: number[] = []
  private readonly scores: number[] = []
  /** the lowest score that may still get in (ties go by id) */
  floor = -Infinity
  constructor(private readonly size: number) {}
  offer(id: number, score: number): void {
    let at = this.ids.length
    while (at > 0 && (score > this.scores[at - 1] || (score === this.scores[at - 1] && id < this.ids[at - 1]))) at--
    if (at >= this.size) return
    this.ids.splice(at, 0, id)
    this.scores.splice(at, 0, score)
    if (this.ids.length > this.size) {
      this.ids.pop()
      this.scores.pop()
    }
    if (this.ids.length === this.size) this.floor = this.scores[this.size - 1]
  }
}

/**
 * Every term's postings (article, weight) in flat arrays, term `t`'s from start[t] to
 * start[t + 1]: at most POSTINGS_CAP of them, the articles it weighs most in (then the
 * first), so that scoring through them stays linear in the archive.
 */
function cappedPostings(
  vectorTerms: readonly Int32Array[],
  vectorWeights: readonly Float64Array[],
  counts: readonly number[],
): { start: Int32Array; postingIds: Int32Array; postingWeights: Float64Array } {
  const termCount = counts.length
  const all = new Int32Array(termCount + 1)
  for (let t = 0; t < termCount; t++) all[t + 1] = all[t] + counts[t]
  const fill = all.slice(0, termCount)
  const ids = new Int32Array(all[termCount])
  const weights = new Float64Array(all[termCount])
  vectorTerms.forEach((terms, i) => {
    terms.forEach((t, k) => {
      const at = fill[t]++
      ids[at] = i
      weights[at] = vectorWeights[i][k]
    })
  })
  const start = new Int32Array(termCount + 1)
  for (let t = 0; t < termCount; t++) start[t + 1] = start[t] + Math.min(counts[t], POSTINGS_CAP)
  const postingIds = new Int32Array(start[termCount])
  const postingWeights = new Float64Array(start[termCount])
  for (let t = 0; t < termCount; t++) {
    let at = start[t]
    if (counts[t] <= POSTINGS_CAP) {
      for (let p = all[t]; p < all[t + 1]; p++, at++) {
        postingIds[at] = ids[p]
        postingWeights[at] = weights[p]
      }
      continue
    }
    // (every posting is sorted at most once: n log n over the postings of the common terms)
    const order = Array.from({ length: counts[t] }, (_, k) => all[t] + k)
    order.sort((a, b) => weights[b] - weights[a] || ids[a] - ids[b])
    for (let k = 0; k < POSTINGS_CAP; k++, at++) {
      postingIds[at] = ids[order[k]]
      postingWeights[at] = weights[order[k]]
    }
  }
  return { start, postingIds, postingWeights }
}

/** Whether any of `categories` is marked with `mark`. */
function sharesMarked(categories: readonly number[], marked: Int32Array, mark: number): boolean {
  for (const c of categories) if (marked[c] === mark) return true
  return false
}
