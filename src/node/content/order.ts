// the valid articles as a site: one article per address, in listing order, each linked to its
// neighbours. what is refused here (two files with one address, two categories, tags or
// authors that would be one folder) is refused by name, and the rest is published.
// collectContent takes the loader's entries (what each file gave) there: the valid articles
// the publish policy keeps, their authors joined, then arranged. a pure function of what the
// entries hold, so no cache ever decides whether an article is published.
import type { Article, ArticleLink, Problem } from '../../shared/types.ts'
import { slugify } from '../../shared/slug.ts'
import { joinAuthors, type AuthorsRead } from './authors.ts'
import type { SkippedLink } from './findContent.ts'
import { foldName } from './outputNames.ts'
import { otherFiles, truncate } from './problems.ts'
import { publishable, type PublishPolicy } from './publish.ts'
import type { CacheEntry, Content } from './types.ts'

/** Order strings by code point, as the file listing is ordered, whatever the locale. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Two files whose slugs are one folder in dist/ on some disk (the same slug, or slugs that
 * differ only in case or normalisation: see foldName): the first keeps the address (the dev
 * server goes on showing it) and every one of them is named as a problem, the build fails.
 * Each file's message names a few of the others and counts the rest, so the report grows
 * with the number of files, not with its square. Categories whose slugs differ but are one
 * folder are named too (see categoryClashes).
 */
export function dedupe(articles: Article[]): { articles: Article[]; duplicates: Problem[] } {
  const byKey = new Map<string, Article[]>()
  for (const a of articles) {
    const key = foldName(a.slug)
    const group = byKey.get(key)
    if (group) group.push(a)
    else byKey.set(key, [a])
  }
  const duplicates: Problem[] = []
  const kept: Article[] = []
  for (const group of byKey.values()) {
    kept.push(group[0])
    if (group.length === 1) continue
    // slugs that differ only in case: each other file is named with its own spelling
    const folded = group.some((a) => a.slug !== group[0].slug)
    const head = group.slice(0, 3)
    for (const a of group) {
      const others = head.filter((o) => o !== a).map((o) => (o.slug === a.slug ? o.source : `${o.source} (as "${truncate(o.slug)}")`))
      duplicates.push({
        file: a.source,
        message: `the slug "${truncate(a.slug)}" is also used by ${otherFiles(others, group.length - 1)}${folded ? ', and slugs that differ only in case are one folder on macOS and Windows' : ''}: give one of them another "slug:" in its front matter or rename the file`,
      })
    }
  }
  duplicates.push(...nameClashes(kept, 'category', (a) => a.categories.map((name) => ({ name, slug: slugify(name) }))))
  duplicates.push(...nameClashes(kept, 'tag', (a) => a.tags.map((name) => ({ name, slug: slugify(name) }))))
  duplicates.push(...nameClashes(kept, 'author', (a) => a.authors))
  return { articles: kept, duplicates }
}

/**
 * Categories (tags, authors: `what`) of different slugs that are one folder on a
 * case-insensitive disk (Σ and ς make σ and ς): each article that names one after another
 * was named first is a problem. Names of the same slug (News and news) are one category,
 * since they have one address.
 */
function nameClashes(articles: readonly Article[], what: string, namesOf: (a: Article) => readonly { name: string; slug: string }[]): Problem[] {
  const first = new Map<string, { slug: string; name: string; source: string }>()
  const problems: Problem[] = []
  for (const a of articles) {
    for (const { name, slug } of namesOf(a)) {
      const key = foldName(slug)
      const seen = first.get(key)
      if (!seen) first.set(key, { slug, name, source: a.source })
      else if (seen.slug !== slug) {
        problems.push({
          file: a.source,
          message: `the ${what} "${truncate(name)}" has the address "${truncate(slug)}", one folder on macOS and Windows with "${truncate(seen.slug)}" of the ${what} "${truncate(seen.name)}" in ${seen.source === a.source ? 'this file' : seen.source}: spell the two the same way, or rename one`,
        })
      }
    }
  }
  return problems
}

/** dated articles newest first, then undated ones in file-name order */
export function order(articles: Article[]): Article[] {
  const dated = articles.filter((a) => a.date).map((a) => ({ a, t: Date.parse(a.date) }))
  const undated = articles.filter((a) => !a.date)
  dated.sort((x, y) => y.t - x.t || compareCodePoints(x.a.source, y.a.source))
  undated.sort((a, b) => compareCodePoints(a.source, b.source))
  return [...dated.map((d) => d.a), ...undated]
}

/** each article with its neighbours in listing order (prev, next) and its related list */
export function linkArticles(articles: Article[], related: ArticleLink[][]): Article[] {
  const link = (a: Article | undefined): ArticleLink | null => (a ? { slug: a.slug, title: a.title } : null)
  return articles.map((a, i) => ({
    ...a,
    prev: link(articles[i - 1]),
    next: link(articles[i + 1]),
    related: related[i],
  }))
}

/**
 * The valid articles as the site lists them: one per address, newest first, each linked to
 * its neighbours and given `relatedOf` as its related list; the files refused on the way are
 * returned as problems.
 */
export function arrange(valid: Article[], relatedOf: (a: Article) => ArticleLink[]): { articles: Article[]; problems: Problem[] } {
  const { articles, duplicates } = dedupe(valid)
  const ordered = order(articles)
  return { articles: linkArticles(ordered, ordered.map(relatedOf)), problems: duplicates }
}

/** What collectContent reads. */
export interface CollectInput {
  /** the content files, in order */
  files: string[]
  /** what each file gave, by absolute path */
  entries: ReadonlyMap<string, CacheEntry>
  /** content/authors.yml as last read */
  authors: AuthorsRead
  /** an article's related list (the dev server's last ones, or none) */
  relatedOf: (a: Article) => ArticleLink[]
  /** which articles are listed */
  policy: PublishPolicy
  skippedLinks: SkippedLink[]
}

/** The valid articles the policy keeps, in order, linked to their neighbours; every problem and warning. */
export function collectContent({ files, entries, authors, relatedOf, policy, skippedLinks }: CollectInput): Content {
  const problems: Problem[] = []
  const warningsOf = new Map<string, Problem[]>()
  const valid: Article[] = []
  const estimated = new Set<string>()
  for (const abs of files) {
    const entry = entries.get(abs)
    if (!entry) continue
    const r = entry.result
    if (r.ok) {
      valid.push(r.article)
      if (r.warnings) warningsOf.set(r.article.source, r.warnings)
      if (entry.estimated) estimated.add(r.article.source)
    } else {
      problems.push(...r.problems)
    }
  }
  // the authors file's problems first: its name sorts before most articles' in a report
  problems.push(...authors.problems)
  const kept = publishable(valid, policy)
  // the warnings of what is published (a draft a build leaves out is not 'published all the same'), in file order
  const warnings = kept.flatMap((a) => warningsOf.get(a.source) ?? [])
  const joined = joinAuthors(kept, authors.authors)
  const site = arrange(joined, relatedOf)
  problems.push(...site.problems)
  return { articles: site.articles, problems, warnings, files, skippedLinks, estimated }
}
