// an article's dates as the sitemaps and the feeds write them. the front matter's dates
// are ISO strings (shared/types.ts): a day alone (yyyy-mm-dd), or a full instant when a
// time was given.

/** the zone of a day given without a time: the newsroom's, as the front matter reads a time without a zone */
const DAY_ZONE = '+09:00'

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** what the sitemaps read of an article: its date, and its `updated` when articles have one */
export interface Dated {
  date: string
  updated?: string
}

/** The instant an ISO date names, in ms since 1970 (a day alone: its start in Korean time); NaN for '' or a date that is none. */
export function instantOf(iso: string): number {
  return Date.parse(DAY.test(iso) ? `${iso}T00:00:00${DAY_ZONE}` : iso)
}

/** An ISO date as RFC 3339 (Atom, JSON Feed), which needs a time: a day alone is its start in Korean time. */
export function rfc3339(iso: string): string {
  return DAY.test(iso) ? `${iso}T00:00:00${DAY_ZONE}` : iso
}

/** An ISO date as RFC 822 (RSS 2.0's pubDate), in GMT. */
export function rfc822(iso: string): string {
  return new Date(instantOf(iso)).toUTCString()
}

/** When an article last changed: its `updated` when it has one, else its `date`; '' when it has neither. */
export function lastModified(a: Dated): string {
  return a.updated || a.date
}

/** Which of two ISO dates is the later ('' counts as earlier than any). */
export function laterDate(a: string, b: string): string {
  if (!a) return b
  if (!b) return a
  return instantOf(b) > instantOf(a) ? b : a
}
