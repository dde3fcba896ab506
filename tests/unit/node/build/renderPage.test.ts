// one page's html from an app, with stand-ins for the server bundle and vue's and unhead's
// renderers: what renderPage.ts does with their output, apart from any file or loop
import { describe, expect, it } from 'vitest'
import {
  pageRenderer,
  withStaticImports,
  type HeadHtml,
  type PageTemplate,
  type Renderers,
} from '../../../../src/node/build/renderPage'

const shell: PageTemplate = {
  template:
    '<!doctype html><html lang="ko"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width">' +
    '<script type="module" src="/assets/app.js"></script></head><body><div id="app"></div></body></html>',
  manifest: {
    'src/views/A.vue': ['/assets/A.js', '/assets/A.css', '/assets/app.js'],
    'src/views/B.vue': ['/assets/A.js'],
  },
}

/** renderers whose app renders the route's name, and whose head gives `head` */
function renderers(head: Partial<HeadHtml> = {}, state?: Record<string, unknown>) {
  const pushed: string[] = []
  let created = 0
  const r: Renderers = {
    createApp: async (route) => {
      created++
      pushed.push(route)
      const router = { push: async (to: string) => void pushed.push(to) }
      return {
        app: { use: () => undefined },
        router,
        head: undefined,
        initialState: state,
        freshPage: () => ({ hooks: { hook: () => undefined } }),
      }
    },
    renderToString: async (_app, ctx) => {
      ctx.modules = new Set(['src/views/A.vue', 'src/views/B.vue'])
      return `<main>${pushed.at(-1)}</main>`
    },
    renderSSRHead: async () => ({
      headTags: '',
      bodyTags: '',
      bodyTagsOpen: '',
      htmlAttrs: '',
      bodyAttrs: '',
      ...head,
    }),
  }
  return { r, pushed, created: () => created }
}

describe('node/build/renderPage', () => {
  it('renders route after route with one app, into the template, marked for hydration', async () => {
    const { r, pushed, created } = renderers()
    const render = pageRenderer(shell, r)
    expect(await render('/a/')).toContain('<div id="app" data-server-rendered="true"><main>/a/</main></div>')
    expect(await render('/b/')).toContain('<main>/b/</main>')
    expect(pushed).toEqual(['/a/', '/b/'])
    expect(created()).toBe(1)
  })

  it('preloads each chunk the page used once, but none the template loads already', async () => {
    const html = await pageRenderer(shell, renderers().r)('/a/')
    expect(html).toContain(
      '<link rel="modulepreload" crossorigin href="/assets/A.js"><link rel="stylesheet" href="/assets/A.css"></head>',
    )
    expect(html.match(/\/assets\/A\.js/g)).toHaveLength(1)
    expect(html).not.toContain('modulepreload" crossorigin href="/assets/app.js"')
  })

  it('preloads the data a page says it fetches at once, as fetch() asks for it, its url escaped', async () => {
    const { r } = renderers()
    r.renderToString = async (_app, ctx) => {
      ctx.fetches = new Set(['/news/_data/search/meta.json.gz', '/x?a=1&b="2"'])
      return '<main></main>'
    }
    const html = await pageRenderer(shell, r)('/search/')
    expect(html).toContain(
      '<link rel="preload" as="fetch" crossorigin href="/news/_data/search/meta.json.gz"><link rel="preload" as="fetch" crossorigin href="/x?a=1&amp;b=&quot;2&quot;"></head>',
    )
  })

  it("adds unhead's tags after the template's, less the charset and viewport it has, and its attributes", async () => {
    const head = {
      headTags: '<meta charset="utf-8">\n<meta name="viewport" content="x">\n<title>제목</title>',
      bodyTags: '<script type="application/json" id="s">{}</script>',
      htmlAttrs: ' lang="ko" data-x="1"',
      bodyAttrs: ' class="b"',
    }
    const { r } = renderers(head)
    const render = pageRenderer(shell, r)
    await render('/a/')
    // the head exists from the second page on (vite-ssg's createApp gives the first its own)
    const html = await render('/b/')
    expect(html).toContain('<title>제목</title></head>')
    expect(html.match(/<meta charset=/gi)).toHaveLength(1)
    expect(html.match(/<meta name="viewport"/g)).toHaveLength(1)
    expect(html).toContain('<html lang="ko" data-x="1">')
    expect(html).toContain('<body class="b">')
    expect(html).toContain('<script type="application/json" id="s">{}</script></body>')
  })

  it('refuses a page whose app left state to serialise, which would need an inline script', async () => {
    await expect(pageRenderer(shell, renderers({}, { pinia: {} }).r)('/a/')).rejects.toThrow('initial state')
  })

  it('refuses a template without the app container', async () => {
    await expect(
      pageRenderer({ ...shell, template: '<html><body></body></html>' }, renderers().r)('/a/'),
    ).rejects.toThrow('<div id="app"></div>')
  })

  describe('withStaticImports', () => {
    // vite's build manifest, keyed by source, without the base; the ssr manifest's files with it
    const build = {
      'src/views/Search.vue': {
        file: 'assets/Search.js',
        imports: ['src/main.ts', 'src/search/use.ts'],
        css: ['assets/Search.css'],
      },
      'src/main.ts': { file: 'assets/app.js', imports: [] },
      'src/search/use.ts': {
        file: 'assets/use.js',
        imports: ['src/search/text.ts', 'src/main.ts'],
        dynamicImports: ['src/search/engine.ts'],
        css: ['assets/use.css'],
      },
      'src/search/text.ts': { file: 'assets/text.js', imports: ['src/search/use.ts'] },
      'src/search/engine.ts': { file: 'assets/engine.js', imports: ['src/search/text.ts'] },
    }

    it("adds the chunks a page's chunks import, all the way down, with their css, once each", () => {
      const manifest = withStaticImports(
        { 'src/views/Search.vue': ['/base/assets/Search.js', '/base/assets/Search.css'] },
        build,
        '/base/',
      )
      expect(manifest['src/views/Search.vue']).toEqual([
        '/base/assets/Search.js',
        '/base/assets/Search.css',
        '/base/assets/app.js',
        '/base/assets/use.js',
        '/base/assets/use.css',
        '/base/assets/text.js',
      ])
    })

    it('leaves out what is only imported on demand, and files it does not know', () => {
      const manifest = withStaticImports(
        { 'src/search/text.ts': ['/assets/text.js'], 'x.vue': ['/assets/gone.js', '/elsewhere/a.js'] },
        build,
        '/',
      )
      // text.js imports use.js (and it app.js); use.js imports engine.js only on demand
      expect(manifest['src/search/text.ts']).toEqual([
        '/assets/text.js',
        '/assets/use.js',
        '/assets/use.css',
        '/assets/app.js',
      ])
      expect(manifest['src/search/text.ts']).not.toContain('/assets/engine.js')
      expect(manifest['x.vue']).toEqual(['/assets/gone.js', '/elsewhere/a.js'])
    })
  })
})
