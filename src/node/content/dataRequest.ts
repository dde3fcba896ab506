// what a request to the dev server's payloads (`<base>_data/...`) names, or why it is refused.
// a request is untrusted input like a content file: any page the dev server shows (an article
// with `<img src="/_data/%">`, another site's link) can make one. decodeURIComponent throws on a
// malformed escape, and a throw in the middleware ended the dev server, so the url is judged
// here, by a pure function, before anything is decoded, looked up or read.
import { DATA_DIR } from '../../shared/paths.ts'

/**
 * The longest payload path (after the base) that is looked up: well past any the site makes
 * (a slug of 255 bytes percent-encoded is 765 characters), so the lookups after it work on
 * bounded input.
 */
export const MAX_DATA_PATH = 2048

export type DataRequest =
  /** not a payload request: for the dev server's other middleware */
  | { kind: 'other' }
  /** a payload path such as `_data/articles/슬러그.json.gz`, decoded; it may still name nothing (404) */
  | { kind: 'payload'; path: string }
  /** refused before any lookup, with a short fixed reason that repeats nothing of the request */
  | { kind: 'refused'; status: 400; reason: string }

/** control characters (NUL among them) and backslashes name no payload and could fool a file system */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\\]/

/**
 * Judge a request url (as node hands it: path and query, not decoded) against the site's
 * `base` (`/` or `/news/`). Time and memory are linear in the url's length.
 */
export function parseDataRequest(url: string | undefined, base: string): DataRequest {
  if (url === undefined) return { kind: 'other' }
  const end = url.search(/[?#]/)
  const pathname = end < 0 ? url : url.slice(0, end)
  if (!pathname.startsWith(`${base}${DATA_DIR}/`)) return { kind: 'other' }
  const raw = pathname.slice(base.length)
  if (raw.length > MAX_DATA_PATH) return refuse('the path is too long')
  let path: string
  try {
    path = decodeURIComponent(raw)
  } catch {
    // a lone %, %E0%A4%A cut short, or escapes that are not UTF-8 (a lone surrogate among them)
    return refuse('the path has a malformed percent escape')
  }
  if (FORBIDDEN.test(path)) return refuse('the path holds a control character or a backslash')
  // payload names never hold these; refusing them keeps any later use of the path inside _data/
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) return refuse('the path has a . or .. segment')
  return { kind: 'payload', path }
}

function refuse(reason: string): DataRequest {
  return { kind: 'refused', status: 400, reason }
}
