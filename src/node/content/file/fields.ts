// the front matter's fields validated, one function each: what an editor wrote for the
// title, categories, excerpt, feature text, image (its alt text and caption), date and slug, checked against what a page,
// an address and a file name can hold. each problem is noted on the front matter (with the
// key's line) and every field is read, so one pass names everything wrong with a file.
import { slugFromFileName, slugify } from '../../../shared/slug.ts'
import { MAX_CATEGORIES, MAX_CATEGORY_LENGTH, MAX_IMAGE_ALT_LENGTH, MAX_IMAGE_CAPTION_LENGTH, MAX_TITLE_LENGTH } from '../../../shared/limits.ts'
import { nameProblem } from '../outputNames.ts'
import { truncate } from '../problems.ts'
import type { FrontMatter } from './frontMatter.ts'

/** The fields of an article that its front matter gives, validated. */
export interface Fields {
  slug: string
  title: string
  categories: string[]
  excerpt: string
  featureText: string
  image: string
  /** the lead image's alt text ('' when none: the image is decorative, and a warning says so) */
  imageAlt: string
  /** the lead image's caption and credit, shown under it ('' when none) */
  imageCaption: string
  /** yyyy-mm-dd, or a full ISO timestamp when the front matter gives a time; '' when absent */
  date: string
}

/**
 * Read and validate every field, in the order problems are named (title, categories,
 * excerpt, feature_text, image, date, slug). A field with a problem is left empty and the
 * problem noted on `fm`: the caller refuses the file when there is any.
 */
export function readFields(fm: FrontMatter): Fields {
  const title = readTitle(fm)
  const categories = readCategories(fm)
  const excerpt = squashLine(optionalText(fm, 'excerpt'))
  const featureText = squashLine(optionalText(fm, 'feature_text'))
  const image = readImage(fm)
  const imageAlt = readImageText(fm, 'image_alt', 'the image\'s alt text', MAX_IMAGE_ALT_LENGTH, 'say what the photo shows in a sentence or two')
  const imageCaption = readImageText(fm, 'image_caption', 'the image\'s caption', MAX_IMAGE_CAPTION_LENGTH, 'keep the caption and the credit')
  if (image && !imageAlt && fm.data.image_alt === undefined) {
    fm.warning(
      'image',
      'the image has no image_alt, so it is shown as decorative (alt="") and a reader who cannot see it is told nothing: ' +
        'add "image_alt: ..." saying what the photo shows',
    )
  }
  const date = readDate(fm)
  const slug = readSlug(fm)
  return { slug, title, categories, excerpt, featureText, image, imageAlt, imageCaption, date }
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

/**
 * image_alt and image_caption: one line of text, as a title is (control and bidirectional
 * characters out, white space squashed), at most `max` characters; `fix` says how to shorten it
 */
function readImageText(fm: FrontMatter, key: string, what: string, max: number, fix: string): string {
  const text = squashLine(optionalText(fm, key))
  if (characters(text) > max) {
    fm.problem(key, `${what} is ${characters(text).toLocaleString('en-US')} characters long, more than the ${max.toLocaleString('en-US')} it may have: ${fix}`)
    return ''
  }
  return text
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
