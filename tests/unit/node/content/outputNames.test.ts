import { describe, expect, it } from 'vitest'
import { foldName, nameProblem } from '../../../../src/node/content/outputNames'
import { slugify } from '../../../../src/shared/slug'

describe('node/outputNames', () => {
  describe('foldName', () => {
    it('gives one key to names a case-insensitive disk takes for one folder', () => {
      const same: Array<[string, string]> = [
        ['σ-news', 'ς-news'],
        ['Σ', 'ς'],
        ['news', 'NEWS'],
        ['straße', 'strasse'],
        ['ẞ', 'ss'],
        ['k', '\u212A'],
        ['ſ', 's'],
        ['한국'.normalize('NFD'), '한국'],
        ['é', 'e\u0301'],
      ]
      for (const [a, b] of same) expect(foldName(a), `${a} ${b}`).toBe(foldName(b))
    })

    it('keeps different names apart', () => {
      for (const [a, b] of [['정치', '경제'], ['a', 'b'], ['news-1', 'news-2'], ['σ', 'ο']]) expect(foldName(a)).not.toBe(foldName(b))
    })

    it('folds the slugs slugify makes of σ and ς to one key, though the slugs differ', () => {
      expect(slugify('Σ-news')).not.toBe(slugify('ς-news'))
      expect(foldName(slugify('Σ-news'))).toBe(foldName(slugify('ς-news')))
    })
  })

  describe('nameProblem', () => {
    it('refuses a name over 200 bytes of UTF-8, counting Hangul as 3 bytes and an emoji as 4', () => {
      expect(nameProblem('가'.repeat(66))).toBeUndefined()
      expect(nameProblem('가'.repeat(67))).toMatch(/201 bytes long in UTF-8.*more than the 200/)
      expect(nameProblem('a'.repeat(200))).toBeUndefined()
      expect(nameProblem('😀'.repeat(50))).toBeUndefined()
      expect(nameProblem(`${'😀'.repeat(50)}a`)).toMatch(/201 bytes/)
    })

    it('refuses the device names Windows reserves, in any case, with or without an extension', () => {
      for (const name of ['con', 'CON', 'prn', 'aux', 'nul', 'com1', 'COM9', 'lpt1', 'lpt9', 'com²', 'nul.txt']) expect(nameProblem(name), name).toMatch(/Windows reserves/)
      for (const name of ['con-news', 'com0', 'com10', 'lpt', 'console', 'auxiliary']) expect(nameProblem(name), name).toBeUndefined()
    })
  })
})
