import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_FONT_STEP,
  PREFS_KEY,
  onPrefsChanged,
  readSaved,
  useReaderPrefs,
} from '../../../src/client/composables/useReaderPrefs'

// the classic script index.html loads before first paint, run as the browser would
const PREFS_SCRIPT = readFileSync(
  resolve(dirname(fileURLToPath(import.meta.url)), '../../../public/reader-prefs.js'),
  'utf8',
)
const runPrefsScript = () => new Function(PREFS_SCRIPT)()
const html = () => document.documentElement

function reset() {
  localStorage.clear()
  html().removeAttribute('data-theme')
  html().removeAttribute('data-font-step')
}

describe('public/reader-prefs.js', () => {
  beforeEach(reset)
  afterEach(reset)

  it('puts the saved theme and font step on <html>', () => {
    localStorage.setItem(PREFS_KEY, JSON.stringify({ theme: 'dark', fontStep: 4 }))
    runPrefsScript()
    expect(html().getAttribute('data-theme')).toBe('dark')
    expect(html().getAttribute('data-font-step')).toBe('4')
  })

  it('leaves the defaults when nothing is saved, "system" is, or the value is junk', () => {
    for (const saved of [
      null,
      JSON.stringify({ theme: 'system', fontStep: 9 }),
      '{not json',
      JSON.stringify({ theme: '<b>', fontStep: 2.5 }),
      'null',
    ]) {
      reset()
      if (saved !== null) localStorage.setItem(PREFS_KEY, saved)
      expect(runPrefsScript).not.toThrow()
      expect(html().hasAttribute('data-theme'), String(saved)).toBe(false)
      expect(html().hasAttribute('data-font-step'), String(saved)).toBe(false)
    }
  })

  it('reads what the settings control writes', () => {
    const prefs = useReaderPrefs()
    prefs.setTheme('light')
    prefs.setFontStep(5)
    html().removeAttribute('data-theme')
    html().removeAttribute('data-font-step')
    runPrefsScript()
    expect(html().getAttribute('data-theme')).toBe('light')
    expect(html().getAttribute('data-font-step')).toBe('5')
  })
})

describe('composables/useReaderPrefs', () => {
  beforeEach(reset)
  afterEach(reset)

  it('applies and remembers a choice, and clears the attribute for the defaults', () => {
    const prefs = useReaderPrefs()
    prefs.setTheme('dark')
    prefs.setFontStep(1)
    expect(html().getAttribute('data-theme')).toBe('dark')
    expect(html().getAttribute('data-font-step')).toBe('1')
    expect(readSaved()).toEqual({ theme: 'dark', fontStep: 1 })

    prefs.setTheme('system')
    prefs.setFontStep(DEFAULT_FONT_STEP)
    expect(html().hasAttribute('data-theme')).toBe(false)
    expect(html().hasAttribute('data-font-step')).toBe(false)
    expect(prefs.theme.value).toBe('system')
    expect(readSaved()).toEqual({ theme: 'system', fontStep: DEFAULT_FONT_STEP })
  })

  it('follows a choice made in another tab', () => {
    const prefs = useReaderPrefs()
    localStorage.setItem(PREFS_KEY, JSON.stringify({ theme: 'dark', fontStep: 3 }))
    // another key changed: nothing to do
    onPrefsChanged(new StorageEvent('storage', { key: 'other' }))
    expect(html().getAttribute('data-theme')).not.toBe('dark')
    onPrefsChanged(new StorageEvent('storage', { key: PREFS_KEY }))
    expect(prefs.theme.value).toBe('dark')
    expect(prefs.fontStep.value).toBe(3)
    expect(html().getAttribute('data-theme')).toBe('dark')
    expect(html().getAttribute('data-font-step')).toBe('3')
  })
})
