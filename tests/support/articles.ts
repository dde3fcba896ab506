// articles as the loader hands them to the build, made up for a test
import type { Article } from '../../src/shared/types'

/** An article with everything set to a plain value; `extra` overrides any field. */
export function makeArticle(slug: string, extra: Partial<Article> = {}): Article {
  return {
    slug,
    title: `제목 ${slug}`,
    categories: ['News'],
    excerpt: `요약 ${slug}`,
    image: '',
    imageAlt: '',
    imageCaption: '',
    photos: [],
    date: '2024-06-20',
    readingMinutes: 1,
    featureText: '',
    html: `<p>본문 ${slug}</p>`,
    headings: [],
    prev: null,
    next: null,
    related: [],
    source: `content/${slug}.md`,
    authors: [],
    tags: [],
    ...extra,
  }
}
