// the related lists of the last build, kept between builds with the key of what they were
// worked out from: every article's title, excerpt, headings, categories and tags, and the code.
// an edit to a body changes none of those, so the build after it takes the lists as they
// are instead of scoring the whole archive again (seconds at 10,000 articles).
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { ArticleLink } from '../../../shared/types.ts'
import type { RelatedDoc } from '../../build/related.ts'

export class RelatedCache {
  constructor(
    /** where the lists are kept */
    readonly file: string,
    /** the code version (see codeVersion) */
    readonly version: string,
  ) {}

  /** The lists of `docs`: the kept ones when they were worked out from the same docs, else `work()`'s, then kept. */
  async lists(docs: readonly RelatedDoc[], work: () => Promise<ArticleLink[][]>): Promise<ArticleLink[][]> {
    const hash = createHash('sha256').update(`${this.version}\0`)
    for (const d of docs) hash.update(JSON.stringify(d)).update('\0')
    const key = hash.digest('hex')
    // read at once, not through the thread pool: when they must be worked out anew, their thread
    // starts now, not once this thread is done with what the build does meanwhile (seconds)
    try {
      const kept = JSON.parse(readFileSync(this.file, 'utf8')) as { key?: string; lists?: unknown }
      if (kept.key === key && isLists(kept.lists, docs.length)) return kept.lists
    } catch {
      // none kept yet, or a damaged file: worked out anew
    }
    const lists = await work()
    try {
      await mkdir(dirname(this.file), { recursive: true })
      const tmp = `${this.file}.${process.pid}.tmp`
      await writeFile(tmp, JSON.stringify({ key, lists }))
      await rename(tmp, this.file)
    } catch {
      // a cache that cannot be written only makes the next build slower
    }
    return lists
  }
}

/** whether `v` is `count` lists of links (the file is read back: what pages show must be this shape) */
function isLists(v: unknown, count: number): v is ArticleLink[][] {
  return (
    Array.isArray(v) &&
    v.length === count &&
    v.every(
      (list) =>
        Array.isArray(list) &&
        list.every((l) => typeof l?.slug === 'string' && typeof l?.title === 'string' && Object.keys(l).length === 2),
    )
  )
}
