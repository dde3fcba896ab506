import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { bundledModule } from '../../../../src/node/utils/bundleModule'

// inside the project, where its packages resolve (so that bundling them in is seen to happen)
const cache = fileURLToPath(new URL('../../../../node_modules/.cache/', import.meta.url))
mkdirSync(cache, { recursive: true })
const dir = mkdtempSync(join(cache, 'bundle-module-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// a module that works out a path from its own url and imports a package and a module beside it
writeFileSync(join(dir, 'beside.ts'), `export const besideUrl: string = import.meta.url\n`)
writeFileSync(
  join(dir, 'entry.ts'),
  `import { escapeHtml } from '@vue/shared'\nexport { besideUrl } from './beside.ts'\nexport const ownUrl: string = import.meta.url\nexport const escaped = escapeHtml('<')\n`,
)

describe('bundledModule', () => {
  it('keeps each module its source url, and packages imported from node_modules when asked', async () => {
    const file = await bundledModule(join(dir, 'entry.ts'), join(dir, 'out', 'entry.mjs'), { packages: 'external' })
    const code = readFileSync(file, 'utf8')
    expect(code).toMatch(/from ["']@vue\/shared["']/)
    expect(code).not.toContain('import.meta.url')
    expect(code).toContain(JSON.stringify(pathToFileURL(join(dir, 'entry.ts')).href))
    expect(code).toContain(JSON.stringify(pathToFileURL(join(dir, 'beside.ts')).href))
  })

  it('bundles the packages in by default', async () => {
    const file = await bundledModule(join(dir, 'entry.ts'), join(dir, 'out', 'whole.mjs'))
    expect(readFileSync(file, 'utf8')).not.toMatch(/from ["']@vue\/shared["']/)
  })
})
