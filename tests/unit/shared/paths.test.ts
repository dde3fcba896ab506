import { describe, expect, it } from 'vitest'
import { articleDataPath, categoryDataPath, pageDataPath, routePath } from '../../../src/shared/paths'

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
