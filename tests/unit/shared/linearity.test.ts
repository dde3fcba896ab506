// every parser and sanitizer of article text runs in time linear in its input: each is fed
// adversarial inputs of 10 KB, 100 KB and 1 MB (the shapes of issue 17 and the classic
// ones for each construct) and its time may grow about tenfold per step, not a hundredfold.
// the browser runs the same shared code (sanitize.ts, searchFormat.ts, hangul.ts), so this
// covers it too. tests/support/linearity.ts has the helper, for more cases elsewhere.
//
// not here: thousands of sibling <h1>s (or tables) in one body. finishBody replaces each
// (h1 -> h2, table -> its wrapper), and jsdom works out a child's index among its siblings
// on every insertion and removal, so that is quadratic in jsdom (not in the code here).
import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { presentHit } from '../../../src/client/search/snippet'
import { adjustInlineColours } from '../../../src/node/render/inlineColours'
import { renderBody } from '../../../src/node/render/renderBody'
import { parseColor } from '../../../src/shared/contrast'
import { indexTerms, parseQuery } from '../../../src/shared/search/hangul'
import { limitNesting } from '../../../src/shared/sanitize/nesting'
import { cleanStyle } from '../../../src/shared/sanitize/styles'
import { htmlToText } from '../../../src/shared/search/searchFormat'
import { createSlugger, slugify } from '../../../src/shared/slug'
import { parseDeclarations } from '../../../src/shared/sanitize/styleDeclarations'
import { terms } from '../../../src/shared/terms'
import { makeExcerpt, readingMinutes } from '../../../src/shared/text'
import { describeLinearity, measureLinearity, repeatTo, type LinearityCase } from '../../support/linearity'

/** cleanStyle with its caps lifted: the scanner itself is measured, not the cap */
const uncapped = (style: string) => cleanStyle(style, { maxLength: Infinity, maxValueLength: Infinity })

const cases: Record<string, LinearityCase[]> = {
  limitNesting: [
    { name: '<p>x</p> then <a repeated', input: (n) => repeatTo(n, '<a', '<p>x</p>'), run: limitNesting },
    { name: 'unclosed quotes', input: (n) => repeatTo(n, '<a title="x '), run: limitNesting },
    { name: '<!-- without end', input: (n) => repeatTo(n, '<b>', '<!--'), run: limitNesting },
    { name: 'many comments', input: (n) => repeatTo(n, '<!---->'), run: limitNesting },
    { name: '< alone', input: (n) => repeatTo(n, '<'), run: limitNesting },
    {
      name: 'open elements, then end tags of another name',
      input: (n) => repeatTo(n / 2, '<b>') + repeatTo(n / 2, '</i>'),
      run: limitNesting,
    },
    {
      name: 'long attribute values',
      input: (n) => repeatTo(n, `<span title="${'x'.repeat(1000)}">`),
      run: limitNesting,
    },
    { name: '<script> without end', input: (n) => repeatTo(n, '<div>', '<script>'), run: limitNesting },
    { name: 'a = and quote in every attribute name', input: (n) => repeatTo(n, '<b ="x "'), run: limitNesting },
  ],
  cleanStyle: [
    { name: 'color: aaaa…', input: (n) => repeatTo(n, 'a', 'color: '), run: uncapped },
    { name: 'deeply repeated (', input: (n) => repeatTo(n, '(', 'color: rgb'), run: uncapped },
    { name: 'many ;', input: (n) => repeatTo(n, ';', 'color: red'), run: uncapped },
    { name: 'many declarations', input: (n) => repeatTo(n, 'color: #ee2323; font-family: "a;b"; '), run: uncapped },
    { name: 'an unclosed quote', input: (n) => repeatTo(n, 'a;b:c ', 'font-family: "'), run: uncapped },
    { name: 'a long number', input: (n) => repeatTo(n, '1', 'width: ', 'x'), run: uncapped },
    { name: 'words then (', input: (n) => repeatTo(n, 'ab-', 'color: ', '('), run: uncapped },
    { name: 'dashes', input: (n) => repeatTo(n, '-', 'color: ', '5'), run: uncapped },
    { name: 'capped, as the sanitizer calls it', input: (n) => repeatTo(n, 'a', 'color: '), run: (s) => cleanStyle(s) },
  ],
  parseColor: [{ name: 'a long number in rgb()', input: (n) => repeatTo(n, '1', 'rgb(', 'x, 1, 1)'), run: parseColor }],
  renderBody: [
    {
      name: '<p>x</p> then <a repeated',
      input: (n) => repeatTo(n, '<a', '<p>x</p>'),
      run: (s) => renderBody(s, 'html'),
    },
    {
      name: 'a long style value',
      input: (n) => repeatTo(n, 'a', '<p style="color: ', '">x</p>'),
      run: (s) => renderBody(s, 'html'),
    },
    {
      name: 'quoted ; and colours on every paragraph',
      input: (n) => repeatTo(n, `<p style='font-family:"a;b"; color:#ee2323'>빨강</p>`),
      run: (s) => renderBody(s, 'html'),
    },
    {
      name: 'repeated headings',
      input: (n) => repeatTo(n, '<h2>속보</h2><h3>속보 2</h3>'),
      run: (s) => renderBody(s, 'html'),
    },
    { name: '<!-- without end', input: (n) => repeatTo(n, '<b>x', '<p>a</p><!--'), run: (s) => renderBody(s, 'html') },
  ],
  inlineColours: [
    {
      name: 'one element with a long quote-laden style',
      input: (n) => repeatTo(n, `font-family: 'a;b'; `, '<p style="color: #ee2323; ', '">x</p>'),
      run: (s) => adjustInlineColours(new JSDOM(s).window.document.body),
    },
    {
      name: 'a long declaration list',
      input: (n) => repeatTo(n, `color: red; font-family: "x;y"; `),
      run: parseDeclarations,
    },
  ],
  htmlToText: [
    { name: '< without >', input: (n) => repeatTo(n, '<'), run: htmlToText },
    { name: '<p without >', input: (n) => repeatTo(n, '<p '), run: htmlToText },
    { name: 'white space from entities', input: (n) => repeatTo(n, '&#12;', 'x', 'y'), run: htmlToText },
    {
      name: 'ordinary paragraphs',
      input: (n) => repeatTo(n, '<p>북한과 <b>러시아</b> &amp; 중국</p>\n'),
      run: htmlToText,
    },
  ],
  slugify: [
    { name: 'dashes', input: (n) => repeatTo(n, '-', 'a', 'b'), run: slugify },
    { name: 'spaces and punctuation', input: (n) => repeatTo(n, ' !-', '속보'), run: slugify },
    {
      name: 'the same heading repeated',
      input: (n) => repeatTo(n, '속보 2\n속보\n'),
      run: (s) => s.split('\n').map(createSlugger()),
    },
  ],
  'search tokenizer': [
    { name: 'one hangul run', input: (n) => repeatTo(n, '북한과'), run: indexTerms },
    { name: 'mixed scripts', input: (n) => repeatTo(n, 'a1북ㅎ-'), run: indexTerms },
    { name: 'bigram terms', input: (n) => repeatTo(n, '북한과 러시아 '), run: terms },
    { name: 'a long query', input: (n) => repeatTo(n, '북한 ㅂㅎ a '), run: (s) => parseQuery(s, { composing: true }) },
    {
      name: 'a result passage from a long body',
      input: (n) => repeatTo(n, '<p>러시아 대북제재 </p>'),
      run: (html) => presentHit({ title: '북한', excerpt: '요약', html }, parseQuery('북한')),
    },
  ],
  text: [
    { name: 'sentence ends', input: (n) => repeatTo(n, '."'), run: (s) => makeExcerpt(s, s.length - 1) },
    { name: 'reading time', input: (n) => repeatTo(n, '북한 a1 '), run: readingMinutes },
  ],
}

describe('shared/linearity', () => {
  for (const [fn, list] of Object.entries(cases)) {
    describe(fn, () => {
      it.each(list)('$name', { timeout: 120_000 }, (c) => {
        // a body of 1 MB through jsdom takes seconds however linear the code is
        const heavy = fn === 'renderBody' || fn === 'inlineColours'
        const r = measureLinearity(c, heavy ? { runs: 1, budgetMs: 30_000 } : {})
        expect(r.linear, describeLinearity(r)).toBe(true)
      })
    })
  }

  it('finds a quadratic function out, retry and all (the measure can fail)', { timeout: 60_000 }, () => {
    // every character compared with every one before it: n steps of up to n characters
    const quadratic: LinearityCase = {
      name: 'quadratic',
      input: (n) => 'a'.repeat(n),
      run: (text) => {
        let found = 0
        for (let i = 0; i < text.length; i++)
          for (let j = 0; j < i; j++) found += text.charCodeAt(j) === text.charCodeAt(i) ? 1 : 0
        return found
      },
    }
    const r = measureLinearity(quadratic, { sizes: [2_000, 20_000], runs: 1, floorMs: 1 })
    expect(r.linear, describeLinearity(r)).toBe(false)
  })
})
