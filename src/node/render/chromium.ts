// where a headless Chromium is on this machine, and the flags it is started with: the
// build sanitizes bodies in one when there is one (browserRender.ts); the tests and the
// benchmark drive one too.
import { accessSync, constants } from 'node:fs'

/** Where a browser is looked for, after $CHROMIUM_PATH. */
export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
]

/** No sandbox (containers, root in CI) and nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    // not there, or not a program: the next candidate is tried
    return false
  }
}

/** The path of a Chromium to use, or null. `CHROMIUM_PATH` wins when it points at a program. */
export function findChromium(warn: (msg: string) => void = console.warn): string | null {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) {
    if (executable(fromEnv)) return fromEnv
    warn(`CHROMIUM_PATH=${fromEnv} is not an executable file; looking in the usual places`)
  }
  return CHROMIUM_CANDIDATES.find(executable) ?? null
}
