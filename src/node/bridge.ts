// the client build hands its payloads and routes to the prerender step, which runs in the
// same process (vite-ssg builds the client, then the server bundle, then renders).

export const BRIDGE_KEY = 'hangul-news:build'

export interface BuildBridge {
  /** payload json by its path under the output folder */
  payloads: Map<string, string>
  /** every route to prerender, without the base */
  routes: string[]
}

const key = Symbol.for(BRIDGE_KEY)

export function publishBuild(bridge: BuildBridge): void {
  ;(globalThis as Record<symbol, unknown>)[key] = bridge
}

export function readBuild(): BuildBridge {
  const bridge = (globalThis as Record<symbol, unknown>)[key] as BuildBridge | undefined
  if (!bridge) throw new Error('the client build did not run in this process: use "npm run build"')
  return bridge
}
