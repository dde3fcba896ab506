// the attribute that marks the head tags unhead wrote into a prerendered page (head.ts's
// prerenderHead): in a module of its own, so that head.ts, which every page loads, and
// headRuntime.ts, which the first navigation loads, share it without importing each other
export const PRERENDERED_ATTR = 'data-h'
