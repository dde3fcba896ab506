// find files -> parse -> validate -> render -> order. the result holds every valid article
// and every problem; nothing valid is dropped because another file is broken.
import { readdir, readFile, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import type { Article, ArticleLink, Problem } from '../shared/types.ts'
import { makeExcerpt, readingMinutes } from '../shared/text.ts'
import { CONTENT_EXTENSIONS, parseArticle, type ParsedArticle } from './parseArticle.ts'
import { renderBody } from './renderBody.ts'
import { relatedArticles } from './related.ts'

export interface Content {
  /** in listing order: dated articles newest first, then undated ones in file-name order */
  articles: Article[]
  problems: Problem[]
  /** absolute paths of every content file read */
  files: string[]
}

interface CacheEntry {
  mtimeMs: number
  size: number
  result: { ok: true; article: Article } | { ok: false; problems: Problem[] }
}

/** Is this path (relative or absolute) an article file by its extension? */
export function isContentFile(path: string): boolean {
  const lower = path.toLowerCase()
  return CONTENT_EXTENSIONS.some((ext) => lower.endsWith(ext)) && !/(^|[\\/])\./.test(path)
}

async function findFiles(dir: string): Promise<string[]> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
  return entries
    .filter((e) => e.isFile() && isContentFile(join(e.parentPath, e.name)) && !/(^|[\\/])\./.test(relative(dir, e.parentPath)))
    .map((e) => join(e.parentPath, e.name))
    .sort(compareCodePoints)
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Parse and render one file into an article without neighbours. */
export function processFile(file: string, bytes: Uint8Array): CacheEntry['result'] {
  const parsed = parseArticle(file, bytes)
  if (!parsed.ok) return parsed
  return { ok: true, article: toArticle(parsed.article) }
}

function toArticle(p: ParsedArticle): Article {
  const body = renderBody(p.body, p.format, p.image)
  return {
    slug: p.slug,
    title: p.title,
    categories: p.categories,
    excerpt: p.excerpt || makeExcerpt(body.leadText || body.text),
    image: p.image,
    date: p.date,
    readingMinutes: readingMinutes(body.text),
    featureText: p.featureText,
    html: body.html,
    headings: body.headings,
    prev: null,
    next: null,
    related: [],
    source: p.file,
  }
}

/**
 * Loads content/ with a cache keyed by file modification time, so the dev server
 * re-renders only the files that changed.
 */
export class ContentLoader {
  private cache = new Map<string, CacheEntry>()

  constructor(
    /** project root; reported paths are relative to it */
    readonly root: string,
    /** absolute path of the content folder */
    readonly dir: string,
  ) {}

  async load(): Promise<Content> {
    const files = await findFiles(this.dir)
    const live = new Set(files)
    for (const key of this.cache.keys()) if (!live.has(key)) this.cache.delete(key)

    const results = await Promise.all(files.map((abs) => this.loadFile(abs)))
    const problems: Problem[] = []
    const valid: Article[] = []
    for (const r of results) {
      if (r.ok) valid.push(r.article)
      else problems.push(...r.problems)
    }
    const { articles, duplicates } = dedupe(valid)
    problems.push(...duplicates)
    return { articles: linkArticles(order(articles)), problems, files }
  }

  private async loadFile(abs: string): Promise<CacheEntry['result']> {
    const rel = relative(this.root, abs).split(sep).join('/')
    try {
      const info = await stat(abs)
      const hit = this.cache.get(abs)
      if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit.result
      const result = processFile(rel, await readFile(abs))
      this.cache.set(abs, { mtimeMs: info.mtimeMs, size: info.size, result })
      return result
    } catch (err) {
      // a file that cannot be read or rendered is named, never dropped silently
      return { ok: false, problems: [{ file: rel, message: `could not be read: ${(err as Error).message}` }] }
    }
  }
}

/** two files with one slug: both are named as a problem */
function dedupe(articles: Article[]): { articles: Article[]; duplicates: Problem[] } {
  const bySlug = new Map<string, Article[]>()
  for (const a of articles) bySlug.set(a.slug, [...(bySlug.get(a.slug) ?? []), a])
  const duplicates: Problem[] = []
  const kept: Article[] = []
  for (const [slug, group] of bySlug) {
    // the first file keeps the address (the dev server goes on showing it); the build fails
    kept.push(group[0])
    if (group.length === 1) continue
    const names = group.map((a) => a.source)
    for (const a of group) {
      const others = names.filter((n) => n !== a.source).join(', ')
      duplicates.push({ file: a.source, message: `the slug "${slug}" is also used by ${others}: give one of them another "slug:" in its front matter or rename the file` })
    }
  }
  return { articles: kept, duplicates }
}

/** dated articles newest first, then undated ones in file-name order */
function order(articles: Article[]): Article[] {
  const dated = articles.filter((a) => a.date)
  const undated = articles.filter((a) => !a.date)
  dated.sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || compareCodePoints(a.source, b.source))
  undated.sort((a, b) => compareCodePoints(a.source, b.source))
  return [...dated, ...undated]
}

function linkArticles(articles: Article[]): Article[] {
  const link = (a: Article | undefined): ArticleLink | null => (a ? { slug: a.slug, title: a.title } : null)
  const related = relatedArticles(articles)
  return articles.map((a, i) => ({
    ...a,
    prev: link(articles[i - 1]),
    next: link(articles[i + 1]),
    related: related[i],
  }))
}
