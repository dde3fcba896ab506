import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { watchContent, type ContentWatcher } from '../../../../src/node/content/watchContent'

let root: string
let dir: string
let watcher: ContentWatcher | undefined
/** what the watcher reported: paths, and '*' for "look at everything" */
let seen: string[]

const article = (title: string) => `---\ntitle: ${title}\n---\n<p>본문</p>\n`

/** wait until `ok` holds (the watcher reports asynchronously), or fail after a while */
async function until(ok: () => boolean, what: string) {
  const end = Date.now() + 5_000
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; seen: ${JSON.stringify(seen)}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/**
 * write `file` until the watcher names it: after folders are replaced the new watches are set
 * up asynchronously, and a write made before them would rightly go unseen
 */
async function writeUntilSeen(file: string, title: string) {
  const end = Date.now() + 5_000
  while (!seen.includes(file)) {
    if (Date.now() > end) throw new Error(`${file} was never named; seen: ${JSON.stringify(seen)}`)
    await writeFile(file, article(title))
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** start watching, once the folders' watches are set up */
async function start(folder = dir) {
  watcher = watchContent(folder, (file) => seen.push(file ?? '*'))
  await watcher.ready
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'watch-content-'))
  dir = join(root, 'content')
  await mkdir(join(dir, '2026', '11'), { recursive: true })
  await writeFile(join(dir, 'a.txt'), article('가'))
  await writeFile(join(dir, '2026', '11', 'b.txt'), article('나'))
  seen = []
})
afterEach(async () => {
  watcher?.close()
  watcher = undefined
  await rm(root, { recursive: true, force: true })
})

describe('node/watchContent', () => {
  it('names a changed, added and removed file, in the folder and in folders within it', async () => {
    await start()
    const nested = join(dir, '2026', '11', 'b.txt')
    await writeFile(nested, article('나 고침'))
    await until(() => seen.includes(nested), 'the nested edit')
    const added = join(dir, 'c.md')
    await writeFile(added, article('다'))
    await until(() => seen.includes(added), 'the new file')
    seen = []
    await rm(join(dir, 'a.txt'))
    await until(() => seen.includes(join(dir, 'a.txt')), 'the removal')
  })

  it('an editor saving through a temporary file and a rename is seen as the file', async () => {
    await start()
    const tmp = join(dir, '.a.txt.swp')
    await writeFile(tmp, article('가 고침'))
    await rename(tmp, join(dir, 'a.txt'))
    await until(() => seen.includes(join(dir, 'a.txt')), 'the renamed file')
    // the hidden temporary file itself is never named
    expect(seen.some((f) => f.includes('.swp'))).toBe(false)
  })

  it('a folder that comes or goes makes everything be looked at again, and a new one is watched', async () => {
    await start()
    await mkdir(join(dir, 'new'))
    await until(() => seen.includes('*'), 'the new folder')
    seen = []
    const inside = join(dir, 'new', 'd.txt')
    await writeFile(inside, article('라'))
    await until(() => seen.includes(inside), 'a file in the new folder')
    seen = []
    await rm(join(dir, '2026'), { recursive: true })
    await until(() => seen.includes('*'), 'the removed folder')
  })

  it('a folder removed and made again is watched anew (a watch follows the folder, not its path)', async () => {
    await start()
    const sub = join(dir, '2026')
    await rm(sub, { recursive: true })
    await until(() => seen.includes('*'), 'the folder to go')
    await mkdir(join(sub, '12'), { recursive: true })
    await writeUntilSeen(join(sub, '12', 'f.txt'), '바')
  })

  it('the content folder itself removed and made again, or swapped for another, is watched anew', async () => {
    await start()
    await rm(dir, { recursive: true })
    await until(() => seen.includes('*'), 'the folder to go')
    await mkdir(dir)
    await writeUntilSeen(join(dir, 'g.txt'), '사')

    // swapped by renames, as a deploy might
    const next = join(root, 'next')
    await mkdir(next)
    await rename(dir, join(root, 'old'))
    await rename(next, dir)
    await writeUntilSeen(join(dir, 'h.txt'), '아')
    // and nothing from the folder swapped out
    seen = []
    await writeFile(join(root, 'old', 'a.txt'), article('가 고침'))
    await writeUntilSeen(join(dir, 'i.txt'), '자')
    expect(seen.filter((f) => f.includes(join(root, 'old')))).toEqual([])
  })

  it('files in hidden folders are never named', async () => {
    await mkdir(join(dir, '.git'))
    await start()
    await writeFile(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n')
    await writeFile(join(dir, 'a.txt'), article('가 고침'))
    await until(() => seen.includes(join(dir, 'a.txt')), 'the visible edit')
    expect(seen.filter((f) => f.includes('.git'))).toEqual([])
  })

  it('a content folder made after the start is watched from when it appears', async () => {
    const later = join(root, 'later')
    await start(later)
    await mkdir(later)
    await until(() => seen.includes('*'), 'the folder to appear')
    const file = join(later, 'e.txt')
    await writeFile(file, article('마'))
    await until(() => seen.includes(file), 'a file in it')
  })

  it('follows a folder link made while it runs only into content/, as the build does (findContent)', async () => {
    const elsewhere = join(root, 'elsewhere')
    await mkdir(elsewhere)
    await mkdir(join(dir, '.drafts'))
    await start()
    await symlink(elsewhere, join(dir, 'out'))
    await symlink(join(dir, '.drafts'), join(dir, 'drafts'))
    await symlink('..', join(dir, '2026', 'up'))
    await until(() => seen.filter((f) => f === '*').length >= 3, 'the three links')
    // a file in the folder inside content/ is named under the link's name
    await writeUntilSeen(join(dir, 'drafts', 'f.txt'), '바')
    // one outside is not watched at all, and the loop is no second watch of content/
    seen = []
    await writeFile(join(elsewhere, 'secret.txt'), article('비밀'))
    await writeFile(join(dir, 'a.txt'), article('가 고침'))
    await until(() => seen.includes(join(dir, 'a.txt')), 'the edit inside')
    await new Promise((r) => setTimeout(r, 200))
    expect(seen.filter((f) => f.includes('secret') || f.startsWith(join(dir, '2026', 'up')))).toEqual([])
  })

  it('says nothing once closed', async () => {
    await start()
    watcher!.close()
    await writeFile(join(dir, 'a.txt'), article('가 고침'))
    await new Promise((r) => setTimeout(r, 300))
    expect(seen).toEqual([])
  })
})
