import { describe, expect, it } from 'vitest'
import { cdata, escapeXml } from '../../../../../src/node/build/crawlers/xml'
import { parseXml } from '../../../../support/xml'

/** the text of <x> holding `inner`, as an XML parser reads it */
const readBack = (inner: string) => parseXml(`<x>${inner}</x>`).documentElement.textContent

describe('node/build/xml', () => {
  describe('escapeXml', () => {
    it('escapes markup and drops characters XML forbids', () => {
      expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;')
      expect(escapeXml('가\u0000\u0008나\uFFFE')).toBe('가나')
      expect(escapeXml('\uD800 lone, 😀 paired')).toBe(' lone, 😀 paired')
    })

    it('returns text with nothing to escape as it is', () => {
      const url = 'https://news.example.com/news/articles/%EB%B6%81/'
      expect(escapeXml(url)).toBe(url)
    })

    it('reads back as the same text, in an element and in an attribute', () => {
      const text = `]]> <![CDATA[ & &amp; "'" </x>`
      expect(readBack(escapeXml(text))).toBe(text)
      expect(parseXml(`<x a="${escapeXml(text)}" b='${escapeXml(text)}'/>`).documentElement.getAttribute('b')).toBe(
        text,
      )
    })
  })

  describe('cdata', () => {
    it('reads back as the same text whatever it holds, a "]]>" that would end the section among it', () => {
      for (const text of [
        '<p>본문</p>',
        ']]>',
        'a]]>b]]>c',
        ']]]]>',
        ']]',
        '<![CDATA[ x ]]>',
        '',
        '</x><script>alert(1)</script>',
      ]) {
        expect(readBack(cdata(text)), text).toBe(text)
      }
    })

    it('drops the characters XML forbids', () => {
      expect(readBack(cdata('a\u0000b\u000Bc\uFFFF'))).toBe('abc')
    })
  })
})
