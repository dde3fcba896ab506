// what a client-side navigation in a build reads an article from: the article's own
// prerendered page (data.ts loadArticleData). loaded on the first navigation (or prefetch),
// never by a first visit.
import { routePath } from '../../shared/paths'
import { ARTICLE_STATE_ID, articleOfPage, type LoadedArticle } from './pageState'

/** pages read (or being read), by article and kind */
const pages = new Map<string, Promise<LoadedArticle | null>>()

/**
 * The article `slug` from its page (`body`) or its summary's, each fetched once (see data.ts
 * loadArticleData). Fetched as the host serves pages: no version in the url, which would
 * change every page of the site with any article (see SiteIndex.version).
 */
export function loadArticlePage(slug: string, body: boolean): Promise<LoadedArticle | null> {
  const article = `article:${slug}`
  // a summary needs no body, but takes the article's page if that is in hand (or on its way)
  const key = body || pages.has(article) ? article : `excerpt:${slug}`
  let page = pages.get(key)
  if (!page) {
    const route =
      key === article ? routePath.article(encodeURIComponent(slug)) : routePath.excerpt(encodeURIComponent(slug))
    page = articleAt(`${import.meta.env.BASE_URL}${route.slice(1)}`, slug)
    // a failed fetch (offline) may be tried again
    page.catch(() => pages.delete(key))
    pages.set(key, page)
  }
  return page
}

/** The article `slug` as the page at `url` holds it, or null when there is no such page or article there. */
async function articleAt(url: string, slug: string): Promise<LoadedArticle | null> {
  const doc = await fetchDocument(url)
  // (a host that answers every path with the app's index.html: no such article)
  return doc && articleOfPage(doc, doc.getElementById(ARTICLE_STATE_ID), slug, true)
}

/**
 * A page of the site as an inert document (its scripts never run, nothing in it loads), or
 * null for a 404. Parsed by the browser as it arrives (XMLHttpRequest's document response):
 * a string handed to DOMParser would be a Trusted Types sink, which the site's policy
 * allows DOMPurify alone; what is read from the document reaches the page only through
 * DOMPurify (sanitize.ts).
 */
function fetchDocument(url: string): Promise<Document | null> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('GET', url)
    xhr.responseType = 'document'
    xhr.onload = () => {
      if (xhr.status === 404) return resolve(null)
      if (xhr.status < 200 || xhr.status > 299) return reject(new Error(`${xhr.status} ${xhr.statusText}`))
      if (!xhr.response) return reject(new Error(`${url} is not an html page`))
      resolve(xhr.response as Document)
    }
    xhr.onerror = () => reject(new Error(`${url} could not be loaded`))
    xhr.send()
  })
}
