// the content plugin: content/ read, checked and turned into the site's data, as a few small
// Vite plugins sharing one context (contentContext.ts), each with one job:
//   contentCorePlugin.ts   the virtual modules (the site index, the prerenderer's payload reader)
//   contentBuildPlugin.ts  the build: every article rendered, problems fail it, payloads staged
//   contentDevPlugin.ts    the dev server: reading, watching, the payload middleware, hmr
//   contentHtmlPlugin.ts   the security policy and feed link in each page, sitemap.xml and feed.xml
//   contentPhotosPlugin.ts the photos kept in the site: found as the content is read, their variants made and published
import type { Plugin } from 'vite'
import { ContentContext, type ContentPluginOptions } from './contentContext.ts'
import { contentCorePlugin } from './contentCorePlugin.ts'
import { contentBuildPlugin } from './contentBuildPlugin.ts'
import { contentDevPlugin } from './contentDevPlugin.ts'
import { contentHtmlPlugin } from './contentHtmlPlugin.ts'
import { contentPhotosPlugin } from './contentPhotosPlugin.ts'

export type { ContentPluginOptions }

/** The content plugins, in the order vite runs them; vite drops the ones for the other mode (`apply`). */
export function contentPlugin(options: ContentPluginOptions): Plugin[] {
  const ctx = new ContentContext(options)
  // (the photos' plugin ahead of the build's: the loader must know of the photos before it reads)
  return [
    contentCorePlugin(ctx),
    contentPhotosPlugin(ctx),
    contentBuildPlugin(ctx),
    contentDevPlugin(ctx),
    contentHtmlPlugin(ctx),
  ]
}
