import { describe, expect, it } from 'vitest'
import type { SiteConfig } from '../../../../src/shared/types'
import site from '../../../../site.config'
import { checkedSiteConfig, siteConfigProblems } from '../../../../src/node/build/siteConfig'
import { ContentContext } from '../../../../src/node/plugins/contentContext'

const GOOD: SiteConfig = { name: '한빛뉴스', description: '', url: 'https://news.example.com', pageSize: 20 }
const problems = (over: Record<string, unknown>) => siteConfigProblems({ ...GOOD, ...over } as SiteConfig)

describe('node/build/siteConfig', () => {
  it("accepts the project's own settings, and every setting it knows at its right values", () => {
    expect(siteConfigProblems(site)).toEqual([])
    expect(
      problems({
        url: 'http://localhost:8080/',
        feedContent: 'full',
        verification: { google: 'X8ssSVUMqFrhG0Blz0eVahLXYHzsYu8fDHl0QtVvYQ0', naver: '3a5b9c0d' },
      }),
    ).toEqual([])
    expect(problems({ feedContent: 'excerpt', verification: {} })).toEqual([])
  })

  it('names site.config.ts, the setting and the fix for each wrong value, all at once', () => {
    const all = problems({
      name: ' ',
      url: 'news.example.com',
      pageSize: 0,
      feedContent: 'summary',
      verification: { google: '<meta name="google-site-verification" content="abc">', bing: 'x' },
    })
    expect(all).toHaveLength(6)
    for (const p of all) expect(p).toMatch(/^site\.config\.ts: /)
    expect(all.join('\n')).toMatch(/name must be/)
    expect(all.join('\n')).toMatch(/url "news\.example\.com" is not an http\(s\) URL/)
    expect(all.join('\n')).toMatch(/pageSize must be a whole number of articles from 1 to 1000, not 0/)
    expect(all.join('\n')).toMatch(/feedContent must be 'excerpt' or 'full', not "summary"/)
    expect(all.join('\n')).toMatch(/verification\.google .* paste only the value of the meta tag's content="…"/)
    expect(all.join('\n')).toMatch(/verification\.bing is not a search console/)
  })

  it("wants the site's origin, and says to build a subpath with --base", () => {
    expect(problems({ url: 'https://example.com/news' })).toEqual([
      'site.config.ts: url "https://example.com/news" has a path: write the origin (https://example.com) and build for the subpath with npm run build -- --base /news/',
    ])
    expect(problems({ url: 'https://example.com/?a=1' })[0]).toMatch(/a user, a query or a fragment/)
    expect(problems({ url: 'javascript:alert(1)' })[0]).toMatch(/not an http\(s\) URL/)
    expect(problems({ verification: 'abc' })[0]).toMatch(/verification must be an object/)
  })

  it("takes the header's sections as a short list of names", () => {
    expect(problems({ sections: ['정치', '경제'] })).toEqual([])
    expect(problems({ sections: '정치' })[0]).toMatch(/sections must be a list of category names/)
    expect(problems({ sections: ['정치', ''] })[0]).toMatch(/each of sections must be a category's name/)
    expect(problems({ sections: ['정치', 3] })[0]).toMatch(/not 3/)
    expect(problems({ sections: Array.from({ length: 13 }, (_, i) => `분야${i}`) })[0]).toMatch(/at most 12/)
  })

  it('names SITE_URL when the wrong url came from it', () => {
    expect(siteConfigProblems({ ...GOOD, url: 'ftp://x' }, true)[0]).toMatch(
      /^SITE_URL \(which overrides url in site\.config\.ts\) "ftp:\/\/x"/,
    )
  })

  it('is checked when the content plugins start, before anything is read', () => {
    expect(() => checkedSiteConfig({ ...GOOD, pageSize: 1.5 })).toThrow(
      /the site's settings are wrong:\n {2}site\.config\.ts: pageSize/,
    )
    expect(() => new ContentContext({ site: { ...GOOD, url: 'https://x.example/a/' } })).toThrow(/--base \/a\//)
    expect(new ContentContext({ site: GOOD }).site).toEqual(GOOD)
  })
})
