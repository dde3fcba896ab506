// payload files are stored gzip-compressed; a host may also have undone that with
// Content-Encoding: gzip before the app sees the bytes. both must read as the same json.
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { decodePayload } from '../../../../src/client/data/decodePayload'

const value = { slug: '북한-러시아', title: '북한과 러시아, "조약" 체결 </script>', html: '<p>본문</p>'.repeat(200) }
const json = JSON.stringify(value)

describe('decodePayload', () => {
  it('reads a gzip-compressed payload file as the build writes it', async () => {
    const gz = gzipSync(json)
    expect(gz[0]).toBe(0x1f)
    expect(await decodePayload(new Response(gz))).toEqual(value)
  })

  it('reads plain json, as a host that decoded the file already hands it over', async () => {
    expect(await decodePayload(new Response(json))).toEqual(value)
  })

  it('fails loudly on bytes that are neither (the test can fail)', async () => {
    await expect(decodePayload(new Response(new Uint8Array([0x1f, 0x8b, 1, 2, 3])))).rejects.toThrow()
    await expect(decodePayload(new Response('not json'))).rejects.toThrow()
  })
})
