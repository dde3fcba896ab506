// one content file into an article without neighbours: parsed, its body sanitized and its
// derived values worked out. apart from loadContent.ts so a rendering thread (renderWorker.ts)
// loads this and the renderer only, not the loader's whole import graph.
import { makeExcerpt, readingMinutes } from '../../../shared/text.ts'
import { htmlToText } from '../../../shared/search/searchFormat.ts'
import { parseArticle, type ParsedArticle } from './parseArticle.ts'
import { BodyProblem, bodySource, jsdomSanitizer } from '../../render/renderBody.ts'
import { finishBody, type RenderedBody } from '../../render/finishBody.ts'
import { articleFields, warningsOf } from './estimateArticle.ts'
import { FileKeptChanging } from './readStableFile.ts'
import type { FileResult } from '../types.ts'

/** A file parsed, with the html its body is sanitized from; or what it is already (a problem). */
export type PreparedFile = { done: FileResult } | { parsed: ParsedArticle; source: string }

/** Parse one file and make its body's html ready for the sanitizer (see bodySource). */
export function prepareFile(file: string, bytes: Uint8Array): PreparedFile {
  let bodyLine: number | undefined
  try {
    const parsed = parseArticle(file, bytes)
    if (!parsed.ok) return { done: parsed }
    bodyLine = parsed.article.bodyLine
    return { parsed: parsed.article, source: bodySource(parsed.article.body, parsed.article.format) }
  } catch (err) {
    // a file that cannot be rendered is named, never dropped silently
    if (err instanceof BodyProblem) {
      const line = bodyLine !== undefined && err.bodyLine !== undefined ? bodyLine + err.bodyLine : undefined
      return { done: { ok: false, problems: [line === undefined ? { file, message: err.message } : { file, line, message: err.message }] } }
    }
    return { done: unreadable(file, err) }
  }
}

/** The article a parsed file and its rendered body make (without neighbours). */
export function completeFile(p: ParsedArticle, body: RenderedBody): FileResult {
  const text = htmlToText(body.html)
  return {
    ok: true,
    article: {
      ...articleFields(p),
      excerpt: p.excerpt || makeExcerpt(body.leadText || text),
      readingMinutes: readingMinutes(text),
      html: body.html,
      headings: body.headings,
    },
    ...warningsOf(p),
  }
}

/** Parse and render one file into an article without neighbours, in this thread (jsdom). */
export function processFile(file: string, bytes: Uint8Array): FileResult {
  const prepared = prepareFile(file, bytes)
  if ('done' in prepared) return prepared.done
  try {
    return completeFile(prepared.parsed, finishBody(jsdomSanitizer(), prepared.source, prepared.parsed.image, { lead: !prepared.parsed.excerpt }))
  } catch (err) {
    return unreadable(file, err)
  }
}


/** The problem of a file that could not be read (or rendered). */
export function unreadable(file: string, err: unknown): FileResult {
  // (a file that kept changing says so in full: it was read, many times)
  const message = err instanceof FileKeptChanging ? err.message : `could not be read: ${(err as Error).message}`
  return { ok: false, problems: [{ file, message }] }
}
