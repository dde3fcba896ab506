import { describe, expect, it } from 'vitest'
import {
  chosung,
  chosungTerms,
  compose,
  composingAlternatives,
  decompose,
  indexTerms,
  isChosungQuery,
  matchRanges,
  parseQuery,
  syllablesWithInitial,
  words,
} from '../../../../src/shared/search/hangul'

const marked = (text: string, query: string, composing = false) =>
  matchRanges(text, parseQuery(query, { composing })).map(([a, b]) => text.slice(a, b))

describe('shared/search/hangul', () => {
  describe('syllables', () => {
    it('decomposes and composes precomposed syllables', () => {
      expect(decompose('한')).toEqual({ initial: 18, medial: 0, final: 4 })
      expect(compose({ initial: 18, medial: 0, final: 4 })).toBe('한')
      expect(decompose('가')).toEqual({ initial: 0, medial: 0, final: 0 })
      expect(decompose('힣')).toEqual({ initial: 18, medial: 20, final: 27 })
      expect(decompose('ㅎ')).toBeNull()
      expect(decompose('a')).toBeNull()
    })

    it('gives initial consonants, keeping other characters', () => {
      expect(chosung('북한과')).toBe('ㅂㅎㄱ')
      expect(chosung('꿈빛')).toBe('ㄲㅂ')
      expect(chosung('G7 정상')).toBe('G7 ㅈㅅ')
    })

    it('knows an initial-consonant query', () => {
      expect(isChosungQuery('ㅂㅎ')).toBe(true)
      expect(isChosungQuery('ㄲㅆ')).toBe(true)
      expect(isChosungQuery('ㅂㅏ')).toBe(false)
      expect(isChosungQuery('북ㅎ')).toBe(false)
      expect(isChosungQuery('')).toBe(false)
    })
  })

  describe('words and index terms', () => {
    it('splits hangul from latin and digits, lower-cased and NFC', () => {
      expect(words('G7정상회의, 20일 UN')).toEqual(['g7', '정상회의', '20', '일', 'un'])
      // conjoining jamo (NFD, as macOS file names have them) become syllables
      expect(words('\u1112\u1161\u11ab\u1100\u1173\u11af')).toEqual(['한글'])
    })

    it('indexes hangul runs as bigrams plus the last syllable', () => {
      expect(indexTerms('북한과')).toEqual(['북한', '한과', '과'])
      expect(indexTerms('북 지원')).toEqual(['북', '지원', '원'])
      expect(indexTerms('Tottenham 10호')).toEqual(['tottenham', '10', '호'])
    })

    it('gives one initial-consonant term per hangul run', () => {
      expect(chosungTerms('북한과 러시아, UN')).toEqual(['ㅂㅎㄱ', 'ㄹㅅㅇ'])
    })
  })

  describe('composing', () => {
    it('lets a syllable being composed stand for what it may become', () => {
      const alts = composingAlternatives('하')
      expect(alts[0]).toBe('하')
      expect(alts).toContain('한')
      expect(alts).toContain('할')
      // ㅐ is a key of its own, not ㅏ plus something
      expect(alts).not.toContain('핵')
      expect(alts).not.toContain('허')
      expect(alts).toHaveLength(28)
      // ㅗ may still become ㅘ ㅙ ㅚ
      expect(composingAlternatives('고')).toEqual(expect.arrayContaining(['과', '관', '괴']))
      // a final may move on: 갑 may be the 가 of 가방
      expect(composingAlternatives('갑')).toContain('가')
    })

    it('lists the syllables of an initial consonant', () => {
      const all = syllablesWithInitial('ㅎ')
      expect(all).toHaveLength(21 * 28)
      expect(all[0]).toBe('하')
      expect(all.at(-1)).toBe('힣')
      expect(syllablesWithInitial('ㅏ')).toEqual([])
    })
  })

  describe('parseQuery', () => {
    it('routes words by kind', () => {
      expect(parseQuery('북한 ㅂㅎ Tottenham')).toEqual([
        { kind: 'hangul', text: '북한', slots: [['북'], ['한']] },
        { kind: 'chosung', text: 'ㅂㅎ' },
        { kind: 'other', text: 'tottenham' },
      ])
    })

    it('widens only the last syllable, and only while composing', () => {
      const [word] = parseQuery('북하', { composing: true })
      expect(word.kind === 'hangul' && word.slots[0]).toEqual(['북'])
      expect(word.kind === 'hangul' && word.slots[1]).toContain('한')
      expect(parseQuery('북하')).toEqual([{ kind: 'hangul', text: '북하', slots: [['북'], ['하']] }])
      const [first] = parseQuery('북한 미', { composing: true })
      expect(first).toEqual({ kind: 'hangul', text: '북한', slots: [['북'], ['한']] })
    })

    it('reads a consonant typed straight after syllables as the start of the next syllable', () => {
      const [word, ...rest] = parseQuery('북ㅎ')
      expect(rest).toEqual([])
      expect(word.kind).toBe('hangul')
      if (word.kind !== 'hangul') return
      expect(word.text).toBe('북ㅎ')
      expect(word.slots[1]).toContain('한')
      expect(word.slots[1]).not.toContain('가')
      // with a space it is an initial-consonant word of its own
      expect(parseQuery('북 ㅎ')[1]).toEqual({ kind: 'chosung', text: 'ㅎ' })
    })

    it('drops lone vowels and punctuation', () => {
      expect(parseQuery('ㅏ , !')).toEqual([])
      expect(parseQuery('  ')).toEqual([])
    })
  })

  describe('matchRanges', () => {
    it('finds hangul words inside compounds and before particles', () => {
      expect(marked('북한과 러시아는 대북한 정책을', '북한')).toEqual(['북한', '북한'])
      expect(marked('우크라이나에 대한', '우크라')).toEqual(['우크라'])
    })

    it('finds every word of the query, merged where they touch', () => {
      expect(marked('북한 러시아 조약', '러시아 북한')).toEqual(['북한', '러시아'])
      expect(marked('북한러시아', '북한 러시아')).toEqual(['북한러시아'])
    })

    it('finds initial consonants at the start of a hangul run', () => {
      expect(marked('북한과 변화', 'ㅂㅎ')).toEqual(['북한', '변화'])
      expect(marked('대북한', 'ㅂㅎ')).toEqual([])
    })

    it('follows a syllable being composed', () => {
      expect(marked('북한의 핵', '북하', true)).toEqual(['북한'])
      expect(marked('북한의 핵', '북하')).toEqual([])
    })

    it('finds latin words from their start, ignoring case', () => {
      expect(marked('Tottenham Hotspur', 'totten')).toEqual(['Totten'])
      expect(marked('Hotspur', 'spur')).toEqual([])
    })
  })
})
