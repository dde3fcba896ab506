import { describe, expect, it } from 'vitest'
import {
  articleDataPath,
  categoryDataPath,
  crawlerPath,
  FEED_FORMATS,
  feedPath,
  isArticleDataPath,
  pageDataPath,
  parseDataPath,
  parseCrawlerPath,
  parseRoute,
  routePath,
  searchMetaPath,
  searchDocsPath,
  searchPartPath,
  SITE_FEED,
} from '../../../src/shared/paths'
import { slugify } from '../../../src/shared/slug'

/** strings a hostile file or request could bring: separators, dots, escapes, markup, line separators */
const HOSTILE = [
  ...['../../etc/passwd', 'a/b', 'x/excerpt', '%2F', '%', '%E0%A4%A', '</script>', '<!--', '\u2028\u2029'],
  ...['a.json.gz', '?q=1#top', ' 공백 ', '\0', '한국\\뉴스', '1', 'page'],
]

describe('shared/paths', () => {
  it('routes end with a slash (a folder with an index.html on any host)', () => {
    expect(routePath.home()).toBe('/')
    expect(routePath.home(1)).toBe('/')
    expect(routePath.home(3)).toBe('/page/3/')
    expect(routePath.article('3f06a9bec7bd6d0f')).toBe('/articles/3f06a9bec7bd6d0f/')
    expect(routePath.excerpt('3f06a9bec7bd6d0f')).toBe('/articles/3f06a9bec7bd6d0f/excerpt/')
    expect(routePath.category('News')).toBe('/categories/news/')
    expect(routePath.category('국제 뉴스', 2)).toBe('/categories/국제-뉴스/page/2/')
    expect(routePath.search()).toBe('/search/')
    expect(routePath.search('북한 러시아')).toBe('/search/?q=%EB%B6%81%ED%95%9C%20%EB%9F%AC%EC%8B%9C%EC%95%84')
  })

  it('payload paths are relative to the base and percent-encode their segments', () => {
    expect(articleDataPath('abc')).toBe('_data/articles/abc.json.gz')
    expect(articleDataPath('한국')).toBe('_data/articles/%ED%95%9C%EA%B5%AD.json.gz')
    expect(pageDataPath(2)).toBe('_data/pages/2.json.gz')
    expect(categoryDataPath('국제', 1)).toBe('_data/categories/%EA%B5%AD%EC%A0%9C/1.json.gz')
  })
})

describe('shared/paths: built, then parsed back', () => {
  // a payload path is parsed decoded, as its file is named on disk and the dev server hands it on
  const parsed = (path: string) => parseDataPath(decodeURIComponent(path))

  it('reads every payload path back to what built it, for any slug or category, hostile ones too', () => {
    for (const slug of [...HOSTILE, '북한-러시아', '3f06a9bec7bd6d0f']) {
      expect(parsed(articleDataPath(slug)), slug).toEqual({ kind: 'article', slug })
      for (const page of [1, 2, 101])
        expect(parsed(categoryDataPath(slug, page)), slug).toEqual({ kind: 'category', category: slug, page })
    }
    for (const page of [1, 2, 10, 2_001]) expect(parsed(pageDataPath(page))).toEqual({ kind: 'page', page })
    expect(parsed(searchMetaPath())).toEqual({ kind: 'search-meta' })
    for (const part of [0, 1, 255]) expect(parsed(searchPartPath(part))).toEqual({ kind: 'search-part', part })
    for (const shard of [0, 1, 1562]) expect(parsed(searchDocsPath(shard))).toEqual({ kind: 'search-docs', shard })
  })

  it('refuses a slug that is not well-formed UTF-16 (a lone surrogate) when building, as encodeURIComponent does', () => {
    expect(() => articleDataPath('\uD800abc')).toThrow(URIError)
    expect(() => categoryDataPath('abc\uDC00', 1)).toThrow(URIError)
  })

  it('tells an article payload from the others by parsing, not by a prefix alone', () => {
    expect(isArticleDataPath(decodeURIComponent(articleDataPath('한국')))).toBe(true)
    expect(isArticleDataPath(pageDataPath(1))).toBe(false)
    expect(isArticleDataPath(searchMetaPath())).toBe(false)
  })

  it('names nothing by any other path', () => {
    const paths = [
      ...[
        '',
        '_data/',
        '_data/articles/.json.gz',
        '_data/articles/a.json',
        'articles/a.json.gz',
        '/_data/pages/1.json.gz',
      ],
      ...[
        '_data/pages/x.json.gz',
        '_data/pages/-1.json.gz',
        '_data/categories/a.json.gz',
        '_data/categories//1.json.gz',
      ],
      ...['_data/search/terms/x.json.gz', '_data/search/other.json.gz'],
    ]
    for (const path of paths) {
      expect(parseDataPath(path), path).toBeUndefined()
    }
  })

  it('reads every route back to what built it, for every slug the site can make of hostile text', () => {
    for (const text of [...HOSTILE, '\uD800abc', '북한 러시아', 'News']) {
      const slug = slugify(text)
      if (!slug) continue
      expect(parseRoute(routePath.article(slug)), text).toEqual({ kind: 'article', slug })
      expect(parseRoute(routePath.excerpt(slug)), text).toEqual({ kind: 'excerpt', slug })
      for (const page of [1, 2, 101])
        expect(parseRoute(routePath.category(text, page)), text).toEqual({ kind: 'category', category: slug, page })
    }
    for (const page of [1, 2, 101]) expect(parseRoute(routePath.home(page))).toEqual({ kind: 'home', page })
    expect(parseRoute(routePath.search())).toEqual({ kind: 'search' })
  })

  it('makes no slug that would read as another route: slugify keeps no separator', () => {
    for (const text of HOSTILE) expect(slugify(text), text).not.toMatch(/[/?#%\\<>\0\u2028\u2029]/)
  })

  it('names nothing by a path that is not a route the site makes', () => {
    const routes = [
      ...['', '/404', '/articles/', '/articles//', '/articles/a/b/', '/articles/a', '/page/x/', '/page/'],
      ...['/categories/', '/categories/a/page/', '/categories/a/b/', '/search/?q=x', '/search'],
    ]
    for (const route of routes) {
      expect(parseRoute(route), route).toBeUndefined()
    }
  })
})

describe('shared/paths: the files for crawlers and feed readers', () => {
  it('are relative to the base: robots.txt, the sitemap index and its parts beside it, and the feeds', () => {
    expect(crawlerPath.robots()).toBe('robots.txt')
    expect(crawlerPath.sitemapIndex()).toBe('sitemap.xml')
    expect(crawlerPath.sitemap(2)).toBe('sitemap-2.xml')
    expect(crawlerPath.newsSitemap()).toBe('sitemap-news.xml')
    expect(FEED_FORMATS.map((f) => feedPath(f))).toEqual(['feed.xml', 'atom.xml', 'feed.json'])
    expect(feedPath('atom', { kind: 'category', slug: '국제' })).toBe('categories/국제/atom.xml')
    expect(feedPath('json', { kind: 'tag', slug: '선거' })).toBe('tags/선거/feed.json')
    expect(feedPath('rss', { kind: 'author', slug: 'hong' })).toBe('authors/hong/feed.xml')
    // a group's feeds sit in its page's folder
    expect(`/${feedPath('rss', { kind: 'category', slug: '국제' })}`.startsWith(routePath.category('국제'))).toBe(true)
  })

  it('reads every file path back to what built it, for every slug the site can make of hostile text', () => {
    expect(parseCrawlerPath('robots.txt')).toEqual({ kind: 'robots' })
    expect(parseCrawlerPath('sitemap.xml')).toEqual({ kind: 'sitemap-index' })
    expect(parseCrawlerPath('sitemap-news.xml')).toEqual({ kind: 'news-sitemap' })
    for (const part of [1, 2, 45])
      expect(parseCrawlerPath(crawlerPath.sitemap(part))).toEqual({ kind: 'sitemap', part })
    for (const format of FEED_FORMATS) {
      expect(parseCrawlerPath(feedPath(format))).toEqual({ kind: 'feed', format, scope: SITE_FEED })
      for (const text of [...HOSTILE, '북한 러시아']) {
        const slug = slugify(text)
        if (!slug) continue
        for (const kind of ['category', 'tag', 'author'] as const) {
          expect(parseCrawlerPath(feedPath(format, { kind, slug })), text).toEqual({
            kind: 'feed',
            format,
            scope: { kind, slug },
          })
        }
      }
    }
  })

  it('names nothing by a path that is not one of them', () => {
    const paths = [
      '',
      'sitemap-0.xml',
      'sitemap-01.xml',
      'sitemap-x.xml',
      'sitemaps/sitemap-1.xml',
      'feed.rss',
      'categories/feed.xml',
    ]
    for (const path of [
      ...paths,
      'pages/a/feed.xml',
      'categories/a/b/feed.xml',
      'categories/a/index.html',
      '/feed.xml',
      'robots.txt/',
    ]) {
      expect(parseCrawlerPath(path), path).toBeUndefined()
    }
  })
})

describe('shared/paths: authors and tags', () => {
  it('builds and parses author and tag routes and payload paths', async () => {
    const { authorDataPath, parseDataPath, parseRoute, routePath, tagDataPath } =
      await import('../../../src/shared/paths')
    expect(routePath.author('hong')).toBe('/authors/hong/')
    expect(routePath.author('hong', 3)).toBe('/authors/hong/page/3/')
    expect(routePath.tag('North Korea', 2)).toBe('/tags/north-korea/page/2/')
    expect(parseRoute('/authors/홍길동/page/2/')).toEqual({ kind: 'author', author: '홍길동', page: 2 })
    expect(parseRoute('/tags/북한/')).toEqual({ kind: 'tag', tag: '북한', page: 1 })
    expect(parseDataPath(decodeURIComponent(authorDataPath('홍길동', 2)))).toEqual({
      kind: 'author',
      author: '홍길동',
      page: 2,
    })
    expect(parseDataPath(decodeURIComponent(tagDataPath('북한', 1)))).toEqual({ kind: 'tag', tag: '북한', page: 1 })
  })
})
