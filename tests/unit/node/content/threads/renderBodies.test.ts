// where bodies are rendered: a few files in this thread, the same results as processFile, and
// a file that cannot be read named rather than dropped
import { describe, expect, it } from 'vitest'
import { processFile } from '../../../../../src/node/content/file/processFile'
import { renderFiles, startBrowserFor, WORKER_THRESHOLD } from '../../../../../src/node/content/threads/renderBodies'

const text = (title: string) => new TextEncoder().encode(`---\ntitle: ${title}\n---\n<h1>${title}</h1><p onclick="x()">본문</p>\n`)

describe('node/content/threads/renderBodies', () => {
  it('renders a few files in this thread, in order, as processFile does', async () => {
    const files = ['a', 'b', 'c'].map((n) => ({ abs: `/nowhere/${n}.txt`, rel: `content/${n}.txt` }))
    const bytes = new Map(files.map((f, i) => [f.abs, text(`제목 ${i}`)]))
    const { results, renderedIn } = await renderFiles(files, async (abs) => bytes.get(abs)!)
    expect(renderedIn).toBe('this thread')
    expect(results).toEqual(files.map((f) => processFile(f.rel, bytes.get(f.abs)!)))
  })

  it('names a file that cannot be read, and renders the others', async () => {
    const files = [{ abs: '/nowhere/a.txt', rel: 'content/a.txt' }, { abs: '/nowhere/b.txt', rel: 'content/b.txt' }]
    const bytesOf = async (abs: string) => {
      if (abs.endsWith('a.txt')) throw new Error('EACCES: permission denied')
      return text('둘째')
    }
    const { results } = await renderFiles(files, bytesOf)
    expect(results[0]).toEqual({ ok: false, problems: [{ file: 'content/a.txt', message: 'could not be read: EACCES: permission denied' }] })
    expect(results[1].ok).toBe(true)
  })

  it('starts no browser for a few files (unless HANGUL_SANITIZER_DOM=chromium asks for one)', () => {
    if (process.env.HANGUL_SANITIZER_DOM === 'chromium') return
    expect(startBrowserFor(WORKER_THRESHOLD - 1)).toBeUndefined()
  })
})
