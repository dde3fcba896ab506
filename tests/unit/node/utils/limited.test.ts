import { describe, expect, it } from 'vitest'
import { mapLimited } from '../../../../src/node/utils/limited'

const tick = () => new Promise((r) => setTimeout(r, 1))

describe('mapLimited', () => {
  it('runs at most `limit` at a time and keeps the order of the results', async () => {
    let running = 0
    let most = 0
    const out = await mapLimited([5, 1, 4, 2, 3, 0], 3, async (n) => {
      most = Math.max(most, ++running)
      for (let i = 0; i < n; i++) await tick()
      running--
      return n * 10
    })
    expect(out).toEqual([50, 10, 40, 20, 30, 0])
    expect(most).toBe(3)
  })

  it('starts nothing after a failure, and throws it once those under way have ended', async () => {
    const started: number[] = []
    let ended = 0
    const items = Array.from({ length: 30 }, (_, i) => i)
    const run = mapLimited(items, 4, async (n) => {
      started.push(n)
      await tick()
      if (n === 1) throw new Error('item 1')
      await tick()
      ended++
    })
    await expect(run).rejects.toThrow('item 1')
    // the four started at once, and none after item 1 failed; those under way ended first
    expect(started).toEqual([0, 1, 2, 3])
    expect(ended).toBe(3)
  })
})
