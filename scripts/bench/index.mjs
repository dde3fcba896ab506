// npm run bench: generate corpora of korean articles, build each in a temporary copy of the
// project, and print build time, memory, output size, page weight, browser timings, the
// dev server's start and edit times, and lighthouse scores. a benchmark, not a test: run it
// on a quiet machine, read the medians, and keep BENCHMARKS.md in step.
//
//   npm run bench                                  100, 1,000 and 10,000 articles
//   npm run bench -- --sizes 100 --runs 1 --no-lighthouse --no-dev   the ci smoke
//
// flags: --sizes a,b,c   --runs n (browser runs per size, default 5)   --build-runs n
// (default 3 below 5,000 articles, else 1)   --no-warm (skip the build with the cache of the
// last one)   --no-browser --no-dev --no-lighthouse   --no-photo-budget (skip the cold build
// of the same articles without their photos)
// --lighthouse-sizes a,b (default: the largest)   --dev-size n (default: the largest)
// --keep (leave the temp projects)   --json file (default .bench/results-<time>.json)
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { cpus, totalmem } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeCorpus } from './corpus.mjs'
import { makeProject } from './project.mjs'
import { fmt, folderStats, GiB, KiB, loadAverage, median, MiB, runTracked, spread } from './measure.mjs'
import { incrementalBuilds } from './incremental.mjs'
import { SEARCH_QUERIES } from './search.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

function parseArgs(argv) {
  const opts = {
    sizes: [100, 1000, 10000],
    runs: 5,
    buildRuns: undefined,
    browser: true,
    dev: true,
    lighthouse: true,
    warm: true,
    photoBudget: true,
    keep: false,
    json: undefined,
    lighthouseSizes: undefined,
    devSize: undefined,
  }
  const list = (v) =>
    v
      .split(',')
      .map((x) => Number(x.replace(/_/g, '')))
      .filter((x) => Number.isInteger(x) && x > 0)
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i]
      if (v === undefined) throw new Error(`${a} needs a value`)
      return v
    }
    const name = a.split('=')[0]
    if (name === '--sizes') opts.sizes = list(value())
    else if (name === '--runs') opts.runs = Math.max(1, Number(value()))
    else if (name === '--build-runs') opts.buildRuns = Math.max(1, Number(value()))
    else if (name === '--lighthouse-sizes') opts.lighthouseSizes = list(value())
    else if (name === '--dev-size') opts.devSize = Number(value())
    else if (name === '--json') opts.json = value()
    else if (name === '--no-browser') opts.browser = false
    else if (name === '--no-dev') opts.dev = false
    else if (name === '--no-lighthouse') opts.lighthouse = false
    else if (name === '--no-warm') opts.warm = false
    else if (name === '--no-photo-budget') opts.photoBudget = false
    else if (name === '--keep') opts.keep = true
    else if (name === '--help' || name === '-h') {
      console.log(readHelp())
      process.exit(0)
    } else throw new Error(`unknown flag ${a} (see --help)`)
  }
  if (!opts.sizes.length) throw new Error('--sizes needs at least one number')
  opts.lighthouseSizes ??= [Math.max(...opts.sizes)]
  opts.devSize ??= Math.max(...opts.sizes)
  return opts
}

function readHelp() {
  return (
    'usage: npm run bench -- [--sizes 100,1000,10000] [--runs 5] [--build-runs n] [--no-warm] [--no-browser] [--no-dev] ' +
    '[--no-lighthouse] [--lighthouse-sizes n] [--dev-size n] [--keep] [--json file]'
  )
}

const log = (...a) => console.error('[bench]', ...a)

/** gzip sizes of the code chunks in dist/assets: the largest, and all together */
async function chunkSizes(dist, server) {
  const dir = join(dist, 'assets')
  const files = (await readdir(dir)).filter((f) => f.endsWith('.js'))
  let largest = { name: '', bytes: 0 }
  let total = 0
  for (const f of files) {
    const bytes = await server.gzipSize(join(dir, f))
    total += bytes
    if (bytes > largest.bytes) largest = { name: f, bytes }
  }
  return { largest, total, count: files.length }
}

/** the search index: what a first query loads (meta + the parts its words need) */
async function searchIndexStats(dist, server) {
  const dir = join(dist, '_data', 'search')
  if (
    !(await stat(dir).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  )
    return undefined
  const all = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = all.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
  let bytes = 0
  let gzip = 0
  for (const f of files) {
    bytes += (await stat(f)).size
    gzip += await server.gzipSize(f)
  }
  const meta = files.find((f) => /meta\.json(\.gz)?$/.test(f))
  return { files: files.length, bytes, gzip, metaGzip: meta ? await server.gzipSize(meta) : NaN }
}

/** a query on /search/: time until the first result is on screen, and what it loaded */
async function searchTiming(browser, server, query) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  await context.route(
    (url) => !url.href.startsWith(server.origin),
    (route) => route.abort(),
  )
  const page = await context.newPage()
  const from = server.log.length
  await page.goto(`${server.origin}/search/?q=${encodeURIComponent(query)}`, { waitUntil: 'load' })
  let ms = NaN
  try {
    await page.waitForSelector('#searchPageResults .search-hit__title', { timeout: 20000 })
    ms = await page.evaluate(() => performance.now())
  } catch (err) {
    // this run's timing stays NaN; why is said here, where it is known
    console.warn(`[bench] search for "${query}": no result on screen (${String(err?.message ?? err).split('\n')[0]})`)
  }
  await new Promise((r) => setTimeout(r, 500))
  const reqs = server.log.slice(from)
  await context.close()
  return { ms, searchBytes: reqs.filter((r) => r.kind === 'search').reduce((s, r) => s + r.bytes, 0) }
}

async function benchSize(n, opts, browser) {
  const result = { n }
  log(`${n} articles: copying the project and writing the corpus`)
  const project = await makeProject(ROOT, `bench-${n}`)
  try {
    const buildRuns = opts.buildRuns ?? (n < 5000 ? 3 : 1)
    const builds = []
    const build = async (what, pss, { variants = true } = {}) => {
      await project.clean({ variants })
      log(`${n} articles: ${what} (load average ${loadAverage().join(' ')})`)
      const b = await runTracked(process.execPath, ['node_modules/vite-ssg/bin/vite-ssg.js', 'build'], {
        cwd: project.dir,
        pss,
      })
      if (b.code !== 0)
        throw new Error(`the build of ${n} articles failed:\n${b.stdout.slice(-4000)}\n${b.stderr.slice(-4000)}`)
      const content =
        /\[news:content\] (\d+) articles read and rendered in ([\d.]+) s(?: \([^)]*\))?, (\d+) payload files made in ([\d.]+) s/
          .exec(b.stdout)
          ?.slice(1)
          .map(Number)
      const prerender = /\[news:prerender\] (\d+) pages in ([\d.]+) s/.exec(b.stdout)?.slice(1).map(Number)
      return {
        ms: b.ms,
        peakRss: b.peakRss,
        peakRssSum: b.peakRssSum,
        load: loadAverage()[0],
        content,
        prerender,
        photos: photoFigures(b.stdout),
      }
    }
    const seedDir = join(ROOT, 'content')
    // issue 19's budget: what the photos cost a cold build, against the same articles without
    // photos of their own (the text is the same; their lead images are then remote ones), in a
    // folder of their own that takes content/'s place for their builds, which alternate with
    // the timed cold builds (one machine's speed drifts by more than the budget's 10 %)
    const bare = join(project.dir, '.bench-content-without-photos')
    if (opts.photoBudget) await writeCorpus(bare, n, { seedDir, photos: false })
    const withoutPhotos = []
    const buildWithoutPhotos = async (what) => {
      const kept = `${project.content}-kept`
      await rename(project.content, kept)
      await rename(bare, project.content)
      try {
        withoutPhotos.push(await build(what, false))
      } finally {
        await rename(project.content, bare)
        await rename(kept, project.content)
      }
    }
    const t0 = performance.now()
    // (the corpus's photos are kept between runs: made once, they are a tenth of a second each)
    const articles = await writeCorpus(project.content, n, { seedDir, photoCache: join(ROOT, '.bench', 'photos') })
    // the articles, and apart from them the photos beside a tenth of them
    const isPhoto = (name) => name.endsWith('.jpg')
    const corpus = await folderStats(project.content, (name) => !isPhoto(name))
    const photos = await folderStats(project.content, isPhoto)
    // (files: the articles; the size counts content/authors.yml too, which is no article)
    result.corpus = {
      ...corpus,
      files: articles.length,
      photos: photos.files,
      photoBytes: photos.bytes,
      ms: performance.now() - t0,
    }

    // the photos' variants made once, as a newsroom makes them when it adds a photo (npm run
    // photos, or the dev server), into variants/, which it commits with its content
    log(`${n} articles: npm run photos (load average ${loadAverage().join(' ')})`)
    const made = await runTracked(process.execPath, ['scripts/photos.mjs'], { cwd: project.dir })
    if (made.code !== 0)
      throw new Error(
        `npm run photos failed on ${n} articles:\n${made.stdout.slice(-4000)}\n${made.stderr.slice(-4000)}`,
      )
    result.photosCommand = { ms: made.ms, ...photosCommandFigures(made.stdout) }
    // cold builds as on a fresh clone of such a repository: no build cache, variants/ there,
    // timed with only the resident sizes sampled; the peak PSS comes from one more cold build
    // sampled for it, whose own time (slowed by the sampling) is kept apart
    for (let r = 0; r < buildRuns; r++) {
      if (opts.photoBudget)
        await buildWithoutPhotos(`cold build ${r + 1}/${buildRuns} of the same articles without their photos`)
      builds.push(await build(`cold build ${r + 1}/${buildRuns}`, false))
    }
    if (withoutPhotos.length)
      result.withoutPhotos = { ms: median(withoutPhotos.map((b) => b.ms)), builds: withoutPhotos }
    // and one that makes every photo's variants itself: a repository that neither commits
    // variants/ nor keeps it between CI runs
    result.variantsMade = await build("cold build making the photos' variants (variants/ removed)", false, {
      variants: false,
    })
    const memoryBuild = await build('cold build sampled for memory (PSS)', true)
    // and once more with the cache the last build left (node_modules/.cache): an edit, a redeploy
    if (opts.warm) {
      log(`${n} articles: warm build (load average ${loadAverage().join(' ')})`)
      await rm(project.dist, { recursive: true, force: true })
      const w = await runTracked(process.execPath, ['node_modules/vite-ssg/bin/vite-ssg.js', 'build'], {
        cwd: project.dir,
      })
      if (w.code !== 0)
        throw new Error(`the warm build of ${n} articles failed:\n${w.stdout.slice(-4000)}\n${w.stderr.slice(-4000)}`)
      const content = /\[news:content\] \d+ articles read and rendered in ([\d.]+) s/.exec(w.stdout)?.[1]
      result.warm = { ms: w.ms, peakRss: w.peakRss, load: loadAverage()[0], content }
    }
    // then, with the state those builds left, `npm run build` after one change at a time
    if (opts.warm) result.incremental = await incrementalBuilds(project, (what) => log(`${n} articles: ${what}`))
    result.builds = builds
    result.buildMs = median(builds.map((b) => b.ms))
    result.memoryBuild = memoryBuild
    result.peakRss = memoryBuild.peakRss
    result.peakRssSum = Math.max(memoryBuild.peakRssSum, ...builds.map((b) => b.peakRssSum ?? 0))
    result.dist = await folderStats(project.dist)

    if (opts.browser) {
      const { serveDist } = await import('./serve.mjs')
      const server = await serveDist(project.dist)
      try {
        result.chunks = await chunkSizes(project.dist, server)
        result.search = await searchIndexStats(project.dist, server)
        const { firstVisit, navigations } = await import('./browser.mjs')
        const listing = []
        const article = []
        const navs = []
        result.articlePath = await firstArticlePath(project.dist)
        for (let r = 0; r < opts.runs; r++) {
          log(`${n} articles: browser run ${r + 1}/${opts.runs}`)
          listing.push(await firstVisit(browser, server, '/'))
          article.push(await firstVisit(browser, server, result.articlePath))
          navs.push(await navigations(browser, server, '/'))
        }
        // a phone with the CPU slowed four times: how quickly taps are answered
        log(`${n} articles: interactions, CPU slowed 4x`)
        const { interactionTimes } = await import('./interactions.mjs')
        result.interactions = await interactionTimes(browser, server, result.articlePath)
        // the listing again for a reader with Save-Data on: nothing may be fetched ahead
        const saving = await firstVisit(browser, server, '/', { saveData: true })
        result.saveDataPrefetch = saving.bytes.prefetch
        result.listing = summariseVisits(listing)
        result.article = summariseVisits(article)
        result.nav = {
          listingToArticle: median(navs.map((x) => x.listingToArticle)),
          articleToNext: median(navs.map((x) => x.articleToNext)),
          fullLoad: median(navs.map((x) => x.fullLoad)),
          fullHydrated: median(navs.map((x) => x.fullHydrated)),
          spread: {
            listingToArticle: spread(navs.map((x) => x.listingToArticle)),
            articleToNext: spread(navs.map((x) => x.articleToNext)),
          },
          errors: navs.flatMap((x) => x.errors),
        }
        if (result.search) {
          const s = []
          for (let r = 0; r < Math.min(opts.runs, 3); r++) s.push(await searchTiming(browser, server, '우크라이나'))
          result.search.firstResultMs = median(s.map((x) => x.ms))
          result.search.queryBytes = median(s.map((x) => x.searchBytes))
          // each shape of query typed on a fresh /search/: the median of the runs, by shape
          const { searchShapes } = await import('./search.mjs')
          log(`${n} articles: search, ${SEARCH_QUERIES.length} shapes of query`)
          const runs = []
          for (let r = 0; r < Math.min(opts.runs, 3); r++) runs.push(await searchShapes(browser, server))
          result.search.shapes = runs[0].map((first, i) => ({
            ...first,
            firstMs: median(runs.map((run) => run[i].firstMs)),
            keystrokeMs: median(runs.map((run) => run[i].keystrokeMs)),
          }))
        }
        if (opts.lighthouse && opts.lighthouseSizes.includes(n)) {
          log(`${n} articles: lighthouse (${LIGHTHOUSE_PAGES.map(([label]) => label).join(', ')})`)
          const { lighthouseScores } = await import('./lighthouse.mjs')
          const paths = await lighthousePaths(project.dist, result.articlePath)
          result.lighthouse = await lighthouseScores(paths.map((p) => `${server.origin}${p}`))
        }
      } finally {
        await server.close()
      }
    }
    if (opts.dev && n === opts.devSize && browser) {
      log(`${n} articles: dev server (cold start, then warm start)`)
      const { measureDev } = await import('./dev.mjs')
      await project.clean()
      result.devCold = await measureDev(browser, project)
      result.devWarm = await measureDev(browser, project)
    }
    return result
  } finally {
    if (opts.keep) log(`kept ${project.dir}`)
    else await project.remove()
  }
}

/** What `npm run photos` says (build/images/makePhotos.ts): photos, variants made, in how long, how many at a time, how many were there. */
function photosCommandFigures(stdout) {
  const m =
    /variants\/: ([\d,]+) photos?; ([\d,]+) variants? made in ([\d.]+) s \((\d+) at a time\), ([\d,]+) variants? already there/.exec(
      stdout,
    )
  if (!m) return {}
  const [photos, made, wallS, jobs, there] = m.slice(1).map((x) => Number(x.replaceAll(',', '')))
  return { photos, made, wallS, jobs, there }
}

/**
 * What the build's photo line says (plugins/contentBuildPlugin.ts): photos, variants made,
 * their making's wall time and work per photo, variants from the cache, files and bytes
 * written, time writing them and reading the photos; undefined without photos.
 */
function photoFigures(stdout) {
  const m =
    /\[news:photos\] (\d+) photos: (\d+) variants made in ([\d.]+) s \((\d+) at a time, ([\d.]+) s of work a photo made\), (\d+) from variants\/; (\d+) files \(([\d.]+) MiB\) written in ([\d.]+) s; read in ([\d.]+) s of work; the build waited ([\d.]+) s/.exec(
      stdout,
    )
  if (!m) return undefined
  const [photos, made, wallS, jobs, perPhotoS, reused, files, mib, writeS, readS, waitedS] = m.slice(1).map(Number)
  return { photos, made, wallS, jobs, perPhotoS, reused, files, mib, writeS, readS, waitedS }
}

/** the newest article's page (the listing's first card) */
/** the kinds of page lighthouse scores, with their rows' labels (issue 21: all six) */
const LIGHTHOUSE_PAGES = [
  ['listing', 'listing /'],
  ['listing page 2', 'listing /page/2/'],
  ['article', 'article'],
  ['summary', 'summary'],
  ['category', 'category page'],
  ['search', 'search with a query'],
]

/** the paths of LIGHTHOUSE_PAGES in this build: the newest article, its summary, its first category, a two-syllable query */
async function lighthousePaths(dist, articlePath) {
  const { readFile } = await import('node:fs/promises')
  const { gunzipSync } = await import('node:zlib')
  const page = JSON.parse(gunzipSync(await readFile(join(dist, '_data', 'pages', '1.json.gz'))).toString('utf8'))
  // the first category a card of the listing links to, as the page writes it
  const listing = await readFile(join(dist, 'index.html'), 'utf8')
  const category = /<article class="card"[\s\S]*?href="(\/categories\/[^"/]+\/)"/.exec(listing)?.[1] ?? '/'
  const query = `/search/?q=${encodeURIComponent('정부')}`
  return ['/', page.pageCount > 1 ? '/page/2/' : '/', articlePath, `${articlePath}excerpt/`, category, query]
}

async function firstArticlePath(dist) {
  const { readFile } = await import('node:fs/promises')
  const { gunzipSync } = await import('node:zlib')
  // payload files are stored gzip-compressed (src/shared/paths.ts)
  const page = JSON.parse(gunzipSync(await readFile(join(dist, '_data', 'pages', '1.json.gz'))).toString('utf8'))
  return `/articles/${encodeURIComponent(page.cards[0].slug)}/`
}

function summariseVisits(visits) {
  const pick = (f) => median(visits.map(f))
  return {
    bytes: Object.fromEntries(Object.keys(visits[0].bytes).map((k) => [k, pick((v) => v.bytes[k])])),
    fcp: pick((v) => v.fcp),
    load: pick((v) => v.load),
    hydrated: pick((v) => v.hydrated),
    requests: visits[0].requests.map((r) => `${r.status} ${r.kind} ${r.bytes} ${r.path}`),
    errors: visits.flatMap((v) => v.errors),
  }
}

/** one markdown table: a row per measure, a column per size */
function table(results) {
  const rows = []
  const col = (f) =>
    results.map((r) => {
      try {
        return f(r) ?? '–'
      } catch {
        // a measure this run did not take (--no-browser, --no-dev, a failed step): an empty cell
        return '–'
      }
    })
  const row = (label, f) => rows.push([label, ...col(f)])
  row(
    'corpus (files, size; photos beside them)',
    (r) =>
      `${fmt.int(r.corpus.files)}, ${fmt.bytes(r.corpus.bytes)}; ${fmt.int(r.corpus.photos)} photos, ${fmt.bytes(r.corpus.photoBytes)}`,
  )
  const runs = (r) =>
    r.builds.length > 1 ? ` (${r.builds.length} runs: ${r.builds.map((b) => fmt.s(b.ms)).join(', ')})` : ''
  row(
    'npm run photos, every photo new: wall (variants made)',
    (r) =>
      r.photosCommand &&
      `${fmt.s(r.photosCommand.ms)} (${fmt.int(r.photosCommand.photos)} photos, ${fmt.int(r.photosCommand.made)} variants made in ${r.photosCommand.wallS} s, ${r.photosCommand.jobs} at a time)`,
  )
  row('cold build (variants/ kept, as committed), wall (median)', (r) => `${fmt.s(r.buildMs)}${runs(r)}`)
  row('…of which reading + rendering articles', (r) =>
    r.builds.map((b) => (b.content ? `${b.content[1]} s` : '–')).join(', '),
  )
  row('…of which payload files (json, search index)', (r) =>
    r.builds.map((b) => (b.content ? `${fmt.int(b.content[2])} in ${b.content[3]} s` : '–')).join(', '),
  )
  row('…of which prerendering pages', (r) =>
    r.builds.map((b) => (b.prerender ? `${fmt.int(b.prerender[0])} in ${b.prerender[1]} s` : '–')).join(', '),
  )
  const photoRow = (p) =>
    p
      ? `${fmt.int(p.photos)} photos, ${fmt.int(p.made)} variants made in ${p.wallS} s (${p.jobs} at a time, ${p.perPhotoS} s a photo), ` +
        `${fmt.int(p.reused)} from variants/, ${p.waitedS} s waited for after the pages, ${p.writeS} s copying ${fmt.int(p.files)} files`
      : '–'
  row('…of which photos (alongside the rest)', (r) => r.builds.map((b) => photoRow(b.photos)).join('; '))
  row(
    "cold build making the photos' variants (variants/ removed), wall",
    (r) => r.variantsMade && `${fmt.s(r.variantsMade.ms)} (${photoRow(r.variantsMade.photos)})`,
  )
  row(
    'the same articles without their photos: cold build, wall (median, alternating with the above)',
    (r) =>
      r.withoutPhotos &&
      `${fmt.s(r.withoutPhotos.ms)}${r.withoutPhotos.builds.length > 1 ? ` (${r.withoutPhotos.builds.length} runs: ${r.withoutPhotos.builds.map((b) => fmt.s(b.ms)).join(', ')})` : ''}`,
  )
  row('load average (1 min) after each build', (r) => r.builds.map((b) => b.load.toFixed(1)).join(', '))
  row(
    'warm build (cache of the last build), wall / rendering',
    (r) => r.warm && `${fmt.s(r.warm.ms)} / ${r.warm.content} s`,
  )
  const inc = (key) => (r) => {
    const b = r.incremental?.[key]
    if (!b) return undefined
    const share = `, ${((b.ms / r.buildMs) * 100).toFixed(0)} % of the cold build`
    if (b.full) return `${fmt.s(b.ms)}${share}: a full build (${b.full})`
    return `${fmt.s(b.ms)}${share}: ${fmt.int(b.rerendered)} pages re-rendered${b.why ? ` (${b.why})` : ''}, ${fmt.int(b.written)} files written (${fmt.int(b.writtenPages)} pages), ${fmt.int(b.removed)} removed`
  }
  row('incremental build, nothing changed', inc('nothing'))
  row("incremental build, one article's body edited", inc('edit'))
  row('incremental build, one newest article added', inc('newest'))
  row('incremental build, one article deleted', inc('deleted'))
  row(
    'peak memory, build process tree (PSS; plain RSS sum)',
    (r) => `${fmt.bytes(r.peakRss)} (${fmt.bytes(r.peakRssSum)})`,
  )
  row('…the build sampled for PSS: wall (slowed by the sampling)', (r) => r.memoryBuild && fmt.s(r.memoryBuild.ms))
  row('dist/ size (bytes / on disk)', (r) => `${fmt.bytes(r.dist.bytes)} / ${fmt.bytes(r.dist.disk)}`)
  row('dist/ files', (r) => fmt.int(r.dist.files))
  row(
    'largest JS chunk (gzip)',
    (r) => r.chunks && `${fmt.bytes(r.chunks.largest.bytes)} (${r.chunks.largest.name.replace(/-[\w-]{8}\.js$/, '')})`,
  )
  row('all JS chunks (gzip, count)', (r) => r.chunks && `${fmt.bytes(r.chunks.total)}, ${r.chunks.count}`)
  const parts = (b) =>
    `${[b.html, b.js, b.css, b.data].map(fmt.bytes).join(' + ')}${b.other ? ` + ${fmt.bytes(b.other)} other` : ''}`
  for (const [key, label] of [
    ['listing', 'listing /'],
    ['article', 'article'],
  ]) {
    row(
      `${label}: first visit, gzip (html+js+css+data)`,
      (r) => r[key] && `${fmt.bytes(r[key].bytes.total)} (${parts(r[key].bytes)})`,
    )
    row(`${label}: photos of the first visit (counted apart)`, (r) => r[key] && fmt.bytes(r[key].bytes.photos))
    row(`${label}: + prefetch once idle`, (r) => r[key] && fmt.bytes(r[key].bytes.prefetch))
    row(`${label}: first contentful paint`, (r) => r[key] && fmt.ms(r[key].fcp))
    row(`${label}: load event / hydrated`, (r) => r[key] && `${fmt.ms(r[key].load)} / ${fmt.ms(r[key].hydrated)}`)
  }
  row('listing /: prefetch with Save-Data on (must be 0)', (r) => r.listing && fmt.bytes(r.saveDataPrefetch))
  row(
    'taps answered (next paint), 390 px, CPU slowed 4x',
    (r) =>
      r.interactions &&
      Object.entries(r.interactions)
        .map(([label, ms]) => `${label} ${ms ? fmt.ms(ms) : '< 16 ms'}`)
        .join(', '),
  )
  row('client nav listing → article', (r) => r.nav && fmt.ms(r.nav.listingToArticle))
  row('client nav article → next', (r) => r.nav && fmt.ms(r.nav.articleToNext))
  row(
    'full load of that article (load / hydrated)',
    (r) => r.nav && `${fmt.ms(r.nav.fullLoad)} / ${fmt.ms(r.nav.fullHydrated)}`,
  )
  row('ratio next-nav / full load (hydrated)', (r) => r.nav && (r.nav.articleToNext / r.nav.fullHydrated).toFixed(2))
  row('search index (files, gzip all, meta gzip)', (r) =>
    r.search
      ? `${fmt.int(r.search.files)}, ${fmt.bytes(r.search.gzip)}, ${fmt.bytes(r.search.metaGzip)}`
      : 'no dist/_data/search',
  )
  row(
    'search: /search/?q=우크라이나 opened, first result (from navigation) / bytes loaded',
    (r) => r.search && `${fmt.ms(r.search.firstResultMs)} / ${fmt.bytes(r.search.queryBytes)}`,
  )
  SEARCH_QUERIES.forEach(([shape, query], i) =>
    row(
      `search typed on a fresh page, ${shape} (${query}): first result / index loaded (hits) / slowest keystroke`,
      (r) => {
        const x = r.search?.shapes?.[i]
        return x && `${fmt.ms(x.firstMs)} / ${fmt.bytes(x.bytes)} (${fmt.int(x.hits)}) / ${fmt.ms(x.keystrokeMs)}`
      },
    ),
  )
  LIGHTHOUSE_PAGES.forEach(([, label], i) =>
    row(`lighthouse ${label} (perf/a11y/bp/seo)`, (r) => r.lighthouse && lhScores(r.lighthouse[i])),
  )
  const start = (d) => `${fmt.ms(d.readyMs)} / ${fmt.ms(d.listingDataMs)} / ${fmt.ms(d.listingMs)}`
  row('dev, first start: ready / listing data served / listing on screen', (r) => r.devCold && start(r.devCold))
  row('dev, second start: ready / listing data served / listing on screen', (r) => r.devWarm && start(r.devWarm))
  row(
    'dev: edit → open page (median of 3)',
    (r) => r.devWarm && `${fmt.ms(r.devWarm.editMs)} (${r.devWarm.edits.map((x) => fmt.ms(x)).join(', ')})`,
  )
  row('dev: peak memory (RSS)', (r) => r.devWarm && fmt.bytes(Math.max(r.devCold.peakRss, r.devWarm.peakRss)))
  const head = ['', ...results.map((r) => `N = ${fmt.int(r.n)}`)]
  const line = (cells) => `| ${cells.join(' | ')} |`
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n')
}

function lhScores(l) {
  if (!l) return '–'
  if (l.runtimeError) return `error: ${l.runtimeError}`
  return `${l.performance}/${l.accessibility}/${l.bestPractices}/${l.seo} (LCP ${fmt.ms(l.lcp)}, TBT ${fmt.ms(l.tbt)})`
}

/** the issue's targets for the largest size */
function targets(r) {
  if (!r) return []
  const out = [
    ['cold build < 30 s', r.buildMs < 30_000, fmt.s(r.buildMs)],
    [
      'peak memory < 1.5 GiB',
      r.peakRss < 1.5 * GiB,
      `${fmt.bytes(r.peakRss)} PSS of the build's process tree ` +
        `(plain RSS sum ${fmt.bytes(r.peakRssSum)}, which counts Chromium's shared pages once per process)`,
    ],
    ['dist/ < 300 MiB', r.dist.bytes < 300 * MiB, `${fmt.bytes(r.dist.bytes)} (${fmt.bytes(r.dist.disk)} on disk)`],
  ]
  if (r.withoutPhotos)
    out.push([
      'cold build with the photos (variants/ kept) within 10 % of the same articles without them',
      r.buildMs <= r.withoutPhotos.ms * 1.1,
      `${fmt.s(r.buildMs)} vs ${fmt.s(r.withoutPhotos.ms)} (${(((r.buildMs - r.withoutPhotos.ms) / r.withoutPhotos.ms) * 100).toFixed(1)} %)`,
    ])
  const i = r.incremental
  const cold = r.buildMs
  if (i) {
    const against = `of the cold build (${fmt.s(cold)})`
    out.push([
      `one article's body edited, then npm run build: <= 1/6 ${against}`,
      i.edit.ms <= cold / 6,
      fmt.s(i.edit.ms),
    ])
    out.push([`one newest article added: <= 1/4 ${against}`, i.newest.ms <= cold / 4, fmt.s(i.newest.ms)])
    out.push([`one article deleted: <= 1/4 ${against}`, i.deleted.ms <= cold / 4, fmt.s(i.deleted.ms)])
    out.push([
      'files written after the body edit: the pages that show that article',
      !i.edit.full && i.edit.writtenPages <= 2,
      i.edit.full
        ? `a full build: ${i.edit.full}`
        : `${fmt.int(i.edit.writtenPages)} pages, ${fmt.int(i.edit.written)} files in all (the rest: search index parts)`,
    ])
  }
  const visit = (v) => `${fmt.bytes(v.bytes.total)} (+${fmt.bytes(v.bytes.prefetch)} prefetch)`
  if (r.article) out.push(['article first visit <= 60 KiB gzip', r.article.bytes.total <= 60 * KiB, visit(r.article)])
  if (r.listing)
    out.push([
      'listing first visit <= 80 KiB gzip, with what it loads ahead once idle',
      r.listing.bytes.total + r.listing.bytes.prefetch <= 80 * KiB,
      visit(r.listing),
    ])
  if (r.interactions) {
    const slowest = Math.max(...Object.values(r.interactions))
    out.push([
      'each tap answered within 100 ms with the CPU slowed 4x',
      slowest <= 100,
      Object.entries(r.interactions)
        .map(([label, ms]) => `${label} ${ms ? fmt.ms(ms) : '< 16 ms'}`)
        .join(', '),
    ])
  }
  if (r.listing) out.push(['no prefetch with Save-Data on', r.saveDataPrefetch === 0, fmt.bytes(r.saveDataPrefetch)])
  if (r.nav) {
    const underFull = r.nav.articleToNext < r.nav.fullHydrated / 2
    out.push([
      'next-article navigation well under a full load',
      underFull,
      `${fmt.ms(r.nav.articleToNext)} vs ${fmt.ms(r.nav.fullHydrated)}`,
    ])
  }
  if (r.devWarm) {
    out.push([
      'dev: listing within a few seconds (on screen, first start)',
      r.devCold.listingMs < 5000,
      `data served at ${fmt.ms(r.devCold.listingDataMs)}, on screen at ${fmt.ms(r.devCold.listingMs)} (second start ${fmt.ms(r.devWarm.listingMs)})`,
    ])
    out.push(['dev: an edit reaches the page within a second', r.devWarm.editMs < 1000, fmt.ms(r.devWarm.editMs)])
  }
  return out
}

async function main() {
  const opts = parseArgs(process.argv.slice(2))
  const startedAt = new Date()
  const machine = {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    memory: totalmem(),
    node: process.version,
    load: loadAverage(),
  }
  log(
    `sizes ${opts.sizes.join(', ')}; ${machine.cpus} cpus, node ${machine.node}, load average ${machine.load.join(' ')}`,
  )
  let browser
  if (opts.browser || opts.dev) {
    const { launch } = await import('./browser.mjs')
    browser = await launch()
  }
  const results = []
  try {
    for (const n of opts.sizes) results.push(await benchSize(n, opts, browser))
  } finally {
    await browser?.close()
  }
  const largest = results.at(-1)
  const report = [
    `# npm run bench, ${startedAt.toISOString()}`,
    `machine: ${machine.cpus} cpus (${machine.model}), ${fmt.bytes(machine.memory)}, node ${machine.node}; ` +
      `load average at start ${machine.load.join(' ')}, at end ${loadAverage().join(' ')}`,
    `browser runs per size: ${opts.runs} (medians)`,
    '',
    table(results),
    '',
    `targets at N = ${fmt.int(largest.n)}:`,
    ...targets(largest).map(([what, ok, value]) => `  ${ok ? 'met    ' : 'NOT met'}  ${what}: ${value}`),
  ].join('\n')
  console.log(report)
  const json = opts.json ?? join(ROOT, '.bench', `results-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
  await mkdir(dirname(json), { recursive: true })
  await writeFile(json, JSON.stringify({ startedAt, machine, opts, results }, null, 2))
  log(`results written to ${json}`)
  const errors = results.flatMap((r) => [
    ...(r.listing?.errors ?? []),
    ...(r.article?.errors ?? []),
    ...(r.nav?.errors ?? []),
  ])
  if (errors.length) {
    console.error(`javascript errors in the pages:\n${errors.join('\n')}`)
    process.exitCode = 1
  }
}

main().catch((err) => {
  console.error(err?.stack ?? err)
  process.exit(1)
})
