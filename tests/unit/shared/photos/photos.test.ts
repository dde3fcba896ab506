// the attributes a photo kept in the site gets: the widths written, srcset and sizes, width
// and height, the same from the string pass (prerendering) and the DOM pass (the browser's
// sanitizer), nothing for an image the build has no record of, and no srcset of an author's.
import { readFileSync } from 'node:fs'
import { JSDOM } from 'jsdom'
import createDOMPurify from 'dompurify'
import { describe, expect, it } from 'vitest'
import { CARD_SIZES } from '../../../../src/shared/cards'
import {
  COLUMN_REM,
  COLUMN_SIZES,
  PAGE_PADDING_REM,
  isUsablePhoto,
  leadPhoto,
  srcsetOf,
  variantWidths,
} from '../../../../src/shared/photos/photos'
import {
  decorateImage,
  decoratePhotos,
  findPhoto,
  imageSources,
  sizesFor,
} from '../../../../src/shared/photos/photoHtml'
import { installSanitizeHooks } from '../../../../src/shared/sanitize/hooks'
import { SANITIZE_CONFIG } from '../../../../src/shared/sanitize/policy'
import type { Photo } from '../../../../src/shared/types'

const photo: Photo = {
  src: '/images/a.jpg',
  original: '/images/a.jpg',
  id: '0123456789abcdef',
  width: 1600,
  height: 900,
  widths: [480, 800, 1200],
  avif: false,
}
const beside: Photo = {
  ...photo,
  src: 'photo.jpg',
  original: '/_images/fedcba9876543210.jpg',
  id: 'fedcba9876543210',
  width: 700,
  height: 700,
  widths: [480, 700],
}

describe('shared/photos variantWidths', () => {
  it('writes 480, 800 and 1200, none wider than the original, and the original when it is narrower than 1200', () => {
    expect(variantWidths(4000)).toEqual([480, 800, 1200])
    expect(variantWidths(1200)).toEqual([480, 800, 1200])
    expect(variantWidths(1000)).toEqual([480, 800, 1000])
    expect(variantWidths(800)).toEqual([480, 800])
    expect(variantWidths(480)).toEqual([480])
    expect(variantWidths(300)).toEqual([300])
    expect(variantWidths(1)).toEqual([1])
  })
})

describe('shared/photos leadPhoto', () => {
  it("is the photo the article's image names, recorded as a lead photo (with AVIF), and whole", () => {
    const lead = { ...beside, avif: true }
    expect(leadPhoto({ image: '/_images/fedcba9876543210.jpg', photos: [photo, lead] })).toBe(lead)
    expect(leadPhoto({ image: 'photo.jpg', photos: [lead] })).toBe(lead)
    expect(leadPhoto({ image: '/images/a.jpg', photos: [photo] })).toBeUndefined()
    expect(leadPhoto({ image: '', photos: [lead] })).toBeUndefined()
    expect(leadPhoto({ image: 'photo.jpg', photos: [{ ...lead, id: 'nope' }] })).toBeUndefined()
    expect(leadPhoto({ image: 'photo.jpg' })).toBeUndefined()
  })
})

describe('shared/photos sizes', () => {
  it('follows the article column of the stylesheet (--measure and the page padding)', () => {
    const css = readFileSync(new URL('../../../../src/client/styles/main.css', import.meta.url), 'utf8')
    expect(css).toMatch(new RegExp(`--measure:\\s*${COLUMN_REM}rem;`))
    const main = /\.site-main\s*\{([^}]*)\}/.exec(css)?.[1] ?? ''
    // padding: top, sides, bottom
    expect(main).toMatch(new RegExp(`padding:\\s*\\S+\\s+${PAGE_PADDING_REM}rem\\s+\\S+;`))
    expect(/\.article\s*\{[^}]*max-width:\s*var\(--measure\)/.test(css)).toBe(true)
    expect(COLUMN_SIZES).toBe('(min-width: 44rem) 42rem, calc(100vw - 2rem)')
  })

  it("follows the listing's grid of cards (columns of at least 20rem, 1.25rem apart, in a page at most 72rem wide)", () => {
    const main = readFileSync(new URL('../../../../src/client/styles/main.css', import.meta.url), 'utf8')
    const listing = readFileSync(new URL('../../../../src/client/styles/listing.css', import.meta.url), 'utf8')
    const rem = (re: RegExp, css: string) => Number(re.exec(css)?.[1])
    const pageMax = rem(/\.site-main\s*\{[^}]*max-width:\s*([\d.]+)rem;/, main)
    const padding = rem(/\.site-main\s*\{[^}]*padding:\s*\S+\s+([\d.]+)rem/, main)
    const cards = /\.listing__cards\s*\{([^}]*)\}/.exec(listing)?.[1] ?? ''
    const gap = rem(/gap:\s*([\d.]+)rem;/, cards)
    const min = rem(/minmax\(min\(100%,\s*([\d.]+)rem\),\s*1fr\)/, cards)
    // what an auto-fill grid of columns at least `min` wide, `gap` apart, does in the page
    const inner = pageMax - 2 * padding
    const most = Math.floor((inner + gap) / (min + gap))
    const round = (n: number) => Math.round(n * 1000) / 1000
    const parts = [`(min-width: ${pageMax}rem) ${round((inner - (most - 1) * gap) / most)}rem`]
    for (let n = most; n >= 2; n--) {
      parts.push(
        `(min-width: ${round(n * min + (n - 1) * gap + 2 * padding)}rem) calc(${round(100 / n)}vw - ${round((2 * padding + (n - 1) * gap) / n)}rem)`,
      )
    }
    parts.push(`calc(100vw - ${2 * padding}rem)`)
    expect(CARD_SIZES).toBe(parts.join(', '))
  })

  it('gives a picture narrower than the column its own width where the viewport has room', () => {
    expect(sizesFor()).toBe(COLUMN_SIZES)
    expect(sizesFor(300)).toBe('(min-width: 332px) 300px, calc(100vw - 2rem)')
    expect(sizesFor(672)).toBe(COLUMN_SIZES)
    expect(sizesFor(900)).toBe(COLUMN_SIZES)
  })
})

describe('shared/photos decoratePhotos', () => {
  const base = '/news/'

  it('gives a photo kept in the site width, height, srcset, sizes and decoding, and leaves remote images alone', () => {
    const html =
      '<p><img src="/images/a.jpg" alt="가" loading="lazy" decoding="async" referrerpolicy="no-referrer"></p>' +
      '<p><img src="https://newsdao.kr/a.jpg" alt="" loading="lazy"></p>'
    expect(decoratePhotos(html, [photo], base)).toBe(
      '<p><img alt="가" loading="lazy" referrerpolicy="no-referrer" src="/news/_images/0123456789abcdef-800.webp" width="1600" height="900" ' +
        'srcset="/news/_images/0123456789abcdef-480.webp 480w, /news/_images/0123456789abcdef-800.webp 800w, /news/_images/0123456789abcdef-1200.webp 1200w" ' +
        `sizes="${COLUMN_SIZES}" decoding="async"></p>` +
        '<p><img src="https://newsdao.kr/a.jpg" alt="" loading="lazy"></p>',
    )
  })

  it('is the same when run again over its own output (a body fetched from a built page)', () => {
    const once = decoratePhotos('<img src="photo.jpg" alt="">', [beside], base)
    expect(once).toContain('src="/news/_images/fedcba9876543210-700.webp"')
    expect(decoratePhotos(once, [beside], base)).toBe(once)
  })

  it("keeps an author's width in pixels, with the height in the photo's proportions and sizes to match", () => {
    const out = decoratePhotos('<img src="/images/a.jpg" width="320" height="999">', [photo], base)
    expect(out).toContain('width="320" height="180"')
    expect(out).toContain('sizes="(min-width: 352px) 320px, calc(100vw - 2rem)"')
    // a percentage is not a size in pixels: the photo's own is written
    expect(decoratePhotos('<img src="/images/a.jpg" width="50%">', [photo], base)).toContain(
      'width="1600" height="900"',
    )
  })

  it('writes nothing from a record that is not a usable photo', () => {
    const bad = [
      { ...photo, id: '"><script>x</script>' },
      { ...photo, id: '../../../evil' },
      { ...photo, width: 0 },
      { ...photo, widths: [] },
      { ...photo, widths: [1.5] },
    ]
    for (const p of bad) {
      expect(isUsablePhoto(p)).toBe(false)
      expect(decoratePhotos('<img src="/images/a.jpg">', [p], base)).toBe('<img src="/images/a.jpg">')
    }
  })

  it('reads a src with escapes, and finds a photo by a variant of it under the base only', () => {
    const amp = { ...photo, src: '/images/a&b.jpg' }
    expect(imageSources('<img alt="x" src="/images/a&amp;b.jpg"><img src="https://x/y.png">')).toEqual([
      '/images/a&b.jpg',
      'https://x/y.png',
    ])
    expect(decoratePhotos('<img src="/images/a&amp;b.jpg">', [amp], base)).toContain('srcset=')
    expect(findPhoto([photo], '/news/_images/0123456789abcdef-1200.webp', base)).toBe(photo)
    expect(findPhoto([photo], '/_images/0123456789abcdef-1200.webp', base)).toBeUndefined()
    expect(findPhoto([photo], '/news/_images/0123456789abcdef-1200.webp?x', base)).toBeUndefined()
  })

  it('writes the same attributes as the DOM pass (decorateImage), in the same order', () => {
    const html =
      '<p><img src="/images/a.jpg" alt="가 &amp; 나" width="320" loading="lazy"></p><p><img src="photo.jpg" alt=""></p><img src="/x.png">'
    const { document } = new JSDOM('').window
    const div = document.createElement('div')
    div.innerHTML = html
    for (const img of div.querySelectorAll('img')) decorateImage(img, [photo, beside], base)
    expect(decoratePhotos(html, [photo, beside], base)).toBe(div.innerHTML)
  })
})

describe('shared/sanitize with photos', () => {
  const purify = createDOMPurify(new JSDOM('').window as unknown as Parameters<typeof createDOMPurify>[0])
  installSanitizeHooks(purify, { photos: () => [photo], base: '/' })

  it("removes an article's own srcset and sizes, and gives a photo the build's", () => {
    const out = purify.sanitize(
      '<img src="/images/a.jpg" srcset="https://evil.example/a.png 1x, javascript:alert(1) 2x" sizes="1px">' +
        '<img src="/images/b.jpg" srcset="https://evil.example/b.png 2x" sizes="1px">' +
        '<picture><source srcset="https://evil.example/c.png"><img src="https://newsdao.kr/c.jpg"></picture>',
      SANITIZE_CONFIG,
    ) as string
    expect(out).not.toContain('evil.example')
    expect(out).not.toContain('1px')
    expect(out).not.toMatch(/<(picture|source)/)
    expect(out).toContain(`srcset="${srcsetOf(photo, 'webp', '/')}"`)
    // an image the build has no record of keeps no srcset at all
    expect(out).toMatch(/<img src="\/images\/b\.jpg" loading="lazy" decoding="async" referrerpolicy="no-referrer">/)
  })
})
