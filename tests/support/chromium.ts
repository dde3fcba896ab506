// finds a chromium to drive with playwright-core, and gates browser suites on it:
// skipped with a loud message on a developer's machine without one, a failure under CI=true.
//
// usage:
//   import { describeBrowser, launchBrowser } from '../support/chromium'
//   describeBrowser('e2e/site', () => {
//     let browser: Browser
//     beforeAll(async () => { browser = await launchBrowser() })
//     afterAll(() => browser?.close())
//     it('...', async () => { const page = await browser.newPage(); ... })
//   })
import { describe, it } from 'vitest'
import { chromium, type Browser, type LaunchOptions } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_CANDIDATES, findChromium } from '../../src/node/render/chromium'

export { CHROMIUM_ARGS, CHROMIUM_CANDIDATES, findChromium }

export const INSTALL_HINT = 'sudo apt-get install -y chromium fonts-noto-cjk'

/**
 * Starts a headless Chromium. Playwright gives each launch a fresh temporary profile
 * (--user-data-dir), so runs never share cookies, storage or cache.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = findChromium()
  if (!executablePath) throw new Error(`no Chromium found; install one with: ${INSTALL_HINT} (or set CHROMIUM_PATH)`)
  return chromium.launch({
    executablePath,
    headless: true,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  })
}

function loudMissing(name: string): void {
  const bar = '!'.repeat(78)
  console.warn(
    [
      '',
      bar,
      `!!  BROWSER TESTS SKIPPED (${name}): no Chromium found.`,
      `!!  Looked at $CHROMIUM_PATH and ${CHROMIUM_CANDIDATES.join(', ')}.`,
      `!!  Install one (Debian/Ubuntu):  ${INSTALL_HINT}`,
      '!!  or point CHROMIUM_PATH at a Chromium/Chrome binary, then run npm test again.',
      bar,
      '',
    ].join('\n'),
  )
}

/**
 * `describe` for suites that need a real browser. Without Chromium the suite is skipped
 * (and says so loudly); under CI=true a missing browser is a failing test instead, so CI
 * can never pass by testing nothing.
 */
export function describeBrowser(name: string, fn: () => void): void {
  if (findChromium()) {
    describe(name, fn)
    return
  }
  loudMissing(name)
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has a Chromium to run in (CI=true)', () => {
        throw new Error(`CI=true but no Chromium was found; install it with: ${INSTALL_HINT} (or set CHROMIUM_PATH)`)
      })
    })
    return
  }
  describe.skip(name, fn)
}
