// parse and validate one content file. pure: (path, bytes) in, data or problems out;
// the plugin decides whether a problem stops the build or only skips the file. this module
// reads the file (its encoding, where the front matter and the body are); frontMatter.ts
// reads the YAML and fields.ts validates each field. the work is linear in the file's
// length: every regular expression here is anchored or sticky, or its repeated parts
// cannot match the same characters, and the front matter is split once.
import type { Problem } from '../../../shared/types.ts'
import { truncate } from '../problems.ts'
import { readFields, type Fields } from './fields.ts'
import { readFrontMatter, yamlProblem, type FrontMatter } from './frontMatter.ts'

/** What a content file says, validated, before its body is rendered. */
export interface ParsedArticle extends Fields {
  /** path relative to the project root, with forward slashes */
  file: string
  /** 'html' for .txt/.html, 'markdown' for .md/.markdown */
  format: 'html' | 'markdown'
  body: string
  /** line of the file where the body starts (1-based) */
  bodyLine: number
  /** what does not stop the file being published but is worth saying (a lead image without alt text) */
  warnings: Problem[]
}

export type ParseResult = { ok: true; article: ParsedArticle } | { ok: false; problems: Problem[] }

export const CONTENT_EXTENSIONS = ['.txt', '.html', '.md', '.markdown'] as const

const utf8 = new TextDecoder('utf-8', { fatal: true })

export function formatOf(file: string): ParsedArticle['format'] {
  return /\.(md|markdown)$/i.test(file) ? 'markdown' : 'html'
}

/** Parse one content file. `file` is the path to report (relative to the project root). */
export function parseArticle(file: string, bytes: Uint8Array): ParseResult {
  const fail = (message: string, line?: number): ParseResult => ({
    ok: false,
    problems: [line === undefined ? { file, message } : { file, line, message }],
  })
  const text = decodeText(bytes)
  if (typeof text !== 'string') return fail(text.problem)
  const parts = splitFrontMatter(text)
  if ('problem' in parts) return fail(parts.problem, 1)
  let fm: FrontMatter
  try {
    fm = readFrontMatter(file, parts.source)
  } catch (err) {
    const { message, line } = yamlProblem(err)
    return fail(message, line)
  }
  const { data } = fm
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail('the front matter must be a set of "key: value" lines', 2)
  }
  const fields = readFields(fm)
  if (fm.problems.length) return { ok: false, problems: fm.problems }
  const { body } = parts
  const bodyLine = countLines(text, text.length - body.length)
  return { ok: true, article: { file, ...fields, format: formatOf(file), body, bodyLine, warnings: fm.warnings } }
}

/** the file's text, with line endings made "\n"; or why it is not text */
function decodeText(bytes: Uint8Array): string | { problem: string } {
  if (bytes.length === 0) {
    return { problem: 'the file is empty: an article starts with front matter (a line "---", "title: ...", a line "---") and then its body' }
  }
  if (bytes.includes(0)) {
    return { problem: 'this is a binary file, not text: only articles (.txt, .html, .md) belong in content/' }
  }
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    // the decoder is fatal: a byte sequence that is not UTF-8 is this problem, named
    return { problem: 'the file is not valid UTF-8 (perhaps EUC-KR/CP949): open it in an editor and save it as UTF-8' }
  }
  // a utf-8 bom and windows line endings are common in files from korean editors
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
}

/** the front matter's YAML and the body, cut apart; or why there is no front matter to cut (on line 1) */
function splitFrontMatter(text: string): { source: string; body: string } | { problem: string } {
  // gray-matter would run "---js" front matter as javascript: only yaml is read
  const fence = /^---[ \t]*(\S+)[ \t]*\n/.exec(text)
  if (fence) {
    return { problem: `the front matter must be YAML: its first line must be exactly "---", not "---${truncate(fence[1], 20)}"` }
  }
  if (!/^---[ \t]*\n/.test(text)) {
    return { problem: 'no front matter: the file must start with a line "---", then "title: ..." and the other keys, then a line "---"' }
  }
  if (text.slice(4).search(/^---[ \t]*$/m) < 0) {
    return { problem: 'the front matter is not closed: add a line "---" after its last key' }
  }
  // cut where gray-matter cuts: the front matter runs from the rest of line 1 to the first
  // "\n---" (there is one: the closing line was found above), the body from after it, less
  // one line break
  const cut = text.indexOf('\n---', 3)
  const source = text.slice(3, cut)
  let body = text.slice(cut + 4)
  if (body[0] === '\n') body = body.slice(1)
  return { source, body }
}

/** the line (1-based) of a position in the text */
function countLines(text: string, position: number): number {
  let lines = 1
  for (let at = text.indexOf('\n'); at >= 0 && at < position; at = text.indexOf('\n', at + 1)) lines++
  return lines
}
