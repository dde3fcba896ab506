// everything the build writes beside the pages for search engines and feed readers:
// robots.txt, the sitemaps (sitemaps.ts) and the feeds (feeds.ts).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Article, SiteConfig } from '../../../shared/types.ts'
import { crawlerPath } from '../../../shared/paths.ts'
import { authorGroups, categoryGroups, feedFiles, groupFeeds, siteFeed, tagGroups } from './feeds.ts'
import { robotsTxt, sitemapFiles } from './sitemaps.ts'

/**
 * Every such file by its path under the base. `now` is the build's time: the news
 * sitemap's window counts back from it, and a feed with no dated article is as new as it.
 * Work and output are linear in the articles: each feed holds a bounded number of them.
 */
export function crawlerFiles(
  articles: readonly Article[],
  site: SiteConfig,
  base: string,
  now: Date,
): Map<string, string> {
  const files = sitemapFiles(articles, site, base, now)
  files.set(crawlerPath.robots(), robotsTxt(site, base))
  const groups = [...categoryGroups(articles), ...tagGroups(articles), ...authorGroups(articles)]
  const feeds = [siteFeed(articles, site), ...groupFeeds(groups, site)]
  for (const [path, text] of feedFiles(feeds, { site, base, now })) files.set(path, text)
  return files
}

/** Whether the site's public/ folder (vite's publicDir, '' for none) has a robots.txt of its own, which is published as it is instead of the build's. */
export function hasOwnRobots(publicDir: string): boolean {
  return Boolean(publicDir) && existsSync(join(publicDir, crawlerPath.robots()))
}

/** crawlerFiles as a build publishes them: without the build's robots.txt where public/ has its own. */
export function publishedCrawlerFiles(
  articles: readonly Article[],
  site: SiteConfig,
  { base, publicDir, now }: { base: string; publicDir: string; now: Date },
): Map<string, string> {
  const files = crawlerFiles(articles, site, base, now)
  if (hasOwnRobots(publicDir)) files.delete(crawlerPath.robots())
  return files
}
