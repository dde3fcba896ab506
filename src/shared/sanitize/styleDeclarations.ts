// a style attribute's declaration list, read the way css reads it: a `;` ends a declaration
// only outside quotes and brackets (`()`, `[]`, `{}`), so `font-family: "Nanum;Gothic"; color: #ee2323` is two
// declarations, not three. one pass over the text: the sanitizer (styles.ts)
// and the build's colour pass (src/node/render/inlineColours.ts) both read styles with it, so they
// agree with each other and with the browser about where each declaration starts and ends.

export interface Declaration {
  /** the property, trimmed and lower-cased */
  prop: string
  /** the value, trimmed, as written */
  value: string
}

const QUOTE_DOUBLE = 34
const QUOTE_SINGLE = 39
const BACKSLASH = 92
const SEMICOLON = 59
const COLON = 58

/**
 * Split a style attribute into its declarations. Text without a `:` is skipped, as css
 * skips it; a quote left open runs to the end, as it does in css (the sanitizer then
 * refuses that value). Runs in one pass, linear in the length of `style`.
 */
export function parseDeclarations(style: string): Declaration[] {
  const out: Declaration[] = []
  let start = 0
  let colon = -1
  let quote = 0
  let depth = 0
  const end = (at: number) => {
    if (colon >= 0) {
      const prop = style.slice(start, colon).trim().toLowerCase()
      const value = style.slice(colon + 1, at).trim()
      if (prop && value) out.push({ prop, value })
    }
    start = at + 1
    colon = -1
  }
  for (let i = 0; i < style.length; i++) {
    const c = style.charCodeAt(i)
    if (c === BACKSLASH) {
      // an escape: the next character is text, whatever it is
      i++
    } else if (quote) {
      if (c === quote) quote = 0
    } else if (c === QUOTE_DOUBLE || c === QUOTE_SINGLE) {
      quote = c
    } else if (c === 40 || c === 91 || c === 123) {
      // ( [ {: a block, whose `;` and `:` belong to it
      depth++
    } else if (c === 41 || c === 93 || c === 125) {
      if (depth) depth--
    } else if (depth === 0) {
      if (c === SEMICOLON) end(i)
      else if (c === COLON && colon < 0) colon = i
    }
  }
  end(style.length)
  return out
}
