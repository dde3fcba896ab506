// a file read while another process is still writing it: never taken cut off. the writer is
// a child process, since a read that waits blocks this thread (as it does the build's).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FileKeptChanging, KEPT_CHANGING, readStableFileSync, SETTLE_MS } from '../../../../../src/node/content/file/readStableFile'
import { readFiles } from '../../../../../src/node/content/threads/contentWorker'
import { ContentLoader } from '../../../../../src/node/content/loadContent'

const PARAGRAPHS = 4000
const paragraph = (i: number) => `<p>${i}번째 문단입니다. 한반도 정세와 관련해 정부가 밝혔다.</p>\n`
const HEAD = '---\ntitle: 저장 중인 기사\n---\n'
const END = '<p>끝.</p>\n'
const whole = HEAD + Array.from({ length: PARAGRAPHS }, (_, i) => paragraph(i)).join('') + END

let dir: string
const writers = new Set<ChildProcess>()

/**
 * A process that writes `path` as an editor saving in place does: truncate, then the article
 * in `chunks` parts `every` ms apart (`forever`: starting over each time, until killed).
 * Resolves once it has started writing.
 */
async function startWriter(path: string, { chunks = 40, every = 15, forever = false } = {}): Promise<ChildProcess> {
  const script = `
    const fs = require('node:fs')
    const [path, source, chunks, every, forever] = [process.argv[1], process.argv[2], +process.argv[3], +process.argv[4], process.argv[5] === '1']
    const text = fs.readFileSync(source, 'utf8')
    const size = Math.ceil(text.length / chunks)
    const save = () => {
      const fd = fs.openSync(path, 'w')
      let at = 0
      const next = () => {
        fs.writeSync(fd, text.slice(at, at + size))
        at += size
        if (at < text.length) return setTimeout(next, every)
        fs.closeSync(fd)
        if (forever) setTimeout(save, 1)
        else process.exit(0)
      }
      process.send?.('writing')
      next()
    }
    save()
  `
  const source = join(dir, 'whole.txt')
  await writeFile(source, whole)
  const child = spawn(process.execPath, ['-e', script, path, source, String(chunks), String(every), forever ? '1' : '0'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
  writers.add(child)
  child.once('exit', () => writers.delete(child))
  await new Promise<void>((done) => child.once('message', () => done()))
  return child
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stable-read-'))
})
afterEach(async () => {
  for (const w of writers) w.kill('SIGKILL')
  await rm(dir, { recursive: true, force: true })
})

describe('node/readStableFile', () => {
  it('reads a file left alone at once, with no wait', async () => {
    const path = join(dir, 'a.md')
    await writeFile(path, whole)
    const old = new Date(Date.now() - 60_000)
    await utimes(path, old, old)
    const started = performance.now()
    const bytes = readStableFileSync(path)
    expect(performance.now() - started).toBeLessThan(SETTLE_MS / 2)
    expect(Buffer.from(bytes).toString('utf8')).toBe(whole)
  })

  it('waits for a file written a moment ago to be left alone, then reads it', { retry: 2 }, async () => {
    const path = join(dir, 'a.md')
    await writeFile(path, whole)
    const started = performance.now()
    expect(Buffer.from(readStableFileSync(path)).toString('utf8')).toBe(whole)
    // (until SETTLE_MS after its last write, less the moment the write and the call took)
    expect(performance.now() - started).toBeGreaterThan(SETTLE_MS / 2)
  })

  // (retried as its siblings are: a writer process starved of the two cores for longer than the
  // settle time, while other test files run, pauses as an editor that stopped would)
  it('never returns an article cut off while another process is still saving it', { retry: 2, timeout: 30_000 }, async () => {
    const path = join(dir, 'a.md')
    await writeFile(path, '')
    const writer = await startWriter(path)
    const seen: string[] = []
    while (writer.exitCode === null) {
      try {
        seen.push(Buffer.from(readStableFileSync(path)).toString('utf8'))
      } catch (err) {
        // giving up on it is fine; handing back part of it is not
        expect(err).toBeInstanceOf(FileKeptChanging)
      }
      await new Promise((r) => setTimeout(r, 5))
    }
    for (const text of seen) expect(text.length === whole.length && text === whole, `a read of ${text.length} of ${whole.length} characters`).toBe(true)
    // (and once the save is done, the whole article)
    expect(Buffer.from(readStableFileSync(path)).toString('utf8')).toBe(whole)
  })

  // (retried, and with the build's own settle time rather than a shorter one: two test runs
  // at once on two cores starved the writer process for over 100 ms, and a file left alone that
  // long is one no reader can tell from an editor who stopped; see the next test)
  it('gives up on a file that never stops changing, naming it', { retry: 2 }, async () => {
    const path = join(dir, 'busy.md')
    await writeFile(path, '')
    await startWriter(path, { chunks: 8, every: 5, forever: true })
    let error: unknown
    try {
      readStableFileSync(path, { settleMs: 300, attempts: 4 })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(FileKeptChanging)
    expect((error as FileKeptChanging).message).toBe(KEPT_CHANGING)
    expect((error as FileKeptChanging).path).toBe(path)
  })

  it('is a problem of the file in the build\'s readers, in the worker threads\' and in this one', { timeout: 30_000, retry: 2 }, async () => {
    const content = join(dir, 'content')
    await mkdir(content)
    const path = join(content, 'busy.md')
    await writeFile(path, '')
    await startWriter(path, { chunks: 8, every: 5, forever: true })
    // a worker thread's reader (renderWorker.ts)
    const [result] = readFiles([{ abs: path, rel: 'content/busy.md' }], () => {
      throw new Error('a file that kept changing is not handed on')
    })
    expect(result).toEqual({ ok: false, problems: [{ file: 'content/busy.md', message: KEPT_CHANGING }] })
    // the build's loader in this thread (as npm run check reads)
    const loaded = await new ContentLoader(dir, content).load()
    expect(loaded.articles).toEqual([])
    expect(loaded.problems).toEqual([{ file: 'content/busy.md', message: KEPT_CHANGING }])
    // (retried: on a machine busy enough to starve the writer process for longer than
    // SETTLE_MS, its file holds still that long, which no reader can tell from an editor who
    // stopped half way; what this test holds the readers to is a writer that keeps writing)
  })
})
