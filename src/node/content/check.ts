// `npm run check`: read, parse, validate and render every article exactly as the build
// does, without building, and say what is wrong with which file. for editors before they
// publish and for CI. scripts/check.mjs loads this through vite (node 20 cannot run .ts).
import { stat } from 'node:fs/promises'
import { dirname, extname, join, relative, resolve } from 'node:path'
import type { Article, Problem } from '../../shared/types.ts'
import { formatStamp } from '../../shared/dates.ts'
import { ContentLoader } from './loadContent.ts'
import { describeSkippedLink, findContent } from './findContent.ts'
import { formatProblems } from './problems.ts'
import { policyFromEnv, PUBLISH_ENV } from './publish.ts'
import { PhotoSet } from '../build/images/photoSet.ts'
import { PHOTO_EXTENSIONS } from '../build/images/settings.ts'
import { commandArgs } from '../utils/commandLine.ts'

export interface CheckOptions {
  /** the project root: paths in messages are relative to it, as in the build */
  root: string
  /** the folder of articles, relative to root or absolute (default 'content') */
  dir?: string
  /** the time to check for (ms): later dates are scheduled; default NEWS_BUILD_TIME, or now */
  now?: number
}

export interface CheckResult {
  problems: Problem[]
  /** articles that a build made now would publish (drafts and scheduled ones are not) */
  articles: number
  /** drafts: left out of a build unless it is made with --drafts */
  drafts: string[]
  /** articles dated after the check's time, with that date: left out of a build until then, unless it is made with --future */
  scheduled: { source: string; date: string }[]
  /** content files found */
  files: number
  /** files in the folder that are neither articles nor photos (by extension) and so are not published */
  skipped: string[]
  /** what is published all the same but worth saying (a lead image without alt text), as `path:line: message` */
  warnings: Problem[]
  /** symbolic links that are not followed (see findContent), one line each naming the link and why */
  links: string[]
  /** 0 when every file is fine, 1 when any has a problem */
  exitCode: 0 | 1
  /** what to print: the problems in the build's `path:line: message` form, or a one-line all-clear */
  report: string
}

/** Validate a content folder the way the build would. */
export async function checkContent({ root, dir = 'content', now }: CheckOptions): Promise<CheckResult> {
  const abs = resolve(root, dir)
  // a folder outside the project is named from its parent, not with ../../
  if (relative(root, abs).startsWith('..')) root = dirname(abs)
  const shown = relative(root, abs).split('\\').join('/') || '.'
  const isDir = await stat(abs).then((s) => s.isDirectory(), () => false)
  if (!isDir) {
    const problems = [{ file: shown, message: 'there is no such folder: create it and put the articles (.txt, .html, .md) in it, or give another with --dir' }]
    return { problems, articles: 0, files: 0, skipped: [], links: [], drafts: [], scheduled: [], warnings: [], exitCode: 1, report: `${shown}/ cannot be checked:\n${formatProblems(problems)}` }
  }
  const loader = new ContentLoader(root, abs)
  // the photos are read (there, not a file, not a photo) as the build reads them, and none is made
  loader.usePhotos(new PhotoSet({ root, contentDir: abs, publicDir: join(root, 'public') }, '', { make: 'never' }))
  // every article is read, drafts and scheduled ones too, so their problems are named before they are published
  const time = now ?? policyFromEnv(process.env, Date.now()).now
  const content = await loader.load({ now: time, drafts: true, future: true })
  const { problems, files, warnings } = content
  const { published: articles, drafts, scheduled, note: waiting } = unpublished(content.articles)
  // (a photo beside an article is published with it, when the article names it)
  const others = (await findContent(abs)).others.filter((f) => !PHOTO_EXTENSIONS.has(extname(f).toLowerCase()))
  const skipped = others.map((f) => relative(root, f).split('\\').join('/'))
  const links = content.skippedLinks.map((l) => describeSkippedLink(root, l))
  // a file the build passes over is named too, in case it was meant to be an article
  const note =
    (skipped.length
      ? `\nnote: ${count(skipped.length, 'file')} in ${shown}/ ${skipped.length === 1 ? 'is' : 'are'} not an article (only .txt, .html, .md and .markdown are) and ${skipped.length === 1 ? 'is' : 'are'} not published:\n${skipped.map((f) => `  ${f}`).join('\n')}`
      : '') +
    (links.length ? `\nnote: ${count(links.length, 'symbolic link')} in ${shown}/ ${links.length === 1 ? 'is' : 'are'} not followed (only links to files and folders inside ${shown}/ are):\n${links.map((l) => `  ${l}`).join('\n')}` : '') +
    waiting +
    (warnings.length ? `\n${count(warnings.length, 'warning')} (published all the same):\n${formatProblems(warnings)}` : '')
  if (problems.length) {
    const broken = new Set(problems.map((p) => p.file)).size
    const report = [
      `${shown}/ has ${count(problems.length, 'problem')} in ${count(broken, 'file')}; fix them and check again (npm run check):`,
      formatProblems(problems),
      `(${count(articles.length, 'article')} would be published; the build stops until every problem is fixed)`,
    ].join('\n') + note
    return { problems, articles: articles.length, files: files.length, skipped, links, drafts, scheduled, warnings, exitCode: 1, report }
  }
  const report = files.length
    ? `${shown}/: ${count(articles.length, 'article')}, no problems.`
    : `${shown}/ has no articles yet (.txt, .html, .md or .markdown files); the site will be empty.`
  return { problems, articles: articles.length, files: files.length, skipped, links, drafts, scheduled, warnings, exitCode: 0, report: report + note }
}

const USAGE = `usage: npm run check [-- --dir <folder>]

Checks every article (.txt, .html, .md, .markdown) in content/ (or <folder>) the way
"npm run build" reads them, without building, and lists every problem as
"path:line: what is wrong and how to fix it". Exits 1 when there is any problem.`

/** The command line: parse arguments, check, print; resolves to the exit code. */
export async function main(argv: readonly string[], cwd = process.cwd(), out = console): Promise<number> {
  const args = commandArgs(argv, USAGE, out)
  if (typeof args === 'number') return args
  const result = await checkContent({ root: cwd, dir: args.dir })
  if (result.exitCode) out.error(result.report)
  else out.log(result.report)
  return result.exitCode
}

/**
 * The articles a build made now would publish, the drafts, the scheduled ones (oldest date
 * first, as they will appear) and the note naming the last two with when each appears.
 */
function unpublished(all: readonly Article[]): { published: Article[]; drafts: string[]; scheduled: { source: string; date: string }[]; note: string } {
  const published = all.filter((a) => !a.draft && !a.scheduled)
  const drafts = all.filter((a) => a.draft).map((a) => a.source)
  // the list is newest first: the reverse is the order in which they appear
  const scheduled = all.filter((a) => a.scheduled && !a.draft).map((a) => ({ source: a.source, date: a.date })).reverse()
  let note = ''
  if (drafts.length) {
    note += `\nnote: ${count(drafts.length, 'draft')} ${drafts.length === 1 ? 'is' : 'are'} not published (draft: true; npm run build -- --drafts builds a preview with ${drafts.length === 1 ? 'it' : 'them'}):\n${drafts.map((f) => `  ${f}`).join('\n')}`
  }
  if (scheduled.length) {
    note += `\nnote: ${count(scheduled.length, 'scheduled article')} will appear in the first build made after ${scheduled.length === 1 ? 'its' : 'each one\'s'} date (korean time; npm run build -- --future builds them now, ${PUBLISH_ENV.time} sets the time to check for):\n${scheduled.map((a) => `  ${a.source} appears from ${formatStamp(a.date)}`).join('\n')}`
  }
  return { published, drafts, scheduled, note }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}
