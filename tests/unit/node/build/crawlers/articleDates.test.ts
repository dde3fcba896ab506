import { describe, expect, it } from 'vitest'
import {
  instantOf,
  lastModified,
  laterDate,
  rfc3339,
  rfc822,
} from '../../../../../src/node/build/crawlers/articleDates'

describe('node/build/articleDates', () => {
  it('reads a day given alone as its start in Korean time, and an instant as it is', () => {
    expect(instantOf('2024-06-20')).toBe(Date.parse('2024-06-19T15:00:00Z'))
    expect(instantOf('2024-06-20T05:30:00.000Z')).toBe(Date.parse('2024-06-20T05:30:00Z'))
    expect(instantOf('')).toBeNaN()
  })

  it('writes RFC 3339 (a day alone gets its Korean midnight) and RFC 822 in GMT', () => {
    expect(rfc3339('2024-06-20')).toBe('2024-06-20T00:00:00+09:00')
    expect(rfc3339('2024-06-20T05:30:00.000Z')).toBe('2024-06-20T05:30:00.000Z')
    expect(rfc822('2024-06-20')).toBe('Wed, 19 Jun 2024 15:00:00 GMT')
    expect(rfc822('2024-06-20T05:30:00.000Z')).toBe('Thu, 20 Jun 2024 05:30:00 GMT')
  })

  it('an article last changed when it was updated, else when it was published', () => {
    expect(lastModified({ date: '2024-06-20' })).toBe('2024-06-20')
    expect(lastModified({ date: '2024-06-20', updated: '2024-06-21T01:00:00.000Z' })).toBe('2024-06-21T01:00:00.000Z')
    expect(lastModified({ date: '', updated: '' })).toBe('')
  })

  it('compares dates as instants, an undated one earliest', () => {
    expect(laterDate('2024-06-20', '2024-06-19T16:00:00.000Z')).toBe('2024-06-19T16:00:00.000Z')
    expect(laterDate('2024-06-20', '2024-06-19T14:00:00.000Z')).toBe('2024-06-20')
    expect(laterDate('', '2024-06-20')).toBe('2024-06-20')
    expect(laterDate('2024-06-20', '')).toBe('2024-06-20')
  })
})
