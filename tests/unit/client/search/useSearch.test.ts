import { effectScope, nextTick, ref } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ANNOUNCE_DELAY, SEARCH_MESSAGES, useAnnouncement } from '../../../../src/client/search/useSearch'

describe('client/search/useAnnouncement', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('announces a status once it has stayed the same for the delay, not each one on the way', async () => {
    const status = ref('')
    const scope = effectScope()
    const announcement = scope.run(() => useAnnouncement(status))!
    status.value = SEARCH_MESSAGES.found('북', 120)
    await nextTick()
    vi.advanceTimersByTime(ANNOUNCE_DELAY / 2)
    status.value = SEARCH_MESSAGES.found('북한', 40)
    await nextTick()
    vi.advanceTimersByTime(ANNOUNCE_DELAY - 1)
    expect(announcement.value).toBe('')
    vi.advanceTimersByTime(1)
    expect(announcement.value).toBe('‘북한’ 검색 결과 40건')
    scope.stop()
  })

  it('says nothing once its component is gone', async () => {
    const status = ref('')
    const scope = effectScope()
    const announcement = scope.run(() => useAnnouncement(status))!
    status.value = SEARCH_MESSAGES.none('없는말')
    await nextTick()
    scope.stop()
    vi.advanceTimersByTime(ANNOUNCE_DELAY * 2)
    expect(announcement.value).toBe('')
  })

  it('counts in Korean digit groups', () => {
    expect(SEARCH_MESSAGES.found('정부', 12345)).toBe('‘정부’ 검색 결과 12,345건')
  })
})
