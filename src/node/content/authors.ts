// the authors file, content/authors.yml: who writes for the newsroom (name, slug, role,
// email, a short bio, a photo). it is optional, and it is not an article: the walk never
// lists it (its extension is not an article's), and the loader reads it on its own beside
// the articles (AuthorsFile). an article's front matter names its authors; the file fills in
// the rest after every article is read (joinAuthors), so what one article file gives, and
// what the caches keep of it, never depends on this file, and a change to this file changes
// every page that shows one of its authors at the next load without reading any article again.
// a name the file does not list still makes a byline, and a page made from the name's slug
// (see README: a reporter's articles are findable before anyone edits the file).
import { statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import matter from 'gray-matter'
import type { Article, Author, Problem } from '../../shared/types.ts'
import { MAX_AUTHOR_BIO_LENGTH, MAX_AUTHOR_NAME_LENGTH, MAX_AUTHOR_ROLE_LENGTH, MAX_AUTHORS_IN_FILE } from '../../shared/limits.ts'
import { slugify } from '../../shared/slug.ts'
import { characters, describe, isSafeImage, squashLine } from './file/fields.ts'
import { foldName, nameProblem } from './outputNames.ts'
import { truncate } from './problems.ts'

// (the file's name is findContent's: it is at the top of the content folder, never in a
// subfolder, since one newsroom has one list)
import { AUTHORS_FILE } from './findContent.ts'
export { AUTHORS_FILE }

/** characters of an email address (RFC 5321 allows 254) */
const MAX_EMAIL_LENGTH = 254

/** js-yaml's safe loader, as gray-matter reads front matter with it (no custom types, no code) */
const yaml = (matter as unknown as { engines: { yaml: { parse(source: string): unknown } } }).engines.yaml

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** What the authors file says: its authors, each valid, and its problems. */
export interface AuthorsRead {
  authors: Author[]
  problems: Problem[]
}

/**
 * Read the authors file's bytes (`file`: its path as problems name it). Pure, as parseArticle
 * is: every problem of every entry is named, and the valid entries are kept.
 */
export function parseAuthorsFile(file: string, bytes: Uint8Array): AuthorsRead {
  const fail = (message: string, line?: number): AuthorsRead => ({ authors: [], problems: [line ? { file, line, message } : { file, message }] })
  let text: string
  try {
    text = utf8.decode(bytes).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  } catch {
    // the decoder is fatal: bytes that are not UTF-8 are this problem, named
    return fail('the authors file is not valid UTF-8 (perhaps EUC-KR/CP949): open it in an editor and save it as UTF-8')
  }
  let data: unknown
  try {
    data = yaml.parse(text)
  } catch (err) {
    const e = err as { mark?: { line?: number }; reason?: string; message?: string }
    const line = typeof e.mark?.line === 'number' ? e.mark.line + 1 : 1
    return fail(`the authors file is not valid YAML: ${truncate(e.reason ?? e.message ?? String(err), 200)}; check quoting and indentation (a value with ":" or "#" needs quotes)`, line)
  }
  if (data === undefined || data === null) return { authors: [], problems: [] }
  if (!Array.isArray(data)) {
    return fail(`the authors file must be a list of authors (each line "- name: 홍길동" and its keys under it), not ${describe(data)}`, 1)
  }
  if (data.length > MAX_AUTHORS_IN_FILE) {
    return fail(`the authors file lists ${data.length.toLocaleString('en-US')} authors, more than the ${MAX_AUTHORS_IN_FILE.toLocaleString('en-US')} it may: split out those who no longer write`, 1)
  }
  return readEntries(file, data, entryLines(text))
}

/**
 * the line (1-based) of each top-level list item: a line that starts with "-". One pass
 * over the text; a list written another way ("[a, b]") has none, and its entries are named
 * on line 1.
 */
function entryLines(text: string): number[] {
  const lines: number[] = []
  let line = 1
  for (let at = 0; at < text.length; line++) {
    if (text[at] === '-' && /[ \t\n]/.test(text[at + 1] ?? '\n')) lines.push(line)
    const next = text.indexOf('\n', at)
    if (next < 0) break
    at = next + 1
  }
  return lines
}

/** every entry read, and two that share a slug (as a folder on any disk) named */
function readEntries(file: string, data: unknown[], lines: number[]): AuthorsRead {
  const problems: Problem[] = []
  const authors: Author[] = []
  const firstBySlug = new Map<string, { line: number; author: Author }>()
  const firstByName = new Map<string, number>()
  data.forEach((entry, i) => {
    const line = lines[i] ?? 1
    const note = (message: string) => problems.push({ file, line, message })
    const author = readEntry(entry, note)
    if (!author) return
    const key = foldName(author.slug)
    const seen = firstBySlug.get(key)
    if (seen) {
      note(`the author "${truncate(author.name)}" has the address "${truncate(author.slug)}", which the author "${truncate(seen.author.name)}" on line ${seen.line} has already${seen.author.slug === author.slug ? '' : ' (the two differ only in case, one folder on macOS and Windows)'}: give one of them another "slug:"`)
      return
    }
    const nameLine = firstByName.get(author.name)
    if (nameLine !== undefined) {
      note(`the author "${truncate(author.name)}" is listed already on line ${nameLine}: a byline could not tell the two apart; merge them, or tell them apart in their names (홍길동A)`)
      return
    }
    firstBySlug.set(key, { line, author })
    firstByName.set(author.name, line)
    authors.push(author)
  })
  return { authors, problems }
}

/** one entry of the file, validated; undefined (with its problems noted) when it cannot be used */
function readEntry(entry: unknown, note: (message: string) => void): Author | undefined {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    note(`an author must be a set of keys (name:, and slug:, role:, email:, bio:, photo: as needed), not ${describe(entry)}`)
    return undefined
  }
  const e = entry as Record<string, unknown>
  const text = (key: string, max: number): string => {
    const value = e[key]
    if (value === undefined || value === null) return ''
    if (typeof value !== 'string' && typeof value !== 'number') {
      note(`the author's ${key} must be text, not ${describe(value)}: write it on one line after "${key}:"`)
      return ''
    }
    const s = squashLine(String(value))
    if (characters(s) <= max) return s
    note(`the author's ${key} is ${characters(s).toLocaleString('en-US')} characters long, more than the ${max} it may have: shorten it`)
    return ''
  }
  const name = text('name', MAX_AUTHOR_NAME_LENGTH)
  if (!name) {
    note('the author has no name: add "name: 홍길동" (the name bylines write)')
    return undefined
  }
  const slug = entrySlug(name, text('slug', MAX_AUTHOR_NAME_LENGTH), note)
  if (!slug) return undefined
  return { name, slug, role: text('role', MAX_AUTHOR_ROLE_LENGTH), email: entryEmail(text('email', MAX_EMAIL_LENGTH), note), bio: text('bio', MAX_AUTHOR_BIO_LENGTH), photo: entryPhoto(text('photo', 2000), note) }
}

/** the author's address: the `slug:` given, or one made from the name; '' with a problem noted when there is none */
function entrySlug(name: string, given: string, note: (message: string) => void): string {
  const slug = slugify(given || name)
  if (!slug) {
    note(given ? `the author's slug "${truncate(given)}" has no letters or digits: use words separated by "-"` : `the author "${truncate(name)}" has no letters or digits to make an address from: add "slug: ..." (e.g. slug: hong-gildong)`)
    return ''
  }
  const why = nameProblem(slug)
  if (why) note(`the address of the author "${truncate(name)}" ("${truncate(slug)}") ${why}: give a shorter "slug:"`)
  return why ? '' : slug
}

/** an email address, shown as text and linked as mailto: only when it has the form of one */
function entryEmail(email: string, note: (message: string) => void): string {
  if (!email || /^[^\s@<>"'`\\]+@[^\s@<>"'`\\]+\.[^\s@<>"'`\\]+$/.test(email)) return email
  note(`the author's email "${truncate(email)}" is not an address: write it as name@example.com`)
  return ''
}

/** a photo, as an article's image: an http(s) URL or a path on the site */
function entryPhoto(photo: string, note: (message: string) => void): string {
  if (!photo || isSafeImage(photo)) return photo
  note(`the author's photo "${truncate(photo)}" must be an http(s) URL (https://...) or a path on this site (/images/...)`)
  return ''
}

/**
 * Each article's authors as the file knows them: an author the front matter names by a name
 * the file lists (or by the slug the file gives them) takes the file's entry; any other keeps
 * the byline its name makes. Linear in the articles' authors.
 */
export function joinAuthors(articles: readonly Article[], authors: readonly Author[]): Article[] {
  if (!authors.length) return [...articles]
  const byName = new Map(authors.map((a) => [a.name, a]))
  const bySlug = new Map(authors.map((a) => [a.slug, a]))
  return articles.map((a) => (a.authors.length ? { ...a, authors: a.authors.map((x) => byName.get(x.name) ?? bySlug.get(x.slug) ?? x) } : a))
}

/**
 * The authors file of one content folder, read again only when its time or size changes
 * (a stat per load: cheap beside the articles' own).
 */
export class AuthorsFile {
  /** what the file said when last read; nothing when there is no file */
  read: AuthorsRead = { authors: [], problems: [] }
  /** the file's time, size and inode when last read ('' when there was none): a version of what it says */
  stamp = ''

  constructor(
    /** absolute path of the content folder */
    readonly dir: string,
    /** the file's path as problems name it (relative to the project root) */
    readonly rel: string,
  ) {}

  get path(): string {
    return join(this.dir, AUTHORS_FILE)
  }

  /** Read the file again if it changed since the last call; did it (and so what the site shows)? */
  async refresh(): Promise<boolean> {
    const info = statSync(this.path, { throwIfNoEntry: false })
    const stamp = info ? `${info.mtimeMs}\0${info.size}\0${info.ino}` : ''
    if (stamp === this.stamp) return false
    this.stamp = stamp
    if (!info) this.read = { authors: [], problems: [] }
    else if (!info.isFile()) this.read = { authors: [], problems: [{ file: this.rel, message: `${AUTHORS_FILE} is not a file: the authors file must be a plain YAML file` }] }
    else this.read = await this.readNow()
    return true
  }

  /** the file parsed; a file that cannot be read (permissions, a race with its removal) is its problem */
  private async readNow(): Promise<AuthorsRead> {
    try {
      return parseAuthorsFile(this.rel, await readFile(this.path))
    } catch (err) {
      return { authors: [], problems: [{ file: this.rel, message: `could not be read: ${(err as Error).message}` }] }
    }
  }
}
