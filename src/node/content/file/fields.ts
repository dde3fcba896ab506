// the front matter's fields validated, one function each: what an editor wrote for the
// title, categories, excerpt, feature text, image (its alt text and caption), date, slug, authors and tags, checked against what a page,
// an address and a file name can hold. each problem is noted on the front matter (with the
// key's line) and every field is read, so one pass names everything wrong with a file.
import { slugFromFileName, slugify } from '../../../shared/slug.ts'
import {
  MAX_AUTHOR_NAME_LENGTH,
  MAX_AUTHORS,
  MAX_CATEGORIES,
  MAX_CATEGORY_LENGTH,
  MAX_IMAGE_ALT_LENGTH,
  MAX_IMAGE_CAPTION_LENGTH,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  MAX_TITLE_LENGTH,
} from '../../../shared/limits.ts'
import { nameProblem } from '../outputNames.ts'
import { truncate } from '../problems.ts'
import type { FrontMatter } from './frontMatter.ts'
import { readPublishing, type PublishingFields } from './publishing.ts'
import { parseDate } from './parseDate.ts'

// (read by other modules from here, where the fields are)
export { parseDate }

/** The fields of an article that its front matter gives, validated. */
export interface Fields extends PublishingFields {
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
  /** the authors' names as written (the authors file says more of them: content/authors.ts) */
  authors: string[]
  tags: string[]
}

/**
 * Read and validate every field, in the order problems are named (title, categories,
 * excerpt, feature_text, image, date, slug, updated, draft, author, tags). A field with a problem is left empty and the
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
  return { slug, title, categories, excerpt, featureText, image, imageAlt, imageCaption, date, ...readPublishing(fm, date), ...readBylineAndTags(fm) }
}

/** the byline's names and the tags, after the other fields (kept apart so new fields merge cleanly) */
function readBylineAndTags(fm: FrontMatter): Pick<Fields, 'authors' | 'tags'> {
  return { authors: readAuthors(fm), tags: readTags(fm) }
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
  return readNameList(fm, key, { what: 'category', plural: 'categories', max: MAX_CATEGORIES, maxLength: MAX_CATEGORY_LENGTH, example: '[뉴스, 정치]', split: true })
}

/** tags: as categories are read (a list, or one line split on spaces), with their own limits */
export function readTags(fm: FrontMatter): string[] {
  const key = fm.data.tags !== undefined ? 'tags' : 'tag'
  return readNameList(fm, key, { what: 'tag', plural: 'tags', max: MAX_TAGS, maxLength: MAX_TAG_LENGTH, example: '[북한, 러시아, 정상회담]', split: true })
}

/**
 * author: one name or a list of names. One line is one name, never split on spaces as
 * categories are: "John Kim" is one person. `authors:` is read too, as Jekyll themes spell it.
 */
export function readAuthors(fm: FrontMatter): string[] {
  const key = fm.data.author !== undefined ? 'author' : 'authors'
  return readNameList(fm, key, { what: 'author', plural: 'authors', max: MAX_AUTHORS, maxLength: MAX_AUTHOR_NAME_LENGTH, example: '[홍길동, 김철수]', split: false })
}

/** how a list of names (categories, tags, authors) is read and bounded */
interface NameListRule {
  /** one of them, in a message */
  what: string
  plural: string
  /** at most this many on one article */
  max: number
  /** characters of one name */
  maxLength: number
  /** a list to show in a message */
  example: string
  /** one line is split on spaces (as jekyll reads categories and tags), not one name */
  split: boolean
}

/** a list of names, each with an address: validated for its count, length and slug, each problem noted on `fm` */
function readNameList(fm: FrontMatter, key: string, rule: NameListRule): string[] {
  const names = rawNames(fm, key, rule)
  const unique = [...new Set(names.filter(Boolean))]
  if (unique.length > rule.max) {
    fm.problem(key, `the article has ${unique.length.toLocaleString('en-US')} ${rule.plural}, more than the ${rule.max} one article may have: keep the few that say what it is about`)
    return []
  }
  return unique.filter((name) => {
    if (!wellFormed(fm, key, `the ${rule.what} "${truncate(name)}"`, name)) return false
    if (characters(name) > rule.maxLength) {
      fm.problem(key, `the ${rule.what} "${truncate(name)}" is ${characters(name).toLocaleString('en-US')} characters long, more than the ${rule.maxLength} a ${rule.what}'s name may have: shorten it`)
      return false
    }
    const slug = slugify(name)
    if (!slug) {
      fm.problem(key, `the ${rule.what} "${truncate(name)}" has no letters or digits, so it cannot have an address: rename it`)
      return false
    }
    const why = nameProblem(slug)
    if (why) fm.problem(key, `the address of the ${rule.what} "${truncate(name)}"${slug === name ? '' : ` ("${truncate(slug)}")`} ${why}: rename it`)
    return !why
  })
}

/** the names as written, each on one line; [] with a problem noted when the value is not names */
function rawNames(fm: FrontMatter, key: string, rule: NameListRule): string[] {
  const value = fm.data[key]
  if (value === undefined || value === null) return []
  if (typeof value === 'string' || typeof value === 'number') {
    const raw = textOf(fm, key, `the ${rule.plural}`, value, '')
    if (raw === undefined) return []
    const line = squashLine(raw)
    return rule.split ? line.split(' ') : [line]
  }
  if (Array.isArray(value) && value.every((c) => typeof c === 'string' || typeof c === 'number')) {
    const read = fm.typedList(key, value)
    if ('unknown' in read) {
      textOf(fm, key, `a ${rule.what}`, read.unknown, '')
      return []
    }
    return read.items.map(squashLine)
  }
  const shape = rule.split ? 'a list of names or one line of names separated by spaces' : 'a name or a list of names'
  fm.problem(key, `${rule.plural} must be ${shape}, not ${Array.isArray(value) ? 'a list holding lists or keys' : describe(value)}: write e.g. ${key}: ${rule.example}`)
  return []
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

export function squashLine(s: string): string {
  return s.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim()
}

/** characters (code points) of a string */
export function characters(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) if ((s.charCodeAt(i) & 0xfc00) !== 0xdc00) n++
  return n
}

export function describe(v: unknown): string {
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
