// the front matter's fields that say when and whether an article is published: `updated`
// (when it was last changed, shown as 수정) and `draft` (kept out of a build). they are read
// here, apart from the other fields (fields.ts), because they are checked against one another
// and against the date, and because whether an article is published at all is decided later,
// when the articles are listed (see publish.ts): a file's fields never depend on the clock.
import { koreanDay, isDateOnly, publishInstant } from '../../../shared/dates.ts'
import { truncate } from '../problems.ts'
import { parseDate } from './parseDate.ts'
import type { FrontMatter } from './frontMatter.ts'

/** The publishing fields of an article, validated. */
export interface PublishingFields {
  /** when the article was last changed, stored as `date` is; '' when absent */
  updated: string
  /** a draft: shown by the dev server, left out of a build unless it is made with --drafts */
  draft: boolean
}

/** Read `updated` and `draft`; `date` is the article's date as readFields read it ('' when absent or broken). */
export function readPublishing(fm: FrontMatter, date: string): PublishingFields {
  return { updated: readUpdated(fm, date), draft: readDraft(fm) }
}

/** updated: optional, a date as `date` is written, and never before the date */
function readUpdated(fm: FrontMatter, date: string): string {
  const value = fm.data.updated
  if (value === undefined || value === null || value === '') return ''
  // js-yaml reads an unquoted timestamp as a Date (in utc, days by overflow): what the editor wrote is what counts
  const raw = value instanceof Date ? (fm.dateSource(value) ?? value) : value
  const updated = parseDate(raw)
  if (updated === null) {
    const shown = typeof raw === 'string' ? `"${truncate(raw)}" is not a date` : 'is not a date'
    fm.problem('updated', `the updated date ${shown}: write it as 2024-06-21 or 2024-06-21 09:15`)
    return ''
  }
  if (date && updatedBeforeDate(updated, date)) {
    fm.problem('updated', `the updated date ${updated} is before the article's date ${date}: an article is changed after it is published, so correct one of the two (or remove "updated:" if it was never changed)`)
    return ''
  }
  return updated
}

/**
 * Is `updated` earlier than `date`? Where either is a day without a time, the two are
 * compared as korean days (updated 2024-06-20 on an article of 2024-06-20 14:30 is fine).
 */
export function updatedBeforeDate(updated: string, date: string): boolean {
  if (isDateOnly(updated) || isDateOnly(date)) return koreanDay(updated) < koreanDay(date)
  return publishInstant(updated) < publishInstant(date)
}

/** YAML 1.1's words for true and false, which js-yaml (YAML 1.2) reads as text when they are not quoted */
const YAML11_BOOLEANS = new Map([
  ['yes', true],
  ['on', true],
  ['no', false],
  ['off', false],
])

/** draft: true or false (yes/no, on/off as YAML 1.1 reads them unquoted); anything else is a problem with the fix */
function readDraft(fm: FrontMatter): boolean {
  const value = fm.data.draft
  if (value === undefined || value === null) return false
  if (typeof value === 'boolean') return value
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase()
    const word = YAML11_BOOLEANS.get(lower)
    // `draft: yes` is a YAML 1.1 boolean; `draft: "yes"`, quoted, is text the editor chose to write
    if (word !== undefined && fm.plainValue('draft') === value.trim()) return word
    const meant = word ?? (lower === 'true' ? true : lower === 'false' ? false : undefined)
    const fix = meant === undefined ? 'write draft: true to keep the article out of the build, or remove the line' : `write draft: ${meant} without quotes`
    fm.problem('draft', `draft must be true or false, not the text "${truncate(value)}": ${fix}`)
    return false
  }
  if (typeof value === 'number') {
    const fix = value === 0 || value === 1 ? `write draft: ${value === 1}` : 'write draft: true or draft: false'
    fm.problem('draft', `draft must be true or false, not the number ${fm.typedSource('draft', value) ?? value}: ${fix}`)
    return false
  }
  fm.problem('draft', `draft must be true or false, not ${Array.isArray(value) ? 'a list' : value instanceof Date ? 'a date' : 'a set of keys'}: write draft: true or draft: false`)
  return false
}
