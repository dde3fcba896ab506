import type { Problem } from '../shared/types.ts'

/** `path:line: message`, one problem a line, grouped by file in file order. */
export function formatProblems(problems: readonly Problem[]): string {
  return [...problems]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)))
    .map((p) => `  ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`)
    .join('\n')
}
