// the reader's font-size step and theme: remembered in localStorage and shown as attributes
// on <html> that main.css reads. public/reader-prefs.js applies the saved values before the
// first paint, so a dark theme or a larger text never flashes in after the light default: a
// file of its own, loaded synchronously from index.html's <head>, because the content
// security policy forbids inline scripts, and written compact, because every page loads it
// as it is (storage blocked or unreadable: the defaults apply). its key and values must match
// these (tests/unit/client/readerPrefs.test.ts runs it against this module). this composable
// changes them afterwards, and onPrefsChanged keeps other tabs in step.
import { readonly, ref } from 'vue'

export type ThemeChoice = 'light' | 'dark' | 'system'

/** the localStorage key; public/reader-prefs.js reads the same one */
export const PREFS_KEY = 'reader-prefs'
export const FONT_STEPS = [1, 2, 3, 4, 5] as const
export type FontStep = (typeof FONT_STEPS)[number]
export const DEFAULT_FONT_STEP: FontStep = 2
export const THEMES: readonly ThemeChoice[] = ['light', 'dark', 'system']

interface Prefs {
  theme: ThemeChoice
  fontStep: FontStep
}

const theme = ref<ThemeChoice>('system')
const fontStep = ref<FontStep>(DEFAULT_FONT_STEP)
let started = false

const isTheme = (v: unknown): v is ThemeChoice => THEMES.includes(v as ThemeChoice)
const isStep = (v: unknown): v is FontStep => FONT_STEPS.includes(v as FontStep)

/** what is saved, or the defaults when nothing (or nothing valid) is */
export function readSaved(): Prefs {
  try {
    const saved = JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') as Partial<Prefs> | null
    return {
      theme: isTheme(saved?.theme) ? saved.theme : 'system',
      fontStep: isStep(saved?.fontStep) ? saved.fontStep : DEFAULT_FONT_STEP,
    }
  } catch {
    // storage blocked (a privacy setting) or not json: the defaults, as reader-prefs.js applies them
    return { theme: 'system', fontStep: DEFAULT_FONT_STEP }
  }
}

function apply(): void {
  const root = document.documentElement
  if (theme.value === 'system') root.removeAttribute('data-theme')
  else root.setAttribute('data-theme', theme.value)
  if (fontStep.value === DEFAULT_FONT_STEP) root.removeAttribute('data-font-step')
  else root.setAttribute('data-font-step', String(fontStep.value))
}

function save(): void {
  try {
    localStorage.setItem(PREFS_KEY, JSON.stringify({ theme: theme.value, fontStep: fontStep.value }))
  } catch {
    // storage blocked: the choice still holds for this page
  }
}

function load(): void {
  const saved = readSaved()
  theme.value = saved.theme
  fontStep.value = saved.fontStep
}

/** A storage event: a choice made in another tab applies here too (ReaderSettings.vue listens). */
export function onPrefsChanged(event: StorageEvent): void {
  if (event.key !== PREFS_KEY && event.key !== null) return
  started = true
  load()
  apply()
}

export function useReaderPrefs() {
  if (!started && typeof window !== 'undefined') {
    started = true
    load()
  }
  return {
    theme: readonly(theme),
    fontStep: readonly(fontStep),
    setTheme(value: ThemeChoice) {
      theme.value = value
      apply()
      save()
    },
    setFontStep(value: FontStep) {
      fontStep.value = value
      apply()
      save()
    },
  }
}
