// search for components: one engine for the page, created on first use (the engine module,
// minisearch and the index load then, never with the listing or an article), results that
// follow the input while the IME is still composing, and the articles behind the results.
import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue'
import type { QueryWord } from '../../shared/search/hangul'
import { loadArticleData, loadPayload, onContentUpdate, saveDataMode, type LoadedArticle } from '../data/data'
import type { SearchEngine, SearchHit } from './engine'
import type { ShownDoc } from '../../shared/search/searchFormat'
import type { presentHit } from './snippet'

export type SearchState = 'idle' | 'loading' | 'ready' | 'error'

let engine: Promise<SearchEngine> | undefined
/** how a hit shows an article (titles and passages marked); there once the engine module is */
const presenter = shallowRef<typeof presentHit | null>(null)

function getEngine(): Promise<SearchEngine> {
  if (!engine) {
    engine = import('./engine').then((m) => {
      presenter.value = m.presentHit
      return new m.SearchEngine(loadPayload)
    })
    // the search gets the rejection; the failed load is forgotten, so the next search tries again
    engine.catch(() => (engine = undefined))
  }
  return engine
}

if (import.meta.env.DEV && !import.meta.env.SSR) {
  // dev: content/ changed, so did the index
  onContentUpdate(() => (engine = undefined))
}

/**
 * Start loading the search code and index on the first focus of a search field, so the
 * first results do not wait for them; on a save-data connection, only once the reader types.
 */
export function prepareSearch(): void {
  if (import.meta.env.SSR || saveDataMode()) return
  void getEngine()
    .then((e) => e.prepare())
    // only ahead of need: the first search loads the same again, and shows its failure
    .catch(() => {})
}

export function useSearch() {
  /** the field as last searched */
  const text = ref('')
  /** the query the results on screen are for (they stay while the next ones load) */
  const searched = ref('')
  const words = shallowRef<QueryWord[]>([])
  const hits = shallowRef<SearchHit[]>([])
  const state = ref<SearchState>('idle')
  let token = 0

  /** Search for `query`; `composing` while the IME may still change its last syllable. */
  async function run(query: string, composing = false): Promise<void> {
    const mine = ++token
    text.value = query
    if (!query.trim()) {
      words.value = []
      hits.value = []
      searched.value = ''
      state.value = 'idle'
      return
    }
    // the previous results stay on screen until the new ones are in
    if (state.value !== 'ready') state.value = 'loading'
    try {
      const result = await (await getEngine()).search(query, { composing })
      if (mine !== token) return
      words.value = result.words
      hits.value = result.hits
      searched.value = query.trim()
      state.value = 'ready'
    } catch {
      // the engine or a part of the index did not load (offline): the view says so, and the next input tries again
      if (mine === token) state.value = 'error'
    }
  }

  return { text, searched, words, hits, state, run, present: presenter }
}

/**
 * Handlers for a search field that search on every input, composition included. `v-model`
 * would wait for the IME to finish a syllable; these read the field as it is, and never write
 * to it, so the IME keeps every character it typed.
 */
export function searchInputHandlers(run: (value: string, composing: boolean) => void) {
  return {
    onInput(event: Event) {
      const input = event.target as HTMLInputElement
      run(input.value, (event as InputEvent).isComposing === true)
    },
    onCompositionEnd(event: CompositionEvent) {
      // the last input event came while still composing; the syllable is final now
      run((event.target as HTMLInputElement).value, false)
    },
  }
}

/**
 * The first `count` hits with what a result shows (the docs files that hold them loaded as
 * they are needed, written back to `hits`), and of them the articles whose body a passage
 * comes from (`needsBody`), loaded too: absent while loading, null when gone.
 */
export function useHitArticles(
  hits: Ref<SearchHit[]>,
  count: Ref<number>,
  needsBody: (hit: SearchHit & { doc: ShownDoc }) => boolean = () => false,
) {
  const articles = shallowRef(new Map<string, LoadedArticle | null>())
  const failed = ref(false)
  const requested = new Set<string>()
  watch(
    [hits, count],
    ([list, n]) => {
      if (list.slice(0, n).some((h) => h.doc === undefined)) {
        getEngine()
          .then((e) => e.withDocs(list, n))
          .then((named) => {
            // (unless a newer search replaced them meanwhile)
            if (hits.value === list) hits.value = named
          })
          .catch(() => (failed.value = true))
        return
      }
      for (const hit of list.slice(0, n)) {
        const { doc } = hit
        if (!doc || requested.has(doc.slug) || !needsBody({ ...hit, doc })) continue
        const { slug } = doc
        requested.add(slug)
        loadArticleData(slug, { body: true })
          .then((a) => {
            articles.value = new Map(articles.value).set(slug, a)
          })
          .catch(() => {
            // a failed load is tried again with the next query
            requested.delete(slug)
            failed.value = true
          })
      }
    },
    { immediate: true },
  )
  return { articles, failed }
}

/** how long a status waits, unchanged, before it is announced: once typing pauses, not on every syllable */
export const ANNOUNCE_DELAY = 800

/** What search says, on the search page and under the header's field alike. */
export const SEARCH_MESSAGES = {
  loading: '검색 색인을 불러오는 중…',
  loadFailed: '검색 색인을 불러오지 못했습니다.',
  retry: '연결을 확인하고 다시 시도해 주세요.',
  /** the count of the results on screen, named by the query they answer */
  found: (query: string, count: number) => `‘${query}’ 검색 결과 ${count.toLocaleString('ko-KR')}건`,
  none: (query: string) => `‘${query}’에 맞는 기사가 없습니다.`,
  suggested: (count: number) => `추천 기사 ${count}건. 위아래 화살표로 고를 수 있습니다.`,
  noSuggestion: '맞는 기사가 없습니다.',
} as const

/**
 * A screen reader's copy of `status`, for a polite live region: it follows the status once
 * the status has stayed the same for ANNOUNCE_DELAY, so a reader typing a word hears its
 * result once instead of a count for every syllable.
 */
export function useAnnouncement(status: Ref<string>): Ref<string> {
  const announcement = ref('')
  let timer: ReturnType<typeof setTimeout> | undefined
  watch(status, (s) => {
    clearTimeout(timer)
    timer = setTimeout(() => (announcement.value = s), ANNOUNCE_DELAY)
  })
  onScopeDispose(() => clearTimeout(timer))
  return announcement
}
