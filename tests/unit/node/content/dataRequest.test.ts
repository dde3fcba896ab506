import { describe, expect, it } from 'vitest'
import { MAX_DATA_PATH, parseDataRequest } from '../../../../src/node/content/dataRequest'
import { articleDataPath, categoryDataPath, pageDataPath, searchMetaPath } from '../../../../src/shared/paths'

const refused = (reason: RegExp) => ({ kind: 'refused', status: 400, reason: expect.stringMatching(reason) })

describe('node/dataRequest', () => {
  it('passes on what is not a payload request', () => {
    for (const url of [undefined, '/', '/articles/a/', '/_data', '/_datax/a', '/%', '/articles/%/', '/news/_data/pages/1.json.gz']) {
      expect(parseDataRequest(url, '/'), String(url)).toEqual({ kind: 'other' })
    }
    expect(parseDataRequest('/_data/pages/1.json.gz', '/news/')).toEqual({ kind: 'other' })
  })

  it('decodes the payload paths the site makes, under any base, without the query', () => {
    for (const path of [articleDataPath('북한-러시아'), categoryDataPath('국제 뉴스', 2), pageDataPath(3), searchMetaPath()]) {
      expect(parseDataRequest(`/${path}`, '/')).toEqual({ kind: 'payload', path: decodeURIComponent(path) })
      expect(parseDataRequest(`/news/${path}?v=1#x`, '/news/')).toEqual({ kind: 'payload', path: decodeURIComponent(path) })
    }
    // a path that names no payload is for the lookup to answer (404), not refused
    expect(parseDataRequest('/_data/', '/')).toEqual({ kind: 'payload', path: '_data/' })
    expect(parseDataRequest('/_data/nothing/here', '/')).toEqual({ kind: 'payload', path: '_data/nothing/here' })
  })

  it('refuses malformed percent escapes instead of throwing', () => {
    // a lone %, one cut short, a three-byte sequence cut short, a lone surrogate, overlong UTF-8
    for (const url of ['/_data/%', '/_data/%4', '/_data/%zz', '/_data/%E0%A4%A', '/_data/articles/%ED%A0%80.json.gz', '/_data/%C0%AF', '/_data/%FF']) {
      expect(parseDataRequest(url, '/'), url).toEqual(refused(/malformed percent escape/))
    }
  })

  it('refuses . and .. segments, written plainly or escaped', () => {
    for (const url of ['/_data/articles/..%2f..%2fpackage.json.json.gz', '/_data/../package.json', '/_data/articles/%2e%2e/x.json.gz', '/_data/./pages/1.json.gz', '/_data/..']) {
      expect(parseDataRequest(url, '/'), url).toEqual(refused(/\. or \.\. segment/))
    }
    // dots inside a name are fine
    expect(parseDataRequest('/_data/articles/a..b.json.gz', '/')).toEqual({ kind: 'payload', path: '_data/articles/a..b.json.gz' })
  })

  it('refuses NUL, other control characters and backslashes', () => {
    for (const url of ['/_data/articles/a%00.json.gz', '/_data/%0a', '/_data/%1b[31m', '/_data/%7f', '/_data/%C2%85', '/_data/..%5c..%5cpackage.json']) {
      expect(parseDataRequest(url, '/'), url).toEqual(refused(/control character or a backslash/))
    }
  })

  it('refuses a path longer than any payload, in time linear in its length', () => {
    expect(parseDataRequest(`/_data/${'a'.repeat(MAX_DATA_PATH)}`, '/')).toEqual(refused(/too long/))
    expect(parseDataRequest(`/_data/${'a'.repeat(MAX_DATA_PATH - '_data/'.length)}`, '/')).toMatchObject({ kind: 'payload' })
    // 100 KB and 10 MB of escapes and query: refused at once, whatever they hold
    for (const size of [100_000, 10_000_000]) {
      const started = performance.now()
      expect(parseDataRequest(`/_data/${'%'.repeat(size)}`, '/')).toEqual(refused(/too long/))
      expect(parseDataRequest(`/_data/pages/1.json.gz?${'%'.repeat(size)}`, '/')).toEqual({ kind: 'payload', path: '_data/pages/1.json.gz' })
      expect(performance.now() - started).toBeLessThan(500)
    }
  })

  it('its reasons are short and repeat nothing of the request', () => {
    for (const url of ['/_data/%3Cscript%3E%', `/_data/${'<b>'.repeat(1000)}`, '/_data/x/%00<b>']) {
      const r = parseDataRequest(url, '/')
      expect(r.kind).toBe('refused')
      if (r.kind !== 'refused') continue
      expect(r.reason.length).toBeLessThan(80)
      expect(r.reason).not.toMatch(/[<>%]/)
    }
  })
})
