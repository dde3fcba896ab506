// the element walk the build's passes over a sanitized body share (renderBody.ts,
// inlineColours.ts): iterative, as bodies can nest deeper than the stack allows, and by
// firstElementChild/nextElementSibling, as each `children` is a new live collection in jsdom.

/**
 * Visit every element under `root` (not `root` itself) in document order. `visit` gets
 * what its parent's visit returned (`start` for the root's children) and returns what the
 * element's own children get.
 */
export function walkElements<T>(root: Element, start: T, visit: (el: Element, inherited: T) => T): void {
  const stack: Array<[Element, T]> = []
  const pushChildren = (el: Element, value: T) => {
    const from = stack.length
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) stack.push([c, value])
    // first child on top
    for (let i = from, j = stack.length - 1; i < j; i++, j--) [stack[i], stack[j]] = [stack[j], stack[i]]
  }
  pushChildren(root, start)
  while (stack.length) {
    const [el, inherited] = stack.pop()!
    pushChildren(el, visit(el, inherited))
  }
}
