// related articles by shared content: tf-idf over korean-aware terms (syllable bigrams),
// cosine similarity through an inverted index so 10,000 articles stay fast.
import type { Article, ArticleLink } from '../shared/types.ts'
import { terms } from '../shared/terms.ts'

/** how many related articles each article lists */
export const RELATED_COUNT = 4
/** terms kept per article: its most distinctive ones */
const TOP_TERMS = 40
/** how much a shared category adds to a likeness in the text */
const CATEGORY_BOOST = 1.25
/** below this cosine, two articles share only words every story uses */
const MIN_SCORE = 0.05

type Doc = Pick<Article, 'slug' | 'title' | 'excerpt' | 'categories' | 'headings' | 'featureText'>

/** For each article (same order), the most similar others. */
export function relatedArticles(articles: readonly Doc[], count = RELATED_COUNT): ArticleLink[][] {
  const n = articles.length
  if (n < 2) return articles.map(() => [])
  const tfs = articles.map((a) => {
    const tf = new Map<string, number>()
    // the title counts double: it names the story
    const text = [a.title, a.title, a.excerpt, a.featureText, a.headings.map((h) => h.text).join(' ')].join(' ')
    for (const t of terms(text)) tf.set(t, (tf.get(t) ?? 0) + 1)
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
  const postings = new Map<string, Array<[number, number]>>()
  vectors.forEach((v, i) => {
    for (const [t, w] of v) {
      let list = postings.get(t)
      if (!list) postings.set(t, (list = []))
      list.push([i, w])
    }
  })
  return vectors.map((v, i) => {
    const scores = new Map<number, number>()
    for (const [t, w] of v) {
      for (const [j, wj] of postings.get(t)!) if (j !== i) scores.set(j, (scores.get(j) ?? 0) + w * wj)
    }
    for (const [j, score] of scores) {
      if ([...categories[i]].some((c) => categories[j].has(c))) scores.set(j, score * CATEGORY_BOOST)
    }
    return [...scores]
      .filter(([, s]) => s > MIN_SCORE)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, count)
      .map(([j]) => ({ slug: articles[j].slug, title: articles[j].title }))
  })
}
