// the client build tells the server build and the prerender step, which run later in the
// same process (vite-ssg builds the client, then the server bundle), where it wrote the
// payload files and which routes there are.
import type { BuildPayloads } from './payloads.ts'

export const BRIDGE_KEY = 'hangul-news:build'

export interface BuildBridge {
  /** absolute path of the client build's output folder, which holds the payload files */
  outDir: string
  /** every route to prerender, without the base */
  routes: string[]
  /** every payload file (by decoded path under outDir), for the prerender step to write; made while vite builds */
  payloads: Promise<BuildPayloads>
}

/**
 * Where a prerendering thread keeps the payloads of the pages it is rendering (a
 * Map<path, json> on globalThis under Symbol.for of this key): the server bundle's
 * readPayload looks there before the disk.
 */
export const PAYLOAD_MEMORY_KEY = 'hangul-news:payloads'

/**
 * Where a prerendering thread reads payloads it does not hold in memory (a string on
 * globalThis under Symbol.for of this key), set by each task from its shell: a server bundle
 * kept for later builds (incremental/state.ts) must not read from the folder it was built for.
 */
export const PAYLOAD_DIR_KEY = 'hangul-news:payload-dir'

const key = Symbol.for(BRIDGE_KEY)

export function publishBuild(bridge: BuildBridge): void {
  ;(globalThis as Record<symbol, unknown>)[key] = bridge
}

export function readBuild(): BuildBridge {
  const bridge = (globalThis as Record<symbol, unknown>)[key] as BuildBridge | undefined
  if (!bridge) throw new Error('the client build did not run in this process: use "npm run build"')
  return bridge
}
