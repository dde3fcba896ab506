// `npm run photos`: make the variants of every photo the articles use (drafts' and scheduled
// ones' too) that variants/ does not hold yet, as a build would make them, and say what it
// made. a photo costs about a quarter of a second of a core, so a newsroom pays it once, when
// the photo is added, and commits variants/ with the article: a build on a fresh clone then
// makes none (README, *Photos*). `--prune` removes the variants no article uses any more.
// scripts/photos.mjs loads this through vite (node 20 cannot run .ts).
import { join, resolve } from 'node:path'
import type { Problem } from '../../../shared/types.ts'
import { ContentLoader } from '../../content/loadContent.ts'
import { formatProblems } from '../../content/problems.ts'
import { PhotoSet, type PhotoStats } from './photoSet.ts'
import { VARIANTS_DIR } from './settings.ts'
import { commandArgs } from '../../utils/commandLine.ts'
import { cachePath } from '../../utils/cacheFolder.ts'

export interface MakePhotosOptions {
  /** the project root */
  root: string
  /** the folder of articles, relative to root (default 'content') */
  dir?: string
  /** remove the variants no article uses */
  prune?: boolean
  /** photos made at a time (default: HANGUL_IMAGE_JOBS, or one per core) */
  jobs?: number
}

export interface MakePhotosResult {
  stats: PhotoStats
  /** the files of variants/ no article uses (removed with `prune`) */
  unused: string[]
  /** the content's problems: a photo that is not there or cannot be read among them */
  problems: Problem[]
  exitCode: 0 | 1
  report: string
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`

/** Make every missing variant of the photos `dir`'s articles use. */
export async function makePhotos({
  root,
  dir = 'content',
  prune = false,
  jobs,
}: MakePhotosOptions): Promise<MakePhotosResult> {
  const contentDir = resolve(root, dir)
  const loader = new ContentLoader(root, contentDir)
  const photos = new PhotoSet({ root, contentDir, publicDir: join(root, 'public') }, resolve(root, VARIANTS_DIR), {
    make: 'all',
    jobs,
    readsFile: cachePath(root, 'photo-reads.json'),
  })
  loader.usePhotos(photos)
  // every article, drafts and scheduled ones too: their photos are published with them
  const content = await loader.load({ now: Date.now(), drafts: true, future: true })
  const problems = [...content.problems, ...(await photos.finish())]
  const unused = await photos.unused()
  // (not while an article's photo is missing or unreadable: its variants would look unused)
  const pruned = prune && !problems.length
  if (pruned) for (const name of unused) await photos.cache.remove(name)

  const s = photos.stats
  const lines = [
    `${VARIANTS_DIR}/: ${plural(s.photos, 'photo')}; ${plural(s.made, 'variant')} made in ${(s.makeWallMs / 1000).toFixed(1)} s ` +
      `(${photos.jobs} at a time), ${plural(s.reused, 'variant')} already there.`,
  ]
  if (s.made)
    lines.push(
      `Commit ${VARIANTS_DIR}/ with the articles (git add ${VARIANTS_DIR}), so a build on a fresh clone makes none.`,
    )
  if (unused.length)
    lines.push(
      pruned
        ? `Removed ${plural(unused.length, 'file')} no article uses.`
        : `${plural(unused.length, 'file')} in ${VARIANTS_DIR}/ ${unused.length === 1 ? 'is' : 'are'} used by no article: ` +
            (prune ? 'not removed while there are problems.' : 'npm run photos -- --prune removes them.'),
    )
  if (problems.length)
    lines.push(
      `${plural(problems.length, 'problem')} (every photo that could be made was; fix them and run npm run photos again):`,
      formatProblems(problems),
    )
  return { stats: s, unused, problems, exitCode: problems.length ? 1 : 0, report: lines.join('\n') }
}

const USAGE = `usage: npm run photos [-- --prune] [-- --dir <folder>]

Makes the variants (AVIF and WebP at a few widths, and a JPEG copy of a photo beside an
article) of every photo the articles in content/ use, drafts and scheduled ones too, that
${VARIANTS_DIR}/ does not hold yet. Commit ${VARIANTS_DIR}/ with the articles: a build then makes
only the variants of photos added since. --prune removes the variants no article uses.`

/** The command line: parse arguments, make, print; resolves to the exit code. */
export async function main(argv: readonly string[], cwd = process.cwd(), out = console): Promise<number> {
  const args = commandArgs(argv, USAGE, out, ['--prune'])
  if (typeof args === 'number') return args
  const result = await makePhotos({ root: cwd, dir: args.dir, prune: args.switches.has('--prune') })
  if (result.exitCode) out.error(result.report)
  else out.log(result.report)
  return result.exitCode
}
