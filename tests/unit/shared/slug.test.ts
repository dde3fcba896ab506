import { describe, expect, it } from 'vitest'
import { createSlugger, slugFromFileName, slugify } from '../../../src/shared/slug'

describe('shared/slug', () => {
  describe('slugify', () => {
    it('keeps letters and digits, Hangul included, and turns spaces into "-"', () => {
      expect(slugify('북한 러시아 조약')).toBe('북한-러시아-조약')
      expect(slugify('Hello World 2024')).toBe('hello-world-2024')
      expect(slugify('  앞뒤  공백  ')).toBe('앞뒤-공백')
      expect(slugify('전각\u3000공백')).toBe('전각-공백')
    })

    it('drops punctuation and collapses dashes', () => {
      expect(slugify('푸틴, "방북"… 무엇을?')).toBe('푸틴-방북-무엇을')
      expect(slugify('a -- b')).toBe('a-b')
      expect(slugify('!!!')).toBe('')
    })

    it('drops bidirectional controls and lone surrogates, which are not letters', () => {
      expect(slugify('my\u202E-slug\u2066\u200F\u061C')).toBe('my-slug')
      expect(slugify('정치\u202A\u202B\u202C\u202D\u2067\u2068\u2069\u200E')).toBe('정치')
      expect(slugify('a\ud800b')).toBe('ab')
    })

    it('keeps the digits it is given, whatever YAML would make of them', () => {
      expect(slugify('0777')).toBe('0777')
      expect(slugify('123456789012345678901234567890123456789')).toBe('123456789012345678901234567890123456789')
    })

    it('normalizes decomposed Hangul (NFD from macOS file names) to NFC', () => {
      const nfd = '한국'.normalize('NFD')
      expect(nfd).not.toBe('한국')
      expect(slugify(nfd)).toBe('한국')
    })
  })

  describe('slugFromFileName', () => {
    it('drops the extension and a leading ordering prefix', () => {
      expect(slugFromFileName('000_3f06a9bec7bd6d0f.txt')).toBe('3f06a9bec7bd6d0f')
      expect(slugFromFileName('content/sub/002_da8a812b5f9d37fd.txt')).toBe('da8a812b5f9d37fd')
      expect(slugFromFileName('2024-06-20-hello.md')).toBe('hello')
      expect(slugFromFileName('10-20_x.markdown')).toBe('x')
      expect(slugFromFileName('no-prefix.html')).toBe('no-prefix')
    })

    it('turns spaces into "-" and keeps Hangul', () => {
      expect(slugFromFileName('북한 소식 정리.md')).toBe('북한-소식-정리')
    })

    it('keeps the digits when the name is nothing but a prefix', () => {
      expect(slugFromFileName('2024.md')).toBe('2024')
      expect(slugFromFileName('000_.txt')).toBe('000_')
    })
  })

  describe('createSlugger', () => {
    it('numbers repeats and falls back for empty text', () => {
      const slug = createSlugger('section')
      expect(slug('개요')).toBe('개요')
      expect(slug('개요')).toBe('개요-2')
      expect(slug('개요')).toBe('개요-3')
      expect(slug('???')).toBe('section')
      expect(slug('')).toBe('section-2')
    })
  })
})
