import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  commitStaging,
  discardStaging,
  prepareStaging,
  recoverLeftovers,
  stagedOutput,
} from '../../../../../src/node/build/output/stagedOutput'

let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'staged-output-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

async function site(dir: string, text: string) {
  await mkdir(join(dir, 'articles/a'), { recursive: true })
  await writeFile(join(dir, 'index.html'), text)
  await writeFile(join(dir, 'articles/a/index.html'), text)
}
const read = (dir: string) => readFileSync(join(dir, 'articles/a/index.html'), 'utf8')

describe('node/stagedOutput', () => {
  it('names hidden folders beside dist/, for this process, whatever dist/ is called', () => {
    expect(stagedOutput(join(root, 'dist'), 42)).toEqual({
      outDir: join(root, 'dist'),
      staging: join(root, '.dist-staging-42'),
      previous: join(root, '.dist-previous-42'),
    })
    expect(stagedOutput('/srv/www/site', 7).staging).toBe('/srv/www/.site-staging-7')
  })

  it('swaps a finished build in for dist/, and removes the old one', async () => {
    const s = stagedOutput(join(root, 'dist'))
    await site(s.outDir, 'old')
    prepareStaging(s)
    await site(s.staging, 'new')
    expect(await commitStaging(s)).toBeUndefined()
    expect(read(s.outDir)).toBe('new')
    expect(readdirSync(root)).toEqual(['dist'])
  })

  it('makes dist/ on the first build', async () => {
    const s = stagedOutput(join(root, 'dist'))
    await site(s.staging, 'new')
    await commitStaging(s)
    expect(read(s.outDir)).toBe('new')
    expect(readdirSync(root)).toEqual(['dist'])
  })

  it('replaces the folder a linked dist/ points to, and keeps the link', async () => {
    await site(join(root, 'real'), 'old')
    await symlink(join(root, 'real'), join(root, 'dist'))
    const s = stagedOutput(join(root, 'dist'))
    expect(s.staging).toBe(join(root, '.real-staging-' + process.pid))
    await site(s.staging, 'new')
    await commitStaging(s)
    expect(read(join(root, 'dist'))).toBe('new')
    expect(readdirSync(root).sort()).toEqual(['dist', 'real'])
  })

  it('a build that did not finish leaves dist/ as it was once its staging folder is discarded', async () => {
    const s = stagedOutput(join(root, 'dist'))
    await site(s.outDir, 'old')
    await site(s.staging, 'half')
    discardStaging(s)
    expect(read(s.outDir)).toBe('old')
    expect(readdirSync(root)).toEqual(['dist'])
  })

  it('puts back a dist/ that a build killed in the middle of its swap had moved aside, and removes what killed builds left', async () => {
    const s = stagedOutput(join(root, 'dist'))
    // killed between its two renames: dist/ aside, its new build not yet in place
    await site(join(root, '.dist-previous-111'), 'old')
    await site(join(root, '.dist-staging-111'), 'new, unfinished')
    // killed while it built, earlier
    await site(join(root, '.dist-staging-99'), 'half')
    // not a build's
    await site(join(root, '.distant-staging-1'), 'other')
    const notes = recoverLeftovers(s)
    expect(read(s.outDir)).toBe('old')
    expect(readdirSync(root).sort()).toEqual(['.distant-staging-1', 'dist'])
    expect(notes).toContain('put back dist/, which an interrupted build had moved to .dist-previous-111')
    expect(notes).toContain('removed .dist-staging-99, left by an interrupted build')
  })

  it('leaves dist/ alone when it is there, removing only an old copy left beside it', async () => {
    const s = stagedOutput(join(root, 'dist'))
    await site(s.outDir, 'new')
    await site(join(root, '.dist-previous-111'), 'old')
    recoverLeftovers(s)
    expect(read(s.outDir)).toBe('new')
    expect(existsSync(join(root, '.dist-previous-111'))).toBe(false)
  })
})
