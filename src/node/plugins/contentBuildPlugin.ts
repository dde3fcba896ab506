// the build's content: every article read and rendered in buildStart (the loader reuses what
// the last build rendered from the same files), problems fail the build, and the payload
// files are made while vite goes on with the client and server builds, then handed to the
// prerender step (plugins/prerender.ts), which writes them.
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Plugin } from 'vite'
import type { ContentLoader } from '../content/loadContent.ts'
import type { Content } from '../content/types.ts'
import { codeVersion } from '../content/cache/codeVersion.ts'
import { buildPolicy } from '../content/publish.ts'
import { formatProblems, formatWarnings } from '../content/problems.ts'
import { BuildPayloads, routes, withPhotoHtml } from '../build/payloads.ts'
import { publishBuild } from '../build/bridge.ts'
import { buildRecord } from '../build/incremental/record.ts'
import type { ContentContext } from './contentContext.ts'

const seconds = (t: number) => `${(t / 1000).toFixed(1)} s`

type Staged = Awaited<ReturnType<ContentLoader['loadStaged']>>

/**
 * The client build's payload files, once the related lists and the search index are in: the
 * listings' made, the articles' to be made by the prerender step (see BuildPayloads). `c`:
 * the content read and rendered; `started`: when reading began, for the build's log.
 */
function stagePayloads(
  ctx: ContentContext,
  { related, search }: Staged,
  c: Content,
  started: number,
): Promise<BuildPayloads> {
  const { config, loader, site } = ctx
  const loaded = performance.now()
  const payloads = Promise.all([related, search]).then(([full, searchFiles]) => {
    const made = performance.now()
    const files = new BuildPayloads(withPhotoHtml(full.articles, config.base), site, searchFiles)
    const reused = loader.reusedCount ? `${loader.reusedCount} as the last build left them, ` : ''
    config.logger.info(
      `[news:content] ${c.articles.length} articles read and rendered in ${seconds(loaded - started)} ` +
        `(${reused}sanitized in ${loader.renderedIn}), ` +
        `${files.size} payload files made in ${seconds(performance.now() - made)} ` +
        `(the articles' as their pages are rendered; related lists and search index in ${seconds(made - loaded)}, ` +
        `alongside the client and server builds)`,
    )
    return files
  })
  // the prerender step awaits them and fails the build on a rejection; a build that stops
  // before then never asks, and its own error is the one to show
  payloads.catch(() => {})
  return payloads
}

export function contentBuildPlugin(ctx: ContentContext): Plugin {
  /** the content, then its related lists and search index (loadStaged), read once per build */
  let staged: ReturnType<ContentLoader['loadStaged']> | undefined
  /**
   * The payload files, made by the client build once the related lists and the search index
   * are in (on other threads, while vite goes on with the client and server builds), and
   * handed to the prerender step.
   */
  let payloads: Promise<BuildPayloads> | undefined

  /**
   * every article this build publishes, rendered (the related lists and the search index to
   * come, see staged): drafts and scheduled articles are left out unless the build is made
   * with --drafts or --future (buildPolicy, one policy and one build time for the whole build)
   */
  async function load(): Promise<Content> {
    return (ctx.content = (
      await (staged ??= ctx.loader.loadStaged({ withSearch: !ctx.config.build.ssr, policy: buildPolicy() }))
    ).content)
  }

  return {
    name: 'news:content-build',
    apply: 'build',
    enforce: 'pre',

    async buildStart() {
      const { config, loader } = ctx
      const started = performance.now()
      // a build reuses what the last one rendered from the same files (node_modules/.cache)
      if (!config.build.ssr && !ctx.loading) {
        const contentCache = ctx.cacheFile('build-content.bin')
        // (the json lines the cache was before: tens of megabytes no build reads any more)
        rmSync(ctx.cacheFile('build-content.jsonl'), { force: true })
        loader.useBuildCache(contentCache, (ctx.code = await codeVersion()))
        // (for the next build, which reads the content where this one did: incremental/state.ts)
        const place = { contentDir: ctx.contentDir(), publicDir: config.publicDir, site: ctx.site, contentCache }
        buildRecord().place = {
          ...place,
          variantsDir: ctx.variantsDir(),
          photoReads: ctx.cacheFile('photo-reads.json'),
        }
      }
      ctx.loading ??= load()
      const c = await ctx.loading
      if (!config.build.ssr) {
        payloads = stagePayloads(ctx, await staged!, c, started)
        // written while the server build and the prerender run (this thread is idle then)
        void loader.saveBuildCache()
      }
      for (const f of c.files) this.addWatchFile(f)
      // (once: the server build reads the same content)
      if (!config.build.ssr) ctx.reportLinks(c.skippedLinks, (line) => config.logger.warn(line))
      if (!config.build.ssr && c.warnings.length) config.logger.warn(`[news:content] ${formatWarnings(c.warnings)}`)
      if (c.problems.length) {
        this.error(`content/ has problems; fix them and build again:\n${formatProblems(c.problems)}`)
      }
    },

    writeBundle(output) {
      const { config, content } = ctx
      if (config.build.ssr || !content || !payloads) return
      // not emitted: tens of thousands of assets through the bundler would cost seconds and a
      // second copy of them in memory, so the prerender step writes them, each on the thread
      // that renders the pages reading it
      const outDir = output.dir ?? resolve(config.root, config.build.outDir)
      publishBuild({ outDir, routes: routes(content.articles, ctx.site), payloads })
      payloads = undefined
    },
  }
}
