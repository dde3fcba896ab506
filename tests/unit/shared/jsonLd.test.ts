import { describe, expect, it } from 'vitest'
import { articleJsonLd } from '../../../src/shared/jsonLd'

const base = {
  title: '제목',
  description: '',
  url: 'https://news.example.com/articles/a/',
  image: '',
  published: '',
  categories: [],
  siteName: '한빛뉴스',
  siteUrl: 'https://news.example.com/',
}

describe('shared/jsonLd: authors and tags', () => {
  it('names each author as a Person with the url of their page and their role, and the tags as keywords', () => {
    const ld = JSON.parse(
      articleJsonLd({
        ...base,
        authors: [
          { name: '홍길동', url: 'https://news.example.com/authors/hong/', role: '기자' },
          { name: '김철수', url: 'https://news.example.com/authors/김철수/' },
        ],
        tags: ['북한', '러시아'],
      }),
    ) as Record<string, unknown>
    expect(ld.author).toEqual([
      { '@type': 'Person', name: '홍길동', url: 'https://news.example.com/authors/hong/', jobTitle: '기자' },
      { '@type': 'Person', name: '김철수', url: 'https://news.example.com/authors/김철수/' },
    ])
    expect(ld.keywords).toEqual(['북한', '러시아'])
  })

  it('credits the newsroom when no author is named, and writes no keywords without tags', () => {
    const ld = JSON.parse(articleJsonLd(base)) as Record<string, unknown>
    expect(ld.author).toEqual({ '@type': 'Organization', name: '한빛뉴스', url: 'https://news.example.com/' })
    expect(ld).not.toHaveProperty('keywords')
  })

  it('keeps a hostile name inside the script', () => {
    const text = articleJsonLd({
      ...base,
      authors: [{ name: '</script><script>alert(1)</script>', url: 'https://x/' }],
    })
    expect(text).not.toContain('<')
  })
})
