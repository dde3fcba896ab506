// how problems are worded and printed. a report names every file, on a line of bounded
// length, however many files there are and whatever they hold: what an editor typed is quoted
// cut short, and a list of other files names a few and counts the rest.
import type { Problem } from '../../shared/types.ts'

/** characters of an editor's text quoted in a message */
export const QUOTED_LENGTH = 60
/** characters of one message in a report (a message made elsewhere, an error's, included) */
export const MESSAGE_LENGTH = 1000
/** other files a message names before it counts the rest */
const NAMED_FILES = 2

/** `s`, cut to `n` characters with "…" after the cut (never inside a surrogate pair) */
export function truncate(s: string, n = QUOTED_LENGTH): string {
  if (s.length <= n) return s
  const code = s.charCodeAt(n - 1)
  return `${s.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n)}…`
}

/**
 * Other files, for a message: "a.txt", "a.txt and b.txt", or "a.txt, b.txt and 2,998 other
 * files" (`total` files in all, `first` at least the first few of them).
 */
export function otherFiles(first: readonly string[], total: number): string {
  const shown = first.slice(0, NAMED_FILES)
  const rest = total - shown.length
  if (rest > 0) return `${shown.join(', ')} and ${rest.toLocaleString('en-US')} other file${rest === 1 ? '' : 's'}`
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : (shown[0] ?? '')
}

/** `path:line: message`, one problem a line, grouped by file in file order. */
export function formatProblems(problems: readonly Problem[]): string {
  return sortProblems(problems)
    .map((p) => `  ${p.file}${p.line ? `:${p.line}` : ''}: ${truncate(p.message, MESSAGE_LENGTH)}`)
    .join('\n')
}

function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)))
}

/** warnings shown one a line before the rest are counted: an archive migrated without alt text would have thousands */
export const SHOWN_WARNINGS = 20

/**
 * Warnings as a report: a heading, then the first few as `path:line: message` and a count of
 * the rest (they do not fail a build, so a long list would only bury the build's own output).
 */
export function formatWarnings(warnings: readonly Problem[]): string {
  const sorted = sortProblems(warnings)
  const rest = sorted.length - SHOWN_WARNINGS
  const more = rest > 0 ? `\n  … and ${rest.toLocaleString('en-US')} more (npm run check lists them all)` : ''
  const count = `${sorted.length.toLocaleString('en-US')} warning${sorted.length === 1 ? '' : 's'}`
  return `content/ has ${count} (published all the same):\n${formatProblems(sorted.slice(0, SHOWN_WARNINGS))}${more}`
}
