// plain links, one listener: a click on a link to one of the site's pages is a client-side
// navigation, anything else (another host, a new tab, a download, the feed, a modified
// click) is left to the browser; links to articles load them ahead, never on save-data.
import { createPinia } from 'pinia'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Router } from 'vue-router'

const store = vi.hoisted(() => ({ prefetchArticle: vi.fn() }))
const data = vi.hoisted(() => ({ saveData: false }))
vi.mock('../../../../src/client/stores/article', () => ({ useArticleStore: () => store }))
vi.mock('../../../../src/client/data/data', () => ({ saveDataMode: () => data.saveData }))

const { installLinkNavigation, installLinkPrefetch, linkHref } = await import('../../../../src/client/router/links')

const push = vi.fn<(to: string) => Promise<void>>(async () => {})
beforeAll(() => installLinkNavigation({ push } as unknown as Router))
beforeEach(() => {
  push.mockClear()
  store.prefetchArticle.mockClear()
})
afterEach(() => {
  document.body.innerHTML = ''
})

/** a link in the page, clicked; whether the browser was left to follow it */
function click(attrs: Record<string, string>, init: MouseEventInit = {}): boolean {
  const a = document.createElement('a')
  for (const [k, v] of Object.entries(attrs)) a.setAttribute(k, v)
  a.textContent = '링크'
  document.body.append(a)
  let followed = false
  // after the app's listener (on the document): note what it did, then keep the test
  // environment from following the link itself
  const after = (e: Event) => {
    followed = !e.defaultPrevented
    e.preventDefault()
  }
  window.addEventListener('click', after, { once: true })
  a.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ...init }))
  return followed
}

let stop: (() => void) | undefined
afterEach(() => {
  stop?.()
  stop = undefined
})

describe('client/router/links', () => {
  it('writes hrefs with the base and the hangul as it is', () => {
    expect(linkHref('/categories/북한/')).toBe('/categories/북한/')
    expect(linkHref('/articles/a/', '#섹션-1')).toBe('/articles/a/#섹션-1')
  })

  it("navigates in the app for the site's pages, with their query and hash", () => {
    expect(click({ href: '/articles/북한-러시아/' })).toBe(false)
    expect(click({ href: '/search/?q=%EB%B6%81%ED%95%9C' })).toBe(false)
    expect(click({ href: '#section-2' })).toBe(false)
    expect(push.mock.calls.map((c) => c[0])).toEqual([
      '/articles/%EB%B6%81%ED%95%9C-%EB%9F%AC%EC%8B%9C%EC%95%84/',
      '/search/?q=%EB%B6%81%ED%95%9C',
      `${location.pathname}#section-2`,
    ])
  })

  it('leaves other hosts, new tabs, downloads, files and modified clicks to the browser', () => {
    expect(click({ href: 'https://news.invalid/articles/a/' })).toBe(true)
    expect(click({ href: '/articles/a/', target: '_blank' })).toBe(true)
    expect(click({ href: '/articles/a/', download: '' })).toBe(true)
    expect(click({ href: '/feed.xml' })).toBe(true)
    expect(click({ href: '/articles/a/' }, { ctrlKey: true })).toBe(true)
    expect(click({ href: '/articles/a/' }, { button: 1 })).toBe(true)
    expect(click({})).toBe(true)
    expect(push).not.toHaveBeenCalled()
  })

  it('starts loading an article when its link is hovered or focused, with the sanitizer for the article view', () => {
    const root = document.createElement('div')
    document.body.append(root)
    stop = installLinkPrefetch(createPinia())
    root.innerHTML =
      '<a href="/articles/a/">기사</a><a href="/articles/b/excerpt/">요약</a><a href="/categories/x/">분야</a>'
    const [article, excerpt, category] = root.querySelectorAll('a')
    article.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }))
    excerpt.dispatchEvent(new FocusEvent('focusin', { bubbles: true }))
    category.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }))
    expect(store.prefetchArticle.mock.calls).toEqual([
      ['a', { body: true, opening: true }],
      ['b', { body: false, opening: true }],
    ])
  })

  it('a touch starts loading too, and a link merely in view loads nothing (the listing prefetches nothing by itself)', async () => {
    // every link in view at once, and the browser idle at once: a prefetch of links in view would fire here
    const observed: Element[] = []
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(private readonly seen: (entries: unknown[]) => void) {}
        observe(target: Element) {
          observed.push(target)
          this.seen([{ isIntersecting: true, target }])
        }
        unobserve() {}
        disconnect() {}
      },
    )
    vi.stubGlobal('requestIdleCallback', (fn: () => void) => fn())
    try {
      const root = document.createElement('div')
      document.body.append(root)
      stop = installLinkPrefetch(createPinia())
      root.innerHTML = '<a href="/articles/e/">기사</a><a href="/articles/f/">기사</a>'
      await new Promise((r) => setTimeout(r, 100))
      expect(observed).toEqual([])
      expect(store.prefetchArticle).not.toHaveBeenCalled()
      root.querySelector('a')!.dispatchEvent(new Event('touchstart', { bubbles: true }))
      expect(store.prefetchArticle.mock.calls).toEqual([['e', { body: true, opening: true }]])
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('loads nothing for a link within the page on screen (its contents)', () => {
    const root = document.createElement('div')
    document.body.append(root)
    stop = installLinkPrefetch(createPinia())
    history.replaceState(null, '', '/articles/d/')
    root.innerHTML = '<a href="#section-1">목차</a><a href="/articles/d/#section-2">목차</a>'
    for (const a of root.querySelectorAll('a')) a.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }))
    expect(store.prefetchArticle).not.toHaveBeenCalled()
  })

  it('loads nothing ahead on a save-data connection', () => {
    data.saveData = true
    try {
      const root = document.createElement('div')
      document.body.append(root)
      stop = installLinkPrefetch(createPinia())
      root.innerHTML = '<a href="/articles/c/">기사</a>'
      root.querySelector('a')!.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }))
      expect(store.prefetchArticle.mock.calls.filter((c) => c[0] === 'c')).toEqual([])
    } finally {
      data.saveData = false
    }
  })
})
