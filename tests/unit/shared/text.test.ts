import { describe, expect, it } from 'vitest'
import { HANGUL_SYLLABLES_PER_MINUTE, makeExcerpt, readingMinutes, squash } from '../../../src/shared/text'

describe('shared/text', () => {
  describe('readingMinutes', () => {
    it('counts about 500 Hangul syllables a minute', () => {
      expect(HANGUL_SYLLABLES_PER_MINUTE).toBe(500)
      expect(readingMinutes('가'.repeat(500))).toBe(1)
      expect(readingMinutes('가'.repeat(1000))).toBe(2)
      expect(readingMinutes('가'.repeat(2600))).toBe(5)
      // spaces and punctuation are not read time
      expect(readingMinutes('가나다 라마, '.repeat(500))).toBe(5)
    })

    it('is at least one minute', () => {
      expect(readingMinutes('')).toBe(1)
      expect(readingMinutes('짧다.')).toBe(1)
    })

    it('counts Latin words, not letters', () => {
      expect(readingMinutes('word '.repeat(400))).toBe(2)
      expect(readingMinutes('가'.repeat(500) + ' word'.repeat(200))).toBe(2)
    })

    it('counts as the matching it replaced did, for any mix of scripts, spaces and symbols', () => {
      // the first version, by regular expressions: the reference the one-pass count must equal
      const reference = (text: string) => {
        let syllables = 0
        for (const ch of text) if (ch >= '\uAC00' && ch <= '\uD7A3') syllables++
        const words = text.replace(/[\uAC00-\uD7A3]+/g, ' ').match(/[^\s\uAC00-\uD7A3\u1100-\u11FF\u3130-\u318F]+/g)
        const others = words?.filter((w) => /[\p{L}\p{N}]/u.test(w)).length ?? 0
        return Math.max(1, Math.round(syllables / 500 + others / 200))
      }
      const pieces = [
        ...['가', '한글', 'word', 'Ab9', '2024', '—', '…', '“', '”', ' ', '\n', '\u00a0', '\u3000'],
        ...['ㄱ', 'ᄀ', '𝐀', '中文', 'é', '.', ',', '(', '#', '😀', '\ufeff', 'ß', '١٢'],
      ]
      let seed = 7
      const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n
      for (let round = 0; round < 200; round++) {
        let text = ''
        const length = rand(20000)
        while (text.length < length) text += pieces[rand(pieces.length)]
        expect(readingMinutes(text), JSON.stringify(text.slice(0, 60))).toBe(reference(text))
      }
    })

    it('does not count Korean as English words', () => {
      // 2,500 syllables in 500 "words": word counting would say 2-3 minutes
      const text = Array.from({ length: 500 }, () => '대한민국만세').join(' ')
      expect(readingMinutes(text)).toBe(6)
    })
  })

  describe('squash', () => {
    it('collapses white space', () => {
      expect(squash('  가\n\n나\t 다  ')).toBe('가 나 다')
    })
  })

  describe('makeExcerpt', () => {
    it('returns short text whole', () => {
      expect(makeExcerpt('짧은 글입니다.')).toBe('짧은 글입니다.')
      expect(makeExcerpt('  줄\n바꿈  ')).toBe('줄 바꿈')
    })

    it('cuts at the last sentence end within the limit', () => {
      const s1 = '북한과 러시아가 조약을 체결했다.'
      const s2 = '두 정상은 군사 협력을 약속했다.'
      const s3 = '서방은 강하게 반발했다.'
      const text = [s1, s2, s3].join(' ')
      expect(makeExcerpt(text, s1.length + s2.length + 3)).toBe(`${s1} ${s2}`)
      expect(makeExcerpt(text, s1.length + 5)).toBe(s1)
    })

    it('knows ?, !, full-width stops and closing quotes', () => {
      expect(makeExcerpt('정말인가? 그렇다! 더 긴 문장이 이어집니다', 12)).toBe('정말인가? 그렇다!')
      expect(makeExcerpt('“그는 말했다.” 그리고 긴 이야기가 이어진다', 12)).toBe('“그는 말했다.”')
      expect(makeExcerpt('첫 문장。 둘째 문장이 아주 길게 이어진다', 8)).toBe('첫 문장。')
    })

    it('does not cut inside a number like 3.5', () => {
      const text = '금리는 3.5퍼센트로 올랐고 시장은 크게 흔들렸다. 뒤 문장'
      expect(makeExcerpt(text, 30)).toBe('금리는 3.5퍼센트로 올랐고 시장은 크게 흔들렸다.')
    })

    it('falls back to a word boundary and an ellipsis when one sentence is too long', () => {
      const text = '아주 긴 문장이 끝나지 않고 계속 이어지며 마침표가 없습니다 그래서 단어에서 자릅니다'
      const out = makeExcerpt(text, 20)
      expect(out.endsWith('…')).toBe(true)
      expect(out.length).toBeLessThanOrEqual(21)
      expect(text.startsWith(out.slice(0, -1))).toBe(true)
      // a whole word: the next character of the text is a space
      expect(text[out.length - 1]).toBe(' ')
    })
  })
})
