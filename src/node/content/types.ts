// what the content side's modules pass between them, apart from the modules that make it,
// so a worker thread and the loader share the shape without importing each other.
import type { Article, Problem } from '../../shared/types.ts'

/** What loading one file gives: an article, or why it cannot be published. */
export type FileResult = { ok: true; article: Article } | { ok: false; problems: Problem[] }
