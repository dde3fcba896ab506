import matter from 'gray-matter'
import { describe, expect, it } from 'vitest'
import { parseArticle, type ParseResult } from '../../../../../src/node/content/file/parseArticle'
import { isSafeImage, parseDate } from '../../../../../src/node/content/file/fields'

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
      const a = ok(parse('---\ntitle: 가\nlayout: post\ncomments: { enabled: true }\npublished: true\n---\n본문'))
      expect(a.title).toBe('가')
      expect(Object.keys(a)).not.toContain('layout')
      expect(Object.keys(a)).not.toContain('comments')
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

    it('a title that is not text', () => {
      for (const value of ['true', '[가, 나]', '{ ko: 가 }']) {
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
      const found = problems(parse('---\ntitle: true\ndate: 언젠가\ncategories: { a: 1 }\nimage: "javascript:alert(1)"\n---\n'))
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

  describe('front matter means what it says', () => {
    const article = (front: string, file = 'content/test.md') => ok(parse(`---\ntitle: 가\n${front}---\n본문`, file))
    const refused = (front: string) => problems(parse(`---\ntitle: 가\n${front}---\n본문`))

    it('keeps the digits an editor typed where YAML reads a number (slug: 0777 is not 511)', () => {
      expect(article('slug: 0777\n').slug).toBe('0777')
      expect(article('slug: 123456789012345678901234567890123456789\n').slug).toBe('123456789012345678901234567890123456789')
      expect(article('slug: 0x1F   # hex, to YAML\n').slug).toBe('0x1f')
      expect(article('slug:\n  0777\n').slug).toBe('0777')
      expect(ok(parse('---\ntitle: 0777\n---\n')).title).toBe('0777')
      expect(ok(parse('---\ntitle: 2024\n---\n')).title).toBe('2024')
      expect(article('excerpt: 1.50\nfeature_text: 1_000\n')).toMatchObject({ excerpt: '1.50', featureText: '1_000' })
      expect(article('excerpt: true\n').excerpt).toBe('true')
    })

    it('keeps the digits of numbers in a list of categories, in a flow or a block list, and in one line', () => {
      expect(article('categories: [0777, 정치, 2024, 1:30]\n').categories).toEqual(['0777', '정치', '2024', '1:30'])
      expect(article('categories:\n  - 0777\n  - 정치\n  -   007 # 요원\n').categories).toEqual(['0777', '정치', '007'])
      expect(article('categories: 0777\n').categories).toEqual(['0777'])
      // the same number written twice is one category; two spellings of one number are two
      expect(article('categories: [0777, 0777, 511]\n').categories).toEqual(['0777', '511'])
    })

    it('refuses a number whose characters cannot be told for sure, with a hint to quote it', () => {
      for (const front of ['slug: !!int 0777\n', 'slug: &n 0777\n', 'other: &n 12\nslug: *n\n']) {
        const [p, ...rest] = refused(front)
        expect(rest, front).toEqual([])
        expect(p.message, front).toMatch(/slug is read by YAML as a number .*put it in quotes/)
      }
    })

    it('refuses infinite and NaN numbers where text is expected, with a hint to quote them', () => {
      const cases: Array<[string, number, RegExp]> = [
        ['excerpt: 1e999999\n', 3, /excerpt 1e999999 is read by YAML as an infinite number, not as text: put it in quotes, e.g. excerpt: "1e999999"/],
        ['feature_text: -.inf\n', 3, /infinite number/],
        ['slug: .nan\n', 3, /slug \.nan is read by YAML as NaN/],
        ['categories: [정치, .inf]\n', 3, /category \.inf is read by YAML as an infinite number/],
        ['categories:\n  - 1e999999\n', 3, /category 1e999999 is read by YAML as an infinite number/],
      ]
      for (const [front, line, message] of cases) {
        const [p, ...rest] = refused(front)
        expect(rest, front).toEqual([])
        expect(p.line, front).toBe(line)
        expect(p.message, front).toMatch(message)
      }
      expect(problems(parse('---\ntitle: .inf\n---\n'))[0].message).toMatch(/title \.inf is read by YAML as an infinite number/)
      // written out, Infinity is a word to YAML, and a headline may be one
      expect(ok(parse('---\ntitle: Infinity\n---\n')).title).toBe('Infinity')
    })

    it('removes bidirectional controls from the title, categories, slug, excerpt and standfirst', () => {
      const bidi = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C'
      const a = ok(parse(`---\ntitle: "기사 제목\u202E거꾸로"\ncategories: ["\u2067정치\u2069", "국${bidi}제"]\nslug: "my\u200F-slug\u202E"\nexcerpt: "요약\u202D"\nfeature_text: "${bidi}도입"\n---\n`))
      expect(a).toMatchObject({ title: '기사 제목거꾸로', categories: ['정치', '국제'], slug: 'my-slug', excerpt: '요약', featureText: '도입' })
      // a title of nothing else is empty
      expect(problems(parse('---\ntitle: "\u202E\u2066"\n---\n'))[0].message).toMatch(/title is empty/)
    })

    it('refuses a lone surrogate (YAML\'s "\\ud800" escape) in the image, title, categories, slug and excerpt, with the file and line', () => {
      const cases: Array<[string, RegExp]> = [
        ['image: "/images/\\ud800.jpg"\n', /image address holds a broken character/],
        ['categories: ["정치\\udc00"]\n', /category "정치.*" holds a broken character/],
        ['slug: "a\\ud800b"\n', /slug holds a broken character/],
        ['excerpt: "\\udbff"\n', /excerpt holds a broken character/],
      ]
      for (const [front, message] of cases) {
        const [p, ...rest] = problems(parse(`---\ntitle: 가\n${front}---\n`, 'content/lone.md'))
        expect(rest, front).toEqual([])
        expect(p, front).toMatchObject({ file: 'content/lone.md', line: 3 })
        expect(p.message, front).toMatch(message)
      }
      expect(problems(parse('---\ntitle: "제목\\ud800"\n---\n'))[0]).toMatchObject({ line: 2, message: expect.stringMatching(/title holds a broken character/) })
      // a pair written as two escapes is one character, and fine
      expect(ok(parse('---\ntitle: "\\ud83d\\ude00 웃음"\n---\n')).title).toBe('😀 웃음')
    })

    it('names the line of a top-level key, not of a nested key of the same name', () => {
      const [p] = problems(parse('---\ntitle: 가\nauthor:\n  date: 어제\n  name: 홍길동\ndate: 언젠가\n---\n'))
      expect(p.line).toBe(6)
      const [q] = problems(parse('---\ntitle: 가\n"date": 언젠가\n---\n'))
      expect(q.line).toBe(3)
    })

    it('cuts quoted text in a message short', () => {
      const [p] = problems(parse(`---\ntitle: 가\ndate: "${'9'.repeat(100_000)}"\n---\n`))
      expect(p.message.length).toBeLessThan(200)
      const [q] = problems(parse(`---\ntitle: 가\ncategories: ["${'!'.repeat(100)}"]\n---\n`))
      expect(q.message.length).toBeLessThan(200)
    })
  })

  describe('limits', () => {
    const syllables = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(0xac00 + ((i * 37) % 11172))).join('')

    it('refuses more than 50 categories, naming the count and the limit, in one problem', () => {
      const names = (n: number) => Array.from({ length: n }, (_, i) => `분류${i}`)
      expect(ok(parse(`---\ntitle: 가\ncategories: [${names(50).join(', ')}]\n---\n`)).categories).toHaveLength(50)
      const [p, ...rest] = problems(parse(`---\ntitle: 가\ncategories: [${names(51).join(', ')}]\n---\n`))
      expect(rest).toEqual([])
      expect(p.line).toBe(3)
      expect(p.message).toMatch(/has 51 categories, more than the 50 one article may have/)
      // repeats are one category
      expect(ok(parse(`---\ntitle: 가\ncategories: [${Array(200).fill('정치').join(', ')}]\n---\n`)).categories).toEqual(['정치'])
    })

    it('refuses 60,000 punctuation-only categories with one problem (not one per category)', () => {
      const punct = '!#$%&()*+,./;<=>?@^`{|}~'
      const names = Array.from({ length: 60_000 }, (_, i) => {
        let s = ''
        for (let k = i; ; k = Math.floor(k / punct.length)) {
          s += punct[k % punct.length]
          if (k < punct.length) break
        }
        return JSON.stringify(s)
      })
      const found = problems(parse(`---\ntitle: 가\ncategories:\n${names.map((n) => `  - ${n}`).join('\n')}\n---\n`))
      expect(found).toHaveLength(1)
      expect(found[0]).toMatchObject({ line: 3, message: expect.stringMatching(/has 60,000 categories, more than the 50/) })
    })

    it('refuses a slug or a category whose folder name would be over 200 bytes (86 Hangul syllables are 258)', () => {
      expect(ok(parse(`---\ntitle: 가\nslug: ${syllables(66)}\ncategories: [${syllables(66)}]\n---\n`)).slug).toBe(syllables(66))
      const found = problems(parse(`---\ntitle: 가\nslug: ${syllables(86)}\ncategories: [정치, ${syllables(86)}, "A ${syllables(86)}"]\n---\n`))
      expect(found.sort((a, b) => a.line! - b.line!).map((p) => p.line)).toEqual([3, 4, 4])
      expect(found[0].message).toMatch(/slug ".*" is 258 bytes long in UTF-8 .*more than the 200/)
      expect(found[1].message).toMatch(/address of the category "[가-힣]+…" is 258 bytes long/)
      expect(found[2].message).toMatch(/address of the category "A [가-힣]+…" \("a-[가-힣]+…"\) is 260 bytes long/)
      // a slug made from a long file name: the file is named, and how to fix it
      const [q] = problems(parse('---\ntitle: 가\n---\n', `content/${syllables(86)}.txt`))
      expect(q.line).toBeUndefined()
      expect(q.message).toMatch(/address made from the file name .* is 258 bytes long.*add a shorter "slug: \.\.\."/)
    })

    it('refuses the device names Windows reserves as a slug or a category, in any case', () => {
      for (const name of ['CON', 'con', 'Prn', 'aux', 'NUL', 'com1', 'COM9', 'lpt1', 'LPT9', 'com¹']) {
        expect(problems(parse(`---\ntitle: 가\nslug: ${name}\n---\n`))[0].message, name).toMatch(/device name Windows reserves/)
        expect(problems(parse(`---\ntitle: 가\ncategories: [${name}]\n---\n`))[0].message, name).toMatch(/category .*device name Windows reserves/)
      }
      expect(problems(parse('---\ntitle: 가\n---\n', 'content/con.txt'))[0].message).toMatch(/file name .*device name Windows reserves/)
      for (const name of ['console', 'com10', 'com', 'nul-news', 'auxiliary']) expect(ok(parse(`---\ntitle: 가\nslug: ${name}\n---\n`)).slug).toBe(name)
    })

    it('refuses a title over 300 characters and a category name over 100', () => {
      expect(ok(parse(`---\ntitle: ${syllables(300)}\n---\n`)).title).toHaveLength(300)
      expect(problems(parse(`---\ntitle: ${syllables(301)}\n---\n`))[0]).toMatchObject({ line: 2, message: expect.stringMatching(/title is 301 characters long, more than the 300/) })
      expect(ok(parse(`---\ntitle: 가\ncategories: ["${'가'.repeat(40)} ${'!'.repeat(59)}"]\n---\n`)).categories).toHaveLength(1)
      expect(problems(parse(`---\ntitle: 가\ncategories: ["${'가'.repeat(40)} ${'!'.repeat(60)}"]\n---\n`))[0].message).toMatch(/is 101 characters long, more than the 100/)
    })
  })

  describe('the lead image: image_alt and image_caption', () => {
    const syllables = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(0xac00 + ((i * 37) % 11172))).join('')
    it('reads them as one line of text each, as the title is read', () => {
      const a = ok(parse([
        '---',
        'title: 가',
        'image: photo.jpg',
        'image_alt: >',
        '  회담장에 들어서는 두 정상,',
        '  손을 맞잡고 있다',
        // (YAML's escapes: a right-to-left override and a bell, which no caption keeps)
        'image_caption: "\\u202e평양=연합뉴스\\a 사진=연합뉴스"',
        '---',
      ].join('\n')))
      expect(a).toMatchObject({ image: 'photo.jpg', imageAlt: '회담장에 들어서는 두 정상, 손을 맞잡고 있다', imageCaption: '평양=연합뉴스 사진=연합뉴스', warnings: [] })
      // a number is the characters typed, as for a title
      expect(ok(parse('---\ntitle: 가\nimage: a.jpg\nimage_alt: 2024\nimage_caption: 0777\n---\n'))).toMatchObject({ imageAlt: '2024', imageCaption: '0777' })
    })

    it('warns, naming the line of the image, when a lead image has no image_alt, and shows it as decorative', () => {
      const a = ok(parse('---\ntitle: 가\nexcerpt: 나\nimage: https://newsdao.kr/a.jpg\n---\n'))
      expect(a.imageAlt).toBe('')
      expect(a.warnings).toEqual([{ file: 'content/test.md', line: 4, message: expect.stringMatching(/^the image has no image_alt, so it is shown as decorative \(alt=""\).*add "image_alt: \.\.\."/) }])
      // said so on purpose: decorative, and no warning
      expect(ok(parse('---\ntitle: 가\nimage: a.jpg\nimage_alt: ""\n---\n')).warnings).toEqual([])
      // no image, nothing to describe
      expect(ok(parse('---\ntitle: 가\n---\n')).warnings).toEqual([])
    })

    it('refuses what is not text, a lone surrogate, and alt text over 500 characters or a caption over 1,000', () => {
      expect(problems(parse('---\ntitle: 가\nimage: a.jpg\nimage_alt: [a, b]\n---\n'))[0]).toMatchObject({ line: 4, message: expect.stringMatching(/image_alt must be text, not a list/) })
      expect(problems(parse('---\ntitle: 가\nimage_caption:\n  credit: 연합뉴스\n---\n'))[0]).toMatchObject({ line: 3, message: expect.stringMatching(/image_caption must be text, not a set of keys/) })
      expect(problems(parse('---\ntitle: 가\nimage_alt: "\\ud800"\n---\n'))[0].message).toMatch(/lone UTF-16 surrogate/)
      expect(ok(parse(`---\ntitle: 가\nimage: a.jpg\nimage_alt: ${syllables(500)}\n---\n`)).imageAlt).toHaveLength(500)
      expect(problems(parse(`---\ntitle: 가\nimage: a.jpg\nimage_alt: ${syllables(501)}\n---\n`))[0]).toMatchObject({
        line: 4,
        message: expect.stringMatching(/the image's alt text is 501 characters long, more than the 500 it may have/),
      })
      expect(ok(parse(`---\ntitle: 가\nimage_caption: ${syllables(1000)}\n---\n`)).imageCaption).toHaveLength(1000)
      expect(problems(parse(`---\ntitle: 가\nimage_caption: ${syllables(1001)}\n---\n`))[0].message).toMatch(/caption is 1,001 characters long, more than the 1,000/)
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
