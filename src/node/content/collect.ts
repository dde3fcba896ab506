// the entries the loader keeps (what each file gave) into the site's content: the valid
// articles the publish policy keeps, their authors joined, one per address in listing order
// and linked to their neighbours, with every file's problems. a pure function of what the
// entries hold, so no cache ever decides whether an article is published.
import type { Article, ArticleLink, Problem } from '../../shared/types.ts'
import { joinAuthors, type AuthorsRead } from './authors.ts'
import type { SkippedLink } from './findContent.ts'
import { arrange } from './order.ts'
import { publishable, type PublishPolicy } from './publish.ts'
import type { CacheEntry, Content } from './types.ts'

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
