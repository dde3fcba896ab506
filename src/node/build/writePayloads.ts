// payload files on disk: json stored gzip-compressed (see PAYLOAD_EXT in shared/paths.ts).
// written by the prerender step, each by the process that renders the pages reading it
// (prerenderWorker.ts), so compressing them is spread over the threads instead of being a
// step of its own, and no page has to read one back from disk; here, the ones no page reads.
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, sep } from 'node:path'
import { promisify } from 'node:util'
import { constants as zlibConstants, gzip } from 'node:zlib'
import { DATA_DIR } from '../../shared/paths.ts'
import type { PayloadText } from './payloads.ts'

const gzipAsync = promisify(gzip)
/** level 9 makes them 0.2 % smaller in twice the time */
export const PAYLOAD_GZIP = { level: 6, strategy: zlibConstants.Z_DEFAULT_STRATEGY }
/**
 * the search index's terms, json of numbers: at level 6 the 35 MB of them at 10,000 articles
 * take 2.1 s of a core (every new article changes nearly all of them); level 5 filtered, 1.1 s
 * for 1 % more bytes (level 4, 0.6 s for 5 % more)
 */
const SEARCH_GZIP = { level: 5, strategy: zlibConstants.Z_FILTERED }
const SEARCH_FILES = `${DATA_DIR}/search/`

/** The file a payload (a decoded path under the output folder) is written to. */
export function payloadFile(outDir: string, path: string): string {
  const file = join(outDir, path)
  // slugs are letters, digits, '-' and '_' (slugify), so this never fires; a guard all the same
  if (!file.startsWith(join(outDir, DATA_DIR) + sep)) throw new Error(`a payload path leaves ${DATA_DIR}/: ${path}`)
  return file
}

/** Write payloads (decoded path under the output folder -> json) compressed, a few at a time. */
export async function writePayloadFiles(
  outDir: string,
  files: Iterable<readonly [string, PayloadText]>,
  concurrency = 8,
): Promise<void> {
  const queue = [...files]
  const dirs = new Set<string>()
  for (const [path] of queue) dirs.add(dirname(payloadFile(outDir, path)))
  for (const dir of dirs) await mkdir(dir, { recursive: true })
  // compressed on libuv's threads
  const writer = async () => {
    for (let next = queue.pop(); next; next = queue.pop())
      await writeFile(
        join(outDir, next[0]),
        await gzipAsync(next[1], next[0].startsWith(SEARCH_FILES) ? SEARCH_GZIP : PAYLOAD_GZIP),
      )
  }
  await Promise.all(Array.from({ length: concurrency }, writer))
}
