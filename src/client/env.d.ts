/// <reference types="vite/client" />

declare module 'virtual:news/index' {
  import type { Problem, SiteIndex } from '../shared/types'
  const index: SiteIndex
  export default index
  /** dev only: the files the dev server skipped and why */
  export const problems: Problem[]
  /** the dev server answers a payload per article; a build has none, an article's page is its data */
  export const articlePayloads: boolean
}

declare module 'virtual:news/ssr-data' {
  /** prerendering only: a payload by its path, null when there is none */
  export function readPayload(path: string): unknown
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
