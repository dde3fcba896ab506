import { join, resolve } from 'node:path'
import type { ConfigEnv, Plugin, UserConfig } from 'vite'
import { describe, expect, it } from 'vitest'
import site from '../../../../site.config'
import { ContentContext } from '../../../../src/node/plugins/contentContext'
import { contentDevPlugin } from '../../../../src/node/plugins/contentDevPlugin'

/** what the dev plugin's config hook gives vite for this user config */
function configFor(user: UserConfig, command: ConfigEnv['command'] = 'serve'): UserConfig | null | void {
  const hook = contentDevPlugin(new ContentContext({ site })).config as Exclude<Plugin['config'], undefined>
  const fn = typeof hook === 'function' ? hook : hook.handler
  return fn.call({} as never, user, { command, mode: 'development' }) as UserConfig | null | void
}

/** the one function the config gives vite's watcher to leave paths out, or undefined */
function ignoredBy(user: UserConfig): ((path: string) => boolean) | undefined {
  const ignored = configFor(user)?.server?.watch?.ignored
  if (ignored === undefined) return undefined
  expect(Array.isArray(ignored) && ignored.length === 1).toBe(true)
  return (ignored as Array<(path: string) => boolean>)[0]
}

describe('node/plugins/contentDevPlugin: watching content/ in dev', () => {
  const root = resolve('/srv/site')

  it("leaves content/ (the plugin watches it itself) and the photos' variants out of vite's watcher, and nothing else", () => {
    const match = ignoredBy({ root })!
    expect(match(join(root, 'variants'))).toBe(true)
    expect(match(join(root, 'variants', 'abc-480.webp'))).toBe(true)
    expect(match(join(root, 'variantsx', 'a.txt'))).toBe(false)
    expect(match(join(root, 'content'))).toBe(true)
    expect(match(join(root, 'content', '2026', 'a.txt'))).toBe(true)
    // vite's normalised form of the same path (forward slashes, as on windows)
    expect(match(join(root, 'content', 'a.txt').split('\\').join('/'))).toBe(true)
    expect(match(join(root, 'contents', 'a.txt'))).toBe(false)
    expect(match(join(root, 'src', 'client', 'main.ts'))).toBe(false)
    expect(match(join(root, 'index.html'))).toBe(false)
  })

  it("keeps vite's watcher on content/ where files are polled, and leaves it alone when watching is off, and in a build", () => {
    const polled = ignoredBy({ root, server: { watch: { usePolling: true } } })!
    expect(polled(join(root, 'content', 'a.txt'))).toBe(false)
    expect(polled(join(root, 'variants', 'abc-480.webp'))).toBe(true)
    expect(configFor({ root, server: { watch: null } })).toBeUndefined()
    expect(configFor({ root }, 'build')).toBeUndefined()
  })

  it("keeps vite's watcher when CHOKIDAR_USEPOLLING asks vite to poll, and not when it says false", () => {
    const before = process.env.CHOKIDAR_USEPOLLING
    try {
      const content = join(root, 'content', 'a.txt')
      process.env.CHOKIDAR_USEPOLLING = 'true'
      expect(ignoredBy({ root })!(content)).toBe(false)
      process.env.CHOKIDAR_USEPOLLING = '1'
      expect(ignoredBy({ root })!(content)).toBe(false)
      process.env.CHOKIDAR_USEPOLLING = 'false'
      expect(ignoredBy({ root })!(content)).toBe(true)
    } finally {
      if (before === undefined) delete process.env.CHOKIDAR_USEPOLLING
      else process.env.CHOKIDAR_USEPOLLING = before
    }
  })
})
