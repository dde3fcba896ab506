// what the content plugins (contentPlugin.ts makes them) share: the site's settings, the
// resolved config, the one loader of the content folder and the content as last read. each
// plugin has one job; this object is how they see the same content.
import { resolve } from 'node:path'
import type { ResolvedConfig } from 'vite'
import type { SiteConfig } from '../../shared/types.ts'
import type { ContentLoader } from '../content/loadContent.ts'
import type { Content } from '../content/types.ts'
import { checkedSiteConfig } from '../build/siteConfig.ts'
import { VARIANTS_DIR } from '../build/images/settings.ts'
import { describeSkippedLink, type SkippedLink } from '../content/findContent.ts'
import { cachePath } from '../utils/cacheFolder.ts'

export interface ContentPluginOptions {
  /** folder of the articles, relative to the project root (default 'content') */
  dir?: string
  site: SiteConfig
}

/** an error's first line, bounded: what a terminal line shows of it */
export const firstLine = (err: unknown) =>
  String((err as Error)?.message ?? err)
    .split('\n')[0]
    .slice(0, 300)

export class ContentContext {
  /** the site's settings; SITE_URL, when set, overrides the url for one build */
  readonly site: SiteConfig
  /** folder of the articles, relative to the project root */
  readonly dir: string
  /** set by the core plugin once vite has resolved its config */
  config!: ResolvedConfig
  /** set with the config: one loader per folder and process, so vite-ssg's server build reuses what the client build read */
  loader!: ContentLoader
  /** the content as last read (dev: the index, updated on every change) */
  content: Content | undefined
  /** the read in progress, or the last one: started by the build's buildStart or the dev server's configureServer */
  loading: Promise<Content> | undefined
  /** build: the version of the code that makes the payloads (codeVersion), which keys the build's cache */
  code = ''
  /** the skipped links named so far: the dev server names a link once, not again on every edit */
  private namedLinks = new Set<string>()

  constructor(options: ContentPluginOptions) {
    // checked before anything is read or written: a wrong url or token would otherwise be
    // written, unnoticed, into every page, feed and sitemap
    this.site = checkedSiteConfig(
      { ...options.site, url: process.env.SITE_URL || options.site.url },
      Boolean(process.env.SITE_URL),
    )
    this.dir = options.dir ?? 'content'
  }

  get isBuild(): boolean {
    return this.config.command === 'build'
  }

  /** The content folder, absolute, under `root` (the project's, by default the resolved config's). */
  contentDir(root = this.config.root): string {
    return resolve(root, this.dir)
  }

  /** The photos' variants' folder (VARIANTS_DIR), absolute. */
  variantsDir(root = this.config.root): string {
    return resolve(root, VARIANTS_DIR)
  }

  /** A file under the project's cache folder (node_modules/.cache/hangul-news/), kept between runs. */
  cacheFile(name: string): string {
    return cachePath(this.config.root, name)
  }

  /**
   * The content, once the mode's plugin has started reading it. Nothing asks for it before
   * then: a build reads it in buildStart and the dev server in configureServer, both before
   * any module is loaded.
   */
  async current(): Promise<Content> {
    if (this.content) return this.content
    if (!this.loading) throw new Error('[news:content] the content was asked for before it was read')
    return this.loading
  }

  /** Name each skipped link of `links` not named by the last call. */
  reportLinks(links: readonly SkippedLink[], warn: (msg: string) => void): void {
    const lines = links.map((l) => `[news:content] ${describeSkippedLink(this.config.root, l)}`)
    for (const line of lines) if (!this.namedLinks.has(line)) warn(line)
    this.namedLinks = new Set(lines)
  }
}
