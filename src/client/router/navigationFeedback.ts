// what a reader sees while a client-side navigation loads, and when one fails. a navigation
// that takes longer than PROGRESS_DELAY_MS shows a thin progress bar (and says so to screen
// readers); the link that was chosen is marked meanwhile (links.ts). a navigation that fails
// (a view's code that does not load: offline, or a deploy that replaced it) leaves the page as
// it was and says so with a way to try again; one whose page loaded but not its data (the
// view says so in its place) is said here too, in the app's own code, so the message shows
// even when the view's error page cannot load. NavigationStatus.vue shows this state.
import { shallowReactive } from 'vue'
import { START_LOCATION, type RouteLocationNormalized, type Router } from 'vue-router'

/** after this long without the new page, the progress bar shows: a quicker navigation shows nothing */
export const PROGRESS_DELAY_MS = 300

export interface NavigationFailure {
  /** where the reader was going (a route's full path) */
  to: string
  /** the page changed, but its data did not load (the view shows it), rather than the page staying as it was */
  committed: boolean
  /** a view's code did not load while the browser says it is online: a deploy replaced it, so a full load is the retry */
  reload: boolean
}

/** the state NavigationStatus.vue shows */
export const navigation = shallowReactive<{ loading: boolean; failed: NavigationFailure | null }>({
  loading: false,
  failed: null,
})

/** whether `err` is a module that did not load (the browsers' messages for a failed dynamic import) */
function isChunkError(err: unknown): boolean {
  return /dynamically imported module|module script failed|Importing a module|error loading dynamically/i.test(
    String((err as Error)?.message ?? err),
  )
}

/** Follow the router's navigations: the progress bar after a delay, and failures. */
export function installNavigationFeedback(router: Router, delay = PROGRESS_DELAY_MS): void {
  let current: RouteLocationNormalized | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  const settle = () => {
    clearTimeout(timer)
    navigation.loading = false
  }
  router.beforeEach((to, from) => {
    if (from === START_LOCATION || to.path === from.path) return
    current = to
    navigation.failed = null
    clearTimeout(timer)
    timer = setTimeout(() => (navigation.loading = true), delay)
  })
  // (called for cancelled and aborted navigations too: only the latest one settles the bar)
  router.afterEach((to) => {
    if (to === current) settle()
  })
  router.onError((err, to) => {
    if (to !== current) return
    settle()
    navigation.failed = { to: to.fullPath, committed: false, reload: isChunkError(err) && navigator.onLine }
  })
}

/** Say that the page `to` is on screen without its data (the data guard finds its store in error). */
export function dataFailed(to: RouteLocationNormalized): void {
  navigation.failed = { to: to.fullPath, committed: true, reload: false }
}

/**
 * Try the failed navigation again: the same navigation in the app, or a full load of the
 * page where the app's own code is gone (a deploy replaced it); `reloadData`: load the data
 * of the page on screen again (the page changed, its data did not load).
 */
export function retryNavigation(router: Router, reloadData: () => Promise<void>): void {
  const failed = navigation.failed
  if (!failed) return
  navigation.failed = null
  if (failed.reload) window.location.assign(router.resolve(failed.to).href)
  else if (failed.committed) void reloadData()
  else void router.push(failed.to)
}
