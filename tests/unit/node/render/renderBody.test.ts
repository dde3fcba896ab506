import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseArticle } from '../../../../src/node/content/file/parseArticle'
import { BodyProblem, bodySource, finishBody, jsdomSanitizer, renderBody } from '../../../../src/node/render/renderBody'
import { prepareFile } from '../../../../src/node/content/file/processFile'
import { MAX_BODY_H1, MAX_BODY_TABLES } from '../../../../src/shared/limits'
import { htmlToText } from '../../../../src/shared/search/searchFormat'

const IMG = 'https://newsdao.kr/res/images/meta/newsdao_breakingnews.jpg'
const imgCount = (html: string) => (html.match(/<img\b/g) ?? []).length

describe('node/renderBody', () => {
  describe('the leading image', () => {
    it('is removed when it is the article image', () => {
      const out = renderBody(`<p><img src="${IMG}" alt="속보"></p><p>본문</p>`, 'html', IMG)
      expect(imgCount(out.html)).toBe(0)
      expect(out.html).toContain('<p>본문</p>')
    })

    it('is removed as a bare img or a figure with its caption', () => {
      expect(imgCount(renderBody(`<img src="${IMG}"><p>본문</p>`, 'html', IMG).html)).toBe(0)
      const fig = renderBody(
        `<figure><img src="${IMG}"><figcaption>사진 설명</figcaption></figure><p>본문</p>`,
        'html',
        IMG,
      )
      expect(imgCount(fig.html)).toBe(0)
      expect(fig.html).not.toContain('사진 설명')
    })

    it('is removed in markdown too', () => {
      expect(imgCount(renderBody(`![속보](${IMG})\n\n본문`, 'markdown', IMG).html)).toBe(0)
    })

    it('stays when it is another image', () => {
      expect(
        imgCount(renderBody(`<p><img src="https://example.com/other.jpg"></p><p>본문</p>`, 'html', IMG).html),
      ).toBe(1)
    })

    it('stays when the article has no image', () => {
      expect(imgCount(renderBody(`<p><img src="${IMG}"></p><p>본문</p>`, 'html', '').html)).toBe(1)
    })

    it('stays when it is not the first thing in the body', () => {
      expect(imgCount(renderBody(`<p>먼저 글</p><p><img src="${IMG}"></p>`, 'html', IMG).html)).toBe(1)
      expect(imgCount(renderBody(`먼저 글 <p><img src="${IMG}"></p>`, 'html', IMG).html)).toBe(1)
    })

    it('stays when its paragraph also holds text', () => {
      const out = renderBody(`<p><img src="${IMG}"> 사진과 함께 시작하는 문단</p>`, 'html', IMG)
      expect(imgCount(out.html)).toBe(1)
      expect(htmlToText(out.html)).toContain('사진과 함께')
    })

    it('is removed from both seeds, which open with their image', () => {
      for (const name of ['000_3f06a9bec7bd6d0f.txt', '002_da8a812b5f9d37fd.txt']) {
        const bytes = readFileSync(resolve(__dirname, '../../../../content', name))
        const parsed = parseArticle(`content/${name}`, bytes)
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
        const { body, image } = parsed.article
        expect(body).toContain(`<img src="${image}"`)
        const out = renderBody(body, 'html', image)
        expect(out.html).not.toContain(`src="${image}"`)
      }
    })
  })

  describe('headings', () => {
    it('get ids from their text, Hangul kept, repeats numbered', () => {
      const out = renderBody(
        '<h2>북한-러시아 관계 강화</h2><p>가</p><h3>배경</h3><h2>배경</h2><h2>  </h2><h3>전망?</h3>',
        'html',
      )
      expect(out.headings).toEqual([
        { level: 2, id: '북한-러시아-관계-강화', text: '북한-러시아 관계 강화' },
        { level: 3, id: '배경', text: '배경' },
        { level: 2, id: '배경-2', text: '배경' },
        { level: 3, id: '전망', text: '전망?' },
      ])
      expect(out.html).toContain('<h2 id="북한-러시아-관계-강화">')
      expect(out.html).toContain('<h2 id="배경-2">')
    })

    it('keep the id of a heading that reads like one of the page’s hyphenated ids: the page’s own have capitals', () => {
      const out = renderBody('<h2>Article State</h2><h2>site header</h2>', 'html')
      expect(out.headings.map((h) => h.id)).toEqual(['article-state', 'site-header'])
    })

    it('never take an id the page itself uses, and drop the author’s ids', () => {
      const out = renderBody('<h2 id="app">app</h2><h2>content</h2><p id="main">x</p>', 'html')
      expect(out.headings.map((h) => h.id)).toEqual(['section-app', 'section-content'])
      expect(out.html).not.toMatch(/id="(app|main|content)"/)
    })

    it('h1 in a body becomes a section heading (the page has exactly one h1)', () => {
      const out = renderBody(
        '<h1 style="text-align: center;" onclick="alert(1)">본문 속 <b>제목</b></h1><p>x</p>',
        'html',
      )
      expect(out.html).not.toMatch(/<h1/)
      expect(out.html).toBe('<h2 style="text-align: center" id="본문-속-제목">본문 속 <b>제목</b></h2><p>x</p>')
      expect(out.headings).toEqual([{ level: 2, id: '본문-속-제목', text: '본문 속 제목' }])
      expect(htmlToText(out.html)).toBe('본문 속 제목\nx')
      const md = renderBody('# 마크다운 제목\n\n본문', 'markdown')
      expect(md.html).not.toMatch(/<h1/)
      expect(md.headings.map((h) => h.text)).toEqual(['마크다운 제목'])
    })
  })

  describe('markdown', () => {
    it('renders markdown and lets inline HTML through (then sanitized)', () => {
      const out = renderBody(
        '## 소제목\n\n**굵게** 그리고 <span style="color: #ee2323;">빨강</span> <script>alert(1)</script>\n\n| 가 | 나 |\n|---|---|\n| 1 | 2 |\n',
        'markdown',
      )
      expect(out.html).toContain('<strong>굵게</strong>')
      // the colour may be adjusted for contrast; it stays an inline colour
      expect(out.html).toMatch(/<span style="color: #[0-9a-f]{6}[^"]*">빨강<\/span>/)
      expect(out.html).not.toMatch(/<script|alert\(1\)/)
      expect(out.headings).toEqual([{ level: 2, id: '소제목', text: '소제목' }])
      expect(out.html).toMatch(/<div class="table-wrap"><table>/)
    })

    it('links bare urls', () => {
      expect(renderBody('참고: https://example.com/a', 'markdown').html).toContain('href="https://example.com/a"')
    })
  })

  describe('html', () => {
    it('keeps what the Tistory editor writes', () => {
      const out = renderBody(
        '<h2 data-ke-size="size26">제목</h2><p data-ke-size="size16" style="text-align: center;"><span style="color: #ee2323;">빨강</span></p>' +
          '<table data-ke-align="alignLeft"><tr><td>칸</td></tr></table>',
        'html',
      )
      expect(out.html).toContain('data-ke-size="size26"')
      expect(out.html).toContain('data-ke-size="size16"')
      expect(out.html).toContain('style="text-align: center"')
      expect(out.html).toMatch(/style="color: #[0-9a-f]{6}/)
      expect(out.html).toContain('data-ke-align="alignLeft"')
      expect(out.html).toMatch(/<div class="table-wrap"><table/)
    })

    it('opens external links safely and removes what runs', () => {
      const out = renderBody(
        '<p><a href="https://example.com" target="_self">밖</a> <a href="/articles/x/">안</a> ' +
          '<a href="javascript:alert(1)">나쁜</a> <img src="x" onerror="alert(1)"></p>',
        'html',
      )
      expect(out.html).toContain(
        '<a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">밖</a>',
      )
      expect(out.html).toContain('<a href="/articles/x/">안</a>')
      expect(out.html).not.toMatch(/javascript:|onerror/)
    })
  })

  describe('text', () => {
    it('separates blocks with newlines and squashes space inside them (htmlToText over the output)', () => {
      const out = renderBody('<p>첫   문단\n이어서</p><ul><li>하나</li><li>둘</li></ul><p>끝<br>줄</p>', 'html')
      expect(htmlToText(out.html)).toBe('첫 문단 이어서\n하나\n둘\n끝\n줄')
    })

    it('lead text is the paragraphs, not headings or tables', () => {
      const out = renderBody(
        '<h2>소제목</h2><p>첫 문단.</p><table><tr><td><p>표 안</p></td></tr></table><p>둘째 문단.</p>',
        'html',
      )
      expect(out.leadText).toBe('첫 문단. 둘째 문단.')
    })

    it('lead text only when asked for (an article with an excerpt never needs it)', () => {
      const out = finishBody(jsdomSanitizer(), '<p>첫 문단.</p>', '', { lead: false })
      expect(out).toEqual({ html: '<p>첫 문단.</p>', leadText: '', headings: [] })
    })
  })

  describe('bodies shaped to make the build quadratic', () => {
    // jsdom's cost for replacing thousands of sibling h1s or wrapping thousands of tables
    // grows with the square of their number: past the limit a body is refused, not rendered
    it('renders the limit of h1s and tables, and refuses one more, naming what to do', () => {
      const h1s = (n: number) => '<h1>제목</h1>'.repeat(n)
      const tables = (n: number) => '<table><tr><td>칸</td></tr></table>'.repeat(n)
      expect(renderBody(h1s(MAX_BODY_H1), 'html').html.match(/<h2/g)).toHaveLength(MAX_BODY_H1)
      expect(() => bodySource(h1s(MAX_BODY_H1 + 1), 'html')).toThrow(BodyProblem)
      expect(() => bodySource(h1s(MAX_BODY_H1 + 1), 'html')).toThrow(/more than 500 h1 headings .*make its sections h2/)
      expect(() => bodySource('# 가\n\n'.repeat(MAX_BODY_H1 + 1), 'markdown')).toThrow(/h1 headings/)
      expect(bodySource(tables(MAX_BODY_TABLES), 'html')).toContain('<table>')
      expect(() => bodySource(tables(MAX_BODY_TABLES + 1), 'html')).toThrow(/more than 500 tables/)
      // an h2, or text that only looks like a tag, does not count
      expect(() => bodySource('<h2>소제목</h2><h10>'.repeat(5_000), 'html')).not.toThrow()
    })

    it('names the file of such a body, and the build goes on with the others', () => {
      const file = `---\ntitle: 가\n---\n${'<h1>x</h1>'.repeat(10_000)}`
      const prepared = prepareFile('content/h1s.txt', new TextEncoder().encode(file))
      expect(prepared).toMatchObject({
        done: { ok: false, problems: [{ file: 'content/h1s.txt', message: expect.stringMatching(/h1 headings/) }] },
      })
    })
  })
})
