// the lead photo: a <picture> of the build's variants (AVIF, then WebP) with its size, loaded
// first and at once, its alt text and its caption; an image from another host as it is.
import { renderToString } from 'vue/server-renderer'
import { createSSRApp, h } from 'vue'
import { describe, expect, it } from 'vitest'
import ArticleImage from '../../../../src/client/components/ArticleImage.vue'
import { COLUMN_SIZES } from '../../../../src/shared/photos/photos'
import type { Photo } from '../../../../src/shared/types'

const photo: Photo = {
  src: 'a.jpg',
  original: '/_images/0123456789abcdef.jpg',
  id: '0123456789abcdef',
  width: 1600,
  height: 900,
  widths: [480, 800, 1200],
  avif: true,
}

function render(props: Record<string, unknown>): Promise<string> {
  return renderToString(createSSRApp({ render: () => h(ArticleImage, props as never) }))
}

const variants = (format: string) =>
  [480, 800, 1200].map((w) => `/_images/0123456789abcdef-${w}.${format} ${w}w`).join(', ')

describe('client/components/ArticleImage', () => {
  it('shows a photo kept in the site as a <picture>: AVIF, then WebP, sized, loaded first, with its alt text and caption', async () => {
    const html = await render({
      src: photo.original,
      photo,
      alt: '회담하는 두 정상',
      caption: '사진=연합뉴스',
      lead: true,
    })
    expect(html).toBe(
      '<figure class="article-image"><picture><!--[-->' +
        `<source type="image/avif" srcset="${variants('avif')}" sizes="${COLUMN_SIZES}">` +
        `<source type="image/webp" srcset="${variants('webp')}" sizes="${COLUMN_SIZES}">` +
        '<!--]--><img src="/_images/0123456789abcdef-800.webp" width="1600" height="900" alt="회담하는 두 정상" loading="eager" fetchpriority="high" decoding="async">' +
        '</picture><figcaption>사진=연합뉴스</figcaption></figure>',
    )
  })

  it('offers WebP alone for a photo made without AVIF, and is decorative without alt text', async () => {
    const html = await render({ src: photo.original, photo: { ...photo, avif: false } })
    expect(html).not.toContain('image/avif')
    // (vue writes an empty attribute as its bare name, which html reads as alt="")
    expect(html).toContain(' alt loading="lazy" decoding="async"')
    expect(html).not.toContain('fetchpriority')
    expect(html).not.toContain('figcaption')
  })

  it('shows an image from another host as it is, and a record that is not whole as if there were none', async () => {
    for (const props of [
      { src: 'https://newsdao.kr/a.jpg' },
      { src: 'https://newsdao.kr/a.jpg', photo: { ...photo, id: '../x' } },
    ]) {
      const html = await render({ ...props, lead: true, caption: '사진=뉴스다오' })
      expect(html).toBe(
        '<figure class="article-image article-image--framed"><picture><!--v-if--><img src="https://newsdao.kr/a.jpg" alt loading="eager" fetchpriority="high" decoding="async" ' +
          'referrerpolicy="no-referrer"></picture><figcaption>사진=뉴스다오</figcaption></figure>',
      )
    }
  })

  it('an image that fails closes its space, but in a slot that keeps its box (a card) leaves the box, empty', async () => {
    const { mount } = await import('@vue/test-utils')
    const open = mount(ArticleImage, { props: { src: 'https://newsdao.kr/a.jpg' } })
    await open.find('img').trigger('error')
    expect(open.find('figure').exists()).toBe(false)
    const kept = mount(ArticleImage, { props: { src: 'https://newsdao.kr/a.jpg', reserved: true } })
    await kept.find('img').trigger('error')
    expect(kept.find('figure.article-image').exists()).toBe(true)
    expect(kept.find('img').exists()).toBe(false)
  })

  it('frames a lead image from another host (its size unknown) from the first paint, and keeps the frame if it fails', async () => {
    const { mount } = await import('@vue/test-utils')
    const lead = mount(ArticleImage, { props: { src: 'https://newsdao.kr/a.jpg', lead: true } })
    expect(lead.find('figure.article-image--framed').exists()).toBe(true)
    await lead.find('img').trigger('error')
    // the frame (picture) stays, empty: the article under it does not move
    expect(lead.find('figure.article-image--framed picture').exists()).toBe(true)
    expect(lead.find('img').exists()).toBe(false)
    // a lead photo kept in the site has its width and height: no frame
    const kept = mount(ArticleImage, { props: { src: '/photos/a.jpg', photo, lead: true } })
    expect(kept.find('figure.article-image--framed').exists()).toBe(false)
  })
})
