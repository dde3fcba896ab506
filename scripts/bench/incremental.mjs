// the incremental builds of a benchmark project (src/node/build/incremental/), each after one
// change to the content, with `npm run build` as an editor would run it: nothing changed, one
// article's body edited, one newest article added, one article deleted. each is timed whole
// (the node process), and its summary line says what it re-rendered and wrote.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { runTracked } from './measure.mjs'

/** the figures of the build's summary line: pages re-rendered (of all), files written and removed */
export function incrementalFigures(stdout) {
  const m =
    /incremental: re-rendered ([\d,]+) of ([\d,]+) pages(?:: ([^;]*?))?, in [\d.]+ s; ([\d,]+) files written, ([\d,]+) removed/.exec(
      stdout,
    )
  if (!m) return undefined
  const n = (s) => Number(s.replaceAll(',', ''))
  return { rerendered: n(m[1]), pages: n(m[2]), why: m[3] ?? '', written: n(m[4]), removed: n(m[5]) }
}

/** the article files of a corpus in order (newest first), without those that have a photo beside them */
async function articleFiles(content) {
  const all = await readdir(content)
  const names = all.filter((f) => f.endsWith('.txt')).sort()
  const photos = new Set(all.filter((f) => f.endsWith('.jpg')).map((f) => f.replace(/\.jpg$/, '.txt')))
  return names.filter((f) => !photos.has(f))
}

/**
 * Run the scenarios in `project` (which a full build has just left with its state). Returns,
 * for each, the wall time and the summary's figures; `log` says what runs.
 */
export async function incrementalBuilds(project, log) {
  const run = async (what) => {
    log(`incremental build: ${what}`)
    const b = await runTracked(process.execPath, ['scripts/build.mjs'], { cwd: project.dir })
    if (b.code !== 0)
      throw new Error(`the incremental build (${what}) failed:\n${b.stdout.slice(-4000)}\n${b.stderr.slice(-4000)}`)
    const figures = incrementalFigures(b.stdout)
    // (a change to the header's categories builds everything, as it must: said, not an error)
    const full = /\[news:build\] building everything: (.*)/.exec(b.stdout)?.[1]
    if (!figures && !full)
      throw new Error(`the build after "${what}" said nothing of what it did:\n${b.stdout.slice(-4000)}`)
    if (!figures) return { ms: b.ms, peakRss: b.peakRss, full }
    const written = (await readFile(join(project.dir, 'node_modules/.cache/hangul-news/deploy/written.txt'), 'utf8'))
      .split('\n')
      .filter(Boolean)
    return { ms: b.ms, peakRss: b.peakRss, ...figures, writtenPages: written.filter((f) => f.endsWith('.html')).length }
  }
  const out = {}
  out.nothing = await run('nothing changed')
  const files = await articleFiles(project.content)
  // the middle of the archive: an article on no first page of any listing
  const edited = join(project.content, files[Math.floor(files.length / 2)])
  const text = await readFile(edited, 'utf8')
  await writeFile(edited, text.replace('<p data-ke-size="size16">', '<p data-ke-size="size16">고친 문장을 덧붙였다. '))
  out.edit = await run("one article's body edited")
  // a copy of an article without a photo, dated after every other one
  const newest = (await readFile(join(project.content, files[1]), 'utf8'))
    .replace(/^title: .*$/m, 'title: "방금 들어온 속보"')
    .replace(/^date: .*$/m, 'date: 2026-11-22 10:00')
  await writeFile(join(project.content, 'zz_newest.txt'), newest)
  out.newest = await run('one newest article added')
  await rm(join(project.content, files[Math.floor(files.length / 2) + 1]))
  out.deleted = await run('one article deleted')
  return out
}
