// related articles by shared content: tf-idf over korean-aware terms (syllable bigrams),
// cosine similarity through an inverted index so 10,000 articles stay fast.
import type { Article, ArticleLink } from '../../shared/types.ts'
import { terms } from '../../shared/terms.ts'

/** how many related articles each article lists */
export const RELATED_COUNT = 4
/** terms kept per article: its most distinctive ones */
const TOP_TERMS = 40
/** how much a shared category adds to a likeness in the text */
const CATEGORY_BOOST = 1.25
/**
 * how many times a tag counts as a term of its article: a tag is an editor's word for what
 * the story is about, worth more than one mention in the text
 */
const TAG_WEIGHT = 3
/** below this cosine, two articles share only words every story uses */
const MIN_SCORE = 0.05

/** What the likeness is worked out from. */
export type RelatedDoc = Pick<Article, 'slug' | 'title' | 'excerpt' | 'categories' | 'headings' | 'featureText'> & {
  tags?: readonly string[]
}
type Doc = RelatedDoc

/** For each article (same order), the most similar others. */
export function relatedArticles(articles: readonly Doc[], count = RELATED_COUNT): ArticleLink[][] {
  const n = articles.length
  if (n < 2) return articles.map(() => [])
  const tfs = articles.map((a) => {
    const tf = new Map<string, number>()
    // the title counts double: it names the story
    const text = [a.title, a.title, a.excerpt, a.featureText, a.headings.map((h) => h.text).join(' ')].join(' ')
    for (const t of terms(text)) tf.set(t, (tf.get(t) ?? 0) + 1)
    // each tag is one whole term of its own (no word of the text can be "\0tag"), so shared
    // tags count through the same inverted index as shared words: rare ones weigh most,
    // and a tag on a fifth of a large archive is skipped as a common word is (linear)
    for (const tag of a.tags ?? []) tf.set(`\0${tag.toLowerCase()}`, TAG_WEIGHT)
    return tf
  })
  // a shared category only strengthens a likeness found in the text: on its own it would
  // make every story of a small "News" site related to every other
  const categories = articles.map((a) => new Set(a.categories.map((c) => c.toLowerCase())))
  const df = new Map<string, number>()
  for (const tf of tfs) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1)

  // a term in more than a fifth of a large archive says little; skip it (keeps postings short)
  const maxDf = n >= 50 ? Math.max(2, Math.floor(n / 5)) : n
  const vectors = tfs.map((tf) => {
    const weighted: Array<[string, number]> = []
    let sumSquares = 0
    for (const [t, f] of tf) {
      const d = df.get(t)!
      const w = (1 + Math.log(f)) * Math.log(1 + n / d)
      // the length counts every term, also those no other article has: an article that
      // shares two common words and nothing else must not look like a close match
      sumSquares += w * w
      if (d < 2 || d > maxDf) continue
      weighted.push([t, w])
    }
    weighted.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    const norm = Math.sqrt(sumSquares) || 1
    return weighted.slice(0, TOP_TERMS).map(([t, w]) => [t, w / norm] as const)
  })
  // postings in flat typed arrays and scores in one reusable array: the loop below runs
  // once per (article, term, other article sharing it), tens of millions of times for a
  // large archive, so it must neither allocate nor look anything up by key
  const termIds = new Map<string, number>()
  const counts: number[] = []
  const vectorTerms = vectors.map((v) =>
    Int32Array.from(v, ([t]) => {
      let id = termIds.get(t)
      if (id === undefined) {
        termIds.set(t, (id = counts.length))
        counts.push(0)
      }
      counts[id]++
      return id
    }),
  )
  const start = new Int32Array(counts.length + 1)
  for (let t = 0; t < counts.length; t++) start[t + 1] = start[t] + counts[t]
  const fill = start.slice(0, counts.length)
  const postingIds = new Int32Array(start[counts.length])
  const postingWeights = new Float64Array(start[counts.length])
  vectors.forEach((v, i) => {
    v.forEach(([, w], k) => {
      const at = fill[vectorTerms[i][k]]++
      postingIds[at] = i
      postingWeights[at] = w
    })
  })
  const categoryIds = new Map<string, number>()
  const articleCategories = categories.map((set) =>
    [...set].map((c) => categoryIds.get(c) ?? (categoryIds.set(c, categoryIds.size), categoryIds.size - 1)),
  )
  const scores = new Float64Array(n)
  const seen = new Uint8Array(n)
  const touched = new Int32Array(n)
  // the categories of the article being matched, marked with its position + 1: whether a
  // candidate shares one costs its own categories, not theirs times the article's, a
  // product that would be most of the work for articles with many categories
  const marked = new Int32Array(categoryIds.size)
  return vectors.map((v, i) => {
    let touchedCount = 0
    for (const c of articleCategories[i]) marked[c] = i + 1
    const myTerms = vectorTerms[i]
    for (let k = 0; k < myTerms.length; k++) {
      const w = v[k][1]
      const end = start[myTerms[k] + 1]
      for (let p = start[myTerms[k]]; p < end; p++) {
        const j = postingIds[p]
        if (j === i) continue
        if (seen[j] === 0) {
          seen[j] = 1
          touched[touchedCount++] = j
        }
        scores[j] += w * postingWeights[p]
      }
    }
    // the best few by score, then by position (the order a full sort would give); a sort
    // of every candidate (thousands per article) would cost more than the scoring
    const mine = articleCategories[i]
    const bestIds: number[] = []
    const bestScores: number[] = []
    for (let q = 0; q < touchedCount; q++) {
      const j = touched[q]
      let score = scores[j]
      scores[j] = 0
      seen[j] = 0
      if (mine.length && sharesMarked(articleCategories[j], marked, i + 1)) score *= CATEGORY_BOOST
      if (!(score > MIN_SCORE)) continue
      let at = bestIds.length
      while (at > 0 && (score > bestScores[at - 1] || (score === bestScores[at - 1] && j < bestIds[at - 1]))) at--
      if (at >= count) continue
      bestIds.splice(at, 0, j)
      bestScores.splice(at, 0, score)
      if (bestIds.length > count) {
        bestIds.pop()
        bestScores.pop()
      }
    }
    return bestIds.map((j) => ({ slug: articles[j].slug, title: articles[j].title }))
  })
}

/** Whether any of `categories` is marked with `mark`. */
function sharesMarked(categories: readonly number[], marked: Int32Array, mark: number): boolean {
  for (const c of categories) if (marked[c] === mark) return true
  return false
}
