// the pieces of the sanitizer configuration on their own: inline styles, host-relative
// urls, the nesting cap in front of jsdom, and the JSON-LD text that must never close its
// script element.
import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { articleJsonLd, scriptSafeJson } from '../../../src/shared/jsonLd'
import { DESCRIPTION_LENGTH, makeExcerpt } from '../../../src/shared/text'
import { MAX_NESTING, cleanStyle, isHostRelative, limitNesting } from '../../../src/shared/sanitize'

describe('shared/sanitize cleanStyle', () => {
  it('keeps what the tistory editor writes', () => {
    expect(cleanStyle('color: #ee2323;')).toBe('color: #ee2323')
    expect(cleanStyle('text-align: center; height: 17px;')).toBe('text-align: center; height: 17px')
    expect(cleanStyle("background-color: rgb(246, 225, 153); font-family: 'Noto Serif KR', '나눔고딕'")).toBe("background-color: rgb(246, 225, 153); font-family: 'Noto Serif KR', '나눔고딕'")
    expect(cleanStyle('border-collapse: collapse; width: 100%; border: 1px solid #ddd')).toBe('border-collapse: collapse; width: 100%; border: 1px solid #ddd')
    expect(cleanStyle('--ink-dark: #f32a28; --paper-dark: #696969')).toBe('--ink-dark: #f32a28; --paper-dark: #696969')
  })

  it.each([
    'background: url(https://evil.example/a.png)',
    'background-image: URL("https://evil.example/a.png")',
    'background: u\\72l(https://evil.example/a.png)',
    'background: u/**/rl(https://evil.example/a.png)',
    "background-image: image-set('https://evil.example/a.png' 1x)",
    'width: expression(alert(1))',
    'behavior: url(x.htc)',
    '-moz-binding: url(x.xml#x)',
    'list-style-image: url(https://evil.example/l.png)',
    'position: fixed',
    'z-index: 99999',
    'inset: 0',
    'transform: translateY(-100vh)',
    'display: none',
    'visibility: hidden',
    'opacity: 0',
    'margin-top: -9999px',
    'text-indent: -9999px',
    'width: calc(100vw + 10px)',
    'background: var(--x)',
    '--x: url(https://evil.example/v.png)',
    '--ink-dark: red',
    'content: "x"',
    'cursor: pointer',
    'color: red } body { display: none',
    'font-family: "\\27;background:url(x)"',
    'color@import',
  ])('drops %s', (style) => {
    expect(cleanStyle(style)).toBe('')
  })

  it('keeps the harmless declarations of a mixed style', () => {
    expect(cleanStyle('position: fixed; color: red; background: url(x); text-align: right')).toBe('color: red; text-align: right')
  })
})

describe('shared/sanitize isHostRelative', () => {
  it.each(['//evil.example/x', '/\\evil.example', '\\\\evil.example', '\\/evil.example', ' //evil.example', '/\t/evil.example', '/\n/evil.example', '\u0001//evil.example'])('%j points at another host', (url) => {
    expect(isHostRelative(url)).toBe(true)
  })
  it.each(['/articles/x/', 'x.png', '#top', '../a', 'https://news.example.net/', '/'])('%j does not', (url) => {
    expect(isHostRelative(url)).toBe(false)
  })
})

/** how deep does the tree jsdom builds from this html go? */
function depthOf(html: string): number {
  const { document } = new JSDOM(`<body>${html}`).window
  let deepest = 0
  const stack: Array<[Element, number]> = [[document.body, 0]]
  while (stack.length) {
    const [el, d] = stack.pop()!
    deepest = Math.max(deepest, d)
    for (const c of el.children) stack.push([c, d + 1])
  }
  return deepest
}

describe('shared/sanitize limitNesting', () => {
  it('returns ordinary html unchanged (the same string)', () => {
    const html = '<p>하나</p>'.repeat(500) + '<div><span><b>깊지 않다</b></span></div>'
    expect(limitNesting(html)).toBe(html)
    const seedLike = '<table><tr><td><b>칸</b></td></tr></table>'.repeat(300)
    expect(limitNesting(seedLike)).toBe(seedLike)
  })

  it('caps 10,000 levels at MAX_NESTING and keeps the text and the tags that close', () => {
    const html = `${'<div>'.repeat(10_000)}깊다${'</div>'.repeat(10_000)}<p>뒤 문단</p>`
    const out = limitNesting(html)
    expect(out).toBe(`${'<div>'.repeat(MAX_NESTING)}깊다${'</div>'.repeat(MAX_NESTING)}<p>뒤 문단</p>`)
  })

  it('caps unclosed and mixed nesting too', () => {
    const html = `${'<div><span><blockquote>'.repeat(2000)}깊다`
    const out = limitNesting(html)
    expect(depthOf(out)).toBeLessThanOrEqual(MAX_NESTING)
    expect(out.endsWith('깊다')).toBe(true)
  })

  it('does not count elements that close their predecessor (unclosed <p>, <li>, <td>)', () => {
    const html = '<p>문단'.repeat(1000) + '<ul>' + '<li>항목'.repeat(1000) + '</ul>'
    expect(limitNesting(html)).toBe(html)
  })

  it('leaves markup-looking text in comments and raw-text elements alone', () => {
    const html = `<!-- ${'<div>'.repeat(400)} --><textarea>${'<div>'.repeat(400)}</textarea><p>끝</p>`
    expect(limitNesting(html)).toBe(html)
  })

  it('a cap beyond which the browser would flatten anyway', () => {
    expect(MAX_NESTING).toBeLessThan(512)
  })
})

describe('shared/jsonLd', () => {
  const nasty = `"}</script><script>alert(1)</script><!--<script> \u2028\u2029 & </SCRIPT > ]]>`

  it('writes no <, > or & and no line separators, and reads back as the same values', () => {
    const text = scriptSafeJson({ a: nasty, list: [nasty] })
    expect(text).not.toMatch(/[<>&\u2028\u2029]/)
    expect(JSON.parse(text)).toEqual({ a: nasty, list: [nasty] })
  })

  it('stays one text node inside a script element when html parses it', () => {
    const ld = articleJsonLd({ title: nasty, description: nasty, url: 'https://news.example.com/articles/x/', image: 'https://images.example.net/a.png?q=%22%3E', published: '2024-05-01', categories: [nasty], siteName: '한빛뉴스', siteUrl: 'https://news.example.com/' })
    const { document } = new JSDOM(`<!doctype html><head><script type="application/ld+json">${ld}</script></head><body><p>본문</p></body>`).window
    const scripts = document.querySelectorAll('script')
    expect(scripts).toHaveLength(1)
    expect(document.body.innerHTML).toBe('<p>본문</p>')
    const data = JSON.parse(scripts[0].textContent!)
    expect(data).toMatchObject({ '@type': 'NewsArticle', headline: nasty, description: makeExcerpt(nasty), articleSection: [nasty], datePublished: '2024-05-01', image: ['https://images.example.net/a.png?q=%22%3E'] })
  })

  it('describes the article as briefly as the meta description does', () => {
    const long = '북한과 러시아가 조약을 맺었다. '.repeat(40)
    const data = JSON.parse(articleJsonLd({ title: '제목', description: long, url: 'https://news.example.com/articles/x/', image: '', published: '', categories: [], siteName: '한빛뉴스', siteUrl: 'https://news.example.com/' }))
    expect(data.description).toBe(makeExcerpt(long))
    expect(data.description.length).toBeLessThanOrEqual(DESCRIPTION_LENGTH + 1)
    expect(long.startsWith(data.description.replace(/…$/, ''))).toBe(true)
  })

  it('the same text written raw would break out (the test can fail)', () => {
    const { document } = new JSDOM(`<!doctype html><head><script type="application/ld+json">${JSON.stringify({ a: nasty })}</script></head><body></body>`).window
    expect(document.querySelectorAll('script').length).toBeGreaterThan(1)
  })
})
