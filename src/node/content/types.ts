// what the content side's modules pass between them, apart from the modules that make it,
// so a worker thread and the loader share the shape without importing each other.
import type { Article, Problem } from '../../shared/types.ts'
import type { SkippedLink } from './findContent.ts'

/** What loading one file gives: an article, or why it cannot be published. */
export type FileResult = { ok: true; article: Article; warnings?: Problem[] } | { ok: false; problems: Problem[] }

/** What the loader knows of one file: the result it gave, and the time and size it had then. */
export interface CacheEntry {
  /** -1 when the file could not be read (its result names why) */
  mtimeMs: number
  size: number
  result: FileResult
  /** the body is not rendered: the article's derived values are estimates */
  estimated: boolean
  /** an estimate without its body text: read back from the dev cache, or made on another thread (see fillText) */
  textless?: boolean
}

/** What loading the content folder gives: the site's articles, and what is wrong with the files. */
export interface Content {
  /** in listing order: dated articles newest first, then undated ones in file-name order */
  articles: Article[]
  problems: Problem[]
  /** what does not stop an article being published but is worth saying (a lead image without alt text), in file order */
  warnings: Problem[]
  /** absolute paths of every content file read */
  files: string[]
  /** symbolic links under content/ that are not followed (see findContent), to be named in the terminal */
  skippedLinks: SkippedLink[]
  /**
   * dev only: sources (as in `Article.source`) whose body is not rendered yet. their card
   * values (excerpt, reading time) are estimated from the raw body, their `html` is that
   * text escaped, and they have no headings until `ContentLoader.render` is called.
   */
  estimated?: Set<string>
}
