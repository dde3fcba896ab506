// asynchronous work over many items, a few at a time: file operations and reads go through
// libuv's threads, which one at a time leaves idle and all at once floods.

/** `fn` over `items`, at most `limit` at a time; the results in the items' order */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i])
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}
