// what is wrong with an article's images, said as the build's other problems are: naming the
// article, and the line of it that names the image (the front matter's `image:` for the lead
// image, else the first line of the body holding the address).
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Problem } from '../../../shared/types.ts'

/** A photo that could not be made: the problems of the articles using it. */
export class PhotoFailed extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`).join('\n'))
  }
}

/**
 * A problem of the article `source` (relative to `root`) about the image `src`, at the line
 * that names it when that can be found.
 */
export async function imageProblem(
  root: string,
  source: string,
  src: string,
  lead: boolean,
  message: string,
): Promise<Problem> {
  // an article that cannot be read again (removed meanwhile) is named without a line
  const text = await readFile(resolve(root, source), 'utf8').catch(() => '')
  const line = text ? imageLine(text, src, lead) : undefined
  return line === undefined ? { file: source, message } : { file: source, line, message }
}

/**
 * The line (1-based) of an article's text that names the image `src`: the front matter's
 * `image:` line for the lead image, else the first line of the body holding the address as
 * written, html-escaped or percent-escaped. undefined when none does.
 */
export function imageLine(text: string, src: string, lead: boolean): number | undefined {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  // the front matter: from the first line to the next line of three dashes
  let end = 0
  if (/^(\uFEFF)?---[ \t]*$/.test(lines[0] ?? '')) {
    end = lines.findIndex((l, i) => i > 0 && /^---[ \t]*$/.test(l))
    if (end < 0) end = 0
  }
  if (lead) {
    const at = lines.findIndex((l, i) => i < end && /^image[ \t]*:/.test(l))
    if (at >= 0) return at + 1
  }
  let decoded = src
  try {
    decoded = decodeURI(src)
  } catch {
    // a malformed escape: the address is looked for as it is written
  }
  const forms = new Set([src, decoded, src.replace(/&/g, '&amp;'), encodeURI(src)])
  const at = lines.findIndex((l, i) => i > end && [...forms].some((f) => l.includes(f)))
  return at >= 0 ? at + 1 : undefined
}

/** why a photo's bytes cannot be made into variants, completing "the image "..." (path) …" */
export function unreadableWhy(err: unknown): string {
  const reason = String((err as Error)?.message ?? err)
    .split('\n')[0]
    .slice(0, 200)
  if (/changed while the site was built/.test(reason)) return reason
  return `cannot be read as a photo (${reason}): open it in an image editor and save it again as JPEG, PNG or WebP`
}
