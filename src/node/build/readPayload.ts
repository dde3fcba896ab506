// how the server bundle reads a payload while prerendering: client/data/data.ts loadPayload
// imports `virtual:news/ssr-data`, which the content plugin (plugins/contentCorePlugin.ts)
// serves to the server build as this module's reader for the build's output folder. the
// mirror of writePayloads.ts: what the build writes there, or hands a renderer in memory.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { PAYLOAD_DIR_KEY, PAYLOAD_MEMORY_KEY } from './bridge.ts'

/**
 * The reader of the payloads under `outDir` (the client build's output folder): a payload
 * by its path (relative to the base, percent-encoded as the app builds it), parsed, or null
 * when there is none. A renderer's own payloads are looked up in memory first (the map
 * prerenderWorker.ts fills for each task); the others are read from the files the build
 * has written (under the folder the prerender step names, PAYLOAD_DIR_KEY, else `outDir`).
 */
export function payloadReader(outDir: string): (path: string) => unknown {
  return (path) => {
    const file = payloadName(path)
    if (file === undefined) return null
    const memory = (globalThis as Record<symbol, unknown>)[Symbol.for(PAYLOAD_MEMORY_KEY)] as
      Map<string, string> | undefined
    let json = memory?.get(file)
    if (json === undefined) {
      const dir = ((globalThis as Record<symbol, unknown>)[Symbol.for(PAYLOAD_DIR_KEY)] as string | undefined) ?? outDir
      try {
        json = gunzipSync(readFileSync(`${dir}/${file}`)).toString('utf8')
      } catch (err) {
        if ((err as NodeJS.ErrnoException)?.code === 'ENOENT') return null
        throw err
      }
    }
    return JSON.parse(json) as unknown
  }
}

/**
 * The decoded name of a payload under the output folder, or undefined for a path that
 * names nothing there. The app asks only for paths the site itself made; one that is
 * malformed or would leave the output folder is answered as a payload that does not exist.
 */
function payloadName(path: string): string | undefined {
  let file: string
  try {
    file = decodeURIComponent(path)
  } catch {
    // a malformed percent escape names no payload the build wrote
    return undefined
  }
  if (/[\0\\]/.test(file) || file.split('/').some((s) => s === '.' || s === '..')) return undefined
  return file
}
