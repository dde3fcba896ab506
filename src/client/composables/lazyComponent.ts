// a component a view shows only now and then (its not-found or error page): its code loads
// the first time the view renders it, instead of with every page. while it loads, nothing
// is rendered in its place. never for what a prerendered page shows: that must render at once.
import { markRaw, shallowRef } from 'vue'

/** A getter for `<component :is>`: null until the component is in; the first call loads it. */
export function lazyComponent<T extends object>(load: () => Promise<{ default: T }>): () => T | null {
  const component = shallowRef<T | null>(null)
  let started = false
  return () => {
    if (!started) {
      started = true
      load()
        .then((m) => (component.value = markRaw(m.default)))
        // its chunk did not load (offline): nothing is shown in its place, and the view's
        // next render asks for it again
        .catch(() => (started = false))
    }
    return component.value
  }
}
