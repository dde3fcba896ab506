// what an incremental build compares: each page's key is its payload's, each payload file's
// its text (an article's payload is only read, never a file), and why a page was made again
import { describe, expect, it } from 'vitest'
import { describeRerender, pageKeys, rerenderReasons } from '../../../../../src/node/build/incremental/outputKeys'
import { inputKey } from '../../../../../src/node/build/incremental/record'

describe('node/build/incremental/outputKeys', () => {
  const routes = ['/', '/articles/a/', '/articles/a/excerpt/', '/search/', '/404']
  const payloads = new Map([
    ['_data/pages/1.json.gz', '{"page":1}'],
    ['_data/articles/a.json.gz', '{"slug":"a"}'],
    ['_data/search/meta.json.gz', '{}'],
  ])

  it('keys each page by its payload and each payload file by its text, and names the payloads pages read', () => {
    const files = new Map<string, string>()
    const { pageOf, readBy } = pageKeys(routes, payloads, '/404', files)
    expect(pageOf.get('/articles/a/excerpt/')).toBe('articles/a/excerpt/index.html')
    expect(pageOf.get('/404')).toBe('404.html')
    // the article and its summary read one payload: one key
    expect(files.get('articles/a/index.html')).toBe(files.get('articles/a/excerpt/index.html'))
    expect(files.get('index.html')).not.toBe(files.get('articles/a/index.html'))
    // a page that reads none has the key of nothing, whatever the payloads
    expect(files.get('search/index.html')).toBe(files.get('404.html'))
    expect(files.has('_data/articles/a.json.gz')).toBe(false)
    // (no page reads the search index: its files are keyed by the caller)
    expect(files.has('_data/search/meta.json.gz')).toBe(false)
    // a listing's payload file has its text's key, which is its page's (a full build notes it with the page)
    expect(files.get('_data/pages/1.json.gz')).toBe(inputKey('{"page":1}'))
    expect(files.get('_data/pages/1.json.gz')).toBe(files.get('index.html'))
    expect([...readBy].sort()).toEqual(['_data/articles/a.json.gz', '_data/pages/1.json.gz'])

    const edited = new Map<string, string>()
    pageKeys(
      routes,
      new Map([...payloads, ['_data/articles/a.json.gz', '{"slug":"a","title":"고침"}']]),
      '/404',
      edited,
    )
    const changed = [...edited].filter(([path, key]) => files.get(path) !== key).map(([path]) => path)
    expect(changed.sort()).toEqual(['articles/a/excerpt/index.html', 'articles/a/index.html'])
  })

  it('says why each page was made again: new, its article edited, its links, a listing', () => {
    const pageOf = new Map(pageKeys([...routes, '/articles/b/', '/articles/c/'], payloads, '/404', new Map()).pageOf)
    const had = { 'index.html': 'k', 'articles/a/index.html': 'k', 'articles/b/index.html': 'k' }
    const reasons = rerenderReasons(['/', '/articles/a/', '/articles/b/', '/articles/c/'], pageOf, had, new Set(['a']))
    expect(Object.fromEntries(reasons)).toEqual({
      '/': 'listing',
      '/articles/a/': 'content',
      '/articles/b/': 'links',
      '/articles/c/': 'new page',
    })
    expect(describeRerender(reasons, 24159).line).toBe(
      're-rendered 4 of 24,159 pages: 1 listing page (home, categories, authors, tags), 1 of articles whose file changed, ' +
        '1 of articles whose links to others changed, 1 new',
    )
  })
})
