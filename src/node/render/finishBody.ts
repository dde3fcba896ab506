// what a sanitized body becomes: DOMPurify's output with the site's own changes (an
// author's h1 demoted, the leading image dropped when it repeats the article's, wide tables
// wrapped, inline colours made readable, headings given ids) and what is derived from it
// (headings, text, lead text). standard DOM calls only: the same code runs over jsdom in
// node and over a headless browser's DOM (browserRender.ts), and gives the same result.
import type { Config, DOMPurify } from 'dompurify'
import type { Heading } from '../../shared/types.ts'
import { installSanitizeHooks } from '../../shared/sanitize/hooks.ts'
import { BUILD_SANITIZE_CONFIG } from '../../shared/sanitize/policy.ts'
import { createSlugger, isHeadingId } from '../../shared/slug.ts'
import { squash } from '../../shared/text.ts'
import { adjustInlineColours } from './inlineColours.ts'
import { walkElements } from './walkElements.ts'

export interface RenderedBody {
  html: string
  /**
   * text of the body's paragraphs, for an excerpt when none is given ('' unless asked for).
   * the whole text is worked out from `html` where it is needed (htmlToText), not here: made
   * here, it would cross back from the headless browser with every body, and handing Hangul
   * text over the DevTools protocol is a large share of the browser's work per body
   */
  leadText: string
  headings: Heading[]
}

/**
 * the sanitizer's settings for a body: the <body> DOMPurify parses into is the root it
 * returns, allowed so DOMPurify keeps it rather than deep-copying all its children out of
 * it, which is a large share of a body's time (only root.innerHTML is used, so the output
 * is the same); an author's h1 (markdown's `#`) is let through only to become an h2
 */
export const BODY_SANITIZE_CONFIG: Config & { RETURN_DOM: true } = {
  ...BUILD_SANITIZE_CONFIG,
  ADD_TAGS: ['body', 'h1'],
  RETURN_DOM: true,
}

/** DOMPurify set up for bodies: html in, the sanitized tree's root out */
export type BodySanitizer = (source: string) => HTMLElement

/**
 * A DOMPurify instance (over any DOM: jsdom, or a headless browser's) set up once for
 * bodies: the site's hooks and settings. set once rather than handed to every call, which
 * would make DOMPurify build its allowlists again for every body, a large share of its time.
 */
export function bodySanitizer(purify: DOMPurify): BodySanitizer {
  installSanitizeHooks(purify)
  purify.setConfig(BODY_SANITIZE_CONFIG)
  return (source) => {
    const root = purify.sanitize(source) as unknown
    if (typeof root === 'string' || !root) throw new Error('the body sanitizer returned no tree')
    return root as HTMLElement
  }
}

/**
 * Sanitize a body's html (see bodySource in renderBody.ts) and derive what the site needs
 * from it. Uses only standard DOM calls, so jsdom and a browser give the same result.
 */
export function finishBody(
  sanitize: BodySanitizer,
  source: string,
  image = '',
  { lead = true }: { lead?: boolean } = {},
): RenderedBody {
  const root = sanitize(source)

  demoteTitles(root)
  dropLeadingImage(root, image)
  const { tables, headingEls, paragraphEls } = landmarks(root)
  // wide tables scroll inside their own box on a phone instead of widening the page
  for (const table of tables) {
    const wrap = root.ownerDocument.createElement('div')
    wrap.className = 'table-wrap'
    table.replaceWith(wrap)
    wrap.append(table)
  }
  // authors' colours must stay readable in the light and the dark theme
  adjustInlineColours(root)

  // every id the build hands out is a heading id (isHeadingId): never one of the page's own
  const slugger = createSlugger('section')
  const headings: Heading[] = []
  for (const h of headingEls) {
    const text = squash(h.textContent ?? '')
    if (!text) continue
    let id = slugger(text)
    if (!isHeadingId(id)) id = slugger(`section ${text}`)
    h.setAttribute('id', id)
    headings.push({ level: h.tagName === 'H2' ? 2 : 3, id, text })
  }

  const leadText = lead
    ? paragraphEls
        .map((p) => squash(p.textContent ?? ''))
        .filter(Boolean)
        .join(' ')
    : ''
  return { html: root.innerHTML.trim(), leadText, headings }
}

/**
 * in document order: the tables, the h2 and h3 headings, and the paragraphs and list items
 * outside tables. one walk instead of jsdom's selector engine (querySelectorAll and
 * closest), which would be a large share of what a body costs after sanitizing
 */
function landmarks(root: Element): { tables: Element[]; headingEls: Element[]; paragraphEls: Element[] } {
  const tables: Element[] = []
  const headingEls: Element[] = []
  const paragraphEls: Element[] = []
  // each element with whether it is inside a table
  walkElements(root, false, (el, inTable) => {
    const tag = el.tagName
    if (tag === 'TABLE') tables.push(el)
    else if (tag === 'H2' || tag === 'H3') headingEls.push(el)
    else if ((tag === 'P' || tag === 'LI') && !inTable) paragraphEls.push(el)
    return inTable || tag === 'TABLE'
  })
  return { tables, headingEls, paragraphEls }
}

/**
 * the page's only h1 is the article's title: an h1 in the body becomes a section heading
 * (h2, with the attributes DOMPurify kept), so it is neither a second h1 nor bare text
 * run into the next paragraph
 */
function demoteTitles(root: Element): void {
  // a copy, not the live collection: jsdom walks the whole tree again to find the first
  // of a live collection changed since it was last read, so replacing the h1s through it
  // would cost the square of their number
  for (const h1 of [...root.getElementsByTagName('h1')]) {
    const h2 = root.ownerDocument.createElement('h2')
    for (const attr of [...h1.attributes]) h2.setAttribute(attr.name, attr.value)
    h2.append(...h1.childNodes)
    h1.replaceWith(h2)
  }
}

/** remove the body's opening image when it is the article's own `image` (shown above it) */
function dropLeadingImage(root: HTMLElement, image: string): void {
  if (!image) return
  const first = root.firstElementChild
  if (!first) return
  // text before it means the body does not open with the image
  for (let n = root.firstChild; n && n !== first; n = n.nextSibling) if (squash(n.textContent ?? '')) return
  // getElementsByTagName, not querySelector: jsdom's selector engine keeps every document
  // it ran an element-scoped query in alive, so a large archive's build would run out of memory
  const imgs = first.getElementsByTagName('img')
  const img = first.tagName === 'IMG' ? first : imgs[0]
  if (!img || img.getAttribute('src')?.trim() !== image.trim()) return
  // only when the block holds nothing but the image (a caption may follow it)
  if (first !== img) {
    const onlyImage = !squash(first.textContent ?? '') && imgs.length === 1
    if (!onlyImage && first.tagName !== 'FIGURE') return
  }
  first.remove()
}
