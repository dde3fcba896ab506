// the article's JSON-LD carries its date and the date of its last change
import { describe, expect, it } from 'vitest'
import { articleJsonLd } from '../../../src/shared/jsonLd'

const base = {
  title: '제목',
  description: '',
  url: 'https://news.example.com/articles/x/',
  image: '',
  categories: [],
  siteName: '한빛뉴스',
  siteUrl: 'https://news.example.com/',
}

describe('shared/jsonLd: dates', () => {
  it('gives datePublished and dateModified when the article has them', () => {
    const ld = JSON.parse(
      articleJsonLd({ ...base, published: '2024-06-20T05:30:00.000Z', modified: '2024-06-21T00:15:00.000Z' }),
    )
    expect(ld).toMatchObject({ datePublished: '2024-06-20T05:30:00.000Z', dateModified: '2024-06-21T00:15:00.000Z' })
  })

  it('leaves dateModified out for an article never changed', () => {
    const ld = JSON.parse(articleJsonLd({ ...base, published: '2024-06-20', modified: '' }))
    expect(ld.datePublished).toBe('2024-06-20')
    expect('dateModified' in ld).toBe(false)
  })
})
