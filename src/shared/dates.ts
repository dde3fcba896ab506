// the article's times as a korean newsroom prints them (입력 2024.06.20 14:30), and the instant
// from which a dated article may be published. the same on the server and in the browser:
// every value is worked out at the fixed offset of korean time, never in the zone of the
// machine or the reader, so a prerendered page and its hydration agree to the character.
// korea has kept +09:00 all year since 1988, so a fixed offset is korean time.

/** korean standard time's offset from utc, in milliseconds */
const KST_OFFSET_MS = 9 * 60 * 60 * 1000

/** a date without a time, as the front matter's date and updated are stored (see parseDate) */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/

/** Is this stored date a day without a time of day? */
export function isDateOnly(iso: string): boolean {
  return DATE_ONLY.test(iso)
}

/**
 * The instant (ms since the epoch) an article of this date may be published: a day without
 * a time begins at midnight korean time; NaN for '' or anything unreadable.
 */
export function publishInstant(iso: string): number {
  const day = DATE_ONLY.exec(iso)
  if (day) return Date.UTC(+day[1], +day[2] - 1, +day[3]) - KST_OFFSET_MS
  return iso ? Date.parse(iso) : NaN
}

/** The korean day (yyyy-mm-dd) of a stored date: a date without a time is its own day. */
export function koreanDay(iso: string): string {
  if (isDateOnly(iso)) return iso
  const t = Date.parse(iso)
  return Number.isNaN(t) ? '' : new Date(t + KST_OFFSET_MS).toISOString().slice(0, 10)
}

/**
 * A stored date as the page prints it: `2024.06.20 14:30` in korean time, or `2024.06.20`
 * for a date without a time; '' for '' or anything unreadable.
 */
export function formatStamp(iso: string): string {
  if (isDateOnly(iso)) return iso.replace(/-/g, '.')
  const t = Date.parse(iso)
  if (!iso || Number.isNaN(t)) return ''
  const shifted = new Date(t + KST_OFFSET_MS).toISOString()
  return `${shifted.slice(0, 10).replace(/-/g, '.')} ${shifted.slice(11, 16)}`
}
