import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { PAYLOAD_MEMORY_KEY } from '../../../../src/node/build/bridge'
import { payloadReader } from '../../../../src/node/build/readPayload'
import { articleDataPath, pageDataPath } from '../../../../src/shared/paths'

const outDir = mkdtempSync(join(tmpdir(), 'read-payload-'))
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

describe('node/build/readPayload: the server bundle reading payloads while prerendering', () => {
  mkdirSync(join(outDir, '_data', 'pages'), { recursive: true })
  writeFileSync(join(outDir, pageDataPath(2)), gzipSync(JSON.stringify({ page: 2 })))
  const read = payloadReader(outDir)

  it('reads a payload the build wrote, and null for one it did not', () => {
    expect(read(pageDataPath(2))).toEqual({ page: 2 })
    expect(read(pageDataPath(3))).toBeNull()
  })

  it("reads a renderer's own payloads from memory first, by their decoded path", () => {
    const key = Symbol.for(PAYLOAD_MEMORY_KEY)
    const memory = new Map([[decodeURIComponent(articleDataPath('북한-소식')), JSON.stringify({ slug: '북한-소식' })]])
    ;(globalThis as Record<symbol, unknown>)[key] = memory
    try {
      expect(read(articleDataPath('북한-소식'))).toEqual({ slug: '북한-소식' })
      memory.set(pageDataPath(2), JSON.stringify({ page: 'from memory' }))
      expect(read(pageDataPath(2))).toEqual({ page: 'from memory' })
    } finally {
      delete (globalThis as Record<symbol, unknown>)[key]
    }
  })

  it('names nothing by a malformed path or one that would leave the output folder', () => {
    const paths = [
      '_data/%',
      '_data/articles/%ED%A0%80.json.gz',
      '../package.json',
      '_data/../../x',
      '_data/%2e%2e/x',
      '_data/a%00b',
    ]
    for (const path of [...paths, '_data\\pages\\2.json.gz']) {
      expect(read(path), path).toBeNull()
    }
  })
})
