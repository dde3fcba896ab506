// asynchronous work over many items, a few at a time: file operations and reads go through
// libuv's threads, which one at a time leaves idle and all at once floods.

/**
 * `fn` over `items`, at most `limit` at a time; the results in the items' order. After the
 * first failure no item is started (the caller cleans up after it: nothing may still be moving
 * files meanwhile), and the failure is thrown once those under way have ended.
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  let failed = false
  const worker = async () => {
    try {
      for (let i = next++; i < items.length && !failed; i = next++) out[i] = await fn(items[i])
    } catch (err) {
      failed = true
      throw err
    }
  }
  const settled = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker))
  const failure = settled.find((s) => s.status === 'rejected')
  if (failure) throw failure.reason
  return out
}
