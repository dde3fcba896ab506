// turn an article body (html or markdown) into safe html plus what is derived from it:
// heading ids and the heading list, the plain text, and the leading image removed when it
// repeats the article's `image`. DOMPurify runs over jsdom, the server-side DOM its own
// documentation names as safe.
import { createRequire } from 'node:module'
import createDOMPurify from 'dompurify'
import type { JSDOM as JSDOMClass } from 'jsdom'
import MarkdownIt from 'markdown-it'
import { limitNesting } from '../../shared/sanitize/nesting.ts'
import { MAX_BODY_H1, MAX_BODY_TABLES } from '../../shared/limits.ts'
import { bodySanitizer, finishBody, type BodySanitizer, type RenderedBody } from './finishBody.ts'

export { finishBody, type RenderedBody }

// every document DOMPurify parses into adds listeners to the jsdom window that are never
// removed (jsdom's selector engine), and each new listener is checked against all the
// others, so over one window each body would cost more than the one before, and a large
// archive would take minutes. a fresh window every few dozen bodies keeps the cost flat.
const WINDOW_USES = 40
let current: BodySanitizer | undefined
let uses = 0
/** DOMPurify over jsdom in this thread, set up for bodies */
export function jsdomSanitizer(): BodySanitizer {
  if (!current || ++uses > WINDOW_USES) {
    // loaded on first use: loading jsdom is slow, and the dev server's start and a build
    // whose bodies are sanitized in Chromium never need it
    const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: typeof JSDOMClass }
    const { window } = new JSDOM('<!doctype html><html><body></body></html>')
    current = bodySanitizer(createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]))
    uses = 1
  }
  return current
}

/**
 * markdown-it stops at this depth of blockquotes and lists and silently drops what is
 * deeper (its guard against runaway recursion; 100 by default). raised, and a body that
 * still reaches it is refused by name instead of published with text missing
 */
const MARKDOWN_NESTING = 200

// html inside markdown passes through (then through DOMPurify), as jekyll's kramdown does
const markdown = new MarkdownIt({ html: true, linkify: true, typographer: false, maxNesting: MARKDOWN_NESTING })

/** A body that cannot be published as it is; the message says why and what to do. */
export class BodyProblem extends Error {
  constructor(
    message: string,
    /** where, as a line of the body (0-based), if known */
    readonly bodyLine?: number,
  ) {
    super(message)
  }
}

function renderMarkdown(body: string): string {
  const env = {}
  const tokens = markdown.parse(body, env)
  // a block opened at the last level markdown-it allows: whatever it holds was cut off
  const deep = tokens.find((t) => t.nesting === 1 && t.level >= MARKDOWN_NESTING - 1)
  if (deep) {
    throw new BodyProblem(
      `the Markdown nests blockquotes or lists too deeply (past ${MARKDOWN_NESTING - 1} levels, a list level counting two), ` +
        `and the text inside would be lost: use fewer '>' or less indentation`,
      deep.map?.[0],
    )
  }
  return markdown.renderer.render(tokens, markdown.options, env)
}

/**
 * The html a body is sanitized from: markdown rendered, very deep nesting flattened (jsdom
 * slows with the square of the depth). Throws BodyProblem for what cannot be published.
 */
export function bodySource(body: string, format: 'html' | 'markdown'): string {
  const html = format === 'markdown' ? renderMarkdown(body) : body
  refuseTooMany(
    html,
    /<h1[\s/>]/gi,
    MAX_BODY_H1,
    'h1 headings (Markdown\'s "#")',
    'make its sections h2 ("##"), or split the article',
  )
  refuseTooMany(html, /<table[\s/>]/gi, MAX_BODY_TABLES, 'tables', 'split the article')
  return limitNesting(html)
}

/** Throws BodyProblem when `tag` occurs more than `max` times in the html (counted up to max + 1, in one pass). */
function refuseTooMany(html: string, tag: RegExp, max: number, what: string, fix: string): void {
  let count = 0
  tag.lastIndex = 0
  while (tag.exec(html) && ++count <= max);
  if (count > max) {
    throw new BodyProblem(
      `the body has more than ${max.toLocaleString('en-US')} ${what}, more than an article has ` +
        `and more than the build can finish in reasonable time: ${fix}`,
    )
  }
}

/** Render a body in this process: DOMPurify over jsdom. */
export function renderBody(body: string, format: 'html' | 'markdown', image = ''): RenderedBody {
  return finishBody(jsdomSanitizer(), bodySource(body, format), image)
}
