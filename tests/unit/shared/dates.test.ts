// how 입력 and 수정 are printed (korean time at a fixed offset, so server and browser agree),
// and from which instant a dated article may be published
import { describe, expect, it } from 'vitest'
import { formatStamp, isDateOnly, koreanDay, publishInstant } from '../../../src/shared/dates'
import { parseDate } from '../../../src/node/content/file/parseDate'

/** what an editor writes, as the page prints it */
const shown = (written: string) => formatStamp(parseDate(written) ?? 'unreadable')

describe('shared/dates', () => {
  it('prints a time without a zone as the korean time written', () => {
    expect(shown('2024-06-20 14:30')).toBe('2024.06.20 14:30')
    expect(shown('2024-06-20T09:05:59')).toBe('2024.06.20 09:05')
  })

  it('prints midnight as a time, not as a date without one', () => {
    expect(shown('2024-06-20 00:00')).toBe('2024.06.20 00:00')
    expect(shown('2024-06-20 23:59')).toBe('2024.06.20 23:59')
  })

  it('prints a date without a time as the day alone', () => {
    expect(shown('2024-06-20')).toBe('2024.06.20')
    expect(shown('2024-6-5')).toBe('2024.06.05')
  })

  it('prints a time with a zone in korean time, crossing the day where it must', () => {
    expect(shown('2024-06-20T10:00:00Z')).toBe('2024.06.20 19:00')
    expect(shown('2024-06-20 20:00 +00:00')).toBe('2024.06.21 05:00')
    expect(shown('2024-06-20 08:00-0500')).toBe('2024.06.20 22:00')
    expect(shown('2024-12-31 15:00Z')).toBe('2025.01.01 00:00')
  })

  it("prints the same whatever the zone of the machine (the reader's or the server's)", () => {
    // formatStamp uses no local time at all: the same instant, given as UTC, prints the korean clock
    expect(formatStamp('2024-06-19T15:30:00.000Z')).toBe('2024.06.20 00:30')
    expect(formatStamp('')).toBe('')
    expect(formatStamp('어제')).toBe('')
  })

  it('publishes a date without a time from midnight korean time, and a time from that instant', () => {
    expect(new Date(publishInstant('2024-06-20')).toISOString()).toBe('2024-06-19T15:00:00.000Z')
    expect(new Date(publishInstant(parseDate('2024-06-20 14:30')!)).toISOString()).toBe('2024-06-20T05:30:00.000Z')
    expect(publishInstant('')).toBeNaN()
  })

  it('tells korean days and dates without a time', () => {
    expect(isDateOnly('2024-06-20')).toBe(true)
    expect(isDateOnly('2024-06-20T00:00:00.000Z')).toBe(false)
    expect(koreanDay('2024-06-19T15:00:00.000Z')).toBe('2024-06-20')
    expect(koreanDay('2024-06-20')).toBe('2024-06-20')
  })
})
