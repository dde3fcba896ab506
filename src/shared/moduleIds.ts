// ids of the virtual modules the content plugin serves, in one place

/** the site index: settings, counts and categories, never article data */
export const VIRTUAL_INDEX_ID = 'virtual:news/index'
export const RESOLVED_INDEX_ID = `\0${VIRTUAL_INDEX_ID}`

/** prerendering only: reads the payloads the client build produced */
export const VIRTUAL_SSR_DATA_ID = 'virtual:news/ssr-data'
export const RESOLVED_SSR_DATA_ID = `\0${VIRTUAL_SSR_DATA_ID}`

/** dev only: sent over the hmr socket when content/ changes */
export const CONTENT_UPDATE_EVENT = 'news:content-update'
