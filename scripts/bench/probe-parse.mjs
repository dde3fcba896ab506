// what sanitizing costs: renderBody (DOMPurify over jsdom, then headings, tables, colours,
// text) against a bare parse5 parse, walk and serialise of the same bodies, the floor for
// a sanitizer working on parse5's tree. cpu time per article over generated articles.
//
//   node scripts/bench/probe-parse.mjs [count]
//
// parse5 is the parser jsdom uses (installed with it, not a dependency of the project).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseFragment, serialize } from 'parse5'
import { runnerImport } from 'vite'
import { writeCorpus } from './corpus.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const count = Number(process.argv[2] ?? 1000)

const dir = await mkdtemp(join(tmpdir(), 'hangul-probe-'))
try {
  await writeCorpus(dir, count, { seedDir: join(ROOT, 'content') })
  const { module: parse } = await runnerImport(join(ROOT, 'src/node/content/file/parseArticle.ts'))
  const { module: render } = await runnerImport(join(ROOT, 'src/node/render/renderBody.ts'))
  const articles = []
  for (const f of (await readdir(dir)).sort()) {
    const r = parse.parseArticle(`content/${f}`, await readFile(join(dir, f)))
    if (r.ok) articles.push(r.article)
  }
  const cpu = (fn) => {
    for (const a of articles.slice(0, 50)) fn(a)
    const start = process.cpuUsage()
    for (const a of articles) fn(a)
    const used = process.cpuUsage(start)
    return (used.user + used.system) / 1000 / articles.length
  }
  let nodes = 0
  const bare = cpu((a) => {
    const tree = parseFragment(a.body)
    const stack = [tree]
    while (stack.length) {
      const n = stack.pop()
      nodes++
      if (n.childNodes) stack.push(...n.childNodes)
    }
    serialize(tree)
  })
  const full = cpu((a) => render.renderBody(a.body, a.format, a.image))
  console.log(
    `${articles.length} articles: parse5 parse + walk + serialise ${bare.toFixed(2)} ms of cpu each; renderBody ${full.toFixed(2)} ms`,
  )
} finally {
  await rm(dir, { recursive: true, force: true })
}
