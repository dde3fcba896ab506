// what the build adds to the site around its pages: the content security policy in every
// page's head, and beside the pages what search engines and feed readers read (robots.txt,
// the sitemaps, the feeds: build/crawlers/crawlerFiles.ts). the pages link their feeds themselves,
// through the app's head (client/composables/usePageMeta.ts).
import type { Plugin } from 'vite'
import { hasOwnRobots, publishedCrawlerFiles } from '../build/crawlers/crawlerFiles.ts'
import { buildRecord, inputKey } from '../build/incremental/record.ts'
import { contentSecurityPolicy } from '../build/csp.ts'
import { absoluteUrl } from '../build/payloads.ts'
import { crawlerPath } from '../../shared/paths.ts'
import { buildPolicy } from '../content/publish.ts'
import type { ContentContext } from './contentContext.ts'

/**
 * index.html with the policy first in its head. The policy ships inside every page so it
 * holds on any static host; the dev server needs vite's inline styles and its websocket,
 * so only the build gets it.
 */
function withPolicy(html: string): string {
  // written as is: vite's tag writer would spell each of the policy's quotes as &#39; on
  // every page, and the policy holds nothing an attribute value must escape
  const policy = contentSecurityPolicy()
  if (/["&<>]/.test(policy)) throw new Error(`the content security policy cannot hold " & < or >: ${policy}`)
  return html.replace(
    /<head>/i,
    (head) => `${head}\n    <meta http-equiv="Content-Security-Policy" content="${policy}">`,
  )
}

export function contentHtmlPlugin(ctx: ContentContext): Plugin {
  return {
    name: 'news:content-html',
    apply: 'build',
    enforce: 'pre',

    transformIndexHtml: {
      order: 'post',
      handler: (html) => withPolicy(html),
    },

    generateBundle() {
      const { config, content, site } = ctx
      if (config.build.ssr || !content) return
      // a robots.txt of the site's own (in public/) is copied as it is, and wins: it should name the sitemap index
      if (hasOwnRobots(config.publicDir))
        this.warn(
          `public/${crawlerPath.robots()} is published as it is: add "Sitemap: ${absoluteUrl(site, config.base, `/${crawlerPath.sitemapIndex()}`)}" to it`,
        )
      const options = { base: config.base, publicDir: config.publicDir, now: new Date(buildPolicy().now) }
      const record = buildRecord()
      for (const [fileName, source] of publishedCrawlerFiles(content.articles, site, options)) {
        this.emitFile({ type: 'asset', fileName, source })
        record.files.set(fileName, inputKey(source))
      }
    },
  }
}
