// authors' inline colours, kept recognisable but never unreadable. after sanitizing, each
// inline `color` (and `background-color`) is checked against what it sits on in each theme
// and moved to the nearest colour reaching WCAG AA (src/shared/contrast.ts). the light
// result is the plain `color` (so feeds and printouts get it too); the dark one rides along
// as `--ink-dark` / `--paper-dark`, which main.css applies under the dark theme.
import {
  AA_TEXT,
  flatten,
  nearestPassing,
  parseColor,
  themeColors,
  toHex,
  type Rgb,
  type ThemeName,
} from '../../shared/contrast.ts'
import { parseDeclarations, type Declaration } from '../../shared/sanitize/styleDeclarations.ts'
import { walkElements } from './walkElements.ts'

const THEMES: ThemeName[] = ['light', 'dark']

/**
 * where the stylesheet paints the body's soft background (main.css: th, pre, style2 quotes;
 * the selector `th, pre, blockquote[data-ke-style="style2"]`), tested without jsdom's
 * selector engine, which would cost more than the rest of this file on every element
 */
function onSoftBackground(el: Element): boolean {
  const tag = el.tagName
  return tag === 'TH' || tag === 'PRE' || (tag === 'BLOCKQUOTE' && el.getAttribute('data-ke-style') === 'style2')
}

/** what text sits on, and what colour it inherits, in one theme */
interface Ground {
  backgrounds: Rgb[]
  ink: Rgb
}
type Context = Record<ThemeName, Ground>

// articles repeat a handful of colours many times over; each is worked out once
const memo = new Map<string, Rgb>()
function passing(color: Rgb, backgrounds: Rgb[], ratio = AA_TEXT): Rgb {
  const key = [color, ...backgrounds].map((x) => `${x.r},${x.g},${x.b},${x.a}`).join('|') + `|${ratio}`
  let out = memo.get(key)
  if (!out) {
    if (memo.size > 10_000) memo.clear()
    memo.set(key, (out = nearestPassing(color, backgrounds, ratio)))
  }
  return out
}

/** a declared colour without its `!important` (an inline !important would beat the dark theme) */
const colourOf = (value: string) => parseColor(value.replace(/!\s*important\s*$/i, ''))

/** Rewrite inline colours under `root` so each passes AA in both themes (in place). */
export function adjustInlineColours(root: Element): void {
  const page: Context = { light: pageGround('light', false), dark: pageGround('dark', false) }
  // each element with the colours it sits on and inherits
  walkElements(root, page, (el, inherited) => {
    let ctx = inherited
    // the stylesheet paints these over whatever an ancestor's background was
    if (onSoftBackground(el)) {
      ctx = {
        light: { ...ctx.light, backgrounds: pageGround('light', true).backgrounds },
        dark: { ...ctx.dark, backgrounds: pageGround('dark', true).backgrounds },
      }
    }
    if (el.hasAttributes() && (el.hasAttribute('style') || el.hasAttribute('color') || el.hasAttribute('bgcolor')))
      ctx = rewrite(el, ctx)
    return ctx
  })
}

function pageGround(theme: ThemeName, soft: boolean): Ground {
  const { backgrounds, fg } = themeColors(theme)
  return { backgrounds: [soft ? backgrounds[1] : backgrounds[0]], ink: fg }
}

const isBackground = (d: Declaration) => d.prop === 'background-color' || d.prop === 'background'

/** adjust one element's colours; returns the context its children see */
function rewrite(el: Element, ctx: Context): Context {
  // quote-aware, as the sanitizer reads it: `font-family: "a;b"` is one declaration
  const decls = parseDeclarations(el.getAttribute('style') ?? '')
    // custom properties are ours to set: an author's could restyle the page's own variables
    .filter((d) => !d.prop.startsWith('--'))
  // the old presentational attributes become style, so they are judged the same way
  for (const [attr, prop] of [
    ['color', 'color'],
    ['bgcolor', 'background-color'],
  ] as const) {
    const v = el.getAttribute(attr)
    if (v === null) continue
    el.removeAttribute(attr)
    if (colourOf(v) && !decls.some((d) => d.prop === prop)) decls.unshift({ prop, value: v })
  }

  // the last declaration wins in css; one we cannot judge (inherit, a gradient) is left alone
  const colorDecl = decls.findLast((d) => d.prop === 'color')
  const bgDecl = decls.findLast(isBackground)
  const color = colorDecl ? colourOf(colorDecl.value) : null
  const bg = bgDecl ? colourOf(bgDecl.value) : null

  const out: Context = { ...ctx }
  const ink: Partial<Record<ThemeName, Rgb>> = {}
  const paper: Partial<Record<ThemeName, Rgb>> = {}
  for (const theme of THEMES) {
    const ground = ctx[theme]
    let backgrounds = ground.backgrounds
    if (bg) {
      let p = bg.a < 1 ? flatten(bg, backgrounds[0]) : bg
      // a background moves only when the text the author left on it would be unreadable;
      // with their own colour on it, the colour moves instead and the background stays
      if (!color) p = passing(p, [ground.ink])
      paper[theme] = p
      backgrounds = [p]
    }
    if (color) ink[theme] = passing(color, backgrounds)
    out[theme] = { backgrounds, ink: ink[theme] ?? ground.ink }
  }

  const written = decls
    .filter((d) => !(color && d.prop === 'color') && !(bg && isBackground(d)))
    .map((d) => `${d.prop}: ${d.value}`)
  if (color) written.push(`color: ${toHex(ink.light!)}`, `--ink-dark: ${toHex(ink.dark!)}`)
  if (bg) written.push(`background-color: ${toHex(paper.light!)}`, `--paper-dark: ${toHex(paper.dark!)}`)
  if (written.length) el.setAttribute('style', written.join('; '))
  else el.removeAttribute('style')
  return out
}
