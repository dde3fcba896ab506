// the front matter's updated and draft: read, and every way of getting them wrong named with
// its line and the fix
import { describe, expect, it } from 'vitest'
import { parseArticle, type ParseResult } from '../../../../../src/node/content/file/parseArticle'
import { updatedBeforeDate } from '../../../../../src/node/content/file/publishing'

const parse = (lines: string[]) => parseArticle('content/a.md', new TextEncoder().encode(['---', 'title: 제목', ...lines, '---', '본문'].join('\n')))

function ok(result: ParseResult) {
  if (!result.ok) throw new Error(`expected an article, got problems: ${JSON.stringify(result.problems)}`)
  return result.article
}
function problems(result: ParseResult) {
  if (result.ok) throw new Error(`expected problems, got an article: ${JSON.stringify(result.article)}`)
  return result.problems.map((p) => `${p.line}: ${p.message}`)
}

describe('node/content/file/publishing: updated', () => {
  it('reads updated as date is read (korean time unless a zone is given)', () => {
    const a = ok(parse(['date: 2024-06-20 14:30', 'updated: 2024-06-21 09:15']))
    expect(a.date).toBe('2024-06-20T05:30:00.000Z')
    expect(a.updated).toBe('2024-06-21T00:15:00.000Z')
    expect(ok(parse(['date: 2024-06-20', 'updated: "2024-06-20"'])).updated).toBe('2024-06-20')
    expect(ok(parse(['updated: 2024-06-20T01:00Z'])).updated).toBe('2024-06-20T01:00:00.000Z')
    expect(ok(parse([])).updated).toBe('')
  })

  it('names an updated date before the date, on updated\'s line', () => {
    expect(problems(parse(['date: 2024-06-20 14:30', 'updated: 2024-06-20 14:29']))).toEqual([
      '4: the updated date 2024-06-20T05:29:00.000Z is before the article\'s date 2024-06-20T05:30:00.000Z: an article is changed after it is published, so correct one of the two (or remove "updated:" if it was never changed)',
    ])
    expect(problems(parse(['date: 2024-06-20', 'updated: 2024-06-19']))[0]).toMatch(/^4: the updated date 2024-06-19 is before the article's date 2024-06-20/)
  })

  it('compares a day without a time as a korean day', () => {
    // updated that day, at whatever time: not before
    expect(ok(parse(['date: 2024-06-20 14:30', 'updated: 2024-06-20'])).updated).toBe('2024-06-20')
    // 23:30 utc on the 19th is 08:30 on the 20th in korea
    expect(updatedBeforeDate('2024-06-19T23:30:00.000Z', '2024-06-20')).toBe(false)
    expect(updatedBeforeDate('2024-06-19T14:59:00.000Z', '2024-06-20')).toBe(true)
    expect(updatedBeforeDate('2024-06-20', '2024-06-20T16:00:00.000Z')).toBe(true)
  })

  it('names an updated that is not a date', () => {
    expect(problems(parse(['updated: 어제']))).toEqual(['3: the updated date "어제" is not a date: write it as 2024-06-21 or 2024-06-21 09:15'])
    expect(problems(parse(['updated: 2024-02-30']))[0]).toMatch(/^3: the updated date "2024-02-30" is not a date/)
    expect(problems(parse(['updated: [1, 2]']))[0]).toMatch(/^3: the updated date is not a date/)
  })
})

describe('node/content/file/publishing: draft', () => {
  it('reads true and false, and YAML 1.1\'s unquoted yes/no/on/off', () => {
    expect(ok(parse(['draft: true'])).draft).toBe(true)
    expect(ok(parse(['draft: false'])).draft).toBe(false)
    expect(ok(parse(['draft: yes'])).draft).toBe(true)
    expect(ok(parse(['draft: Yes  # 아직'])).draft).toBe(true)
    expect(ok(parse(['draft: no'])).draft).toBe(false)
    expect(ok(parse(['draft: on'])).draft).toBe(true)
    expect(ok(parse([])).draft).toBe(false)
    expect(ok(parse(['draft:'])).draft).toBe(false)
  })

  it('names a quoted true or yes, with the fix', () => {
    expect(problems(parse(['draft: "true"']))).toEqual(['3: draft must be true or false, not the text "true": write draft: true without quotes'])
    expect(problems(parse(["draft: 'false'"]))).toEqual(['3: draft must be true or false, not the text "false": write draft: false without quotes'])
    expect(problems(parse(['draft: "yes"']))).toEqual(['3: draft must be true or false, not the text "yes": write draft: true without quotes'])
    expect(problems(parse(['draft: 초안']))).toEqual(['3: draft must be true or false, not the text "초안": write draft: true to keep the article out of the build, or remove the line'])
  })

  it('names a number, with the fix', () => {
    expect(problems(parse(['draft: 1']))).toEqual(['3: draft must be true or false, not the number 1: write draft: true'])
    expect(problems(parse(['draft: 0']))).toEqual(['3: draft must be true or false, not the number 0: write draft: false'])
    expect(problems(parse(['draft: 2']))).toEqual(['3: draft must be true or false, not the number 2: write draft: true or draft: false'])
  })

  it('names a list or keys, and every other problem of the file at once', () => {
    expect(problems(parse(['date: 2024-06-20', 'updated: 2024-06-01', 'draft: [a]']))).toEqual([
      '4: the updated date 2024-06-01 is before the article\'s date 2024-06-20: an article is changed after it is published, so correct one of the two (or remove "updated:" if it was never changed)',
      '5: draft must be true or false, not a list: write draft: true or draft: false',
    ])
  })
})
