// text made safe for the xml files the build writes (the sitemaps and the feeds): front
// matter and bodies are written into them as text, never as markup, whatever they hold.

/** every character XML 1.0 does not allow anywhere, even escaped (control characters, lone surrogates, U+FFFE and U+FFFF) */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** a character escapeXml changes or drops: the five markup characters, and what NOT_XML matches */
const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/

/** Text as XML character data or an attribute value (double or single quoted), without the characters XML forbids. */
export function escapeXml(s: string): string {
  // most text (every url) has nothing to escape: tested once, rather than rewritten six times
  if (!NEEDS_ESCAPE.test(s)) return s
  return s
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/**
 * Text as one CDATA section (as feeds carry html): shorter than escaping it, and what feed
 * readers expect. A `]]>` in the text would end the section, so the section is closed after
 * its `]]` and a new one opened before its `>`, which reads back as the same text.
 */
export function cdata(s: string): string {
  return `<![CDATA[${s.replace(NOT_XML, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
}
