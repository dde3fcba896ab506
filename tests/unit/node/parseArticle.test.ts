import matter from 'gray-matter'
import { describe, expect, it } from 'vitest'
import { isSafeImage, parseArticle, parseDate, type ParseResult } from '../../../src/node/parseArticle'

const utf8 = (s: string) => new TextEncoder().encode(s)
const parse = (text: string, file = 'content/test.md') => parseArticle(file, utf8(text))

function ok(result: ParseResult) {
  if (!result.ok) throw new Error(`expected an article, got problems: ${JSON.stringify(result.problems)}`)
  return result.article
}
function problems(result: ParseResult) {
  if (result.ok) throw new Error(`expected problems, got an article: ${JSON.stringify(result.article)}`)
  return result.problems
}

describe('node/parseArticle', () => {
  describe('valid files', () => {
    it('reads the front matter keys and the body', () => {
      const a = ok(parse([
        '---',
        'title: "북한, 러시아와 조약 체결"',
        'categories:',
        '  - 정치',
        '  - 국제',
        'excerpt: 요약입니다.',
        'feature_text: 도입문입니다.',
        'image: https://example.com/a.jpg',
        'date: 2024-06-20',
        '---',
        '<p>본문</p>',
      ].join('\n'), 'content/000_3f06a9bec7bd6d0f.txt'))
      expect(a).toMatchObject({
        file: 'content/000_3f06a9bec7bd6d0f.txt',
        slug: '3f06a9bec7bd6d0f',
        title: '북한, 러시아와 조약 체결',
        categories: ['정치', '국제'],
        excerpt: '요약입니다.',
        featureText: '도입문입니다.',
        image: 'https://example.com/a.jpg',
        date: '2024-06-20',
        format: 'html',
      })
      expect(a.body.trim()).toBe('<p>본문</p>')
      expect(a.bodyLine).toBe(11)
    })

    it('treats .md and .markdown as markdown and .txt/.html as html', () => {
      const text = '---\ntitle: 가\n---\n본문'
      expect(ok(parse(text, 'content/a.md')).format).toBe('markdown')
      expect(ok(parse(text, 'content/a.markdown')).format).toBe('markdown')
      expect(ok(parse(text, 'content/a.MD')).format).toBe('markdown')
      expect(ok(parse(text, 'content/a.txt')).format).toBe('html')
      expect(ok(parse(text, 'content/a.html')).format).toBe('html')
    })

    it('reads a UTF-8 BOM and CRLF line endings', () => {
      const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('---\r\ntitle: 윈도우 메모장\r\ncategories: 정치 경제\r\n---\r\n<p>첫 줄</p>\r\n<p>둘째 줄</p>\r\n')])
      const a = ok(parseArticle('content/bom.txt', bytes))
      expect(a.title).toBe('윈도우 메모장')
      expect(a.categories).toEqual(['정치', '경제'])
      expect(a.body).not.toContain('\r')
      expect(a.body).toContain('<p>첫 줄</p>\n<p>둘째 줄</p>')
    })

    it('reads categories as a list or as a space-separated string (as Jekyll does)', () => {
      expect(ok(parse('---\ntitle: 가\ncategories: 정치 국제  경제\n---\n')).categories).toEqual(['정치', '국제', '경제'])
      expect(ok(parse('---\ntitle: 가\ncategories: [정치, 국제 뉴스]\n---\n')).categories).toEqual(['정치', '국제 뉴스'])
      expect(ok(parse('---\ntitle: 가\ncategories:\n  - News\n---\n')).categories).toEqual(['News'])
      expect(ok(parse('---\ntitle: 가\n---\n')).categories).toEqual([])
      // repeats collapse
      expect(ok(parse('---\ntitle: 가\ncategories: 정치 정치\n---\n')).categories).toEqual(['정치'])
    })

    it('ignores unknown keys', () => {
      const a = ok(parse('---\ntitle: 가\nlayout: post\nauthor: { name: 홍길동 }\ntags: [a, b]\npublished: true\n---\n본문'))
      expect(a.title).toBe('가')
      expect(Object.keys(a)).not.toContain('layout')
      expect(Object.keys(a)).not.toContain('author')
    })

    it('accepts a title that is a quoted number', () => {
      expect(ok(parse('---\ntitle: "2024"\n---\n')).title).toBe('2024')
    })

    it('squashes white space in the title', () => {
      expect(ok(parse('---\ntitle: >\n  긴 제목이\n  두 줄에 걸쳐\n---\n')).title).toBe('긴 제목이 두 줄에 걸쳐')
    })
  })

  describe('slugs', () => {
    const slugOf = (file: string, extra = '') => ok(parse(`---\ntitle: 가\n${extra}---\n`, file)).slug

    it('drops the extension and a leading ordering prefix', () => {
      expect(slugOf('content/000_3f06a9bec7bd6d0f.txt')).toBe('3f06a9bec7bd6d0f')
      expect(slugOf('content/002_da8a812b5f9d37fd.txt')).toBe('da8a812b5f9d37fd')
      expect(slugOf('content/2024-06-20-north-korea.md')).toBe('north-korea')
      expect(slugOf('content/plain.html')).toBe('plain')
    })

    it('turns spaces into "-" and keeps Hangul', () => {
      expect(slugOf('content/북한 러시아 조약.md')).toBe('북한-러시아-조약')
      expect(slugOf('content/sub/01-푸틴 방북.txt')).toBe('푸틴-방북')
    })

    it('takes the slug: override', () => {
      expect(slugOf('content/000_abc.txt', 'slug: 나의 기사\n')).toBe('나의-기사')
      expect(slugOf('content/000_abc.txt', 'slug: custom-slug\n')).toBe('custom-slug')
    })

    it('keeps a file name made only of digits', () => {
      expect(slugOf('content/2024.md')).toBe('2024')
    })
  })

  describe('dates', () => {
    const dateOf = (value: string) => ok(parse(`---\ntitle: 가\ndate: ${value}\n---\n`)).date

    it('keeps a day as yyyy-mm-dd', () => {
      expect(dateOf('2024-06-20')).toBe('2024-06-20')
      expect(dateOf('"2024-06-20"')).toBe('2024-06-20')
      expect(dateOf('2024.6.2')).toBe('2024-06-02')
    })

    it('reads a time without a zone as Korean time, whether YAML calls it a timestamp or not', () => {
      expect(dateOf('2024-06-20 14:30')).toBe('2024-06-20T05:30:00.000Z')
      // js-yaml makes this unquoted one a utc Date; the editor meant the same as above
      expect(dateOf('2024-06-20 14:30:00')).toBe('2024-06-20T05:30:00.000Z')
      expect(dateOf('2024-06-20T14:30:00Z')).toBe('2024-06-20T14:30:00.000Z')
      expect(dateOf('2024-06-20T14:30:00+09:00')).toBe('2024-06-20T05:30:00.000Z')
      expect(dateOf('2024-06-20T14:30:00.5Z')).toBe('2024-06-20T14:30:00.000Z')
    })

    it('leaves the date empty when there is none', () => {
      expect(ok(parse('---\ntitle: 가\n---\n')).date).toBe('')
      expect(ok(parse('---\ntitle: 가\ndate:\n---\n')).date).toBe('')
    })

    it('parseDate rejects days that do not exist', () => {
      expect(parseDate('2024-02-30')).toBeNull()
      expect(parseDate('2024-13-01')).toBeNull()
      expect(parseDate('2024-06-20 25:00')).toBeNull()
      expect(parseDate('어제')).toBeNull()
      expect(parseDate(20240620)).toBeNull()
      expect(parseDate(new Date('x'))).toBeNull()
      expect(parseDate('2024-02-29')).toBe('2024-02-29')
    })
  })

  describe('problems', () => {
    it('a file with no front matter', () => {
      const [p, ...rest] = problems(parse('<p>본문만 있어요</p>', 'content/no-fm.txt'))
      expect(rest).toEqual([])
      expect(p).toMatchObject({ file: 'content/no-fm.txt', line: 1 })
      expect(p.message).toMatch(/no front matter/)
      expect(p.message).toMatch(/---/)
    })

    it('front matter that is never closed', () => {
      const [p] = problems(parse('---\ntitle: 가\n<p>본문</p>\n'))
      expect(p.message).toMatch(/not closed/)
    })

    it('invalid YAML, with the line of the file where it goes wrong', () => {
      // line 1 "---", line 2 title, line 3 the bad one
      const [p] = problems(parse('---\ntitle: 가\n  bad: indentation\n---\n본문'))
      expect(p.line).toBe(3)
      expect(p.message).toMatch(/invalid YAML/)
      expect(p.message).toMatch(/bad indentation/)

      const [q] = problems(parse('---\ntitle: 가\ncategories: 정치\nexcerpt: 요약: 이렇게 쓰면 안 됩니다\n---\n본문'))
      expect(q.line).toBe(4)
      expect(q.message).toMatch(/quotes/)
    })

    it('invalid YAML after a BOM and CRLF keeps the right line', () => {
      const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('---\r\ntitle: 가\r\ndate: 2024-06-20\r\n  bad: x\r\n---\r\n')])
      const [p] = problems(parseArticle('content/crlf.txt', bytes))
      expect(p.line).toBe(4)
    })

    it('a missing title', () => {
      const [p] = problems(parse('---\ncategories: 정치\n---\n본문'))
      expect(p.message).toMatch(/title is missing/)
      const [q] = problems(parse('---\ntitle:\n---\n본문'))
      expect(q.message).toMatch(/title is missing/)
    })

    it('a title that is not a string', () => {
      for (const value of ['2024', 'true', '[가, 나]', '{ ko: 가 }']) {
        const [p] = problems(parse(`---\ncategories: 정치\ntitle: ${value}\n---\n`))
        expect(p.line, value).toBe(3)
        expect(p.message, value).toMatch(/title must be text/)
      }
    })

    it('an empty title', () => {
      for (const value of ['""', "'   '"]) {
        const [p] = problems(parse(`---\ntitle: ${value}\n---\n`))
        expect(p.line).toBe(2)
        expect(p.message).toMatch(/title is empty/)
      }
    })

    it('a date that does not parse, with its line', () => {
      for (const value of ['어제', '2024-13-45', '2024-02-30', '"2024-06-31"', '2024-06-20 14:75']) {
        const [p, ...rest] = problems(parse(`---\ntitle: 가\ndate: ${value}\n---\n`))
        expect(rest, value).toEqual([])
        expect(p.line, value).toBe(3)
        expect(p.message, value).toMatch(/is not a date/)
      }
    })

    it('a file that is not UTF-8 (EUC-KR)', () => {
      // "---\ntitle: 한국\n---\n" with 한국 in EUC-KR: c7 d1 b1 b9
      const bytes = new Uint8Array([...utf8('---\ntitle: '), 0xc7, 0xd1, 0xb1, 0xb9, ...utf8('\n---\n<p>'), 0xb1, 0xdb, ...utf8('</p>\n')])
      const [p, ...rest] = problems(parseArticle('content/euckr.txt', bytes))
      expect(rest).toEqual([])
      expect(p.file).toBe('content/euckr.txt')
      expect(p.message).toMatch(/not valid UTF-8/)
      expect(p.message).toMatch(/EUC-KR/)
    })

    it('a binary file', () => {
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52])
      const [p] = problems(parseArticle('content/image.txt', png))
      expect(p.message).toMatch(/binary/)
      // nul bytes in otherwise valid utf-8 text are binary too
      const [q] = problems(parseArticle('content/nul.md', utf8('---\ntitle: 가\n---\n\0\0\0')))
      expect(q.message).toMatch(/binary/)
    })

    it('an empty file', () => {
      const [p] = problems(parseArticle('content/empty.md', new Uint8Array()))
      expect(p.message).toMatch(/empty/)
    })

    it('reports every problem of one file together', () => {
      const found = problems(parse('---\ntitle: 42\ndate: 언젠가\ncategories: { a: 1 }\nimage: "javascript:alert(1)"\n---\n'))
      expect(found.map((p) => p.line).sort()).toEqual([2, 3, 4, 5])
      expect(found.every((p) => p.file === 'content/test.md')).toBe(true)
    })

    it('categories that are neither a list nor a string', () => {
      const [p] = problems(parse('---\ntitle: 가\ncategories: { 정치: 1 }\n---\n'))
      expect(p.line).toBe(3)
      expect(p.message).toMatch(/categories must be a list/)
    })

    it('an image that is not http(s) or a path', () => {
      const [p] = problems(parse('---\ntitle: 가\nimage: "javascript:alert(1)"\n---\n'))
      expect(p.message).toMatch(/image/)
    })

    it('a slug override with nothing to make an address from', () => {
      const [p] = problems(parse('---\ntitle: 가\nslug: "!!!"\n---\n'))
      expect(p.line).toBe(3)
      expect(p.message).toMatch(/slug/)
    })
  })

  describe('isSafeImage', () => {
    it('allows http(s) urls and site paths, nothing else', () => {
      expect(isSafeImage('https://newsdao.kr/a.jpg')).toBe(true)
      expect(isSafeImage('http://example.com/a.png')).toBe(true)
      expect(isSafeImage('/images/a.png')).toBe(true)
      expect(isSafeImage('images/a.png')).toBe(true)
      expect(isSafeImage('javascript:alert(1)')).toBe(false)
      expect(isSafeImage('data:image/png;base64,AAAA')).toBe(false)
      expect(isSafeImage('//evil.example/a.png')).toBe(false)
      expect(isSafeImage('https://a.com/"onerror="x')).toBe(false)
    })
  })
  it('cuts the body where gray-matter cuts the whole file, though gray-matter reads only the front matter', () => {
    const bodies = ['<p>본문</p>\n', '\n\n<p>빈 줄 뒤</p>', '', '---\n<p>줄 세 개</p>', 'text\n---\nmore']
    const closings = ['---', '---   ', '---\t']
    for (const body of bodies) {
      for (const closing of closings) {
        for (const front of ['title: 제목\n', 'title: 제목\n# 주석\nexcerpt_separator: "<!--more-->"\n', 'title: "가 --- 나"\n']) {
          const text = `---\n${front}${closing}\n${body}`
          const got = ok(parse(text))
          expect(got.body).toBe(matter(text, { excerpt: false }).content)
          expect(got.title).toBe(String(matter(text, { excerpt: false }).data.title))
        }
      }
    }
  })
})
