// the feeds: the whole site's and each category's, each in RSS 2.0 (feed.xml, the name
// readers are subscribed to), Atom 1.0 and JSON Feed 1.1. a feed holds the newest
// FEED_ITEMS articles (a group's, GROUP_FEED_ITEMS), so its size does not grow with the
// archive. what an item carries of its article is the site's setting (feedContent): the
// excerpt, or the sanitized body too. any grouping of articles gets feeds the same way
// (groupFeeds): the categories' today, and tags' and authors' once articles have them.
import type { Article, SiteConfig } from '../../../shared/types.ts'
import {
  feedPath,
  FEED_FORMATS,
  routePath,
  type FeedFormat,
  type FeedGroupKind,
  type FeedScope,
  SITE_FEED,
} from '../../../shared/paths.ts'
import { FEED_TYPES, feedTitle } from '../../../shared/feeds.ts'
import { decoratePhotos } from '../../../shared/photos/photoHtml.ts'
import { absoluteUrl, authorsOf, categoriesOf, tagsOf } from '../payloads.ts'
import { lastModified, laterDate, rfc3339, rfc822 } from './articleDates.ts'
import { cdata, escapeXml } from './xml.ts'

/** newest articles in the site's feeds: enough for a reader polling now and then, bounded whatever the archive */
export const FEED_ITEMS = 50

/**
 * newest articles in a group's feeds (a category's, a tag's, an author's): fewer, since a
 * group gets fewer articles a day, and every group's feeds are written in three formats,
 * with whole bodies when the site carries them (three formats of 20 bodies of 6 KB are
 * 360 KB a group)
 */
export const GROUP_FEED_ITEMS = 20

/** a feed before it is written: whose it is and the articles it follows */
export interface FeedSource {
  scope: FeedScope
  title: string
  description: string
  /** route of the page the feed follows: the home page, the category's page */
  route: string
  /** newest first; the feed holds the first `items` */
  articles: readonly Article[]
  /** how many articles the feed holds: FEED_ITEMS, or GROUP_FEED_ITEMS for a group's */
  items: number
}

/** one grouping's group of articles (a category, a tag, an author), newest first */
export interface FeedGroup {
  kind: FeedGroupKind
  slug: string
  /** the group's name as its page shows it */
  name: string
  /** route of the group's page */
  route: string
  articles: readonly Article[]
}

/** what every feed is written for: the site, its base, and the build's time (a feed with no dated article is as new as the build) */
export interface FeedContext {
  site: SiteConfig
  base: string
  now: Date
}

/** one article as every format writes it: urls absolute, dates ISO ('' when none) */
interface FeedEntry {
  url: string
  title: string
  summary: string
  /** the sanitized body when the feeds carry it, else '' */
  html: string
  published: string
  updated: string
  categories: readonly string[]
  image: string
}

/** one feed as every format writes it */
interface FeedDoc {
  title: string
  description: string
  /** absolute url of the page the feed follows */
  home: string
  self: (format: FeedFormat) => string
  /** when the feed last changed, ISO: its newest item's date, or the build's time when no item has one */
  updated: string
  /** who the feed is by: the site */
  author: string
  entries: FeedEntry[]
}

const GROUP_DESCRIPTIONS: Record<FeedGroupKind, (name: string) => string> = {
  category: (name) => `${name} 분야의 최신 기사`,
  tag: (name) => `‘${name}’ 태그가 붙은 최신 기사`,
  author: (name) => `${name}의 최신 기사`,
}

function entryOf(a: Article, { site, base }: FeedContext): FeedEntry {
  return {
    url: absoluteUrl(site, base, routePath.article(a.slug)),
    title: a.title,
    summary: a.excerpt,
    // (with its photos' addresses on the site, as the page shows them: a photo beside the
    // article is published as its copies under _images/, not at the name the body gives it)
    html: site.feedContent === 'full' ? decoratePhotos(a.html, a.photos, base) : '',
    published: a.date,
    updated: lastModified(a),
    categories: a.categories,
    // an http(s) image is a url already (front matter checks it parses); a path is on the site
    image: !a.image || /^https?:/i.test(a.image) ? a.image : absoluteUrl(site, base, a.image),
  }
}

function docOf(feed: FeedSource, ctx: FeedContext): FeedDoc {
  const entries = feed.articles.slice(0, feed.items).map((a) => entryOf(a, ctx))
  const newest = entries.reduce((d, e) => laterDate(d, e.updated), '')
  return {
    title: feed.title,
    description: feed.description,
    home: absoluteUrl(ctx.site, ctx.base, feed.route),
    self: (format) => absoluteUrl(ctx.site, ctx.base, `/${feedPath(format, feed.scope)}`),
    updated: newest || ctx.now.toISOString(),
    author: ctx.site.name,
    entries,
  }
}

function rssItem(e: FeedEntry): string {
  return [
    '    <item>',
    `      <title>${escapeXml(e.title)}</title>`,
    `      <link>${escapeXml(e.url)}</link>`,
    `      <guid isPermaLink="true">${escapeXml(e.url)}</guid>`,
    `      <description>${escapeXml(e.summary)}</description>`,
    ...(e.html ? [`      <content:encoded>${cdata(e.html)}</content:encoded>`] : []),
    ...(e.published ? [`      <pubDate>${rfc822(e.published)}</pubDate>`] : []),
    ...e.categories.map((c) => `      <category>${escapeXml(c)}</category>`),
    '    </item>',
  ].join('\n')
}

/** RSS 2.0, with the body (when carried) as content:encoded, the way feed readers look for it. */
function rssXml(doc: FeedDoc): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
    '  <channel>',
    `    <title>${escapeXml(doc.title)}</title>`,
    `    <link>${escapeXml(doc.home)}</link>`,
    `    <description>${escapeXml(doc.description)}</description>`,
    '    <language>ko</language>',
    `    <atom:link href="${escapeXml(doc.self('rss'))}" rel="self" type="${FEED_TYPES.rss.type}"/>`,
    ...doc.entries.map(rssItem),
    '  </channel>',
    '</rss>',
    '',
  ].join('\n')
}

function atomEntry(e: FeedEntry, feedUpdated: string): string {
  return [
    '  <entry>',
    `    <title>${escapeXml(e.title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${escapeXml(e.url)}"/>`,
    `    <id>${escapeXml(e.url)}</id>`,
    ...(e.published ? [`    <published>${escapeXml(rfc3339(e.published))}</published>`] : []),
    // Atom requires when an entry changed: an undated article is taken to be as new as the feed
    `    <updated>${escapeXml(rfc3339(e.updated || feedUpdated))}</updated>`,
    ...e.categories.map((c) => `    <category term="${escapeXml(c)}"/>`),
    `    <summary>${escapeXml(e.summary)}</summary>`,
    // the body's relative links and images resolve against the article's page, as on the page itself
    ...(e.html ? [`    <content type="html" xml:base="${escapeXml(e.url)}">${escapeXml(e.html)}</content>`] : []),
    '  </entry>',
  ].join('\n')
}

/** Atom 1.0: the site is the feed's author, which every entry without one of its own inherits. */
function atomXml(doc: FeedDoc): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ko">',
    `  <title>${escapeXml(doc.title)}</title>`,
    `  <subtitle>${escapeXml(doc.description)}</subtitle>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(doc.home)}"/>`,
    `  <link rel="self" type="${FEED_TYPES.atom.type}" href="${escapeXml(doc.self('atom'))}"/>`,
    `  <id>${escapeXml(doc.home)}</id>`,
    `  <updated>${escapeXml(rfc3339(doc.updated))}</updated>`,
    `  <author><name>${escapeXml(doc.author)}</name></author>`,
    ...doc.entries.map((e) => atomEntry(e, doc.updated)),
    '</feed>',
    '',
  ].join('\n')
}

/** JSON Feed 1.1: an item has its text as content_html (the body) or content_text (the excerpt). */
function jsonFeed(doc: FeedDoc): string {
  const items = doc.entries.map((e) => ({
    id: e.url,
    url: e.url,
    title: e.title,
    ...(e.html ? { content_html: e.html, summary: e.summary } : { content_text: e.summary }),
    ...(e.image ? { image: e.image } : {}),
    ...(e.published ? { date_published: rfc3339(e.published) } : {}),
    ...(e.updated && e.updated !== e.published ? { date_modified: rfc3339(e.updated) } : {}),
    ...(e.categories.length ? { tags: e.categories } : {}),
  }))
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: doc.title,
    home_page_url: doc.home,
    feed_url: doc.self('json'),
    description: doc.description,
    language: 'ko',
    authors: [{ name: doc.author }],
    items,
  })
}

const WRITERS: Record<FeedFormat, (doc: FeedDoc) => string> = { rss: rssXml, atom: atomXml, json: jsonFeed }

/** One feed in one format. */
export function feedText(feed: FeedSource, format: FeedFormat, ctx: FeedContext): string {
  return WRITERS[format](docOf(feed, ctx))
}

/** The whole site's feed: every article, newest first. */
export function siteFeed(articles: readonly Article[], site: SiteConfig): FeedSource {
  return {
    scope: SITE_FEED,
    title: feedTitle(site.name),
    description: site.description,
    route: routePath.home(),
    articles,
    items: FEED_ITEMS,
  }
}

/** A feed for each group of any grouping (categories, tags, authors), titled and described by the group's name. */
export function groupFeeds(groups: Iterable<FeedGroup>, site: SiteConfig): FeedSource[] {
  return Array.from(groups, (g) => ({
    scope: { kind: g.kind, slug: g.slug },
    title: feedTitle(site.name, g.name),
    description: GROUP_DESCRIPTIONS[g.kind](g.name),
    route: g.route,
    articles: g.articles,
    items: GROUP_FEED_ITEMS,
  }))
}

/** The categories as feed groups (each category's articles in listing order, newest first). */
export function categoryGroups(articles: readonly Article[]): FeedGroup[] {
  return Array.from(categoriesOf(articles).values(), ({ info, articles: list }) => ({
    kind: 'category' as const,
    slug: info.slug,
    name: info.name,
    route: routePath.category(info.slug),
    articles: list,
  }))
}

/** each tag's feed group, grouped as its pages are (Tag and tag are one), named as its page names it */
export function tagGroups(articles: readonly Article[]): FeedGroup[] {
  return Array.from(tagsOf(articles).values(), ({ info, articles: list }) => ({
    kind: 'tag' as const,
    slug: info.slug,
    name: `#${info.name}`,
    route: routePath.tag(info.slug),
    articles: list,
  }))
}

/** each author's feed group, named as their page names them (with the role the authors file gives) */
export function authorGroups(articles: readonly Article[]): FeedGroup[] {
  return Array.from(authorsOf(articles).values(), ({ info, articles: list }) => ({
    kind: 'author' as const,
    slug: info.slug,
    name: info.role ? `${info.name} ${info.role}` : info.name,
    route: routePath.author(info.slug),
    articles: list,
  }))
}

/** Every format of each of these feeds, by path under the base. */
export function feedFiles(feeds: Iterable<FeedSource>, ctx: FeedContext): Map<string, string> {
  const files = new Map<string, string>()
  for (const feed of feeds) {
    const doc = docOf(feed, ctx)
    for (const format of FEED_FORMATS) files.set(feedPath(format, feed.scope), WRITERS[format](doc))
  }
  return files
}
