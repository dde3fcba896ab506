// the two articles the site ships with are real articles, published byte for byte as their
// newsroom wrote them: a feature that wants a new front-matter key (an image_alt, say) adds it
// to a test's own content, never to these files
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const CONTENT = join(import.meta.dirname, '../../content')
/** sha-256 of each seed as it was delivered */
const SEEDS: Record<string, string> = {
  '000_3f06a9bec7bd6d0f.txt': '8c7b6c00395f829f03dc83cd46943a381565052542ef3797cddbcc06f6d8b76b',
  '002_da8a812b5f9d37fd.txt': '26445ea445c8ee2815ac0dd6b214e1639519d14b3ffab3e67443a9a705b8c359',
}

describe('content/ seeds', () => {
  it('are the two delivered articles, byte for byte', () => {
    expect(readdirSync(CONTENT).sort()).toEqual(Object.keys(SEEDS))
    for (const [name, sha] of Object.entries(SEEDS)) {
      expect(
        createHash('sha256')
          .update(readFileSync(join(CONTENT, name)))
          .digest('hex'),
        name,
      ).toBe(sha)
    }
  })
})
