// the caches kept between runs are keyed by codeVersion: a change to any file of the code
// (at any depth), to the lockfile or to the site's settings must give another key
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { codeVersion } from '../../../../../src/node/content/cache/codeVersion'
import { ContentLoader } from '../../../../../src/node/content/loadContent'

let root: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'code-version-'))
  await mkdir(join(root, 'src/node/content'), { recursive: true })
  await mkdir(join(root, 'src/shared'), { recursive: true })
  await mkdir(join(root, 'src/client'), { recursive: true })
  await writeFile(join(root, 'src/node/plugin.ts'), 'export const a = 1\n')
  await writeFile(join(root, 'src/node/content/parse.ts'), 'export const b = 1\n')
  await writeFile(join(root, 'src/shared/slug.ts'), 'export const c = 1\n')
  await writeFile(join(root, 'src/client/main.ts'), 'export const d = 1\n')
  await writeFile(join(root, 'package-lock.json'), '{"lockfileVersion":3}\n')
  await writeFile(join(root, 'site.config.ts'), "export default { name: '가' }\n")
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('node/codeVersion', () => {
  it('is the same for the same files', async () => {
    expect(await codeVersion(root)).toBe(await codeVersion(root))
  })

  it.each([
    ['a file in a sub-folder of src/node', 'src/node/content/parse.ts'],
    ['a file at the top of src/node', 'src/node/plugin.ts'],
    ['a file of src/shared', 'src/shared/slug.ts'],
    ['the lockfile', 'package-lock.json'],
    ['the site settings', 'site.config.ts'],
  ])('changes when %s changes', async (_, file) => {
    const before = await codeVersion(root)
    await writeFile(join(root, file), `${await readFile(join(root, file), 'utf8')}// edited\n`)
    expect(await codeVersion(root)).not.toBe(before)
  })

  it('changes when a file is added in a new sub-folder, or moved to another folder', async () => {
    const before = await codeVersion(root)
    await mkdir(join(root, 'src/node/render/deep'), { recursive: true })
    await writeFile(join(root, 'src/node/render/deep/x.ts'), 'export {}\n')
    const added = await codeVersion(root)
    expect(added).not.toBe(before)
    await rm(join(root, 'src/node/render/deep/x.ts'))
    await writeFile(join(root, 'src/node/render/x.ts'), 'export {}\n')
    expect(await codeVersion(root)).not.toBe(added)
  })

  it('does not change with the client code, which no cache holds the output of', async () => {
    const before = await codeVersion(root)
    await writeFile(join(root, 'src/client/main.ts'), 'export const d = 2\n')
    expect(await codeVersion(root)).toBe(before)
  })

  it('a dev cache written under one version is not read back once a file in a sub-folder changed', async () => {
    const content = join(root, 'content')
    await mkdir(content)
    await writeFile(join(content, 'a.txt'), '---\ntitle: 원래 제목\n---\n<p>본문</p>\n')
    const cache = join(root, 'dev-content.json')
    const first = new ContentLoader(root, content)
    first.persistTo(cache, await codeVersion(root))
    await first.loadIndex()
    await first.flush()
    // a planted title shows whether an entry of the file was used
    await writeFile(cache, (await readFile(cache, 'utf8')).replace('원래 제목', '캐시의 제목'))

    const same = new ContentLoader(root, content)
    same.persistTo(cache, await codeVersion(root))
    expect((await same.loadIndex()).articles[0].title).toBe('캐시의 제목')

    await writeFile(join(root, 'src/node/content/parse.ts'), 'export const b = 2\n')
    const changed = new ContentLoader(root, content)
    changed.persistTo(cache, await codeVersion(root))
    expect((await changed.loadIndex()).articles[0].title).toBe('원래 제목')
  })
})
