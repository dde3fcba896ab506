// the browser's head: what components ask for is kept until unhead loads, then written;
// a component that unmounts takes its tags with it, before and after the load. (each
// component's tag has a name of its own: unhead would keep only the last of two alike)
import { createApp, defineComponent, h, nextTick } from 'vue'
import { beforeEach, describe, expect, it, vi } from 'vitest'

async function freshHead() {
  vi.stubEnv('SSR', false)
  vi.resetModules()
  document.head.innerHTML = ''
  document.title = ''
  return import('../../../src/client/head')
}

function mountAsking(usePageHead: (input: object) => void, title: string, page: string) {
  const el = document.createElement('div')
  const app = createApp(
    defineComponent({
      setup: () => (usePageHead({ title, meta: [{ name: `page-${page}`, content: page }] }), () => h('p')),
    }),
  )
  app.mount(el)
  return app
}

const pages = () => [...document.head.querySelectorAll('meta[name^="page-"]')].map((m) => m.getAttribute('content'))
/** unhead writes later changes once per task */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 10))

describe('client/head', () => {
  beforeEach(() => vi.unstubAllEnvs())

  it('writes nothing until unhead is loaded, then what the mounted components ask for', async () => {
    const { usePageHead, loadHead } = await freshHead()
    mountAsking(usePageHead, '첫 페이지', 'first')
    await nextTick()
    expect(pages()).toEqual([])
    await loadHead()
    expect(document.title).toBe('첫 페이지')
    expect(pages()).toEqual(['first'])
  })

  it("drops an unmounted component's tags, whether it unmounted before the load or after", async () => {
    const { usePageHead, loadHead } = await freshHead()
    const gone = mountAsking(usePageHead, '사라진 페이지', 'gone')
    gone.unmount()
    const first = mountAsking(usePageHead, '첫 페이지', 'first')
    await loadHead()
    expect(pages()).toEqual(['first'])

    first.unmount()
    mountAsking(usePageHead, '다음 페이지', 'next')
    await nextTask()
    expect(document.title).toBe('다음 페이지')
    expect(pages()).toEqual(['next'])
  })
})
