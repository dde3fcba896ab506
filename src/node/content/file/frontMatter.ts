// the front matter's YAML, read so that what an editor typed can be told apart from what
// YAML made of it: a value it read as a number, true or false or a date is noted with the
// characters typed and where, so a field validated later (fields.ts) can quote it, keep it as
// text ("slug: 0777" is "0777", not 511) or name its line. the work is linear in the front
// matter's length: one pass to find the keys' lines, and a listener on js-yaml's own reading.
import matter from 'gray-matter'
import type { Problem } from '../../../shared/types.ts'
import { truncate } from '../problems.ts'

/** where js-yaml is as it reads: its loader's state, as it shows it to a listener */
interface YamlState {
  position: number
  line: number
  kind: string | null
  result: unknown
}
type YamlListener = (event: 'open' | 'close', state: YamlState) => void

/**
 * js-yaml's safeLoad, the engine gray-matter reads YAML front matter with. The front matter
 * is cut out by parseArticle.ts and handed to it directly: gray-matter's own first step, dropping comment
 * lines with a regular expression (`^\s*#[^\n]+` over the whole block), backtracks over
 * every run of blank lines, quadratic in the front matter's length.
 */
const yaml = (matter as unknown as { engines: { yaml: { parse(source: string, options?: { listener?: YamlListener }): unknown } } }).engines.yaml

/** a value YAML read as something other than text (a number, true or false, a date), and what was typed */
interface TypedScalar {
  /** the characters of the front matter it was read from, trimmed */
  source: string
  /** its line in the front matter (0 is the file's line 1) */
  line: number
  /** where it ends in the front matter */
  end: number
  value: unknown
}

/** the lines a top-level key's value takes: [line, end) in the front matter (0 is the file's line 1) */
interface KeyRange {
  line: number
  end: number
}

/** the front matter read: its values, where each key and each typed value is, and the problems found so far */
export class FrontMatter {
  readonly problems: Problem[] = []
  /** what is worth saying but does not stop the file being published (a lead photo without alt text) */
  readonly warnings: Problem[] = []

  constructor(
    readonly file: string,
    readonly data: Record<string, unknown>,
    private readonly typed: readonly TypedScalar[],
    private readonly keys: ReadonlyMap<string, KeyRange>,
    /** the front matter's YAML as written */
    private readonly source = '',
  ) {}

  /**
   * The value of a top-level key written on the key's own line, as typed, when it is plain
   * (no quotes, no list or block): what tells `draft: yes` (YAML 1.1's true) from
   * `draft: "yes"`. A comment after it is left out; undefined for anything else.
   */
  plainValue(key: string): string | undefined {
    const range = this.keys.get(key)
    if (!range) return undefined
    const line = this.source.split('\n', range.line + 1)[range.line] ?? ''
    const m = /^\s*["']?[\w-]+["']?\s*:[ \t]+([^"'\s#[{|>&!*][^#]*?)\s*(?:#.*)?$/.exec(line)
    return m?.[1]
  }

  /** the file's line (1-based) of a top-level key; 1 when it is not found on a line of its own */
  line(key: string): number {
    const range = this.keys.get(key)
    return range ? range.line + 1 : 1
  }

  problem(key: string, message: string): void {
    this.problems.push({ file: this.file, line: this.line(key), message })
  }

  warning(key: string, message: string): void {
    this.warnings.push({ file: this.file, line: this.line(key), message })
  }

  /**
   * What the editor typed for a key's value that YAML read as a number or true/false;
   * undefined when that cannot be told for sure (the value is one of several alike in the
   * key's lines, or carries a tag or an anchor).
   */
  typedSource(key: string, value: unknown): string | undefined {
    const found = this.typedIn(key).filter((t) => Object.is(t.value, value))
    return found.length === 1 ? verified(found[0].source, value) : undefined
  }

  /**
   * A list's items, each that YAML read as a number or true/false as the editor typed it;
   * the first item that cannot be told for sure when one cannot. The list's items that are
   * not text are, in order, the typed values in the key's lines (the list holds no lists).
   */
  typedList(key: string, items: readonly unknown[]): { items: string[] } | { unknown: unknown } {
    const first = items.find((i) => typeof i !== 'string')
    if (first === undefined) return { items: items as string[] }
    const typed = this.typedIn(key)
    let k = 0
    const out: string[] = []
    for (const item of items) {
      if (typeof item === 'string') {
        out.push(item)
        continue
      }
      const t = typed[k++]
      // (an infinite number is refused by the caller, whatever was typed)
      const source = t && Object.is(t.value, item) && (typeof item !== 'number' || Number.isFinite(item)) ? verified(t.source, item) : undefined
      if (source === undefined) return { unknown: item }
      out.push(source)
    }
    return k === typed.length ? { items: out } : { unknown: first }
  }

  /** what the editor typed for a date YAML read as a timestamp */
  dateSource(date: Date): string | undefined {
    return this.typed.find((t) => t.value === date)?.source
  }

  private typedIn(key: string): TypedScalar[] {
    const range = this.keys.get(key)
    return range ? this.typed.filter((t) => t.line >= range.line && t.line < range.end) : []
  }
}

/** Read the front matter's YAML, noting every value it reads as something other than text (throws on invalid YAML). */
export function readFrontMatter(file: string, source: string): FrontMatter {
  const typed: TypedScalar[] = []
  const starts: number[] = []
  const data = yaml.parse(source, {
    listener(event, state) {
      if (event === 'open') return void starts.push(state.position)
      const start = starts.pop() ?? 0
      if (state.kind !== 'scalar' || state.result === null || typeof state.result === 'string') return
      // a node that holds only this scalar closes again at the same place: it is noted once
      if (typed.length && typed[typed.length - 1].end === state.position) return
      typed.push({ source: source.slice(start, state.position).trim(), line: state.line, end: state.position, value: state.result })
    },
  })
  return new FrontMatter(file, (data ?? {}) as Record<string, unknown>, typed, keyRanges(source), source)
}

/** a top-level key at the start of a line, its name plain or quoted; sticky, tried at each line's start */
const KEY_LINE = /([ \t]*)(["']?)([A-Za-z_][\w-]*)\2[ \t]*:(?=[ \t\n]|$)/y

/**
 * The lines of each top-level key, found in one pass over the front matter: a key's value
 * runs to the next key at the same indentation. The first key's indentation is the top
 * level's; a key indented otherwise belongs to a nested value.
 */
function keyRanges(source: string): Map<string, KeyRange> {
  const ranges = new Map<string, KeyRange>()
  let indent = -1
  let previous: KeyRange | undefined
  let line = 0
  for (let at = 0; at <= source.length; line++) {
    KEY_LINE.lastIndex = at
    const m = KEY_LINE.exec(source)
    if (m && (indent < 0 || m[1].length === indent)) {
      indent = m[1].length
      if (previous) previous.end = line
      previous = { line, end: Infinity }
      if (!ranges.has(m[3])) ranges.set(m[3], previous)
    }
    const next = source.indexOf('\n', at)
    if (next < 0) break
    at = next + 1
  }
  if (previous) previous.end = line + 1
  return ranges
}

/**
 * what a YAML number or boolean is written with: digits, letters, a sign, ".", ":" and "_".
 * anything else in front of it (a tag such as !!int, an anchor) leaves what the editor meant
 * as text unclear.
 */
const PLAIN_TOKEN = /^[\w+.:-]+$/

/** `source` when YAML reads it, alone, as `value` again */
function verified(source: string, value: unknown): string | undefined {
  if (!PLAIN_TOKEN.test(source)) return undefined
  try {
    return Object.is((yaml.parse(`v: ${source}`) as { v?: unknown } | undefined)?.v, value) ? source : undefined
  } catch {
    // not a value on its own, so not the one that was read
    return undefined
  }
}

/**
 * The problem of front matter that is not valid YAML, and its line in the file. js-yaml
 * counts lines from 0 in the text after the opening "---", which starts with the rest of
 * line 1 (its newline): its line 0 is the file's line 1.
 */
export function yamlProblem(err: unknown): { message: string; line: number } {
  const e = err as { mark?: { line?: number }; reason?: string; message?: string }
  const line = typeof e.mark?.line === 'number' ? e.mark.line + 1 : 1
  return { message: `invalid YAML in the front matter: ${truncate(e.reason ?? e.message ?? String(err), 200)}; check quoting and indentation (a value with ":" or "#" needs quotes)`, line }
}
