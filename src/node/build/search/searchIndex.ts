// the search index files: `_data/search/meta.json` (which part holds which terms),
// `_data/search/terms/<n>.json` (the postings, split by term, each with its document's field
// length as a code) and `_data/search/docs/<n>.json` (what a result shows, by document id). the
// browser ranks a query over the parts it needs as minisearch would (client/search/scorer.ts).
// the postings are counted here (postings.ts) rather than by minisearch's own add(), which
// walks its radix tree for every token, too slow for a large archive; the result is the same
// index but for the rounded lengths (tests/unit/node/build/searchIndex.test.ts checks it
// against minisearch's).
import type { Article } from '../../../shared/types.ts'
import { searchDocsPath, searchMetaPath, searchPartPath } from '../../../shared/paths.ts'
import {
  htmlToText,
  type SearchDocs,
  type SearchDocument,
  type SearchMeta,
  type SearchPart,
  type ShownDoc,
} from '../../../shared/search/searchFormat.ts'
import { Postings, type DocumentIndex } from './postings.ts'

/** What the index is made from of an article. */
export type SearchSource = Pick<
  Article,
  'slug' | 'title' | 'excerpt' | 'date' | 'featureText' | 'headings' | 'categories' | 'html'
> & { tags?: readonly string[] }

/** What a result shows of an article (see ShownDoc). */
export function shownDoc({ slug, title, excerpt, date, categories }: Omit<SearchSource, 'html'>): ShownDoc {
  return { slug, title, excerpt, date, categories: [...categories] }
}

/** What the index reads of an article. */
export function searchDocument(a: Omit<SearchSource, 'slug' | 'date'>): SearchDocument {
  const lead = [
    a.excerpt,
    a.featureText && a.featureText !== a.excerpt ? a.featureText : '',
    ...a.headings.map((h) => h.text),
    ...a.categories,
    ...(a.tags ?? []),
  ]
  return { title: a.title, lead: lead.filter(Boolean).join('\n'), body: htmlToText(a.html) }
}

/**
 * The index of documents (ids are their positions), one per entry of `shown`, as minisearch
 * would serialise it with field lengths rounded (lengthCode), split into parts; what results
 * show in runs of DOC_SHARD.
 */
export function buildSearchIndex(
  docs: Iterable<SearchDocument>,
  shown: readonly ShownDoc[],
  options: { partPostings?: number } = {},
): { meta: SearchMeta; parts: SearchPart[]; docs: SearchDocs[] } {
  const postings = new Postings()
  for (const document of docs) {
    if (postings.count === shown.length)
      throw new Error(`the search index was given more documents than the ${shown.length} it shows`)
    postings.add(document)
  }
  if (postings.count !== shown.length)
    throw new Error(`the search index was given ${postings.count} documents for the ${shown.length} it shows`)
  const index = postings.index(shown, options)
  return {
    meta: index.meta,
    parts: Array.from({ length: index.meta.parts }, (_, i) => index.part(i)),
    docs: index.docs,
  }
}

/** Every search file, by its path under the output folder. */
export function searchIndexFiles(articles: readonly SearchSource[]): Map<string, string> {
  return new Map(searchIndexEntries(articles))
}

/** Every search file, path and json, each made when asked: the parts, most of the index, one at a time. */
export function* searchIndexEntries(
  articles: readonly SearchSource[],
  options: { partPostings?: number } = {},
): Generator<[path: string, json: string]> {
  const indexer = new SearchIndexer()
  // ids from the oldest (the articles come newest first): see SearchMeta.count
  for (let i = articles.length - 1; i >= 0; i--) indexer.add(articles[i])
  yield* indexer.files(options)
}

/**
 * The search index of articles added one at a time, oldest first: each article's text is
 * made when it is added and not kept, so the index thread can let each article of the copy
 * it was sent go once added, and never holds the archive's text to the end (a gigabyte at
 * 100,000 articles).
 */
export class SearchIndexer {
  private readonly postings = new Postings()
  private readonly shown: ShownDoc[] = []

  /** the next article, older than none added after it (its id is the number added before it) */
  add(article: SearchSource): void {
    this.shown.push(shownDoc(article))
    this.postings.add(searchDocument(article))
  }

  /** Every search file of the articles added, each made when asked (see searchIndexEntries); once. */
  files(options: { partPostings?: number } = {}): Generator<[path: string, json: string]> {
    return indexFiles(this.postings.index(this.shown, options))
  }
}

function* indexFiles({ meta, part, docs }: DocumentIndex): Generator<[path: string, json: string]> {
  yield [searchMetaPath(), JSON.stringify(meta)]
  for (let i = 0; i < meta.parts; i++) yield [searchPartPath(i), JSON.stringify(part(i))]
  for (let i = 0; i < docs.length; i++) yield [searchDocsPath(i), JSON.stringify(docs[i])]
}
