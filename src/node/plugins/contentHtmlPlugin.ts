// what the build adds to the site around its pages: the content security policy and the
// feed's link in every page's head, and sitemap.xml and feed.xml beside them.
import type { Plugin } from 'vite'
import { feedXml, sitemapXml } from '../build/payloads.ts'
import { contentSecurityPolicy } from '../build/csp.ts'
import type { ContentContext } from './contentContext.ts'

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/**
 * index.html with the policy first in its head and the feed's link last. The policy ships
 * inside every page so it holds on any static host; the dev server needs vite's inline
 * styles and its websocket, so only the build gets it (as it gets the feed).
 */
function withPolicyAndFeed(html: string, base: string): string {
  // written as is: vite's tag writer would spell each of the policy's quotes as &#39; on
  // every page, and the policy holds nothing an attribute value must escape
  const policy = contentSecurityPolicy()
  if (/["&<>]/.test(policy)) throw new Error(`the content security policy cannot hold " & < or >: ${policy}`)
  // the feed exists only in the build; written here with the base (in index.html, vite's
  // dev server would add the base to %BASE_URL% a second time)
  const feed = `<link rel="alternate" type="application/rss+xml" href="${escapeAttr(base)}feed.xml" title="RSS">`
  return html
    .replace(/<head>/i, (head) => `${head}\n    <meta http-equiv="Content-Security-Policy" content="${policy}">`)
    .replace(/<\/head>/i, (end) => `  ${feed}\n  ${end}`)
}

export function contentHtmlPlugin(ctx: ContentContext): Plugin {
  return {
    name: 'news:content-html',
    apply: 'build',
    enforce: 'pre',

    transformIndexHtml: {
      order: 'post',
      handler: (html) => withPolicyAndFeed(html, ctx.config.base),
    },

    generateBundle() {
      const { config, content, site } = ctx
      if (config.build.ssr || !content) return
      this.emitFile({ type: 'asset', fileName: 'sitemap.xml', source: sitemapXml(content.articles, site, config.base) })
      this.emitFile({ type: 'asset', fileName: 'feed.xml', source: feedXml(content.articles, site, config.base) })
    },
  }
}
