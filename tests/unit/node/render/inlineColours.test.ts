import createDOMPurify from 'dompurify'
import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { renderBody } from '../../../../src/node/render/renderBody'
import { AA_TEXT, contrastRatio, parseColor, THEME_PALETTE, toOklch } from '../../../../src/shared/contrast'
import { installSanitizeHooks } from '../../../../src/shared/sanitize/hooks'
import { SANITIZE_CONFIG } from '../../../../src/shared/sanitize/policy'

const html = (body: string) => renderBody(body, 'html').html
const dom = (markup: string) => new JSDOM(`<body>${markup}</body>`).window.document.body

/** the style declarations of the first element matching `selector` */
function styleOf(markup: string, selector: string): Record<string, string> {
  const el = dom(markup).querySelector(selector)
  if (!el) throw new Error(`no ${selector} in ${markup}`)
  return Object.fromEntries(
    (el.getAttribute('style') ?? '')
      .split(';')
      .map((d) => d.split(':').map((s) => s.trim()))
      .filter(([k, v]) => k && v),
  )
}
const c = (s: string) => {
  const rgb = parseColor(s)
  if (!rgb) throw new Error(`unparsed ${s}`)
  return rgb
}
const LIGHT = c(THEME_PALETTE.light.bg)
const DARK = c(THEME_PALETTE.dark.bg)

describe('node/inlineColours (through renderBody)', () => {
  it('moves the seeds\u2019 red to a readable red in both themes', () => {
    const style = styleOf(html('<p><b><span style="color: #ee2323;">북한-러시아</span></b></p>'), 'span')
    const lightInk = c(style.color)
    const darkInk = c(style['--ink-dark'])
    expect(contrastRatio(c('#ee2323'), LIGHT)).toBeLessThan(AA_TEXT)
    expect(contrastRatio(lightInk, LIGHT)).toBeGreaterThanOrEqual(AA_TEXT)
    expect(contrastRatio(darkInk, DARK)).toBeGreaterThanOrEqual(AA_TEXT)
    // still red: the same hue, darker for the light page and lighter for the dark one
    const red = toOklch(c('#ee2323'))
    expect(Math.abs(toOklch(lightInk).h - red.h)).toBeLessThan(2)
    expect(Math.abs(toOklch(darkInk).h - red.h)).toBeLessThan(2)
    expect(toOklch(lightInk).l).toBeLessThan(red.l)
    expect(toOklch(darkInk).l).toBeGreaterThan(red.l)
  })

  it('keeps a colour that already passes, and keeps the other declarations', () => {
    const style = styleOf(html('<p style="text-align: center; color: #1d4ed8">파랑</p>'), 'p')
    expect(style['text-align']).toBe('center')
    expect(style.color).toBe('#1d4ed8')
    // navy-ish blue is too dark for the dark page: it gets its own dark shade
    expect(contrastRatio(c(style['--ink-dark']), DARK)).toBeGreaterThanOrEqual(AA_TEXT)
  })

  it('reads rgb(), named colours and the old color attribute, and drops !important', () => {
    for (const markup of [
      '<span style="color: rgb(238, 35, 35) !important">가</span>',
      '<span style="color: red">가</span>',
      '<font color="red">가</font>',
    ]) {
      const out = html(`<p>${markup}</p>`)
      const style = styleOf(out, 'p > *')
      expect(out).not.toContain('important')
      expect(out).not.toMatch(/\scolor=/)
      expect(contrastRatio(c(style.color), LIGHT), markup).toBeGreaterThanOrEqual(AA_TEXT)
      expect(contrastRatio(c(style['--ink-dark']), DARK), markup).toBeGreaterThanOrEqual(AA_TEXT)
    }
  })

  it('leaves colours it cannot judge alone', () => {
    const out = html(
      '<p><span style="color: inherit">가</span> <span style="color: currentcolor; font-weight: 700">나</span></p>',
    )
    expect(out).toContain('color: inherit')
    expect(out).toContain('color: currentcolor')
    expect(out).not.toContain('--ink-dark')
  })

  it('drops custom properties an author wrote, so the page\u2019s own variables stay the page\u2019s', () => {
    const out = html('<p style="--ink-dark: #000000; --link: #ffffff; color: #ee2323">가</p>')
    expect(out).not.toContain('--link')
    expect(out.match(/--ink-dark/g)).toHaveLength(1)
    expect(styleOf(out, 'p')['--ink-dark']).not.toBe('#000000')
  })

  it('judges text on an author\u2019s background against that background', () => {
    // a yellow highlight: fine under the light theme's dark text, too bright under the dark
    // theme's light text, so its dark shade is darkened
    const mark = styleOf(html('<p><span style="background-color: #ffff00">강조</span></p>'), 'span')
    expect(mark['background-color']).toBe('#ffff00')
    expect(contrastRatio(c(mark['--paper-dark']), c(THEME_PALETTE.dark.fg))).toBeGreaterThanOrEqual(AA_TEXT)

    // white on a pale blue fails; the colour moves, the author's background stays
    const pair = styleOf(html('<p><span style="background: #add8e6; color: #ffffff">흰 글씨</span></p>'), 'span')
    expect(pair['background-color']).toBe('#add8e6')
    expect(contrastRatio(c(pair.color), c('#add8e6'))).toBeGreaterThanOrEqual(AA_TEXT)

    // a coloured word inside a highlighted block is judged against the highlight
    const inner = styleOf(
      html(
        '<div style="background-color: #000080; color: #ffffff"><p><span style="color: #3355ff">파랑</span></p></div>',
      ),
      'span',
    )
    expect(contrastRatio(c('#3355ff'), c('#000080'))).toBeLessThan(AA_TEXT)
    expect(contrastRatio(c(inner.color), c('#000080'))).toBeGreaterThanOrEqual(AA_TEXT)
    expect(contrastRatio(c(inner['--ink-dark']), c('#000080'))).toBeGreaterThanOrEqual(AA_TEXT)

    // dark text left on navy is unreadable: the background lightens (hue kept) under the light theme
    const navy = styleOf(html('<p><span style="background-color: #000080">가</span></p>'), 'span')
    expect(contrastRatio(c(navy['background-color']), c(THEME_PALETTE.light.fg))).toBeGreaterThanOrEqual(AA_TEXT)
    expect(navy['--paper-dark']).toBe('#000080')
  })

  it('judges a table header against the soft background the stylesheet gives it', () => {
    const style = styleOf(html('<table><tr><th><span style="color: #ee2323">머리</span></th></tr></table>'), 'span')
    const soft = c(THEME_PALETTE.light.bgSoft)
    expect(contrastRatio(c(style.color), soft)).toBeGreaterThanOrEqual(AA_TEXT)
    expect(contrastRatio(c(style['--ink-dark']), c(THEME_PALETTE.dark.bgSoft))).toBeGreaterThanOrEqual(AA_TEXT)
  })

  it('emits styles the browser-side sanitizer keeps as they are', () => {
    const built = html('<p><span style="color: #ee2323;">가</span><span style="background-color: yellow">나</span></p>')
    const { window } = new JSDOM('')
    const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0])
    installSanitizeHooks(purify)
    const again = purify.sanitize(built, SANITIZE_CONFIG) as string
    expect(styleOf(again, 'span')).toEqual(styleOf(built, 'span'))
    expect(styleOf(again, 'span + span')).toEqual(styleOf(built, 'span + span'))
    expect(again).toContain('--ink-dark')
    expect(again).toContain('--paper-dark')
  })

  it('handles a very deep tree without overflowing', () => {
    // (jsdom's parser itself gives out a little past 2,000 levels)
    const depth = 2000
    const out = html(`${'<div style="color: red">'.repeat(depth)}가${'</div>'.repeat(depth)}`)
    expect(out.match(/--ink-dark/g)?.length).toBeGreaterThan(100)
  })
})

describe('node/inlineColours: a `;` inside a quoted value', () => {
  it('does not split the declaration there: the colour is still made readable and the font kept whole', () => {
    const out = html('<p style=\'font-family:"Nanum;Gothic"; color:#ee2323\'>빨간 글씨</p>')
    expect(out).toContain('font-family: &quot;Nanum;Gothic&quot;')
    expect(out).toContain('color: #e91b1e')
    expect(out).toContain('--ink-dark: #f32a28')
    expect(out).not.toContain('#ee2323')
  })
})
