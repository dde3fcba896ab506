// the page side of browserRender.ts, bundled for the browser: DOMPurify over the page's own
// DOM with the site's hooks and settings, then the same finishing steps the build runs over
// jsdom (finishBody.ts). bodies are parsed into DOMParser documents, which are inert: no
// script in them runs and no image in them loads.
import createDOMPurify from 'dompurify'
import { bodySanitizer, finishBody, type RenderedBody } from './finishBody.ts'

/** one body: its html (bodySource's output), the article's image, and whether its lead text is wanted (no excerpt given) */
export type BodyItem = [source: string, image: string, lead: boolean]
export type BodyOutcome = RenderedBody | { error: string }

const sanitize = bodySanitizer(createDOMPurify(window))

function renderBodies(json: string): string {
  const items = JSON.parse(json) as BodyItem[]
  const out: BodyOutcome[] = items.map(([source, image, lead]) => {
    try {
      return finishBody(sanitize, source, image, { lead })
    } catch (err) {
      return { error: String((err as Error)?.message ?? err) }
    }
  })
  return JSON.stringify(out)
}

;(globalThis as { __renderBodies?: typeof renderBodies }).__renderBodies = renderBodies
