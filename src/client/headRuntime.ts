// unhead in the browser, loaded with the first client-side navigation (head.ts says why):
// a client head, and each component's request for tags pushed into it as useHead would
// push it, in a scope of its own that ends when the component unmounts.
import { useHead, type UseHeadInput } from '@unhead/vue'
import { createHead, renderDOMHead } from '@unhead/vue/client'
import { effectScope, type EffectScope } from 'vue'
import { PRERENDERED_ATTR } from './headMark'

/** one component's request for head tags, and, once unhead has it, where it lives */
export interface HeadEntry {
  input: UseHeadInput
  scope?: EffectScope
  dispose?: () => void
}

export interface HeadRuntime {
  add(entry: HeadEntry): void
  remove(entry: HeadEntry): void
  /** write what the entries ask for into the document now (the first time: take the prerendered tags over) */
  render(): Promise<void>
}

export function createHeadRuntime(): HeadRuntime {
  // (it writes every later change itself, once per task)
  const head = createHead()
  /** the prerendered tags taken over */
  let taken = false
  return {
    add(entry) {
      // detached: the scope is the entry's, not whichever component's setup is running
      entry.scope = effectScope(true)
      // useHead follows the input's reactive sources in the scope, and outside a
      // component's setup leaves the entry's end to its caller
      entry.dispose = entry.scope.run(() => useHead(entry.input, { head }))?.dispose
    },
    remove(entry) {
      entry.dispose?.()
      entry.scope?.stop()
    },
    async render() {
      head.dirty = true
      if (taken) return renderDOMHead(head)
      // the first time: each prerendered tag unhead takes over loses its mark, and those left
      // marked are no mounted component's any more (a page left while unhead had not loaded)
      const unmark = head.hooks.hook('dom:renderTag', ({ $el }) => $el?.removeAttribute(PRERENDERED_ATTR))
      await renderDOMHead(head)
      unmark()
      taken = true
      for (const el of document.head.querySelectorAll(`[${PRERENDERED_ATTR}]`)) el.remove()
    },
  }
}
