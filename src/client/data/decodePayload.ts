// payload files are stored gzip-compressed (shared/paths.ts PAYLOAD_EXT); the browser
// undoes it with its own DecompressionStream, no library needed.

/**
 * A payload file's json. A host that sent the file with `Content-Encoding: gzip` has
 * undone the compression already, and json never starts with gzip's magic bytes, so
 * either arrives right.
 */
export async function decodePayload(res: Response): Promise<unknown> {
  const bytes = new Uint8Array(await res.arrayBuffer())
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return JSON.parse(new TextDecoder().decode(bytes))
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).json()
}
