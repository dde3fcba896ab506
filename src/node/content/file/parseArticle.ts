// parse and validate one content file. pure: (path, bytes) in, data or problems out;
// the plugin decides whether a problem stops the build or only skips the file. the work is
// linear in the file's length: every regular expression here is anchored or sticky, or its
// repeated parts cannot match the same characters, and the front matter is split once.
import matter from 'gray-matter'
import type { Problem } from '../../../shared/types.ts'
import { slugFromFileName, slugify } from '../../../shared/slug.ts'
import { MAX_CATEGORIES, MAX_CATEGORY_LENGTH, MAX_TITLE_LENGTH } from '../../../shared/limits.ts'
import { nameProblem } from '../outputNames.ts'
import { truncate } from '../problems.ts'

/** What a content file says, validated, before its body is rendered. */
export interface ParsedArticle {
  /** path relative to the project root, with forward slashes */
  file: string
  slug: string
  title: string
  categories: string[]
  excerpt: string
  featureText: string
  image: string
  /** yyyy-mm-dd, or a full ISO timestamp when the front matter gives a time; '' when absent */
  date: string
  /** 'html' for .txt/.html, 'markdown' for .md/.markdown */
  format: 'html' | 'markdown'
  body: string
  /** line of the file where the body starts (1-based) */
  bodyLine: number
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

  if (bytes.length === 0) {
    return fail('the file is empty: an article starts with front matter (a line "---", "title: ...", a line "---") and then its body')
  }
  if (bytes.includes(0)) {
    return fail('this is a binary file, not text: only articles (.txt, .html, .md) belong in content/')
  }
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return fail('the file is not valid UTF-8 (perhaps EUC-KR/CP949): open it in an editor and save it as UTF-8')
  }
  // a utf-8 bom and windows line endings are common in files from korean editors
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')

  // gray-matter would run "---js" front matter as javascript: only yaml is read
  const fence = /^---[ \t]*(\S+)[ \t]*\n/.exec(text)
  if (fence) {
    return fail(`the front matter must be YAML: its first line must be exactly "---", not "---${truncate(fence[1], 20)}"`, 1)
  }
  if (!/^---[ \t]*\n/.test(text)) {
    return fail('no front matter: the file must start with a line "---", then "title: ..." and the other keys, then a line "---"', 1)
  }
  if (text.slice(4).search(/^---[ \t]*$/m) < 0) {
    return fail('the front matter is not closed: add a line "---" after its last key', 1)
  }
  // cut where gray-matter cuts: the front matter runs from the rest of line 1 to the first
  // "\n---" (there is one: the closing line was found above), the body from after it, less
  // one line break
  const cut = text.indexOf('\n---', 3)
  const source = text.slice(3, cut)
  let body = text.slice(cut + 4)
  if (body[0] === '\n') body = body.slice(1)

  let fm: FrontMatter
  try {
    fm = readFrontMatter(file, source)
  } catch (err) {
    const e = err as { mark?: { line?: number }; reason?: string; message?: string }
    // js-yaml counts lines from 0 in the text after the opening "---", which starts with the
    // rest of line 1 (its newline): line 0 is the file's line 1
    const line = typeof e.mark?.line === 'number' ? e.mark.line + 1 : 1
    return fail(`invalid YAML in the front matter: ${truncate(e.reason ?? e.message ?? String(err), 200)}; check quoting and indentation (a value with ":" or "#" needs quotes)`, line)
  }
  const { data } = fm
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail('the front matter must be a set of "key: value" lines', 2)
  }

  const title = readTitle(fm)
  const categories = readCategories(fm)
  const excerpt = squashLine(optionalText(fm, 'excerpt'))
  const featureText = squashLine(optionalText(fm, 'feature_text'))
  const image = readImage(fm)
  const date = readDate(fm)
  const slug = readSlug(fm)
  if (fm.problems.length) return { ok: false, problems: fm.problems }

  const bodyLine = countLines(text, text.length - body.length)
  return {
    ok: true,
    article: { file, slug, title, categories, excerpt, featureText, image, date, format: formatOf(file), body, bodyLine },
  }
}

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
 * is cut out above and handed to it directly: gray-matter's own first step, dropping comment
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
class FrontMatter {
  readonly problems: Problem[] = []

  constructor(
    readonly file: string,
    readonly data: Record<string, unknown>,
    private readonly typed: readonly TypedScalar[],
    private readonly keys: ReadonlyMap<string, KeyRange>,
  ) {}

  /** the file's line (1-based) of a top-level key; 1 when it is not found on a line of its own */
  line(key: string): number {
    const range = this.keys.get(key)
    return range ? range.line + 1 : 1
  }

  problem(key: string, message: string): void {
    this.problems.push({ file: this.file, line: this.line(key), message })
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
function readFrontMatter(file: string, source: string): FrontMatter {
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
  return new FrontMatter(file, (data ?? {}) as Record<string, unknown>, typed, keyRanges(source))
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
 * A value where text is expected (`what` names it in a message, `hint` says how to write
 * it), as text: a number or true/false as the editor typed it (`slug: 0777` is "0777", not
 * 511), anything else as undefined with a problem noted. A number that is infinite or NaN
 * (`1e999999`, `.inf`, `.nan`) is never text the editor meant: it is refused.
 */
function textOf(fm: FrontMatter, key: string, what: string, value: unknown, hint: string): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') {
    const typed = fm.typedSource(key, value)
    if (typeof value === 'number' && !Number.isFinite(value)) {
      fm.problem(key, `${what} ${typed === undefined ? '' : `${truncate(typed)} `}is read by YAML as ${Number.isNaN(value) ? 'NaN (not a number)' : 'an infinite number'}, not as text: put it in quotes, e.g. ${key}: "${truncate(typed ?? '...')}"`)
      return undefined
    }
    if (typed !== undefined) return typed
    fm.problem(key, `${what} is read by YAML as ${describe(value)}, and the characters typed cannot be told: put it in quotes, e.g. ${key}: "..."`)
    return undefined
  }
  fm.problem(key, `${what} must be text, not ${describe(value)}: ${hint}`)
  return undefined
}

/** Is this text fit for a page and a file name? Notes a problem when it is not. */
function wellFormed(fm: FrontMatter, key: string, what: string, value: string): boolean {
  if (!LONE_SURROGATE.test(value)) return true
  fm.problem(key, `${what} holds a broken character (a lone UTF-16 surrogate, as YAML's "\\ud800" escape makes), which no page or file name can hold: remove the escape, or write the character itself`)
  return false
}

function readTitle(fm: FrontMatter): string {
  const value = fm.data.title
  if (value === undefined || value === null) {
    fm.problems.push({ file: fm.file, line: 1, message: 'the title is missing: add "title: ..." to the front matter' })
    return ''
  }
  // true or false is a slip, not a headline
  const raw = typeof value === 'boolean' ? undefined : textOf(fm, 'title', 'the title', value, 'put it in quotes, e.g. title: "..."')
  if (typeof value === 'boolean') fm.problem('title', `the title must be text, not ${describe(value)}: put it in quotes, e.g. title: "..."`)
  if (raw === undefined || !wellFormed(fm, 'title', 'the title', raw)) return ''
  const title = squashLine(raw)
  if (!title) {
    fm.problem('title', 'the title is empty: write the article\'s headline after "title:"')
  } else if (characters(title) > MAX_TITLE_LENGTH) {
    fm.problem('title', `the title is ${characters(title).toLocaleString('en-US')} characters long, more than the ${MAX_TITLE_LENGTH} a headline may have: shorten it (the standfirst belongs in feature_text)`)
  }
  return title
}

/** categories: a list, or one line of names separated by spaces (as jekyll reads them) */
function readCategories(fm: FrontMatter): string[] {
  const key = fm.data.categories !== undefined ? 'categories' : 'category'
  const value = fm.data[key]
  let names: string[]
  if (value === undefined || value === null) return []
  if (typeof value === 'string' || typeof value === 'number') {
    const raw = textOf(fm, key, 'the categories', value, '')
    if (raw === undefined) return []
    names = squashLine(raw).split(' ')
  } else if (Array.isArray(value) && value.every((c) => typeof c === 'string' || typeof c === 'number')) {
    const read = fm.typedList(key, value)
    if ('unknown' in read) {
      textOf(fm, key, 'a category', read.unknown, '')
      return []
    }
    names = read.items.map(squashLine)
  } else {
    fm.problem(key, `categories must be a list of names or one line of names separated by spaces, not ${Array.isArray(value) ? 'a list holding lists or keys' : describe(value)}: write e.g. categories: [뉴스, 정치]`)
    return []
  }
  const unique = [...new Set(names.filter(Boolean))]
  if (unique.length > MAX_CATEGORIES) {
    fm.problem(key, `the article has ${unique.length.toLocaleString('en-US')} categories, more than the ${MAX_CATEGORIES} one article may have: keep the few that say what it is about`)
    return []
  }
  return unique.filter((name) => {
    if (!wellFormed(fm, key, `the category "${truncate(name)}"`, name)) return false
    if (characters(name) > MAX_CATEGORY_LENGTH) {
      fm.problem(key, `the category "${truncate(name)}" is ${characters(name).toLocaleString('en-US')} characters long, more than the ${MAX_CATEGORY_LENGTH} a category's name may have: shorten it`)
      return false
    }
    const slug = slugify(name)
    if (!slug) {
      fm.problem(key, `the category "${truncate(name)}" has no letters or digits, so it cannot have an address: rename it`)
      return false
    }
    const why = nameProblem(slug)
    if (why) fm.problem(key, `the address of the category "${truncate(name)}"${slug === name ? '' : ` ("${truncate(slug)}")`} ${why}: rename it`)
    return !why
  })
}

/** excerpt and feature_text: optional text */
function optionalText(fm: FrontMatter, key: string): string {
  const value = fm.data[key]
  if (value === undefined || value === null) return ''
  const text = textOf(fm, key, key, value, `write it on one line after "${key}:", in quotes if it looks like a list, a date or has ": " in it`)
  return text !== undefined && wellFormed(fm, key, key, text) ? text.trim() : ''
}

/** image: an http(s) url or a path on the site */
function readImage(fm: FrontMatter): string {
  const value = fm.data.image
  if (value === undefined || value === null) return ''
  // a number or true/false is a slip, not an address
  if (typeof value === 'number' || typeof value === 'boolean') {
    fm.problem('image', `the image must be an address, e.g. image: "https://...", not ${describe(value)}`)
    return ''
  }
  const text = textOf(fm, 'image', 'image', value, 'write it on one line after "image:", in quotes if it has ": " in it')
  if (text === undefined || !wellFormed(fm, 'image', 'the image address', text)) return ''
  const image = text.trim()
  if (image && !isSafeImage(image)) {
    fm.problem('image', `the image "${truncate(image)}" must be an http(s) URL (https://...) or a path on this site (/images/...)`)
    return ''
  }
  return image
}

/** date: optional, but when present it must parse */
function readDate(fm: FrontMatter): string {
  const value = fm.data.date
  if (value === undefined || value === null || value === '') return ''
  // js-yaml turns an unquoted 2024-13-45 into a real day by overflow (2025-02-14) and reads
  // a time without a zone as utc; what the editor wrote is what counts
  const raw = value instanceof Date ? (fm.dateSource(value) ?? value) : value
  const parsed = parseDate(raw)
  if (parsed === null) {
    fm.problem('date', `the date ${typeof raw === 'string' ? `"${truncate(raw)}" is not a date` : `is ${describe(raw)}, not a date`}: write it as 2024-06-20 or 2024-06-20 14:30`)
    return ''
  }
  return parsed
}

/** slug: an override of the one made from the file name */
function readSlug(fm: FrontMatter): string {
  const value = fm.data.slug
  if (value === undefined || value === null) {
    const slug = slugFromFileName(fm.file)
    const why = slug ? nameProblem(slug) : undefined
    if (!slug) {
      fm.problems.push({ file: fm.file, message: 'the file name has no letters or digits to make an address from: rename the file or add "slug: ..." to the front matter' })
    } else if (why) {
      fm.problems.push({ file: fm.file, message: `the address made from the file name ("${truncate(slug)}") ${why}: rename the file or add a shorter "slug: ..." to the front matter` })
    }
    return slug
  }
  // true or false is a slip, not an address
  const hint = 'write words joined by "-", e.g. slug: my-article'
  if (typeof value === 'boolean') fm.problem('slug', `the slug must be text, not ${describe(value)}: ${hint}`)
  const raw = typeof value === 'boolean' ? undefined : textOf(fm, 'slug', 'the slug', value, hint)
  if (raw === undefined || !wellFormed(fm, 'slug', 'the slug', raw)) return ''
  const slug = slugify(raw)
  const why = slug ? nameProblem(slug) : undefined
  if (!slug) fm.problem('slug', `the slug "${truncate(raw)}" has no letters or digits: use words separated by "-"`)
  else if (why) fm.problem('slug', `the slug "${truncate(slug)}" ${why}: choose a shorter one`)
  return slug
}

/**
 * control characters (NUL, ESC, backspace ...), which are invisible, turn into U+FFFD or
 * vanish in html and are not allowed in the feed's xml, and the bidirectional controls, which
 * make text read in another order than it is written (a title with U+202E reads backwards):
 * front matter text never carries them
 */
const INVISIBLE = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g

/** half of a surrogate pair without the other half: what YAML's "\ud800" escape makes */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function squashLine(s: string): string {
  return s.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim()
}

/** characters (code points) of a string */
function characters(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) if ((s.charCodeAt(i) & 0xfc00) !== 0xdc00) n++
  return n
}

/** the line (1-based) of a position in the text */
function countLines(text: string, position: number): number {
  let lines = 1
  for (let at = text.indexOf('\n'); at >= 0 && at < position; at = text.indexOf('\n', at + 1)) lines++
  return lines
}

function describe(v: unknown): string {
  if (v === null) return 'empty'
  if (Array.isArray(v)) return 'a list'
  if (v instanceof Date) return 'a date'
  if (typeof v === 'object') return 'a set of keys'
  return `a ${typeof v} (${truncate(String(v))})`
}

/** An http(s) URL, or a path on the site (absolute or relative), but never another scheme. */
export function isSafeImage(src: string): boolean {
  if (/[\s<>"'`\\]/.test(src) || src.startsWith('//')) return false
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(src)
  return scheme ? /^https?$/i.test(scheme[1]) && URL.canParse(src) : true
}

/**
 * A front matter date (yaml gives a Date for unquoted timestamps) as yyyy-mm-dd, or as a
 * full ISO string when it has a time. null when it does not name a real day.
 */
export function parseDate(value: unknown): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null
    const iso = value.toISOString()
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso
  }
  if (typeof value !== 'string') return null
  const s = value.trim()
  // longer than any way of writing a date and a time: not one (and the pattern below is never run over a long text)
  if (s.length > 40) return null
  const m = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(s)
  if (!m) return null
  const [, y, mo, d, h, mi, sec, zone] = m
  const day = new Date(Date.UTC(+y, +mo - 1, +d))
  if (day.getUTCFullYear() !== +y || day.getUTCMonth() !== +mo - 1 || day.getUTCDate() !== +d) return null
  const ymd = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`
  if (h === undefined) return ymd
  if (+h > 23 || +mi > 59 || (sec !== undefined && +sec > 59)) return null
  // a time without a zone is korean time, the newsroom's clock
  const tz = zone ? (zone === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : '+09:00'
  const t = new Date(`${ymd}T${h.padStart(2, '0')}:${mi}:${sec ?? '00'}${tz}`)
  return Number.isNaN(t.getTime()) ? null : t.toISOString()
}
