// parse and validate one content file. pure: (path, bytes) in, data or problems out;
// the plugin decides whether a problem stops the build or only skips the file.
import matter from 'gray-matter'
import type { Problem } from '../shared/types.ts'
import { slugFromFileName, slugify } from '../shared/slug.ts'

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
  const close = text.slice(4).search(/^---[ \t]*$/m)
  if (close < 0) {
    return fail('the front matter is not closed: add a line "---" after its last key', 1)
  }
  const frontMatterText = text.slice(4, 4 + close)

  let data: Record<string, unknown>
  let body: string
  try {
    // gray-matter is handed the front matter alone: handed the whole file, it copied all of it
    // into a buffer and sliced it about, a third of the dev server's estimate of an article.
    // the body is cut where gray-matter cuts it: after the first "\n---" (there is one: the
    // closing line was found above), less one line break
    const end = text.indexOf('\n---', 3) + 4
    // options are passed so gray-matter does not cache every file's text in memory
    const parsed = matter(text.slice(0, end), { excerpt: false })
    data = (parsed.data ?? {}) as Record<string, unknown>
    body = text.slice(end)
    if (body[0] === '\r') body = body.slice(1)
    if (body[0] === '\n') body = body.slice(1)
  } catch (err) {
    const e = err as { mark?: { line?: number }; reason?: string; message?: string }
    // js-yaml counts lines from 0 in the text after the opening "---", which gray-matter
    // hands over with the rest of line 1 (its newline) first: line 0 is the file's line 1
    const line = typeof e.mark?.line === 'number' ? e.mark.line + 1 : 1
    return fail(`invalid YAML in the front matter: ${e.reason ?? e.message ?? String(err)}; check quoting and indentation (a value with ":" or "#" needs quotes)`, line)
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail('the front matter must be a set of "key: value" lines', 2)
  }

  const problems: Problem[] = []
  const lineOf = (key: string): number => {
    const lines = frontMatterText.split('\n')
    const at = lines.findIndex((l) => new RegExp(`^${key}\\s*:`).test(l))
    return at < 0 ? 1 : at + 2
  }
  const problem = (key: string, message: string) => problems.push({ file, line: lineOf(key), message })

  // title: required, a non-empty string
  let title = ''
  if (data.title === undefined || data.title === null) {
    problems.push({ file, line: 1, message: 'the title is missing: add "title: ..." to the front matter' })
  } else if (typeof data.title !== 'string') {
    problem('title', `the title must be text, not ${describe(data.title)}: put it in quotes, e.g. title: "..."`)
  } else if (!data.title.trim()) {
    problem('title', 'the title is empty: write the article\'s headline after "title:"')
  } else {
    title = squashLine(data.title)
  }

  // categories: a list, or space-separated names as jekyll reads them
  let categories: string[] = []
  const rawCategories = data.categories ?? data.category
  if (rawCategories === undefined || rawCategories === null) {
    categories = []
  } else if (typeof rawCategories === 'string') {
    categories = squashLine(rawCategories).split(' ').filter(Boolean)
  } else if (Array.isArray(rawCategories) && rawCategories.every((c) => typeof c === 'string' || typeof c === 'number')) {
    categories = rawCategories.map((c) => squashLine(String(c))).filter(Boolean)
  } else {
    problem(data.categories !== undefined ? 'categories' : 'category', `categories must be a list of names or one line of names separated by spaces, not ${Array.isArray(rawCategories) ? 'a list holding lists or keys' : describe(rawCategories)}: write e.g. categories: [뉴스, 정치]`)
  }
  categories = [...new Set(categories)].filter((c) => {
    if (slugify(c)) return true
    problem('categories', `the category "${c}" has no letters or digits, so it cannot have an address: rename it`)
    return false
  })

  const optionalText = (key: string): string => {
    const v = data[key]
    if (v === undefined || v === null) return ''
    if (typeof v === 'string') return v.trim()
    if (typeof v === 'number' || typeof v === 'boolean') return String(v)
    problem(key, `${key} must be text, not ${describe(v)}: write it on one line after "${key}:", in quotes if it looks like a list, a date or has ": " in it`)
    return ''
  }
  const excerpt = squashLine(optionalText('excerpt'))
  const featureText = squashLine(optionalText('feature_text'))

  // image: an http(s) url or a path on the site
  let image = ''
  // a number or true/false is a slip, not an address
  if (typeof data.image === 'number' || typeof data.image === 'boolean') {
    problem('image', `the image must be an address, e.g. image: "https://...", not ${describe(data.image)}`)
  } else {
    image = optionalText('image')
  }
  if (image && !isSafeImage(image)) {
    problem('image', `the image "${truncate(image)}" must be an http(s) URL (https://...) or a path on this site (/images/...)`)
    image = ''
  }

  // date: optional, but when present it must parse
  let date = ''
  if (data.date !== undefined && data.date !== null && data.date !== '') {
    // js-yaml turns an unquoted 2024-13-45 into a real day by overflow (2025-02-14) and reads
    // a time without a zone as utc; what the editor wrote is what counts
    const rawDate = data.date instanceof Date ? (rawScalar(frontMatterText, 'date') ?? data.date) : data.date
    const parsed = parseDate(rawDate)
    if (parsed === null) {
      problem('date', `the date ${typeof rawDate === 'string' ? `${JSON.stringify(rawDate)} is not a date` : `is ${describe(rawDate)}, not a date`}: write it as 2024-06-20 or 2024-06-20 14:30`)
    } else {
      date = parsed
    }
  }

  // slug: an override of the one made from the file name
  let slug = slugFromFileName(file)
  if (data.slug !== undefined && data.slug !== null) {
    if (typeof data.slug !== 'string' && typeof data.slug !== 'number') {
      problem('slug', `the slug must be text, not ${describe(data.slug)}: write words joined by "-", e.g. slug: my-article`)
    } else if (!slugify(String(data.slug))) {
      problem('slug', `the slug "${truncate(String(data.slug))}" has no letters or digits: use words separated by "-"`)
    } else {
      slug = slugify(String(data.slug))
    }
  }
  if (!slug) {
    problems.push({ file, message: 'the file name has no letters or digits to make an address from: rename the file or add "slug: ..." to the front matter' })
  }

  if (problems.length) return { ok: false, problems }

  const bodyStart = text.length - body.length
  const bodyLine = text.slice(0, bodyStart).split('\n').length
  return {
    ok: true,
    article: { file, slug, title, categories, excerpt, featureText, image, date, format: formatOf(file), body, bodyLine },
  }
}

/** the text of a one-line `key: value` in the front matter, without quotes or a comment */
function rawScalar(frontMatter: string, key: string): string | undefined {
  const m = new RegExp(`^${key}[ \\t]*:[ \\t]*(.*)$`, 'm').exec(frontMatter)
  if (!m) return undefined
  const v = m[1].replace(/[ \t]+#.*$/, '').trim()
  return /^(['"]).*\1$/.test(v) ? v.slice(1, -1) : v || undefined
}

function squashLine(s: string): string {
  // control characters (NUL, ESC, backspace ...) are invisible, turn into U+FFFD or vanish in
  // html, and are not allowed in the feed's xml: front matter text never carries them
  return s.replace(/[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/g, '').replace(/\s+/g, ' ').trim()
}

function truncate(s: string, n = 60): string {
  return s.length > n ? `${s.slice(0, n)}…` : s
}

function describe(v: unknown): string {
  if (v === null) return 'empty'
  if (Array.isArray(v)) return 'a list'
  if (v instanceof Date) return 'a date'
  if (typeof v === 'object') return 'a set of keys'
  return `a ${typeof v} (${String(v)})`
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
