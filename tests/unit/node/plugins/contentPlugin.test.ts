import type { Plugin } from 'vite'
import { describe, expect, it } from 'vitest'
import site from '../../../../site.config'
import { contentPlugin } from '../../../../src/node/plugins/contentPlugin'
import {
  RESOLVED_INDEX_ID,
  RESOLVED_SSR_DATA_ID,
  VIRTUAL_INDEX_ID,
  VIRTUAL_SSR_DATA_ID,
} from '../../../../src/shared/moduleIds'

const hook = <T>(h: T | { handler: T } | undefined) =>
  (h && typeof h === 'object' && 'handler' in h ? h.handler : h) as T

describe('node/plugins/contentPlugin', () => {
  const plugins = contentPlugin({ site })

  it("is a few plugins with one job each, run before vite's own; each mode gets its own", () => {
    // (the photos' plugin ahead of the build's: the loader must know of the photos before it reads)
    expect(plugins.map((p) => p.name)).toEqual([
      'news:content',
      'news:content-photos',
      'news:content-build',
      'news:content-dev',
      'news:content-html',
    ])
    expect(plugins.every((p) => p.enforce === 'pre')).toBe(true)
    expect(plugins.map((p) => p.apply)).toEqual([undefined, undefined, 'build', 'serve', 'build'])
  })

  it('resolves the virtual modules in the core plugin, and nothing else', () => {
    const resolveId = hook(
      plugins[0].resolveId as Extract<Plugin['resolveId'], (...args: never[]) => unknown>,
    ) as unknown as (id: string) => string | undefined
    expect(resolveId(VIRTUAL_INDEX_ID)).toBe(RESOLVED_INDEX_ID)
    expect(resolveId(VIRTUAL_SSR_DATA_ID)).toBe(RESOLVED_SSR_DATA_ID)
    expect(resolveId('vue')).toBeUndefined()
  })
})
