// what the build's feeds and the pages that link them must agree on: each format's media
// type and name, and a feed's title. (the files' paths are in paths.ts.)
import type { FeedFormat } from './paths.ts'

/** each format's media type (its `<link type>`) and the name a reader shows beside the title */
export const FEED_TYPES: Readonly<Record<FeedFormat, { type: string; label: string }>> = {
  rss: { type: 'application/rss+xml', label: 'RSS' },
  atom: { type: 'application/atom+xml', label: 'Atom' },
  json: { type: 'application/feed+json', label: 'JSON Feed' },
}

/** A feed's title: the site's name, or a group's name before it, as a page's title reads. */
export function feedTitle(siteName: string, groupName?: string): string {
  return groupName ? `${groupName} | ${siteName}` : siteName
}
