// a front matter date, as `date` and `updated` are written, read into the one form the site
// stores: a day (yyyy-mm-dd) or an instant (a full iso timestamp in utc). its own module
// because fields.ts and publishing.ts both read dates.

/**
 * A front matter date (yaml gives a Date for unquoted timestamps) as yyyy-mm-dd, or as a
 * full ISO string when it has a time. null when it does not name a real day.
 */
export function parseDate(value: unknown): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null
    const iso = value.toISOString()
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso
  }
  if (typeof value !== 'string') return null
  const s = value.trim()
  // longer than any way of writing a date and a time: not one (and the pattern below is never run over a long text)
  if (s.length > 40) return null
  const m = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(s)
  if (!m) return null
  const [, y, mo, d, h, mi, sec, zone] = m
  const day = new Date(Date.UTC(+y, +mo - 1, +d))
  if (day.getUTCFullYear() !== +y || day.getUTCMonth() !== +mo - 1 || day.getUTCDate() !== +d) return null
  const ymd = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`
  if (h === undefined) return ymd
  if (+h > 23 || +mi > 59 || (sec !== undefined && +sec > 59)) return null
  // a time without a zone is korean time, the newsroom's clock
  const tz = zone ? (zone === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : '+09:00'
  const t = new Date(`${ymd}T${h.padStart(2, '0')}:${mi}:${sec ?? '00'}${tz}`)
  return Number.isNaN(t.getTime()) ? null : t.toISOString()
}
