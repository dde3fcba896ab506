// colour maths for authors' inline colours: parse what css allows in a style attribute,
// measure wcag 2 contrast, and find the nearest colour that reaches a ratio. "nearest" keeps
// the hue (oklch, the perceptual polar space css color 4 uses) and moves only the lightness,
// lowering chroma where a lighter or darker shade of that hue does not exist in srgb.

/** An sRGB colour, channels 0-255, alpha 0-1. */
export interface Rgb {
  r: number
  g: number
  b: number
  a: number
}

/** WCAG AA for body text. */
export const AA_TEXT = 4.5

/**
 * The page colours an article's text can sit on, per theme. They must match the
 * `--bg`, `--bg-soft` and `--fg` variables in src/client/styles/main.css (a test checks).
 */
export const THEME_PALETTE = {
  light: { bg: '#ffffff', bgSoft: '#f4f5f7', fg: '#17181a' },
  dark: { bg: '#131518', bgSoft: '#1d2025', fg: '#e7e9ec' },
} as const

export type ThemeName = keyof typeof THEME_PALETTE

// the 148 css named colours (css color 4), packed as name:hex
const NAMED = new Map(
  (
    'aliceblue:f0f8ff antiquewhite:faebd7 aqua:00ffff aquamarine:7fffd4 azure:f0ffff beige:f5f5dc bisque:ffe4c4 ' +
    'black:000000 blanchedalmond:ffebcd blue:0000ff blueviolet:8a2be2 brown:a52a2a burlywood:deb887 cadetblue:5f9ea0 ' +
    'chartreuse:7fff00 chocolate:d2691e coral:ff7f50 cornflowerblue:6495ed cornsilk:fff8dc crimson:dc143c cyan:00ffff ' +
    'darkblue:00008b darkcyan:008b8b darkgoldenrod:b8860b darkgray:a9a9a9 darkgreen:006400 darkgrey:a9a9a9 ' +
    'darkkhaki:bdb76b darkmagenta:8b008b darkolivegreen:556b2f darkorange:ff8c00 darkorchid:9932cc darkred:8b0000 ' +
    'darksalmon:e9967a darkseagreen:8fbc8f darkslateblue:483d8b darkslategray:2f4f4f darkslategrey:2f4f4f ' +
    'darkturquoise:00ced1 darkviolet:9400d3 deeppink:ff1493 deepskyblue:00bfff dimgray:696969 dimgrey:696969 ' +
    'dodgerblue:1e90ff firebrick:b22222 floralwhite:fffaf0 forestgreen:228b22 fuchsia:ff00ff gainsboro:dcdcdc ' +
    'ghostwhite:f8f8ff gold:ffd700 goldenrod:daa520 gray:808080 green:008000 greenyellow:adff2f grey:808080 ' +
    'honeydew:f0fff0 hotpink:ff69b4 indianred:cd5c5c indigo:4b0082 ivory:fffff0 khaki:f0e68c lavender:e6e6fa ' +
    'lavenderblush:fff0f5 lawngreen:7cfc00 lemonchiffon:fffacd lightblue:add8e6 lightcoral:f08080 lightcyan:e0ffff ' +
    'lightgoldenrodyellow:fafad2 lightgray:d3d3d3 lightgreen:90ee90 lightgrey:d3d3d3 lightpink:ffb6c1 ' +
    'lightsalmon:ffa07a lightseagreen:20b2aa lightskyblue:87cefa lightslategray:778899 lightslategrey:778899 ' +
    'lightsteelblue:b0c4de lightyellow:ffffe0 lime:00ff00 limegreen:32cd32 linen:faf0e6 magenta:ff00ff maroon:800000 ' +
    'mediumaquamarine:66cdaa mediumblue:0000cd mediumorchid:ba55d3 mediumpurple:9370db mediumseagreen:3cb371 ' +
    'mediumslateblue:7b68ee mediumspringgreen:00fa9a mediumturquoise:48d1cc mediumvioletred:c71585 ' +
    'midnightblue:191970 mintcream:f5fffa mistyrose:ffe4e1 moccasin:ffe4b5 navajowhite:ffdead navy:000080 ' +
    'oldlace:fdf5e6 olive:808000 olivedrab:6b8e23 orange:ffa500 orangered:ff4500 orchid:da70d6 palegoldenrod:eee8aa ' +
    'palegreen:98fb98 paleturquoise:afeeee palevioletred:db7093 papayawhip:ffefd5 peachpuff:ffdab9 peru:cd853f ' +
    'pink:ffc0cb plum:dda0dd powderblue:b0e0e6 purple:800080 rebeccapurple:663399 red:ff0000 rosybrown:bc8f8f ' +
    'royalblue:4169e1 saddlebrown:8b4513 salmon:fa8072 sandybrown:f4a460 seagreen:2e8b57 seashell:fff5ee ' +
    'sienna:a0522d silver:c0c0c0 skyblue:87ceeb slateblue:6a5acd slategray:708090 slategrey:708090 snow:fffafa ' +
    'springgreen:00ff7f steelblue:4682b4 tan:d2b48c teal:008080 thistle:d8bfd8 tomato:ff6347 turquoise:40e0d0 ' +
    'violet:ee82ee wheat:f5deb3 white:ffffff whitesmoke:f5f5f5 yellow:ffff00 yellowgreen:9acd32'
  )
    .split(' ')
    .map((p) => p.split(':') as [string, string]),
)

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x))

/**
 * a css number or percentage; `full` is what 100% means. `\d+(?:\.\d*)?`, not `\d+\.?\d*`:
 * the digits of a number must have one way to match, or a long one backtracks quadratically
 */
function num(token: string, full: number): number {
  const t = token.trim()
  const v = t.endsWith('%') ? (parseFloat(t) / 100) * full : parseFloat(t)
  if (!Number.isFinite(v) || !/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?%?$/i.test(t)) throw new Error('bad number')
  return v
}

function hue(token: string): number {
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(deg|turn|rad|grad)?$/i.exec(token.trim())
  if (!m) throw new Error('bad hue')
  const v = parseFloat(m[1])
  const unit = (m[2] ?? 'deg').toLowerCase()
  return unit === 'turn' ? v * 360 : unit === 'rad' ? (v * 180) / Math.PI : unit === 'grad' ? v * 0.9 : v
}

/** the arguments of rgb()/hsl() in either the comma or the space-and-slash syntax */
function args(inner: string): { parts: string[]; alpha: number } {
  let body = inner.trim()
  let alpha = 1
  let parts: string[]
  if (body.includes(',')) {
    parts = body.split(',').map((s) => s.trim())
    if (parts.length === 4) alpha = num(parts.pop()!, 1)
  } else {
    const slash = body.split('/')
    if (slash.length > 2) throw new Error('bad alpha')
    if (slash.length === 2) {
      alpha = num(slash[1], 1)
      body = slash[0]
    }
    parts = body.trim().split(/\s+/)
  }
  if (parts.length !== 3) throw new Error('bad arguments')
  return { parts, alpha: clamp(alpha, 0, 1) }
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  // css color 4's hsl-to-rgb
  const f = (n: number) => {
    const k = (n + h / 30) % 12
    const a = s * Math.min(l, 1 - l)
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))
  }
  return [f(0) * 255, f(8) * 255, f(4) * 255]
}

/**
 * Parse a css colour as written in a style attribute: #rgb, #rgba, #rrggbb, #rrggbbaa,
 * rgb()/rgba(), hsl()/hsla() and the named colours. Anything else (currentcolor,
 * transparent, var(), keywords) gives null: the caller leaves it alone.
 */
export function parseColor(input: string): Rgb | null {
  const s = input.trim().toLowerCase()
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(s)
  if (hex) {
    let h = hex[1]
    if (h.length <= 4) h = [...h].map((c) => c + c).join('')
    const n = (i: number) => parseInt(h.slice(i, i + 2), 16)
    return { r: n(0), g: n(2), b: n(4), a: h.length === 8 ? n(6) / 255 : 1 }
  }
  const named = NAMED.get(s)
  if (named) return parseColor(`#${named}`)
  const fn = /^(rgba?|hsla?)\(([^()]*)\)$/.exec(s)
  if (!fn) return null
  try {
    const { parts, alpha } = args(fn[2])
    if (fn[1].startsWith('rgb')) {
      const [r, g, b] = parts.map((p) => clamp(num(p, 255), 0, 255))
      return { r, g, b, a: alpha }
    }
    const h = ((hue(parts[0]) % 360) + 360) % 360
    const [r, g, b] = hslToRgb(h, clamp(num(parts[1], 1), 0, 1), clamp(num(parts[2], 1), 0, 1))
    return { r, g, b, a: alpha }
  } catch {
    // a malformed argument (num, hue and args throw): not a colour this can judge, so it is left alone
    return null
  }
}

/** Lower-case #rrggbb, channels rounded (alpha is dropped: callers flatten first). */
export function toHex(c: Rgb): string {
  return `#${[c.r, c.g, c.b]
    .map((v) =>
      Math.round(clamp(v, 0, 255))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`
}

/** The colour seen when `c` (possibly translucent) is painted over the opaque `under`. */
export function flatten(c: Rgb, under: Rgb): Rgb {
  const mix = (x: number, y: number) => x * c.a + y * (1 - c.a)
  return { r: mix(c.r, under.r), g: mix(c.g, under.g), b: mix(c.b, under.b), a: 1 }
}

const toLinear = (v: number) => {
  const c = v / 255
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
}
const fromLinear = (v: number) => 255 * (v <= 0.0031308 ? v * 12.92 : 1.055 * v ** (1 / 2.4) - 0.055)

/** WCAG 2 relative luminance of an opaque colour. */
export function luminance(c: Rgb): number {
  return 0.2126 * toLinear(c.r) + 0.7152 * toLinear(c.g) + 0.0722 * toLinear(c.b)
}

/** WCAG 2 contrast ratio between two opaque colours, 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

/** OKLCH of an opaque sRGB colour: L 0-1, C >= 0, h in degrees. */
export function toOklch(c: Rgb): { l: number; c: number; h: number } {
  const [r, g, b] = [toLinear(c.r), toLinear(c.g), toLinear(c.b)]
  const l_ = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b)
  const m_ = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b)
  const s_ = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b)
  const L = 0.2104542553 * l_ + 0.793617785 * m_ - 0.0040720468 * s_
  const A = 1.9779984951 * l_ - 2.428592205 * m_ + 0.4505937099 * s_
  const B = 0.0259040371 * l_ + 0.7827717662 * m_ - 0.808675766 * s_
  return { l: L, c: Math.hypot(A, B), h: ((Math.atan2(B, A) * 180) / Math.PI + 360) % 360 }
}

/** linear srgb of an oklch colour; may be outside 0-1 when the colour is out of gamut */
function oklchToLinear(L: number, C: number, h: number): [number, number, number] {
  const A = C * Math.cos((h * Math.PI) / 180)
  const B = C * Math.sin((h * Math.PI) / 180)
  const l = (L + 0.3963377774 * A + 0.2158037573 * B) ** 3
  const m = (L - 0.1055613458 * A - 0.0638541728 * B) ** 3
  const s = (L - 0.0894841775 * A - 1.291485548 * B) ** 3
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ]
}

const EPS = 1e-6
const inGamut = (lin: number[]) => lin.every((v) => v >= -EPS && v <= 1 + EPS)

/** An oklch colour in srgb: the same lightness and hue with as much of the chroma as fits. */
export function fromOklch(L: number, C: number, h: number): Rgb {
  let lo = 0
  let hi = C
  if (!inGamut(oklchToLinear(L, hi, h))) {
    for (let i = 0; i < 24; i++) {
      const mid = (lo + hi) / 2
      if (inGamut(oklchToLinear(L, mid, h))) lo = mid
      else hi = mid
    }
    hi = lo
  }
  const [r, g, b] = oklchToLinear(L, hi, h).map((v) => clamp(fromLinear(clamp(v, 0, 1)), 0, 255))
  return { r: Math.round(r), g: Math.round(g), b: Math.round(b), a: 1 }
}

/** the smallest contrast of `c` against any of the backgrounds */
const worstContrast = (c: Rgb, backgrounds: readonly Rgb[]) => Math.min(...backgrounds.map((b) => contrastRatio(c, b)))

// lightness is searched in steps of 1/100, then refined in steps of 1/1000 (finer than
// 8-bit channels can show)
const COARSE = 0.01
const FINE = 0.001

/** the first lightness from `l` in direction `dir` whose colour passes, or null */
function firstPassing(
  l: number,
  c: number,
  h: number,
  dir: number,
  passes: (rgb: Rgb) => boolean,
): { rgb: Rgb; L: number } | null {
  let prev = l
  for (let k = 1; ; k++) {
    const L = clamp(l + dir * k * COARSE, 0, 1)
    if (passes(fromOklch(L, c, h))) {
      for (let f = prev + dir * FINE; dir * (L - f) > FINE / 2; f += dir * FINE) {
        const rgb = fromOklch(f, c, h)
        if (passes(rgb)) return { rgb, L: f }
      }
      return { rgb: fromOklch(L, c, h), L }
    }
    if (L === 0 || L === 1) return null
    prev = L
  }
}

/**
 * The colour nearest to `color` whose contrast against every one of `backgrounds` is at
 * least `ratio`: same oklch hue, lightness moved as little as possible (darker or lighter,
 * whichever needs the smaller move), chroma lowered only where srgb runs out. A colour
 * that already passes comes back unchanged (as opaque #rrggbb); a translucent one is
 * judged as painted over the first background. Returns the best reachable colour (black
 * or white) when no lightness passes.
 */
export function nearestPassing(color: Rgb, backgrounds: readonly Rgb[], ratio = AA_TEXT): Rgb {
  const base =
    color.a < 1
      ? flatten(color, backgrounds[0])
      : { ...color, r: Math.round(color.r), g: Math.round(color.g), b: Math.round(color.b) }
  const passes = (rgb: Rgb) => worstContrast(rgb, backgrounds) >= ratio
  if (passes(base)) return base
  const { l, c, h } = toOklch(base)
  const found = [firstPassing(l, c, h, -1, passes), firstPassing(l, c, h, 1, passes)]
    .filter((f) => f !== null)
    .sort((a, b) => Math.abs(a.L - l) - Math.abs(b.L - l))
  if (found.length) return found[0].rgb
  const black = { r: 0, g: 0, b: 0, a: 1 }
  const white = { r: 255, g: 255, b: 255, a: 1 }
  return worstContrast(black, backgrounds) >= worstContrast(white, backgrounds) ? black : white
}

/** the theme's page colours, parsed */
export function themeColors(theme: ThemeName): { backgrounds: Rgb[]; fg: Rgb } {
  const p = THEME_PALETTE[theme]
  return { backgrounds: [parseColor(p.bg)!, parseColor(p.bgSoft)!], fg: parseColor(p.fg)! }
}
