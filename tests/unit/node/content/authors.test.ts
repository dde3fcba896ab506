// the authors file: parsed with every problem named on its line, and joined to the articles
import { describe, expect, it } from 'vitest'
import { joinAuthors, parseAuthorsFile } from '../../../../src/node/content/authors'
import { unlistedAuthor } from '../../../../src/node/content/file/estimateArticle'
import { MAX_AUTHOR_NAME_LENGTH } from '../../../../src/shared/limits'
import type { Article } from '../../../../src/shared/types'

const FILE = 'content/authors.yml'
const read = (text: string) => parseAuthorsFile(FILE, new TextEncoder().encode(text))

describe('node/content/authors', () => {
  it('reads each author, with a slug made from the name unless one is given', () => {
    const { authors, problems } = read(['- name: 홍길동', '  role: 기자', '  email: hong@example.com', '  bio: 정치부 기자.', '  photo: /images/hong.jpg', '- name: John Kim', '  slug: jkim', '  role: 워싱턴 특파원'].join('\n'))
    expect(problems).toEqual([])
    expect(authors).toEqual([
      { name: '홍길동', slug: '홍길동', role: '기자', email: 'hong@example.com', bio: '정치부 기자.', photo: '/images/hong.jpg' },
      { name: 'John Kim', slug: 'jkim', role: '워싱턴 특파원', email: '', bio: '', photo: '' },
    ])
  })

  it('names a file that is not valid YAML on the line where it breaks', () => {
    const { problems } = read('- name: 홍길동\n  role: [기자\n- name: 김철수\n')
    expect(problems).toHaveLength(1)
    expect(problems[0].file).toBe(FILE)
    expect(problems[0].line).toBeGreaterThanOrEqual(2)
    expect(problems[0].message).toMatch(/the authors file is not valid YAML: .*check quoting and indentation/)
  })

  it('names two authors with one slug (also one that differs only in case) on the second one\'s line', () => {
    const { authors, problems } = read('- name: 홍길동\n  slug: hong\n- name: 홍길동2\n  slug: HONG\n- name: Kim\n')
    expect(authors.map((a) => a.name)).toEqual(['홍길동', 'Kim'])
    expect(problems).toEqual([{ file: FILE, line: 3, message: expect.stringMatching(/the author "홍길동2" has the address "hong", which the author "홍길동" on line 1 has already: give one of them another "slug:"/) }])
  })

  it('names a name that slugs to nothing, a name too long, a name missing, and a list that is not one', () => {
    const long = '가'.repeat(MAX_AUTHOR_NAME_LENGTH + 1)
    const { problems } = read(`- name: "★★"\n- name: ${long}\n- role: 기자\n- 홍길동\n`)
    expect(problems.map((p) => p.line)).toEqual([1, 2, 2, 3, 4])
    expect(problems[0].message).toMatch(/no letters or digits to make an address from: add "slug: ..."/)
    expect(problems[1].message).toMatch(new RegExp(`more than the ${MAX_AUTHOR_NAME_LENGTH}`))
    expect(problems[3].message).toMatch(/the author has no name/)
    expect(problems[4].message).toMatch(/an author must be a set of keys/)
    expect(read('name: 홍길동\n').problems[0].message).toMatch(/must be a list of authors/)
    expect(read('').problems).toEqual([])
  })

  it('keeps untrusted text as text, and refuses a photo or an email that is not one', () => {
    const { authors, problems } = read('- name: 홍길동\n  bio: "<img src=x onerror=alert(1)>"\n  photo: "javascript:alert(1)"\n  email: "<script>"\n')
    expect(authors[0]).toMatchObject({ bio: '<img src=x onerror=alert(1)>', photo: '', email: '' })
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/email "<script>" is not an address/), expect.stringMatching(/photo "javascript:alert\(1\)" must be an http\(s\) URL/)])
  })

  it('joins the file to bylines by name or slug; a name it does not list keeps its own byline and page', () => {
    const { authors } = read('- name: 홍길동\n  slug: hong\n  role: 기자\n')
    const article = (names: string[]) => ({ slug: names.join('-') || 'none', authors: names.map(unlistedAuthor) }) as unknown as Article
    const [a, b, c] = joinAuthors([article(['홍길동', '김철수']), article(['hong']), article([])], authors)
    expect(a.authors.map((x) => [x.name, x.slug, x.role])).toEqual([['홍길동', 'hong', '기자'], ['김철수', '김철수', '']])
    expect(b.authors[0].name).toBe('홍길동')
    expect(c.authors).toEqual([])
  })
})
