import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  AA_TEXT,
  THEME_PALETTE,
  contrastRatio,
  flatten,
  fromOklch,
  nearestPassing,
  parseColor,
  themeColors,
  toHex,
  toOklch,
  type Rgb,
} from '../../../src/shared/contrast'

const rgb = (s: string) => {
  const c = parseColor(s)
  if (!c) throw new Error(`unparsed ${s}`)
  return c
}
const WHITE = rgb('#fff')
const light = themeColors('light')
const dark = themeColors('dark')
// the difference between two hues on the colour wheel
const hueGap = (a: number, b: number) => Math.abs(((a - b + 540) % 360) - 180)

describe('shared/contrast', () => {
  describe('parseColor', () => {
    it('reads every hex form', () => {
      expect(rgb('#ee2323')).toEqual({ r: 238, g: 35, b: 35, a: 1 })
      expect(rgb('#E23')).toEqual({ r: 238, g: 34, b: 51, a: 1 })
      expect(rgb('#ee232380').a).toBeCloseTo(128 / 255)
      expect(rgb('#f008').a).toBeCloseTo(136 / 255)
    })

    it('reads rgb() and rgba() in the comma and the space syntax', () => {
      expect(rgb('rgb(238, 35, 35)')).toEqual({ r: 238, g: 35, b: 35, a: 1 })
      expect(rgb('RGBA(238,35,35,0.5)')).toEqual({ r: 238, g: 35, b: 35, a: 0.5 })
      expect(rgb('rgb(238 35 35 / 50%)')).toEqual({ r: 238, g: 35, b: 35, a: 0.5 })
      expect(rgb('rgb(100%, 0%, 0%)')).toEqual({ r: 255, g: 0, b: 0, a: 1 })
    })

    it('reads hsl() and named colours', () => {
      expect(toHex(rgb('hsl(0, 100%, 50%)'))).toBe('#ff0000')
      expect(toHex(rgb('hsl(120deg 100% 25%)'))).toBe('#008000')
      expect(toHex(rgb('hsla(240, 100%, 50%, 1)'))).toBe('#0000ff')
      expect(toHex(rgb('Crimson'))).toBe('#dc143c')
      expect(toHex(rgb('rebeccapurple'))).toBe('#663399')
    })

    it('gives null for what it cannot judge, so the caller leaves it alone', () => {
      for (const s of [
        'currentcolor',
        'transparent',
        'inherit',
        'var(--x)',
        '#ee23a',
        '#ggg',
        'rgb(1, 2)',
        'rgb(a, b, c)',
        'notacolour',
        'rgb(1,2,3) x',
      ]) {
        expect(parseColor(s), s).toBeNull()
      }
    })
  })

  describe('contrastRatio', () => {
    it('matches the WCAG 2 figures', () => {
      expect(contrastRatio(rgb('#000'), WHITE)).toBeCloseTo(21, 5)
      expect(contrastRatio(WHITE, WHITE)).toBeCloseTo(1, 5)
      // the well-known threshold greys: #767676 is the lightest that passes on white
      expect(contrastRatio(rgb('#767676'), WHITE)).toBeGreaterThanOrEqual(4.5)
      expect(contrastRatio(rgb('#777777'), WHITE)).toBeLessThan(4.5)
      // symmetric
      expect(contrastRatio(WHITE, rgb('#ee2323'))).toBeCloseTo(contrastRatio(rgb('#ee2323'), WHITE), 10)
    })

    it('measures the seeds\u2019 red below AA on white and on the dark page', () => {
      const red = rgb('#ee2323')
      expect(contrastRatio(red, WHITE)).toBeCloseTo(4.29, 2)
      expect(contrastRatio(red, dark.backgrounds[0])).toBeLessThan(AA_TEXT)
    })
  })

  describe('oklch', () => {
    it('goes to oklch and back without drift', () => {
      for (const s of ['#ee2323', '#1d4ed8', '#008000', '#777777', '#ffd700']) {
        const { l, c, h } = toOklch(rgb(s))
        expect(toHex(fromOklch(l, c, h))).toBe(s)
      }
    })

    it('lowers the chroma where the hue has no such colour in srgb, keeping lightness and hue', () => {
      const out = fromOklch(0.9, 0.3, 29)
      const back = toOklch(out)
      expect(back.l).toBeCloseTo(0.9, 2)
      expect(back.c).toBeLessThan(0.3)
      expect(hueGap(back.h, 29)).toBeLessThan(2)
    })
  })

  describe('nearestPassing', () => {
    it('leaves a colour that passes as it is', () => {
      expect(toHex(nearestPassing(rgb('#1d4ed8'), light.backgrounds))).toBe('#1d4ed8')
      expect(toHex(nearestPassing(rgb('#008000'), light.backgrounds))).toBe('#008000')
    })

    it('darkens the seeds\u2019 red just enough on the light page, keeping its hue', () => {
      const red = rgb('#ee2323')
      const out = nearestPassing(red, [WHITE])
      expect(contrastRatio(out, WHITE)).toBeGreaterThanOrEqual(AA_TEXT)
      expect(toOklch(out).l).toBeLessThan(toOklch(red).l)
      expect(hueGap(toOklch(out).h, toOklch(red).h)).toBeLessThan(1.5)
      // nearest: a hundredth of lightness back towards the original already fails
      const { c, h, l } = toOklch(out)
      expect(contrastRatio(fromOklch(l + 0.01, c, h), WHITE)).toBeLessThan(AA_TEXT)
    })

    it('lightens it on the dark page', () => {
      const red = rgb('#ee2323')
      const bg = dark.backgrounds[0]
      const out = nearestPassing(red, [bg])
      expect(contrastRatio(out, bg)).toBeGreaterThanOrEqual(AA_TEXT)
      expect(toOklch(out).l).toBeGreaterThan(toOklch(red).l)
      expect(hueGap(toOklch(out).h, toOklch(red).h)).toBeLessThan(1.5)
      const { c, h, l } = toOklch(out)
      expect(contrastRatio(fromOklch(l - 0.01, c, h), bg)).toBeLessThan(AA_TEXT)
    })

    it('passes against every background it is given', () => {
      const out = nearestPassing(rgb('#ee2323'), light.backgrounds)
      for (const bg of light.backgrounds) expect(contrastRatio(out, bg)).toBeGreaterThanOrEqual(AA_TEXT)
    })

    it('passes for any colour on either theme (a sweep over the srgb cube)', () => {
      const failures: string[] = []
      for (let r = 0; r <= 255; r += 51) {
        for (let g = 0; g <= 255; g += 51) {
          for (let b = 0; b <= 255; b += 51) {
            const c: Rgb = { r, g, b, a: 1 }
            for (const theme of [light, dark]) {
              const out = nearestPassing(c, theme.backgrounds)
              const worst = Math.min(...theme.backgrounds.map((bg) => contrastRatio(out, bg)))
              if (worst < AA_TEXT) failures.push(`${toHex(c)} -> ${toHex(out)} (${worst.toFixed(2)})`)
            }
          }
        }
      }
      expect(failures).toEqual([])
    })

    it('judges a translucent colour as painted over the page', () => {
      const half = rgb('rgba(238, 35, 35, 0.5)')
      const out = nearestPassing(half, [WHITE])
      expect(out.a).toBe(1)
      expect(contrastRatio(out, WHITE)).toBeGreaterThanOrEqual(AA_TEXT)
      expect(toHex(flatten(half, WHITE))).toBe('#f79191')
    })

    it('can also reach a lower ratio, for large text', () => {
      const out = nearestPassing(rgb('#ee2323'), [WHITE], 3)
      expect(toHex(out)).toBe('#ee2323')
    })
  })

  it('uses the same page colours as the stylesheet', () => {
    const css = readFileSync(new URL('../../../src/client/styles/main.css', import.meta.url), 'utf8')
    const block = (selector: RegExp) => {
      const m = selector.exec(css)
      if (!m) throw new Error(`no ${selector} block in main.css`)
      return css.slice(m.index, css.indexOf('}', m.index))
    }
    const value = (text: string, name: string) => new RegExp(`${name}:\\s*(#[0-9a-f]{6})\\s*;`, 'i').exec(text)?.[1]
    const lightVars = block(/^:root\s*\{/m)
    const darkVars = block(/^:root\[data-theme='dark'\]\s*\{/m)
    // the system's dark theme repeats the chosen one's variables
    const systemDark = block(/^\s*:root:not\(\[data-theme='light'\]\)\s*\{/m)
    const decls = (text: string) =>
      text
        .slice(text.indexOf('{') + 1)
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
    expect(decls(systemDark)).toEqual(decls(darkVars))
    for (const [theme, text] of [
      ['light', lightVars],
      ['dark', darkVars],
    ] as const) {
      expect(value(text, '--bg'), theme).toBe(THEME_PALETTE[theme].bg)
      expect(value(text, '--bg-soft'), theme).toBe(THEME_PALETTE[theme].bgSoft)
      expect(value(text, '--fg'), theme).toBe(THEME_PALETTE[theme].fg)
    }
  })
})
