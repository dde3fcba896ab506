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

describe('node/plugins/contentDevPlugin: watching content/ in dev', () => {
  const root = resolve('/srv/site')

  it("leaves content/ out of vite's watcher (the plugin watches it itself), and nothing else", () => {
    const ignored = configFor({ root })?.server?.watch?.ignored
    expect(Array.isArray(ignored)).toBe(true)
    const match = (ignored as Array<(path: string) => boolean>)[0]
    expect(match(join(root, 'content'))).toBe(true)
    expect(match(join(root, 'content', '2026', 'a.txt'))).toBe(true)
    // vite's normalised form of the same path (forward slashes, as on windows)
    expect(match(join(root, 'content', 'a.txt').split('\\').join('/'))).toBe(true)
    expect(match(join(root, 'contents', 'a.txt'))).toBe(false)
    expect(match(join(root, 'src', 'client', 'main.ts'))).toBe(false)
    expect(match(join(root, 'index.html'))).toBe(false)
  })

  it("keeps vite's watcher where files are polled or watching is off, and in a build", () => {
    expect(configFor({ root, server: { watch: { usePolling: true } } })).toBeUndefined()
    expect(configFor({ root, server: { watch: null } })).toBeUndefined()
    expect(configFor({ root }, 'build')).toBeUndefined()
  })

  it("keeps vite's watcher when CHOKIDAR_USEPOLLING asks vite to poll, and not when it says false", () => {
    const before = process.env.CHOKIDAR_USEPOLLING
    try {
      process.env.CHOKIDAR_USEPOLLING = 'true'
      expect(configFor({ root })).toBeUndefined()
      process.env.CHOKIDAR_USEPOLLING = '1'
      expect(configFor({ root })).toBeUndefined()
      process.env.CHOKIDAR_USEPOLLING = 'false'
      expect(configFor({ root })?.server?.watch?.ignored).toBeDefined()
    } finally {
      if (before === undefined) delete process.env.CHOKIDAR_USEPOLLING
      else process.env.CHOKIDAR_USEPOLLING = before
    }
  })
})
