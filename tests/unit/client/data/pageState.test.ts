// the page's state, written as the build writes it (pageStateScript through unhead's server
// renderer, with the prerenderer's escaping) and read back as the app reads it (articleOfPage,
// from a fetched page and from the page being hydrated): the article comes back equal, hostile
// strings included.
import { createHead, renderSSRHead } from '@unhead/vue/server'
import { JSDOM } from 'jsdom'
import { afterEach, describe, expect, it } from 'vitest'
import type { Article } from '../../../../src/shared/types'
import { escapeAmpersands } from '../../../../src/node/build/renderPage'
import { ARTICLE_STATE_ID, articleOfPage, pageStateScript } from '../../../../src/client/data/pageState'
import { takePrerenderedArticle } from '../../../../src/client/data/data'

/** what breaks out of a script or an attribute, what json or html spell differently, lone surrogates */
const HOSTILE =
  '</script><script>alert(1)</script> </SCRIPT > <!-- --> & &amp; &lt; "\' \u2028\u2029 \uD800 \uDC00 \\u003c 한글'

const body =
  '<p>첫 문단 &amp; &lt;/script&gt;</p><h2 id="소제목">소제목</h2><p>둘째</p><h3 id="작은-제목">A &amp; B &lt;/script&gt;</h3>'
const article: Article = {
  slug: '북한-소식',
  title: `제목 ${HOSTILE}`,
  categories: ['국제', HOSTILE],
  authors: [{ name: `홍길동 ${HOSTILE}`, slug: '홍길동', role: '기자', email: '', bio: `소개 ${HOSTILE}`, photo: '' }],
  tags: [`태그 ${HOSTILE}`],
  excerpt: `요약 ${HOSTILE}`,
  featureText: `특징 ${HOSTILE}`,
  image: `https://example.com/a.jpg?x=1&y=${encodeURIComponent('</script>')}`,
  imageAlt: `사진 ${HOSTILE}`,
  imageCaption: `사진=${HOSTILE}`,
  photos: [],
  date: '2024-06-20T00:00:00.000Z',
  readingMinutes: 2,
  html: body,
  headings: [
    { level: 2, id: '소제목', text: '소제목' },
    { level: 3, id: '작은-제목', text: 'A & B </script>' },
  ],
  prev: null,
  next: { slug: 'b', title: HOSTILE },
  related: [{ slug: 'c', title: HOSTILE }],
  source: 'content/a.md',
}
// a page carries bylines only: the authors file's email, bio and photo are the author's page's
const { source: _source, ...full } = article
const published = { ...full, authors: article.authors.map(({ name, slug, role }) => ({ name, slug, role })) }
const { html: _html, ...summary } = published

/** A page as the prerenderer writes it: the app's html, then the head's body tags before </body>. */
async function writtenPage(a: Article, withBody: boolean): Promise<string> {
  const head = createHead()
  escapeAmpersands(head as never)
  head.push({ script: [pageStateScript(a, withBody)] })
  const { bodyTags } = await renderSSRHead(head)
  const app = withBody ? `<article><div class="article-body">${a.html}</div></article>` : '<article></article>'
  return `<!doctype html><html><head></head><body><div id="app" data-server-rendered="true">${app}</div>${bodyTags}</body></html>`
}

/** the text of the page's state block */
function stateOf(html: string): string {
  const state = /<script id="articleState" type="application\/json">([^]*?)<\/script>/.exec(html)?.[1]
  if (state === undefined) throw new Error('the page has no state block')
  return state
}

/** The article as a navigation reads it from the fetched page. */
function readFetched(html: string, slug: string) {
  const doc = new JSDOM(html).window.document as unknown as Document
  return articleOfPage(doc, doc.getElementById(ARTICLE_STATE_ID), slug, true)
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('client/data/pageState: written by the build, read by the app', () => {
  it("an article page carries no author's bio, email or photo", async () => {
    expect(stateOf(await writtenPage(article, true))).not.toContain('소개')
  })

  it('an article page: the state and the body read back to the article, hostile strings and all', async () => {
    const html = await writtenPage(article, true)
    expect(readFetched(html, article.slug)).toEqual(published)
  })

  it('a summary page: the state alone reads back to the article without its body', async () => {
    const html = await writtenPage(article, false)
    const read = readFetched(html, article.slug)
    expect(read).toEqual(summary)
    expect(read && 'html' in read).toBe(false)
  })

  it('an excerpt that is the feature text is written once and read back', async () => {
    const same = { ...article, excerpt: article.featureText }
    const html = await writtenPage(same, true)
    expect(JSON.parse(stateOf(html))).not.toHaveProperty('excerpt')
    expect(readFetched(html, article.slug)).toEqual({ ...published, excerpt: article.featureText })
  })

  it('leaves nothing that closes the script or starts a comment, and no line separator, in the state', async () => {
    const html = await writtenPage(article, false)
    const state = stateOf(html)
    expect(state).not.toMatch(/[<>\u2028\u2029]/)
    expect(html.match(/<\/script/gi)).toHaveLength(1)
  })

  it('the page being hydrated: its state is taken once, its body stays in the page', async () => {
    const html = await writtenPage(article, true)
    document.body.innerHTML = /<body>([^]*)<\/body>/.exec(html)![1]
    expect(takePrerenderedArticle(article.slug)).toEqual(summary)
    expect(takePrerenderedArticle(article.slug)).toBeNull()
    expect(document.querySelector('.article-body')?.innerHTML).toBe(body)
  })

  it("reads nothing from another article's page", async () => {
    expect(readFetched(await writtenPage(article, true), 'other')).toBeNull()
  })
})
