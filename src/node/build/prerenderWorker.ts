// renders routes to html files with the server bundle vite-ssg built, doing per page what
// vite-ssg's own loop does (create the app, push the route, renderToString, preload links
// for the chunks the page used, head tags through unhead) with strings instead of a jsdom
// document per page. runs in worker processes (prerender.ts), or in the build's own thread
// for a small site.
import { mkdirSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { dirname, join } from 'node:path'
import type { MessagePort } from 'node:worker_threads'
import { PAYLOAD_MEMORY_KEY } from './bridge.ts'
import { serveTasks } from '../utils/workerPool.ts'
import { PAYLOAD_GZIP, payloadFile } from './writePayloads.ts'
import { isArticleDataPath } from '../../shared/paths.ts'

/** What every page of one build shares. */
export interface PageShell {
  /** the client build's index.html */
  template: string
  /** the client build's ssr-manifest.json: module id -> the files it needs */
  manifest: Record<string, string[]>
  /** where the pages are written (the client build's output folder) */
  outDir: string
  /** the route rendered as 404.html */
  notFoundRoute: string
}

/** What vite-ssg's createApp gives for a route: the app at that route, and its head */
interface AppContext {
  app: { use(plugin: unknown): unknown }
  router: { push(route: string): Promise<unknown> }
  head?: unknown
  initialState?: Record<string, unknown>
  triggerOnSSRAppRendered?: (route: string, html: string, ctx: unknown) => Promise<unknown>
  /** main.ts: empty stores for the next page of the same app */
  freshStores?: () => void
}

/** The modules a page is rendered with (the server bundle, vue's and unhead's server renderers). */
export interface Renderers {
  createApp: (route: string) => Promise<AppContext>
  renderToString: (app: never, ctx: { modules?: Set<string> }) => Promise<string>
  renderSSRHead: (head: never) => Promise<HeadHtml>
  createHead: () => unknown
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

/** The file a route is written to: a folder with an index.html, so deep links work on any host. */
export function pageFile(route: string, shell: Pick<PageShell, 'notFoundRoute'>): string {
  if (route === shell.notFoundRoute) return '404.html'
  return join(route.replace(/^\/+/, ''), 'index.html')
}

/**
 * Renders route after route with one app: vite-ssg's createApp makes it for the first, and
 * each next page gets empty stores, a new head and a router.push (which loads its data).
 * an app of its own for every page, as vite-ssg makes, spent a fifth of a page's time
 * building the app, the router's matchers and the stores again.
 */
export function pageRenderer(shell: PageShell, r: Renderers): (route: string) => Promise<string> {
  let app: AppContext | undefined
  return async (route) => {
    if (!app?.freshStores) {
      // vite-ssg's createApp has pushed the route and waited for it (its data loaded) already
      app = await r.createApp(route)
    } else {
      app.freshStores()
      app.head = r.createHead()
      app.app.use(app.head)
      const failure = await app.router.push(route)
      if (failure) throw new Error(`the router did not open ${route}: ${String((failure as Error).message ?? failure)}`)
    }
    return renderPage(route, app, shell, r)
  }
}

/** The html of one route, from an app that is at that route. */
async function renderPage(route: string, ctx: AppContext, shell: PageShell, r: Renderers): Promise<string> {
  const ssr: { modules?: Set<string> } = {}
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
  html = html.replace('</head>', () => `${preloadLinks(ssr.modules, shell)}${head ? headTags(head.headTags, shell.template) : ''}</head>`)
  if (head) {
    if (head.htmlAttrs) html = html.replace(/<html\b[^>]*>/i, () => `<html${head.htmlAttrs}>`)
    if (head.bodyAttrs || head.bodyTagsOpen) html = html.replace(/<body\b[^>]*>/i, () => `<body${head.bodyAttrs}>${head.bodyTagsOpen}`)
    if (head.bodyTags) html = html.replace('</body>', () => `${head.bodyTags}</body>`)
  }
  return html
}

/** unhead's head tags, less the charset and viewport defaults the template already has */
function headTags(tags: string, template: string): string {
  const has = (re: RegExp) => re.test(template)
  return tags
    .split('\n')
    .filter((t) => !(/^<meta charset=/i.test(t) && has(/<meta charset=/i)) && !(/^<meta name="viewport"/i.test(t) && has(/<meta name="viewport"/i)))
    .join('')
}

/** modulepreload and stylesheet links for the chunks the page used, as vite-ssg adds them */
function preloadLinks(modules: Set<string> | undefined, shell: PageShell): string {
  const seen = new Set<string>()
  let out = ''
  for (const id of modules ?? []) {
    for (const file of shell.manifest[id] ?? []) {
      // a file the template already loads (its entry script, its stylesheet) is not preloaded again
      if (seen.has(file) || shell.template.includes(`href="${file}"`) || shell.template.includes(`src="${file}"`)) continue
      seen.add(file)
      if (file.endsWith('.js')) out += `<link rel="modulepreload" crossorigin href="${file}">`
      else if (file.endsWith('.css')) out += `<link rel="stylesheet" href="${file}">`
    }
  }
  return out
}

/** Render routes and write their files; returns how many were written. */
export async function writePages(routes: readonly string[], shell: PageShell, render: (route: string) => Promise<string>): Promise<number> {
  for (const route of routes) {
    let html: string
    try {
      html = await render(route)
    } catch (err) {
      throw new Error(`prerendering ${route} failed: ${(err as Error)?.stack ?? err}`)
    }
    writeSync(join(shell.outDir, pageFile(route, shell)), html)
  }
  return routes.length
}

/** folders known to exist (each page has one of its own) */
const madeDirs = new Set<string>()

/**
 * Write a file, making its folder. synchronous, on the rendering thread: written through
 * libuv's threads (fs.promises: open, write and close a round trip each), the 32,000 files of
 * 10,000 articles kept four threads busy, a third of both cores that rendering needed.
 */
function writeSync(file: string, data: string | Uint8Array): void {
  const dir = dirname(file)
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true })
    madeDirs.add(dir)
  }
  writeFileSync(file, data)
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
function escapeAmpersands(head: HookableHead): void {
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

/** The renderers from the three modules prerender.ts names (server bundle, vue, unhead). */
export function renderersOf([server, vueServer, unheadServer]: Array<Record<string, unknown>>): Renderers {
  return {
    createApp: server.createApp as Renderers['createApp'],
    renderToString: vueServer.renderToString as Renderers['renderToString'],
    renderSSRHead: unheadServer.renderSSRHead as Renderers['renderSSRHead'],
    createHead: unheadServer.createHead as Renderers['createHead'],
  }
}

/**
 * Some routes to render and the payloads their pages read (decoded path -> json), which the
 * task also writes, but for the articles' (see isArticleDataPath).
 */
export interface PageTask {
  routes: string[]
  files: Array<[string, string]>
}

/**
 * Write a task's payload files and render its routes, which read the payloads from memory
 * (the server bundle's readPayload looks there first). an article's payload is only read.
 */
export async function runPageTask(task: PageTask, shell: PageShell, render: (route: string) => Promise<string>): Promise<number> {
  const key = Symbol.for(PAYLOAD_MEMORY_KEY)
  const memory = ((globalThis as Record<symbol, unknown>)[key] ??= new Map<string, string>()) as Map<string, string>
  for (const [path, json] of task.files) {
    if (!isArticleDataPath(path)) writeSync(payloadFile(shell.outDir, path), gzipSync(json, PAYLOAD_GZIP))
    memory.set(path, json)
  }
  try {
    return await writePages(task.routes, shell, render)
  } finally {
    for (const [path] of task.files) memory.delete(path)
  }
}

/** Worker entry: render each batch of routes posted. */
export function main(port: MessagePort, shell: PageShell, natives: Array<Record<string, unknown>>): void {
  // one app for every page this thread renders
  const render = pageRenderer(shell, renderersOf(natives))
  serveTasks<PageTask, number>(port, (task) => runPageTask(task, shell, render))
}
