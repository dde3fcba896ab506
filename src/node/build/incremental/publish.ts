// an incremental build: with the state the last build left (state.ts) and the same code
// (fingerprint.ts), the content is read again (the loader's cache makes that quick), every
// output file's key is worked out from its inputs without rendering it (outputKeys.ts), and
// only the files whose key changed are made: the pages through the server bundle the last
// full build kept, on worker processes. they are staged beside dist/ and moved into it at
// the end, and the files of pages that no longer exist are removed. the result is what a
// full build of the same content writes (tests/e2e/incremental.test.ts proves it). where
// anything the bundles are made from changed, it says why and scripts/build.mjs runs the full
// build instead.
import { rm } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { acquireBuildLock } from '../output/buildLock.ts'
import { incomingFolder, recoverLeftovers, stagedOutput } from '../output/stagedOutput.ts'
import { changesDir, saveChanges } from '../output/changedFiles.ts'
import { ContentLoader } from '../../content/loadContent.ts'
import { codeVersion } from '../../content/cache/codeVersion.ts'
import { buildPolicy } from '../../content/publish.ts'
import { formatProblems, formatWarnings } from '../../content/problems.ts'
import { describeSkippedLink } from '../../content/findContent.ts'
import { PhotoSet } from '../images/photoSet.ts'
import { workerCount } from '../../utils/workerPool.ts'
import { renderTasks, taskStream } from '../renderTasks.ts'
import { writePayloadFiles } from '../writePayloads.ts'
import { buildFingerprint } from './fingerprint.ts'
import { clearState, readState, saveState, serverDir, type BuildState } from './state.ts'
import { describeRerender, outputKeys, rerenderReasons, type SiteFiles } from './outputKeys.ts'
import { applyStaged, stageFiles } from './applyChanges.ts'

export interface IncrementalOptions {
  root: string
  /** the arguments for vite-ssg build (as the last full build was given them) */
  args: readonly string[]
  /** the server renderers' urls (vue's and unhead's), resolved by the caller as native modules */
  renderers: string[]
  /** every file re-rendered, with why, and not only the summary */
  explain?: boolean
  /**
   * the fingerprint this code was bundled for (state.ts BUILDER_STAMP), when it runs from the
   * bundle a full build kept: it builds only on that build's state
   */
  builtFor?: string
  log?: (line: string) => void
}

/**
 * what this build makes; the photos it publishes; the article cache being written; the slugs
 * of the articles whose file is new or changed since the last build (the others were reused)
 */
type SiteOutput = SiteFiles & { photoSet: PhotoSet; cacheSaved: Promise<void>; edited: ReadonlySet<string> }

/** an incremental build's end: not `built` when the last build's bundles cannot be reused (why, in a line) */
export type IncrementalResult = { built: true; exitCode: number } | { built: false; reason: string }

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

/** where an incremental build's time went, phase by phase (said with --explain) */
class Phases {
  private last = performance.now()
  readonly list: Array<[string, number]> = []
  mark(name: string): void {
    const now = performance.now()
    this.list.push([name, now - this.last])
    this.last = now
  }
  toString(): string {
    return this.list.map(([name, ms]) => `${name} ${seconds(ms)}`).join(', ')
  }
}
const count = (n: number) => n.toLocaleString('en-US')

/** Build incrementally if the last build's state allows it; otherwise say why, touching nothing. */
export async function incrementalBuild(options: IncrementalOptions): Promise<IncrementalResult> {
  const { root, log = console.log } = options
  const started = performance.now()
  const phases = new Phases()
  const lock = await acquireBuildLock(root, { log })
  try {
    // what a killed build left beside dist/ (its staging or incoming folder) goes first
    const found = readState(root)
    if ('state' in found)
      for (const note of recoverLeftovers(stagedOutput(found.state.dist.path))) log(`[news:build] ${note}`)
    if ('reason' in found) return { built: false, reason: found.reason }
    const { state } = found
    // (a full build since this bundle was loaded has left another state, and its own bundle)
    if (options.builtFor !== undefined && options.builtFor !== state.fingerprint)
      return { built: false, reason: "the last full build's state is not the one this build's kept code was made for" }
    if ((await buildFingerprint(root, options.args)) !== state.fingerprint)
      return { built: false, reason: 'the code, its settings or the build arguments changed since the last build' }
    phases.mark('state and fingerprint')
    const site = await readSite(root, state, log, phases)
    if (site === undefined) return { built: true, exitCode: 1 }
    if ('reason' in site) return { built: false, reason: site.reason }
    return { built: true, exitCode: await publishChanges(state, site, options, { started, phases }) }
  } finally {
    lock.release()
  }
}

/**
 * The content as this build publishes it, and every file made from it; undefined when the
 * content has problems (said, and nothing is written); `reason` when the app's bundles
 * would differ (the header's categories changed).
 */
async function readSite(
  root: string,
  state: BuildState,
  log: (line: string) => void,
  phases: Phases,
): Promise<SiteOutput | { reason: string } | undefined> {
  const { place, base } = state
  const loader = ContentLoader.for(root, place.contentDir)
  loader.useBuildCache(place.contentCache, await codeVersion())
  const photos = new PhotoSet(
    { root, contentDir: place.contentDir, publicDir: place.publicDir || join(root, 'public') },
    place.variantsDir,
    { make: 'all', readsFile: place.photoReads },
  )
  loader.usePhotos(photos)
  const policy = buildPolicy()
  const staged = await loader.loadStaged({ withSearch: true, policy })
  const c = staged.content
  // (awaited below; a build that stops first, on a problem, leaves them unread)
  staged.related.catch(() => {})
  staged.search?.catch(() => {})
  // (their threads start before what follows takes this thread for seconds without a pause)
  await loader.threadsStarted()
  phases.mark('content read')
  for (const link of c.skippedLinks) log(`[news:content] ${describeSkippedLink(root, link)}`)
  if (c.warnings.length) log(`[news:content] ${formatWarnings(c.warnings)}`)
  if (c.problems.length) {
    console.error(`content/ has problems; fix them and build again:\n${formatProblems(c.problems)}`)
    return undefined
  }
  // written meanwhile (the articles rendered now, for the next build), awaited once dist/ is done
  const cacheSaved = loader.saveBuildCache()
  const photoProblems = await photos.finish()
  if (photoProblems.length) {
    console.error(`content/ has problems; fix them and build again:\n${formatProblems(photoProblems)}`)
    return undefined
  }
  phases.mark('photos')
  const out = await outputKeys(
    {
      related: staged.related.then((r) => r.articles),
      listed: c.articles,
      search: staged.search!,
      photos: photos.publishedNames(),
    },
    {
      site: place.site,
      base,
      publicDir: place.publicDir,
      now: new Date(policy.now),
      notFoundRoute: state.notFoundRoute,
    },
  )
  phases.mark('related lists, search index, payloads, feeds and keys')
  if (out.index !== state.index)
    return {
      reason:
        "the header's categories changed (the app's bundle holds them), so every page changes" +
        (place.site.sections ? '' : ': name them with sections in site.config.ts to keep them'),
    }
  const edited = new Set(c.articles.filter((a) => loader.freshSources.has(a.source)).map((a) => a.slug))
  return { ...out, photoSet: photos, cacheSaved, edited }
}

/** Render and write what changed, remove what is gone, and leave the new state. Returns the exit code. */
async function publishChanges(
  state: BuildState,
  out: SiteOutput,
  options: IncrementalOptions,
  { started, phases }: { started: number; phases: Phases },
): Promise<number> {
  const { root, log = console.log } = options
  const outDir = state.dist.path
  const changed = [...out.files].filter(([path, key]) => state.files[path] !== key).map(([path]) => path)
  const changedSet = new Set(changed)
  const removed = Object.keys(state.files).filter((path) => !out.files.has(path))
  const routes = out.routes.filter((route) => changedSet.has(out.pageOf.get(route)!))
  const rendering = performance.now()
  const incoming = incomingFolder(outDir)
  await rm(incoming, { recursive: true, force: true })
  try {
    if (routes.length) {
      const shell = {
        template: state.template,
        manifest: state.manifest,
        outDir: incoming,
        notFoundRoute: state.notFoundRoute,
        payloadDir: outDir,
      }
      const tasks = [...taskStream(routes, out.payloads)]
      const server = serverDir(root)
      const natives = [pathToFileURL(join(server, state.serverEntry)).href, ...options.renderers]
      const threads = Math.min(workerCount(), tasks.length)
      await renderTasks(tasks, shell, { module: join(server, 'prerender-worker.mjs'), natives, threads })
    }
    const renderedIn = performance.now() - rendering
    phases.mark('pages rendered')
    // the rest of what changed: the payloads no page reads (the search index), crawler files, photos
    const payloadsChanged = changed.filter((p) => out.payloads.files.has(p) && !out.readBy.has(p))
    await writePayloadFiles(
      incoming,
      payloadsChanged.map((p) => [p, out.payloads.files.get(p)!] as const),
    )
    await stageFiles(
      incoming,
      changed.filter((p) => out.crawler.has(p)).map((p) => [p, out.crawler.get(p)!] as const),
    )
    const photos = changed.filter((p) => out.photos.has(p)).map((p) => out.photos.get(p)!)
    await out.photoSet.writeTo(incoming, photos)
    phases.mark('other files staged')
    // from here dist/ changes: until the new state is saved, none is there (a build killed now is followed by a full one)
    clearState(root)
    const applied = await applyStaged(incoming, outDir, changed, removed)
    await saveState(root, { ...state, files: Object.fromEntries(out.files) })
    phases.mark('dist/ updated and state saved')
    await out.cacheSaved
    const lists = await saveChanges(changesDir(root), applied)
    const summary = describeRerender(rerenderReasons(routes, out.pageOf, state.files, out.edited), out.routes.length)
    log(
      `[news:build] incremental: ${summary.line}, in ${seconds(renderedIn)}; ` +
        `${count(applied.written.length)} files written, ${count(applied.removed.length)} removed, ` +
        `${count(out.files.size - changed.length)} kept as they were (${seconds(performance.now() - started)} in all; ` +
        `listed in ${relative(root, lists.written)} and ${relative(root, lists.removed)})`,
    )
    if (options.explain) {
      for (const line of summary.detail) log(`  ${line}`)
      log(`  (time: ${phases})`)
    }
    return 0
  } finally {
    await rm(incoming, { recursive: true, force: true })
  }
}
