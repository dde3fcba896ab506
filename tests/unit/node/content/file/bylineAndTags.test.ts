// author: and tags: in front matter, read and validated as categories are (fields.ts)
import { describe, expect, it } from 'vitest'
import { parseArticle, type ParseResult } from '../../../../../src/node/content/file/parseArticle'
import { MAX_AUTHOR_NAME_LENGTH, MAX_AUTHORS, MAX_TAG_LENGTH, MAX_TAGS } from '../../../../../src/shared/limits'

const parse = (fm: string) => parseArticle('content/a.md', new TextEncoder().encode(`---\ntitle: 제목\n${fm}\n---\n본문`))
function ok(result: ParseResult) {
  if (!result.ok) throw new Error(`expected an article, got problems: ${JSON.stringify(result.problems)}`)
  return result.article
}
function problems(result: ParseResult) {
  if (result.ok) throw new Error('expected problems, got an article')
  return result.problems
}

describe('node/content/file: author and tags', () => {
  it('reads one author as one name, spaces and all, and a list as a list', () => {
    expect(ok(parse('author: 홍길동')).authors).toEqual(['홍길동'])
    expect(ok(parse('author: John Kim')).authors).toEqual(['John Kim'])
    expect(ok(parse('author: [홍길동, 김철수]')).authors).toEqual(['홍길동', '김철수'])
    expect(ok(parse('authors:\n  - 홍길동\n  - 홍길동')).authors).toEqual(['홍길동'])
    expect(ok(parse('')).authors).toEqual([])
  })

  it('reads tags as a list, or one line split on spaces as Jekyll reads it', () => {
    expect(ok(parse('tags: 북한 러시아  정상회담')).tags).toEqual(['북한', '러시아', '정상회담'])
    expect(ok(parse('tags: [북한, 한미 동맹]')).tags).toEqual(['북한', '한미 동맹'])
    expect(ok(parse('tags:\n  - 2024\n  - 선거')).tags).toEqual(['2024', '선거'])
    expect(ok(parse('')).tags).toEqual([])
  })

  it('names an author or a tag that slugs to nothing, on its line', () => {
    const [a] = problems(parse('author: "!!!"'))
    expect(a).toMatchObject({ line: 3 })
    expect(a.message).toMatch(/the author "!!!" has no letters or digits/)
    const [t] = problems(parse('tags: [좋음, "***"]'))
    expect(t.message).toMatch(/the tag "\*\*\*" has no letters or digits/)
  })

  it('refuses a name that is too long, and too many of either', () => {
    expect(problems(parse(`author: ${'가'.repeat(MAX_AUTHOR_NAME_LENGTH + 1)}`))[0].message).toMatch(new RegExp(`more than the ${MAX_AUTHOR_NAME_LENGTH}`))
    expect(problems(parse(`tags: ${'가'.repeat(MAX_TAG_LENGTH + 1)}`))[0].message).toMatch(new RegExp(`more than the ${MAX_TAG_LENGTH}`))
    const many = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`).join(' ')
    expect(problems(parse(`tags: ${many(MAX_TAGS + 1)}`))[0].message).toMatch(new RegExp(`${MAX_TAGS + 1} tags, more than the ${MAX_TAGS}`))
    expect(problems(parse(`author: [${many(MAX_AUTHORS + 1).split(' ').join(', ')}]`))[0].message).toMatch(/authors, more than the/)
  })

  it('refuses a set of keys where names are expected, saying how to write them', () => {
    expect(problems(parse('author: { name: 홍길동 }'))[0].message).toMatch(/authors must be a name or a list of names, not a set of keys: write e.g. author: \[홍길동, 김철수\]/)
    expect(problems(parse('tags: { a: 1 }'))[0].message).toMatch(/tags must be a list of names or one line/)
  })
})
