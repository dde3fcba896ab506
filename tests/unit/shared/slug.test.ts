import { describe, expect, it } from 'vitest'
import { createSlugger, isHeadingId, slugFromFileName, slugify } from '../../../src/shared/slug'

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

    it('never hands out an id twice, even when a heading reads like a numbered repeat', () => {
      const slug = createSlugger()
      expect(['속보', '속보', '속보 2'].map(slug)).toEqual(['속보', '속보-2', '속보-2-2'])
      const other = createSlugger()
      expect(['속보 2', '속보', '속보', '속보', '속보-2'].map(other)).toEqual([
        '속보-2',
        '속보',
        '속보-3',
        '속보-4',
        '속보-2-2',
      ])
    })

    it('gives 2,000 ids, repeats and their look-alikes mixed, all different, quickly', () => {
      const slug = createSlugger()
      const texts = Array.from({ length: 2000 }, (_, i) =>
        i % 3 === 0 ? '속보' : i % 3 === 1 ? `속보 ${i % 50}` : `속보-${i % 7}`,
      )
      const ids = texts.map(slug)
      expect(new Set(ids).size).toBe(ids.length)
    })
  })

  describe('isHeadingId', () => {
    it('is what the slugger makes of a heading, when that is not one ascii word or a name starting with _', () => {
      const ids = [
        '북한-러시아-관계-강화',
        'article-state',
        'section-title',
        'covid-19',
        '2024',
        'h2o',
        'section-__initial_state__',
      ]
      for (const id of ids) expect(isHeadingId(id), id).toBe(true)
    })
    it.each([
      'app',
      'main',
      'toc',
      'title',
      '_proto',
      'articleState',
      'siteHeader',
      'Article-State',
      'a b',
      'a.b',
      'a:b',
      '',
    ])('%j is not one', (id) => {
      expect(isHeadingId(id)).toBe(false)
    })
    it('covers every slug of a text that is not one ascii word', () => {
      for (const text of ['Article State', '속보 2', 'ÉTÉ 2024', 'ǅemal Ⅻ', 'İstanbul Ⅳ', 'Ωmega-Σ']) {
        const id = slugify(text)
        expect(isHeadingId(id) || /^[a-z]+$/.test(id), `${text} -> ${id}`).toBe(true)
        expect(/[A-Z]/.test(id), `${text} -> ${id}`).toBe(false)
      }
    })
  })
})
