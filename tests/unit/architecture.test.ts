// the build side's imports run one way (plugins -> build/content -> render -> utils/shared),
// and the app never reaches into the build. read from the import graph of src/, as the
// typescript compiler sees it (type-only imports count: they tie the modules' shapes together)
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const SRC = join(ROOT, 'src')

/** every module of src/, as a path relative to src/ with forward slashes */
function modules(): string[] {
  return readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|vue)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => relative(SRC, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort()
}

/** the modules of src/ that `file` imports (static and dynamic imports, re-exports) */
function importsOf(file: string, all: Set<string>): string[] {
  let text = readFileSync(join(SRC, file), 'utf8')
  if (file.endsWith('.vue'))
    text = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n')
  const found = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName)
  const out = new Set<string>()
  for (const spec of found) {
    let target: string
    if (spec.startsWith('@/')) target = join('client', spec.slice(2))
    else if (spec.startsWith('.')) target = join(dirname(file), spec)
    else continue
    target = target.split('\\').join('/').replace(/\.js$/, '.ts')
    const hit = [target, `${target}.ts`, `${target}/index.ts`].find((c) => all.has(c))
    if (hit) out.add(hit)
  }
  return [...out]
}

function graph(): Map<string, string[]> {
  const all = modules()
  const set = new Set(all)
  return new Map(all.map((m) => [m, importsOf(m, set)]))
}

/** each import cycle once, as the modules around it */
function cycles(g: Map<string, string[]>): string[][] {
  const found: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (m: string): void => {
    state.set(m, 'open')
    stack.push(m)
    for (const next of g.get(m) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next])
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(m, 'done')
  }
  for (const m of g.keys()) if (!state.has(m)) visit(m)
  return found
}

/** every module `from` reaches through its imports, itself included */
function reach(g: Map<string, string[]>, from: string): Set<string> {
  const seen = new Set<string>([from])
  const todo = [from]
  for (let m = todo.pop(); m !== undefined; m = todo.pop()) {
    for (const next of g.get(m) ?? []) {
      if (seen.has(next)) continue
      seen.add(next)
      todo.push(next)
    }
  }
  return seen
}

/** the modules a worker thread (or chromium's page) starts from */
const WORKER_ENTRIES = [
  'node/content/threads/contentWorker.ts',
  'node/content/threads/renderWorker.ts',
  'node/build/prerenderWorker.ts',
  'node/render/browserRenderEntry.ts',
]
const LOADER = 'node/content/loadContent.ts'

const g = graph()
const edges = [...g].flatMap(([from, tos]) => tos.map((to) => ({ from, to })))

describe('architecture', () => {
  it('reads the graph (a test of the test: known edges are there)', () => {
    expect(g.size).toBeGreaterThan(40)
    expect(edges.some((e) => e.from === 'client/main.ts')).toBe(true)
    expect(edges).toContainEqual({
      from: 'node/content/threads/renderWorker.ts',
      to: 'node/content/file/processFile.ts',
    })
    expect(edges).toContainEqual({ from: 'node/render/renderBody.ts', to: 'shared/sanitize/nesting.ts' })
    for (const entry of WORKER_ENTRIES) expect(g.has(entry), entry).toBe(true)
  })

  it('has no import cycle in src/', () => {
    expect(cycles(g).map((c) => c.join(' -> '))).toEqual([])
  })

  it('keeps client/ out of node/', () => {
    expect(edges.filter((e) => e.from.startsWith('client/') && e.to.startsWith('node/'))).toEqual([])
  })

  it('keeps shared/ out of node/ and client/', () => {
    expect(
      edges.filter((e) => e.from.startsWith('shared/') && (e.to.startsWith('node/') || e.to.startsWith('client/'))),
    ).toEqual([])
  })

  it('lets node/render/ import only itself, node/utils/ and shared/ (it knows no files or articles)', () => {
    const allowed = ['node/render/', 'node/utils/', 'shared/']
    expect(edges.filter((e) => e.from.startsWith('node/render/') && !allowed.some((a) => e.to.startsWith(a)))).toEqual(
      [],
    )
  })

  it('keeps the content loader out of every worker entry, directly or through what it imports', () => {
    expect(WORKER_ENTRIES.filter((entry) => reach(g, entry).has(LOADER))).toEqual([])
  })
})
