import { describe, expect, it } from 'vitest'
import {
  highlight,
  lead,
  passageNeedsBody,
  presentHit,
  snippet,
  type Segment,
} from '../../../../src/client/search/snippet'
import { parseQuery } from '../../../../src/shared/search/hangul'
import type { Article } from '../../../../src/shared/types'

const q = (text: string) => parseQuery(text)
/** segments written as text with [marks] */
const show = (segments: Segment[] | null) => segments?.map((s) => (s.mark ? `[${s.text}]` : s.text)).join('') ?? null

describe('client/search/snippet', () => {
  it('marks every match of every word', () => {
    expect(show(highlight('북한과 러시아, 북한의 조약', q('북한 조약')))).toBe('[북한]과 러시아, [북한]의 [조약]')
    expect(show(highlight('제목', q('북한')))).toBe('제목')
  })

  it('cuts a passage around the first match, at spaces, with ellipses', () => {
    const text = `${'앞 문장입니다. '.repeat(20)}여기서 북한과 러시아가 조약을 맺었다. ${'뒤 문장입니다. '.repeat(20)}`
    const out = show(snippet(text, q('북한'), { length: 60, before: 10 }))!
    expect(out.startsWith('…')).toBe(true)
    expect(out.endsWith('…')).toBe(true)
    expect(out).toContain('[북한]과 러시아가')
    // starts at a word
    expect(out).toMatch(/^…\S/)
    expect(out.replace(/[[\]…]/g, '').length).toBeLessThanOrEqual(80)
  })

  it('shows a short text whole, and nothing when the query is not in it', () => {
    expect(show(snippet('북한 소식', q('북한')))).toBe('[북한] 소식')
    expect(snippet('러시아 소식', q('북한'))).toBeNull()
  })

  it('gives the start of a text when there is nothing to mark', () => {
    expect(show(lead('짧은 요약'))).toBe('짧은 요약')
    expect(show(lead('가나다 '.repeat(60), 20))).toMatch(/^가나다 .*…$/)
  })

  const article = {
    title: '북한과 러시아 조약',
    excerpt: '두 나라가 조약을 맺었다.',
    html: '<p>평양에서 <strong>정상회담</strong>이 열렸다.</p><p>제재 논란이 커졌다.</p>',
  } as Article

  it('shows the excerpt around a match, else the body, else the excerpt start', () => {
    expect(show(presentHit(article, q('조약')).passage)).toBe('두 나라가 [조약]을 맺었다.')
    expect(show(presentHit(article, q('정상회담')).passage)).toBe('평양에서 [정상회담]이 열렸다. 제재 논란이 커졌다.')
    expect(show(presentHit(article, q('북한')).passage)).toBe('두 나라가 조약을 맺었다.')
    expect(show(presentHit(article, q('북한')).title)).toBe('[북한]과 러시아 조약')
  })

  it('needs the body only when the query is in neither the title nor the excerpt', () => {
    // 북한 in the title and the body too
    const withBody = { ...article, html: '<p>평양에서 <strong>정상회담</strong>이 열렸다. 북한은 환영했다.</p>' }
    const { html: _, ...doc } = withBody
    expect(passageNeedsBody(doc, q('조약'))).toBe(false)
    expect(passageNeedsBody(doc, q('북한'))).toBe(false)
    expect(passageNeedsBody(doc, q('정상회담'))).toBe(true)
    // in the title and the body: the title shows the match, the passage is the excerpt's start
    expect(show(presentHit(withBody, q('북한')).passage)).toBe('두 나라가 조약을 맺었다.')
    // the body not in yet (or gone): the excerpt's start
    expect(show(presentHit(doc, q('정상회담')).passage)).toBe('두 나라가 조약을 맺었다.')
  })
})
