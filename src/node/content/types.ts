// what the content side's modules pass between them, apart from the modules that make it,
// so a worker thread and the loader share the shape without importing each other.
import type { Article, Problem } from '../../shared/types.ts'

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
