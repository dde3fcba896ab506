// everything the build writes beside the pages for search engines and feed readers:
// robots.txt, the sitemaps (sitemaps.ts) and the feeds (feeds.ts).
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
