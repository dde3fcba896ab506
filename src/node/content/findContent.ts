// which files and folders under content/ are content: the one walk the build, `npm run check`,
// the dev server's loader and its watcher all make, so that each follows the same rule for
// symbolic links. a link is followed only when its real path is a file or folder inside
// content/'s real path, and only once per real file or folder: anything else (a link out of
// content/, one that points at nothing, a loop of links, a second name for a folder already
// read) is skipped and named, so an editor's link never publishes a file from elsewhere on the
// machine and a link to a parent folder never makes the walk endless.
import type { Dirent } from 'node:fs'
import { readdir, realpath, stat } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { CONTENT_EXTENSIONS } from './file/parseArticle.ts'

/** A symbolic link under content/ that is not followed (or a path through one that is not read again), and why. */
export interface SkippedLink {
  /** its absolute path, as it is named under content/ */
  path: string
  reason: 'outside' | 'dangling' | 'loop' | 'again' | 'unreadable' | 'special'
  /** where it points, when that is known (absolute) */
  target?: string
}

export interface ContentTree {
  /** absolute paths of the article files (by extension), in code-point order */
  files: string[]
  /** absolute paths of the folders read, content/ first: the ones to watch */
  folders: string[]
  /** absolute paths of the other files (not articles, not hidden), for `npm run check` to name */
  others: string[]
  /** the links not followed, in the order they were judged */
  skipped: SkippedLink[]
}

/** Is this path (best the part below content/) an article file by its extension, and not hidden? */
export function isContentFile(path: string): boolean {
  const lower = path.toLowerCase()
  return CONTENT_EXTENSIONS.some((ext) => lower.endsWith(ext)) && !isHidden(path)
}

/**
 * the authors file's name, at the top of content/ (see authors.ts): data the site is built
 * from, but not an article, so the walk lists it neither as one nor among the files that are
 * not published
 */
export const AUTHORS_FILE = 'authors.yml'

/** Is this path (the part below content/) the authors file? */
export function isAuthorsFile(path: string): boolean {
  return path === AUTHORS_FILE
}

/** a hidden file or folder anywhere in the path (.git, .DS_Store, an editor's swap file): never content */
const isHidden = (path: string) => /(^|[\\/])\./.test(path)

const compareCodePoints = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Walk `dir` (content/) and the folders in it, following symbolic links only to files and
 * folders inside `dir`'s real path, each real file and folder once. A missing `dir` is an
 * empty tree; a folder inside it that cannot be read fails the walk as it would fail a build.
 */
export async function findContent(dir: string): Promise<ContentTree> {
  const tree: ContentTree = { files: [], folders: [], others: [], skipped: [] }
  let top: string
  try {
    top = await realpath(dir)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return tree
    throw err
  }
  const walk: Walk = { dir, tree, seen: new Set<string>([top]), links: [] }
  const inside = (real: string) => real === top || real.startsWith(top + sep)
  await readFolders(walk, dir, top, false)
  // the links in name order, those met in the folders they lead to after them
  while (walk.links.length) {
    const batch = walk.links.sort(compareCodePoints)
    walk.links = []
    for (const link of batch) {
      const next = await followLink(link, inside, walk.seen)
      if ('skipped' in next) tree.skipped.push(next.skipped)
      else if (next.folder) await readFolders(walk, link, next.real, true)
      else addFile(walk, link)
    }
  }
  tree.files.sort(compareCodePoints)
  tree.others.sort(compareCodePoints)
  return tree
}

/** one walk under way */
interface Walk {
  /** the content folder, as it is named */
  dir: string
  /** what the walk found so far */
  tree: ContentTree
  /** real paths of the folders and files read already: each is read under one name only */
  seen: Set<string>
  /** the symbolic links met and not judged yet */
  links: string[]
}

/** a file found: an article by its extension, or another file (for npm run check to name) */
function addFile(walk: Walk, path: string): void {
  const rel = relative(walk.dir, path)
  if (isAuthorsFile(rel)) return
  const list = isContentFile(rel) ? walk.tree.files : walk.tree.others
  list.push(path)
}

/**
 * Read a folder and the folders in it (not links: those go to `walk.links`, to be judged by
 * followLink). `linked`: the folder is a link's; one that cannot be read is then skipped and
 * named, as any link that leads nowhere readable, where a folder of content/'s own fails the walk.
 */
async function readFolders(walk: Walk, path: string, real: string, linked: boolean): Promise<void> {
  const stack = [{ path, real }]
  for (let folder = stack.pop(); folder; folder = stack.pop()) {
    let entries: Dirent[]
    try {
      entries = await readdir(folder.path, { withFileTypes: true })
    } catch (err) {
      // (a folder removed since its parent was read is simply not there)
      if (folder.path !== walk.dir && (err as NodeJS.ErrnoException).code === 'ENOENT') continue
      if (!linked) throw err
      walk.tree.skipped.push({ path: folder.path, reason: 'unreadable', target: folder.real })
      continue
    }
    walk.tree.folders.push(folder.path)
    for (const e of entries) {
      if (isHidden(e.name)) continue
      const entry = { path: join(folder.path, e.name), real: join(folder.real, e.name) }
      if (e.isSymbolicLink()) walk.links.push(entry.path)
      else if (!e.isDirectory() && !e.isFile()) continue
      // (a folder reached through a link may hold what another link led to already)
      else if (walk.seen.has(entry.real)) walk.tree.skipped.push({ path: entry.path, reason: 'again', target: entry.real })
      else {
        walk.seen.add(entry.real)
        if (e.isDirectory()) stack.push(entry)
        else addFile(walk, entry.path)
      }
    }
  }
}

/**
 * Where one link leads, by the rule above: a file or folder to read under the link's name
 * (its real path is then taken as seen), or why it is skipped.
 */
async function followLink(link: string, inside: (real: string) => boolean, seen: Set<string>): Promise<{ real: string; folder: boolean } | { skipped: SkippedLink }> {
  let real: string
  try {
    real = await realpath(link)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    return { skipped: { path: link, reason: code === 'ELOOP' ? 'loop' : code === 'ENOENT' ? 'dangling' : 'unreadable' } }
  }
  if (!inside(real)) return { skipped: { path: link, reason: 'outside', target: real } }
  if (seen.has(real)) return { skipped: { path: link, reason: 'again', target: real } }
  // (gone since realpath, or not readable: the link leads nowhere readable)
  const s = await stat(real).catch(() => undefined)
  if (!s) return { skipped: { path: link, reason: 'unreadable', target: real } }
  if (!s.isFile() && !s.isDirectory()) return { skipped: { path: link, reason: 'special', target: real } }
  seen.add(real)
  return { real, folder: s.isDirectory() }
}

/** longest piece of a path a warning shows (each end of a longer one) */
const SHOWN = 120

/** a path as a warning shows it: relative to `root`, control characters escaped, at most about 2 x SHOWN characters */
function shown(root: string, path: string): string {
  const rel = relative(root, path).split(sep).join('/')
  const name = rel && !rel.startsWith('..') ? rel : path
  // a file name may hold a newline or a terminal escape: one warning stays one plain line
  // eslint-disable-next-line no-control-regex
  const plain = name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return plain.length > 2 * SHOWN ? `${plain.slice(0, SHOWN)}…${plain.slice(-SHOWN)}` : plain
}

/** One line saying which link was not followed and why, paths relative to `root` (the project). */
export function describeSkippedLink(root: string, link: SkippedLink): string {
  const to = link.target === undefined ? '' : ` (${shown(root, link.target)})`
  const why = {
    outside: `is a symbolic link that points outside the content folder${to}`,
    dangling: 'is a symbolic link that points to nothing',
    loop: 'is a symbolic link in a loop of links',
    again: `is a second name, through a symbolic link, for what is read already${to}: a loop, or a link to it twice`,
    unreadable: `is reached through a symbolic link and cannot be read${to}`,
    special: `is a symbolic link to something that is neither a file nor a folder${to}`,
  }[link.reason]
  return `${shown(root, link.path)} ${why}: skipped, not published`
}
