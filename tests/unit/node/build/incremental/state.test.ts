// the state a build leaves for the next: read back only when it is whole, of this format, with
// its server bundle, and about the dist/ folder that is there; else a one-line reason
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  clearState,
  folderIdentity,
  readState,
  saveState,
  serverDir,
  STATE_FORMAT,
  type BuildState,
} from '../../../../../src/node/build/incremental/state'
import { buildFingerprint } from '../../../../../src/node/build/incremental/fingerprint'

let root: string
let state: BuildState

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'build-state-'))
  await mkdir(join(root, 'dist'))
  await mkdir(serverDir(root), { recursive: true })
  await writeFile(join(serverDir(root), 'main.mjs'), '')
  state = {
    format: STATE_FORMAT,
    fingerprint: 'f',
    place: {
      contentDir: '',
      publicDir: '',
      contentCache: '',
      variantsDir: '',
      photoReads: '',
      site: { name: '', description: '', url: 'https://x.test', pageSize: 20 },
    },
    base: '/',
    notFoundRoute: '/404',
    index: '',
    template: '',
    manifest: {},
    serverEntry: 'main.mjs',
    dist: folderIdentity(join(root, 'dist')),
    files: { 'index.html': 'k' },
  }
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

const reason = () => {
  const r = readState(root)
  return 'reason' in r ? r.reason : 'read'
}

describe('node/build/incremental/state', () => {
  it('reads back what was saved, and nothing once cleared', async () => {
    expect(reason()).toMatch(/no earlier build left its state/)
    await saveState(root, state)
    expect(readState(root)).toEqual({ state })
    clearState(root)
    expect(reason()).toMatch(/no earlier build left its state/)
  })

  it('names a damaged state, one of another format, a missing server bundle and a dist/ that is another folder', async () => {
    const file = join(root, 'node_modules/.cache/hangul-news/build/state.json')
    await saveState(root, state)
    await writeFile(file, '{"format":')
    expect(reason()).toMatch(/state\.json is damaged/)
    await saveState(root, { ...state, format: STATE_FORMAT + 1 })
    expect(reason()).toMatch(/from another version of this project/)
    await saveState(root, { ...state, serverEntry: 'gone.mjs' })
    expect(reason()).toMatch(/server bundle is missing/)
    await saveState(root, state)
    await rename(join(root, 'dist'), join(root, 'old'))
    expect(reason()).toMatch(/dist is not there/)
    await mkdir(join(root, 'dist'))
    expect(reason()).toMatch(/dist is not the folder the last build wrote/)
  })

  it('fingerprints the code, the arguments and the environment vite reads, not the content', async () => {
    await mkdir(join(root, 'src'))
    await writeFile(join(root, 'src/a.ts'), 'export const a = 1\n')
    const f = () => buildFingerprint(root, [], { PATH: '/bin' })
    const first = await f()
    await mkdir(join(root, 'content'))
    await writeFile(join(root, 'content/a.md'), '---\ntitle: 가\n---\n')
    expect(await f()).toBe(first)
    expect(await buildFingerprint(root, ['--base', '/news/'], { PATH: '/bin' })).not.toBe(first)
    expect(await buildFingerprint(root, [], { PATH: '/bin', SITE_URL: 'https://y.test' })).not.toBe(first)
    expect(await buildFingerprint(root, [], { PATH: '/usr/bin' })).toBe(first)
    await writeFile(join(root, 'src/a.ts'), 'export const a = 2\n')
    expect(await f()).not.toBe(first)
  })
})
