// the pieces of the sanitizer configuration on their own: inline styles, host-relative
// urls, the nesting cap in front of jsdom, and the JSON-LD text that must never close its
// script element.
import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { articleJsonLd, scriptSafeJson } from '../../../../src/shared/jsonLd'
import { DESCRIPTION_LENGTH, makeExcerpt } from '../../../../src/shared/text'
import createDOMPurify from 'dompurify'
import { installSanitizeHooks } from '../../../../src/shared/sanitize/hooks'
import { MAX_NESTING, limitNesting } from '../../../../src/shared/sanitize/nesting'
import { SANITIZE_CONFIG, isHostRelative } from '../../../../src/shared/sanitize/policy'
import { MAX_STYLE_LENGTH, MAX_STYLE_VALUE_LENGTH, cleanStyle } from '../../../../src/shared/sanitize/styles'
import { htmlToText } from '../../../../src/shared/search/searchFormat'
import { parseDeclarations } from '../../../../src/shared/sanitize/styleDeclarations'

describe('shared/sanitize cleanStyle', () => {
  it('keeps what the tistory editor writes', () => {
    expect(cleanStyle('color: #ee2323;')).toBe('color: #ee2323')
    expect(cleanStyle('text-align: center; height: 17px;')).toBe('text-align: center; height: 17px')
    const fonts = "background-color: rgb(246, 225, 153); font-family: 'Noto Serif KR', '나눔고딕'"
    expect(cleanStyle(fonts)).toBe(fonts)
    expect(cleanStyle('border-collapse: collapse; width: 100%; border: 1px solid #ddd')).toBe(
      'border-collapse: collapse; width: 100%; border: 1px solid #ddd',
    )
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
    expect(cleanStyle('position: fixed; color: red; background: url(x); text-align: right')).toBe(
      'color: red; text-align: right',
    )
  })
})

describe('shared/sanitize cleanStyle: quotes, brackets and limits', () => {
  it('does not split a declaration at a `;` inside quotes', () => {
    expect(cleanStyle('font-family:"Nanum;Gothic"; color:#ee2323')).toBe('font-family: "Nanum;Gothic"; color: #ee2323')
    expect(parseDeclarations('font-family: \'a;b\', "c;d"; color: red; background: rgb(1;2)')).toEqual([
      { prop: 'font-family', value: `'a;b', "c;d"` },
      { prop: 'color', value: 'red' },
      { prop: 'background', value: 'rgb(1;2)' },
    ])
  })

  it.each([
    'font-family: "Nanum',
    'font-family: "a\nb"',
    'font-family: "a:b"',
    'color: rgb(1, 2, 3',
    'color: red)',
    'color: (red)',
    'color: rgb(rgb(1, 2, 3))',
    'margin: - 5px',
    'padding: 1px -5px',
  ])('drops the malformed or negative %j', (style) => {
    expect(cleanStyle(style)).toBe('')
  })

  it.each([
    ['width: 99999px', ''],
    ['letter-spacing: 999px', ''],
    ['margin: 99999px 0 0', ''],
    ['padding: 3000px; background-color: #fff; color: #fff', 'background-color: #fff; color: #fff'],
    ['font-size: 200px', ''],
    ['font-size: 5em', ''],
    ['line-height: 50', ''],
    ['text-indent: 1e5px', ''],
    ['width: 101%', ''],
    ['height: 200vh', ''],
    ['border: 500px solid red', ''],
    ['border-width: 1px 99px', ''],
    ['margin-top: 10cm', ''],
    ['word-spacing: 2rem', ''],
    ['width: 100lh', ''],
  ])('drops a length past its bound: %j', (style, kept) => {
    expect(cleanStyle(style)).toBe(kept)
  })

  it.each([
    'width: 100%',
    'width: 720px',
    'max-width: 100vw',
    'height: 17px',
    'font-size: 2em',
    'font-size: 28px',
    'font-size: xx-large',
    'line-height: 1.8',
    'line-height: 180%',
    'letter-spacing: 0.05em',
    'margin: 0px 0px 20px',
    'padding: 10px 1.5em',
    'text-indent: 2em',
    'border: 1px solid #ddd',
    'border-width: thin',
    'color: rgb(238, 35, 35)',
    'background-color: hsl(0 85% 53% / 0.5)',
  ])('keeps the ordinary %j', (style) => {
    expect(cleanStyle(style)).toBe(style)
  })

  it('caps a style attribute and a value', () => {
    const font = `font-family: ${"'나눔고딕', ".repeat(70)}serif`
    expect(font.length).toBeGreaterThan(MAX_STYLE_VALUE_LENGTH)
    expect(cleanStyle(`${font}; color: red`)).toBe('color: red')
    const long = Array.from({ length: 200 }, () => 'color: red').join('; ')
    expect(long.length).toBeGreaterThan(MAX_STYLE_LENGTH)
    expect(cleanStyle(long)).toBe('')
    // lifted, the same text is read (the linearity test measures it this way)
    expect(cleanStyle(long, { maxLength: Infinity })).toBe(long)
  })

  it('bounds the presentational length attributes too', () => {
    const purify = createDOMPurify(new JSDOM('').window as unknown as Parameters<typeof createDOMPurify>[0])
    installSanitizeHooks(purify)
    const out = purify.sanitize(
      '<table width="99999" border="999" cellpadding="3000" cellspacing="500"><tr><td width="100%" height="17">a</td></tr></table>' +
        '<hr size="99999"><img src="/a.png" width="640" height="9999999">',
      SANITIZE_CONFIG,
    )
    expect(out).toContain('<table><tbody><tr><td width="100%" height="17">a</td>')
    expect(out).toContain('<hr>')
    expect(out).toMatch(/<img src="\/a.png" width="640" [^>]*>/)
    expect(out).not.toContain('9999999')
  })
})

describe('shared/searchFormat htmlToText', () => {
  it('reads tags, blocks, entities and white space as before', () => {
    const html =
      '<h2 id="a">제목</h2>\n<p>첫 <b>문단</b>&amp; 끝</p><ul><li>하나</li><li>둘&#12;&#12;</li></ul><p title="a">셋</p>x < y'
    expect(htmlToText(html)).toBe('제목\n첫 문단& 끝\n하나\n둘\n셋\nx < y')
  })
})

describe('shared/sanitize isHostRelative', () => {
  const otherHosts = [
    ...['//evil.example/x', '/\\evil.example', '\\\\evil.example', '\\/evil.example'],
    ...[' //evil.example', '/\t/evil.example', '/\n/evil.example', '\u0001//evil.example'],
  ]
  it.each(otherHosts)('%j points at another host', (url) => {
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

  it.each([
    ['a quote inside an unquoted attribute value', "<p><a title=it's>x</a></p>"],
    ['an empty comment <!-->', '<!-->'],
    ['an empty comment <!--->', '<!--->'],
    ['style inside svg (an element there, not raw text)', '<svg><style>'],
    ['noscript (DOMPurify parses it with scripting off)', '<noscript>'],
    ['a tag name with a quote', '<b"x y="z>'],
    ['an attribute name starting with =', '<b ="z>'],
  ])('caps nesting that follows %s, as the parser reads it', (_, prefix) => {
    const html = `${prefix}${'<div>'.repeat(1000)}깊다`
    expect(depthOf(limitNesting(html))).toBeLessThanOrEqual(MAX_NESTING + 3)
  })

  it('reads a quoted value holding > and an end tag that closes what is open inside it', () => {
    const html = `<div title="a > b">${'<span>'.repeat(300)}</div>${'<b>'.repeat(300)}`
    const out = limitNesting(html)
    expect(depthOf(out)).toBeLessThanOrEqual(MAX_NESTING)
    // the </div> closed the 300 spans: the <b>s start again from the top
    expect(out.split('<b>').length - 1).toBe(MAX_NESTING)
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
    const ld = articleJsonLd({
      title: nasty,
      description: nasty,
      url: 'https://news.example.com/articles/x/',
      image: 'https://images.example.net/a.png?q=%22%3E',
      published: '2024-05-01',
      categories: [nasty],
      siteName: '한빛뉴스',
      siteUrl: 'https://news.example.com/',
    })
    const { document } = new JSDOM(
      `<!doctype html><head><script type="application/ld+json">${ld}</script></head><body><p>본문</p></body>`,
    ).window
    const scripts = document.querySelectorAll('script')
    expect(scripts).toHaveLength(1)
    expect(document.body.innerHTML).toBe('<p>본문</p>')
    const data = JSON.parse(scripts[0].textContent!)
    expect(data).toMatchObject({
      '@type': 'NewsArticle',
      headline: nasty,
      description: makeExcerpt(nasty),
      articleSection: [nasty],
      datePublished: '2024-05-01',
      image: ['https://images.example.net/a.png?q=%22%3E'],
    })
  })

  it('describes the article as briefly as the meta description does', () => {
    const long = '북한과 러시아가 조약을 맺었다. '.repeat(40)
    const site = { siteName: '한빛뉴스', siteUrl: 'https://news.example.com/' }
    const data = JSON.parse(
      articleJsonLd({
        title: '제목',
        description: long,
        url: 'https://news.example.com/articles/x/',
        image: '',
        published: '',
        categories: [],
        ...site,
      }),
    )
    expect(data.description).toBe(makeExcerpt(long))
    expect(data.description.length).toBeLessThanOrEqual(DESCRIPTION_LENGTH + 1)
    expect(long.startsWith(data.description.replace(/…$/, ''))).toBe(true)
  })

  it('the same text written raw would break out (the test can fail)', () => {
    const raw = JSON.stringify({ a: nasty })
    const { document } = new JSDOM(
      `<!doctype html><head><script type="application/ld+json">${raw}</script></head><body></body>`,
    ).window
    expect(document.querySelectorAll('script').length).toBeGreaterThan(1)
  })
})
