import { createApp, createSSRApp, h, nextTick, shallowRef } from 'vue'
import { afterEach, describe, expect, it, vi } from 'vitest'

// the sanitizer stands in: "loaded" once `ready` is true, and marks what it returns
const fake = vi.hoisted(() => ({ ready: null as unknown as { value: boolean }, loads: 0 }))
vi.mock('../../../../src/client/sanitize', async () => {
  const { shallowRef } = await import('vue')
  fake.ready = shallowRef(true)
  return {
    loadSanitizer: async () => void fake.loads++,
    sanitizeArticleHtml: (html: string | undefined) =>
      html === undefined || !fake.ready.value ? undefined : `<p class="clean">${html.replace(/<[^>]*>/g, '')}</p>`,
  }
})

const { default: ArticleBody } = await import('../../../../src/client/components/ArticleBody.vue')

let container: HTMLElement
afterEach(() => {
  container?.remove()
  fake.ready.value = true
  fake.loads = 0
})

/** the page as prerendered, then the app taking it over */
function hydrate(serverHtml: string, props: { html?: string }) {
  container = document.createElement('div')
  container.innerHTML = serverHtml
  document.body.append(container)
  const missing = vi.fn()
  const html = shallowRef(props.html)
  createSSRApp({ render: () => h(ArticleBody, { html: html.value, onMissing: missing }) }).mount(container)
  return { missing, html }
}

describe('client/components/ArticleBody', () => {
  it('adopts the prerendered body when it has no html: not sanitized, not replaced, nothing asked', async () => {
    const { missing } = hydrate('<div class="article-body"><h2 id="a">소제목</h2><p>본문</p></div>', {})
    await nextTick()
    const body = container.querySelector('.article-body')!
    expect(body.innerHTML).toBe('<h2 id="a">소제목</h2><p>본문</p>')
    expect(missing).not.toHaveBeenCalled()
    expect(fake.loads).toBe(0)
  })

  it('an empty element and no html (nothing to adopt): asks for the body', async () => {
    const { missing } = hydrate('<div class="article-body"></div>', {})
    await nextTick()
    expect(missing).toHaveBeenCalledTimes(1)
  })

  it('html it is given reaches the DOM only as the sanitizer returned it, also while hydrating', async () => {
    const { html } = hydrate('<div class="article-body"><p>서버</p></div>', { html: '<p>새 <b>본문</b></p>' })
    await nextTick()
    expect(container.querySelector('.article-body')!.innerHTML).toBe('<p class="clean">새 본문</p>')
    html.value = '<p>다음 <i>본문</i></p>'
    await nextTick()
    expect(container.querySelector('.article-body')!.innerHTML).toBe('<p class="clean">다음 본문</p>')
  })

  it('while the sanitizer is not loaded, html stays out; it comes in once it is', async () => {
    fake.ready.value = false
    container = document.createElement('div')
    document.body.append(container)
    const missing = vi.fn()
    createApp({ render: () => h(ArticleBody, { html: '<p>본문</p>', onMissing: missing }) }).mount(container)
    await nextTick()
    expect(container.querySelector('.article-body')!.innerHTML).toBe('')
    expect(missing).not.toHaveBeenCalled()
    fake.ready.value = true
    await nextTick()
    expect(container.querySelector('.article-body')!.innerHTML).toBe('<p class="clean">본문</p>')
  })
})
