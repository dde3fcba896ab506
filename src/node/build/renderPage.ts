// one page's html, from the app vite-ssg's server bundle makes: what vite-ssg's own loop does
// for a page (create the app, push the route, renderToString, preload links for the chunks
// the page used, head tags through unhead), done with strings instead of a jsdom document.
// knows no files: prerenderWorker.ts runs it route after route and writes what it returns.
import type { SsrContext } from '../../shared/types.ts'

/** What every page of one build is rendered into. */
export interface PageTemplate {
  /** the client build's index.html */
  template: string
  /** the client build's ssr-manifest.json: module id -> the files it needs */
  manifest: Record<string, string[]>
}

/** What vite-ssg's createApp gives for a route: the app at that route, and its head */
interface AppContext {
  app: { use(plugin: unknown): unknown }
  router: { push(route: string): Promise<unknown> }
  head?: unknown
  initialState?: Record<string, unknown>
  triggerOnSSRAppRendered?: (route: string, html: string, ctx: unknown) => Promise<unknown>
  /** main.ts: empty stores and a new head (which it returns) for the next page of the same app */
  freshPage?: () => unknown
}

/** The modules a page is rendered with (the server bundle, vue's and unhead's server renderers). */
export interface Renderers {
  createApp: (route: string) => Promise<AppContext>
  renderToString: (app: never, ctx: SsrContext) => Promise<string>
  renderSSRHead: (head: never) => Promise<HeadHtml>
}

/** what unhead renders for a page */
export interface HeadHtml {
  headTags: string
  bodyTags: string
  bodyTagsOpen: string
  htmlAttrs: string
  bodyAttrs: string
}

const APP_CONTAINER = '<div id="app"></div>'

/** The renderers from the three modules prerender.ts names (server bundle, vue, unhead). */
export function renderersOf([server, vueServer, unheadServer]: Array<Record<string, unknown>>): Renderers {
  return {
    createApp: server.createApp as Renderers['createApp'],
    renderToString: vueServer.renderToString as Renderers['renderToString'],
    renderSSRHead: unheadServer.renderSSRHead as Renderers['renderSSRHead'],
  }
}

/**
 * Renders route after route with one app: vite-ssg's createApp makes it for the first, and
 * each next page gets empty stores, a new head and a router.push (which loads its data).
 * Building a new app for every page, as vite-ssg does, would spend a good part of each
 * page's time making the app, the router's matchers and the stores again, so the app is
 * kept and only what a page may change is made anew.
 */
export function pageRenderer(shell: PageTemplate, r: Renderers): (route: string) => Promise<string> {
  let app: AppContext | undefined
  return async (route) => {
    if (!app?.freshPage) {
      // vite-ssg's createApp has pushed the route and waited for it (its data loaded) already
      app = await r.createApp(route)
    } else {
      app.head = app.freshPage()
      const failure = await app.router.push(route)
      if (failure) throw new Error(`the router did not open ${route}: ${String((failure as Error).message ?? failure)}`)
    }
    return renderPage(route, app, shell, r)
  }
}

/** The html of one route, from an app that is at that route. */
async function renderPage(route: string, ctx: AppContext, shell: PageTemplate, r: Renderers): Promise<string> {
  const ssr: SsrContext = {}
  const appHtml = await r.renderToString(ctx.app as never, ssr)
  await ctx.triggerOnSSRAppRendered?.(route, appHtml, ctx)
  // vite-ssg would inline this as a script, which the content security policy forbids
  if (ctx.initialState && Object.keys(ctx.initialState).length) {
    throw new Error(`${route}: the app left initial state to serialise, which would need an inline script`)
  }
  if (!shell.template.includes(APP_CONTAINER)) throw new Error(`index.html has no ${APP_CONTAINER}`)
  let html = shell.template.replace(APP_CONTAINER, () => `<div id="app" data-server-rendered="true">${appHtml}</div>`)
  if (ctx.head) escapeAmpersands(ctx.head as HookableHead)
  const head = ctx.head ? await r.renderSSRHead(ctx.head as never) : undefined
  // the page's own tags go after the template's, whose order matters (the security policy
  // first): the template is kept as it is, as vite-ssg's jsdom pass kept it
  html = html.replace(
    '</head>',
    () => `${preloadLinks(ssr, shell)}${head ? headTags(head.headTags, shell.template) : ''}</head>`,
  )
  if (head) {
    if (head.htmlAttrs) html = html.replace(/<html\b[^>]*>/i, () => `<html${head.htmlAttrs}>`)
    if (head.bodyAttrs || head.bodyTagsOpen)
      html = html.replace(/<body\b[^>]*>/i, () => `<body${head.bodyAttrs}>${head.bodyTagsOpen}`)
    if (head.bodyTags) html = html.replace('</body>', () => `${head.bodyTags}</body>`)
  }
  return html
}

/** unhead's head tags, less the charset and viewport defaults the template already has */
function headTags(tags: string, template: string): string {
  const has = (re: RegExp) => re.test(template)
  return tags
    .split('\n')
    .filter(
      (t) =>
        !(/^<meta charset=/i.test(t) && has(/<meta charset=/i)) &&
        !(/^<meta name="viewport"/i.test(t) && has(/<meta name="viewport"/i)),
    )
    .join('')
}

/** an entry of vite's build manifest (`build.manifest`): a chunk, the chunks it imports and its css */
export interface ChunkEntry {
  file: string
  imports?: string[]
  /** chunks it loads on demand (import()): not preloaded */
  dynamicImports?: string[]
  css?: string[]
}

/**
 * The ssr manifest with, after each module's files, those of the chunks its chunk imports
 * (static imports, all the way down) and their css. The ssr manifest names only the chunk
 * of a component a page rendered; the chunks it imports were fetched only once it had
 * arrived, a round trip later each (the search page: the view, then its search code).
 */
export function withStaticImports(
  ssr: Record<string, string[]>,
  build: Record<string, ChunkEntry>,
  base: string,
): Record<string, string[]> {
  const byFile = new Map(Object.values(build).map((c) => [c.file, c]))
  const closures = new Map<string, string[]>()
  const closure = (file: string): string[] => {
    let out = closures.get(file)
    if (out) return out
    const seen = new Set<string>([file])
    const files: string[] = []
    const stack = [...(byFile.get(file)?.imports ?? [])].reverse()
    while (stack.length) {
      const chunk = build[stack.pop()!]
      if (!chunk || seen.has(chunk.file)) continue
      seen.add(chunk.file)
      files.push(base + chunk.file, ...(chunk.css ?? []).map((css) => base + css))
      for (const next of [...(chunk.imports ?? [])].reverse()) stack.push(next)
    }
    closures.set(file, (out = files))
    return out
  }
  const out: Record<string, string[]> = {}
  for (const [id, files] of Object.entries(ssr)) {
    const all = new Set(files)
    // (the ssr manifest's files start with the base, the build manifest's do not)
    for (const f of files)
      if (f.endsWith('.js') && f.startsWith(base)) for (const dep of closure(f.slice(base.length))) all.add(dep)
    out[id] = [...all]
  }
  return out
}

/**
 * modulepreload and stylesheet links for the chunks the page used, as vite-ssg adds them, and
 * preload links for the data it fetches at once. Written outside unhead's tags: the head
 * runtime, which replaces those on the first navigation, leaves these alone.
 */
function preloadLinks({ modules, fetches }: SsrContext, shell: PageTemplate): string {
  const seen = new Set<string>()
  let out = ''
  for (const id of modules ?? []) {
    for (const file of shell.manifest[id] ?? []) {
      // a file the template already loads (its entry script, its stylesheet) is not preloaded again
      if (seen.has(file) || shell.template.includes(`href="${file}"`) || shell.template.includes(`src="${file}"`))
        continue
      seen.add(file)
      if (file.endsWith('.js')) out += `<link rel="modulepreload" crossorigin href="${file}">`
      else if (file.endsWith('.css')) out += `<link rel="stylesheet" href="${file}">`
    }
  }
  // (as fetch() asks for it: cors mode, same-origin credentials, or the fetch would not use it)
  for (const url of fetches ?? [])
    out += `<link rel="preload" as="fetch" crossorigin href="${url.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`
  return out
}

interface HookableHead {
  hooks: { hook(name: 'ssr:render', fn: (ctx: { tags: Array<{ props: Record<string, unknown> }> }) => void): void }
}

const escaped = new WeakSet<object>()

/**
 * unhead's string renderer escapes only '"' in attribute values, so a title holding the text
 * "&amp;" would reach the reader as "&". escape '&' first, on the server head only (the
 * browser's unhead sets attributes through the DOM, which needs no escaping).
 */
export function escapeAmpersands(head: HookableHead): void {
  if (escaped.has(head)) return
  escaped.add(head)
  head.hooks.hook('ssr:render', ({ tags }) => {
    for (const tag of tags) {
      for (const [key, value] of Object.entries(tag.props)) {
        if (typeof value === 'string') tag.props[key] = value.replace(/&/g, '&amp;')
      }
    }
  })
}
