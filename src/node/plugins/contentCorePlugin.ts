// the content's virtual modules, in the dev server and the build alike: the site index every
// page loads (`virtual:news/index`), and the payload reader prerendering uses
// (`virtual:news/ssr-data`). the content itself is read by the build's plugin
// (contentBuildPlugin.ts) or the dev server's (contentDevPlugin.ts).
import { fileURLToPath } from 'node:url'
import { normalizePath, type Plugin } from 'vite'
import {
  RESOLVED_INDEX_ID,
  RESOLVED_SSR_DATA_ID,
  VIRTUAL_INDEX_ID,
  VIRTUAL_SSR_DATA_ID,
} from '../../shared/moduleIds.ts'
import { ContentLoader } from '../content/loadContent.ts'
import type { Content } from '../content/types.ts'
import { siteIndex, siteIndexModule } from '../build/payloads.ts'
import { buildRecord } from '../build/incremental/record.ts'
import { readBuild } from '../build/bridge.ts'
import type { ContentContext } from './contentContext.ts'

/** the module the server build reads payloads with (the ssr data module re-exports its reader) */
const PAYLOAD_READER = normalizePath(fileURLToPath(new URL('../build/readPayload.ts', import.meta.url)))

/**
 * The client build has no payload files to read: the app reads payloads from the files only
 * while prerendering, and in the browser fetches them, so its ssr data module only says so.
 */
const CLIENT_SSR_DATA = `export function readPayload() {\n  throw new Error('payloads are read from files only while prerendering')\n}\n`

export function contentCorePlugin(ctx: ContentContext): Plugin {
  /** the site index module: the settings, the header's categories, and in dev the version every payload url carries */
  function indexModule(c: Content): string {
    // (a build's has no version: the same module whatever the articles, but for the header's categories)
    const index = siteIndex(c.articles, ctx.site, ctx.isBuild ? '' : ctx.loader.stamp())
    // a build writes no payload per article (its page is its data: client/data/data.ts); the dev server answers them
    const problems = ctx.isBuild ? [] : c.problems
    const text = siteIndexModule(index, problems, !ctx.isBuild)
    // the app is bundled with it: the next build can reuse the bundles only while it is the same
    if (ctx.isBuild) buildRecord().index = text
    return text
  }

  /**
   * The ssr data module. Prerendering (in this process or in worker processes) reads the
   * payload files the client build has just written, or the ones the prerender step hands a
   * renderer in memory (see build/readPayload.ts); the output folder is the client build's.
   */
  function ssrDataModule(): string {
    if (!ctx.config.build.ssr) return CLIENT_SSR_DATA
    return `import { payloadReader } from ${JSON.stringify(PAYLOAD_READER)}\nexport const readPayload = payloadReader(${JSON.stringify(readBuild().outDir)})\n`
  }

  return {
    name: 'news:content',
    enforce: 'pre',

    configResolved(resolved) {
      ctx.config = resolved
      ctx.loader = ContentLoader.for(resolved.root, ctx.contentDir(resolved.root))
    },

    resolveId(id) {
      if (id === VIRTUAL_INDEX_ID) return RESOLVED_INDEX_ID
      if (id === VIRTUAL_SSR_DATA_ID) return RESOLVED_SSR_DATA_ID
    },

    async load(id) {
      if (id === RESOLVED_INDEX_ID) return indexModule(await ctx.current())
      if (id === RESOLVED_SSR_DATA_ID) return ssrDataModule()
    },
  }
}
