import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { describeSkippedLink, findContent } from '../../../../src/node/content/findContent'
import { ContentLoader } from '../../../../src/node/content/loadContent'
import { checkContent } from '../../../../src/node/content/check'

let root: string
let dir: string
/** a folder beside content/, as another part of the machine */
let outside: string

const article = (title: string) => `---\ntitle: ${title}\n---\n<p>본문</p>\n`
async function write(path: string, text: string) {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, text)
}
/** content/<name> as a link to `target` */
async function link(name: string, target: string) {
  await mkdir(dirname(join(dir, name)), { recursive: true })
  await symlink(target, join(dir, name))
}
const rel = (paths: string[]) => paths.map((p) => p.slice(dir.length + 1))

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'find-content-'))
  dir = join(root, 'content')
  outside = join(root, 'elsewhere')
  await write(join(dir, 'a.txt'), article('가'))
  await write(join(dir, 'sub', 'b.md'), article('나'))
  await write(join(dir, 'sub', 'photo.jpg'), 'jpg')
  await write(join(dir, '.drafts', 'c.txt'), article('다'))
  await write(join(outside, 'secret.txt'), article('비밀'))
  await write(join(outside, 'folder', 'd.txt'), article('라'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('node/findContent', () => {
  it('lists articles, other files and folders, hidden ones left out', async () => {
    const tree = await findContent(dir)
    expect(rel(tree.files)).toEqual(['a.txt', 'sub/b.md'])
    expect(rel(tree.others)).toEqual(['sub/photo.jpg'])
    expect(tree.folders).toEqual([dir, join(dir, 'sub')])
    expect(tree.skipped).toEqual([])
  })

  it('a missing folder is an empty tree', async () => {
    expect(await findContent(join(root, 'nope'))).toEqual({ files: [], folders: [], others: [], skipped: [] })
  })

  it('follows links to files and folders inside content/, under the link name', async () => {
    await link('published.txt', join(dir, '.drafts', 'c.txt'))
    await link('drafts', '.drafts')
    await write(join(dir, '.drafts', 'e.txt'), article('마'))
    // a relative link inside content/ whose target is another link inside it
    await link('sub/again.md', '../published.txt')
    const tree = await findContent(dir)
    // c.txt is read once: links are taken in name order, so as drafts/c.txt; published.txt
    // and sub/again.md (a link to that link) are second names for it
    expect(rel(tree.files)).toEqual(['a.txt', 'drafts/c.txt', 'drafts/e.txt', 'sub/b.md'])
    expect(tree.folders).toContain(join(dir, 'drafts'))
    expect(tree.skipped.map((s) => [rel([s.path])[0], s.reason])).toEqual([
      ['published.txt', 'again'],
      ['sub/again.md', 'again'],
    ])
  })

  it('a file reached through a folder link after a link to it is read once too', async () => {
    await link('a-first.txt', join(dir, '.drafts', 'c.txt'))
    await link('drafts', '.drafts')
    const tree = await findContent(dir)
    expect(rel(tree.files)).toEqual(['a-first.txt', 'a.txt', 'sub/b.md'])
    expect(tree.skipped.map((s) => [rel([s.path])[0], s.reason])).toEqual([['drafts/c.txt', 'again']])
  })

  it('skips and names links out of content/ (files, folders, relative ones), dangling links and loops', async () => {
    await link('secret.txt', join(outside, 'secret.txt'))
    await link('sub/relative.txt', '../../elsewhere/secret.txt')
    await link('folder', join(outside, 'folder'))
    await link('root', '/')
    await link('gone.txt', join(root, 'missing.txt'))
    await link('loop1.txt', join(dir, 'loop2.txt'))
    await link('loop2.txt', join(dir, 'loop1.txt'))
    const tree = await findContent(dir)
    expect(rel(tree.files)).toEqual(['a.txt', 'sub/b.md'])
    const reasons = Object.fromEntries(tree.skipped.map((s) => [rel([s.path])[0], s.reason]))
    expect(reasons).toEqual({
      'secret.txt': 'outside',
      'sub/relative.txt': 'outside',
      folder: 'outside',
      root: 'outside',
      'gone.txt': 'dangling',
      'loop1.txt': 'loop',
      'loop2.txt': 'loop',
    })
    const line = describeSkippedLink(root, tree.skipped.find((s) => s.path.endsWith('secret.txt'))!)
    expect(line).toBe('content/secret.txt is a symbolic link that points outside the content folder (elsewhere/secret.txt): skipped, not published')
  })

  it('a link to a parent folder is no endless walk', async () => {
    await link('sub/up', '..')
    await link('sub/self', '.')
    await link('top', dir)
    const tree = await findContent(dir)
    expect(rel(tree.files)).toEqual(['a.txt', 'sub/b.md'])
    expect(tree.skipped.map((s) => [rel([s.path])[0], s.reason])).toEqual([
      ['sub/self', 'again'],
      ['sub/up', 'again'],
      ['top', 'again'],
    ])
  })

  it('a folder reached only through a chain of links is read once, and its own loop stopped', async () => {
    await write(join(dir, '.store', 'deep', 'f.txt'), article('바'))
    await link('.store/deep/back', '../..')
    await link('a-link', '.store')
    await link('b-link', '.store')
    const tree = await findContent(dir)
    expect(rel(tree.files)).toEqual(['a-link/deep/f.txt', 'a.txt', 'sub/b.md'])
    expect(tree.skipped.map((s) => [rel([s.path])[0], s.reason])).toEqual([
      ['b-link', 'again'],
      ['a-link/deep/back', 'again'],
    ])
  })

  it('a content folder that is itself a link is read where it points', async () => {
    await symlink(dir, join(root, 'content-link'))
    const tree = await findContent(join(root, 'content-link'))
    expect(tree.files).toEqual([join(root, 'content-link', 'a.txt'), join(root, 'content-link', 'sub', 'b.md')])
  })

  it('names a link with a newline or a terminal escape in one plain line of bounded length', async () => {
    // (a name is at most 255 bytes: the length is in the folders)
    await link(`${`${'가'.repeat(80)}/`.repeat(4)}x\n\u001b[31m.txt`, join(outside, 'secret.txt'))
    const [skipped] = (await findContent(dir)).skipped
    const line = describeSkippedLink(root, skipped)
    expect(line).not.toMatch(/[\n\u001b]/)
    expect(line).toMatch(/^content\/[가/]+…[가/]+\/x\\u000a\\u001b\[31m\.txt is a symbolic link that points outside/)
    expect(line.length).toBeLessThan(400)
  })

  it('the build (loader) and npm run check follow the same rule and name the skipped links', async () => {
    await link('secret.txt', join(outside, 'secret.txt'))
    await link('sub/up', '..')
    const content = await new ContentLoader(root, dir).load()
    expect(content.articles.map((a) => a.title).sort()).toEqual(['가', '나'])
    expect(content.skippedLinks.map((s) => s.reason).sort()).toEqual(['again', 'outside'])
    const checked = await checkContent({ root, dir: 'content' })
    expect(checked.exitCode).toBe(0)
    expect(checked.report).toContain('note: 2 symbolic links in content/ are not followed')
    expect(checked.report).toContain('content/secret.txt is a symbolic link that points outside the content folder')
    expect(checked.report).toContain('content/sub/up is a second name, through a symbolic link, for what is read already (content): a loop')
  })

  it('the dev loader applies the rule to a link made after it started', async () => {
    const loader = new ContentLoader(root, dir)
    expect((await loader.loadIndex()).articles).toHaveLength(2)
    // as a watcher names it: a link out of content/, and one into a hidden folder
    await link('secret.txt', join(outside, 'secret.txt'))
    await link('ok.txt', join(dir, '.drafts', 'c.txt'))
    const c = await loader.loadIndex([join(dir, 'secret.txt'), join(dir, 'ok.txt')])
    expect(c.articles.map((a) => a.title).sort()).toEqual(['가', '나', '다'])
    expect(c.skippedLinks.map((s) => [rel([s.path])[0], s.reason])).toEqual([['secret.txt', 'outside']])
    // a file in a folder reached through a link made meanwhile to outside content/
    await link('folder', join(outside, 'folder'))
    const d = await loader.loadIndex([join(dir, 'folder', 'd.txt')])
    expect(d.articles.map((a) => a.title).sort()).toEqual(['가', '나', '다'])
    expect(d.skippedLinks.map((s) => rel([s.path])[0]).sort()).toEqual(['folder', 'secret.txt'])
  })
})
