// the loader's list of content files: a walk the first time, then after a watcher's event
// only the files it names, unless only a walk can judge them (a link, a folder not walked)
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FileList } from '../../../../src/node/content/fileList'

let dir: string
const at = (name: string) => join(dir, name)
const names = (paths: string[]) => paths.map((p) => p.slice(dir.length + 1))

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'file-list-'))
  await writeFile(at('b.txt'), 'b')
  await writeFile(at('a.md'), 'a')
  await writeFile(at('notes.json'), '{}')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('node/content/fileList', () => {
  it('walks the folder the first time, even when given names', async () => {
    const list = new FileList(dir)
    const first = await list.update([at('b.txt')])
    expect(first).toMatchObject({ walked: true, linksChanged: false })
    expect(names(first.check)).toEqual(['a.md', 'b.txt'])
    expect(names(list.files)).toEqual(['a.md', 'b.txt'])
  })

  it('then adds and removes the files a watcher names, in code-point order, without a walk', async () => {
    const list = new FileList(dir)
    await list.update()
    await writeFile(at('C.txt'), 'c')
    await rm(at('a.md'))
    const next = await list.update([at('C.txt'), at('a.md'), at('other.json')])
    expect(next).toEqual({ check: [at('C.txt')], walked: false, linksChanged: false })
    expect(names(list.files)).toEqual(['C.txt', 'b.txt'])
    expect((await list.update([])).check).toEqual([])
  })

  it('leaves a symbolic link, or a file in a folder it has not walked, to a walk', async () => {
    const list = new FileList(dir)
    await list.update()
    await mkdir(at('sub'))
    await writeFile(at('sub/d.txt'), 'd')
    expect(await list.update([at('sub/d.txt')])).toMatchObject({ walked: true })
    expect(names(list.files)).toEqual(['a.md', 'b.txt', 'sub/d.txt'])
    await symlink(tmpdir(), at('out'))
    const linked = await list.update([at('out')])
    expect(linked).toMatchObject({ walked: true, linksChanged: true })
    expect(list.skippedLinks.map((l) => l.reason)).toEqual(['outside'])
    expect((await list.update()).linksChanged).toBe(false)
  })
})
