// the content security policy every built page carries (as a <meta http-equiv>, so it holds
// on any static host), and the same as a response header for hosts that can send one (see
// README). tests/e2e/csp.test.ts proves the built site runs under it with no violation.

/**
 * Trusted Types policies the app may create, each once: DOMPurify's (its sanitized output
 * is the only html the app hands the DOM) and vue's. vue creates its 'vue' policy when it
 * loads, whatever the app does; refused, that would be a violation reported on every page,
 * though the app would still work. its identity policy re-wraps what v-html is given, and
 * the one v-html (ArticleBody) is given DOMPurify's output only, which the csp test checks.
 */
export const TRUSTED_TYPES_POLICIES = ['dompurify', 'vue']

/** The policy, one directive per entry. */
export const CSP_DIRECTIVES: readonly string[] = [
  // fonts, fetches (payloads) and the manifest: the site only, by default-src
  "default-src 'self'",
  // the app's own files only: no inline script, no handler attributes, no eval
  "script-src 'self'",
  "script-src-attr 'none'",
  // stylesheets from the site only; style="" attributes are the authors' colours and alignment
  "style-src-elem 'self'",
  "style-src-attr 'unsafe-inline'",
  // articles show images from other hosts (the seeds' are on newsdao.kr), over https; the
  // build's copies of the site's own photos (_images/, their srcset too) are 'self'
  "img-src 'self' https:",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "base-uri 'none'",
  // the search form submits to the site itself
  "form-action 'self'",
  "require-trusted-types-for 'script'",
  `trusted-types ${TRUSTED_TYPES_POLICIES.join(' ')}`,
]

/**
 * Directives a browser ignores in a <meta> policy (and complains about in the console),
 * so they are only for hosts that send the policy as a header.
 */
export const HEADER_ONLY_DIRECTIVES: readonly string[] = ["frame-ancestors 'none'"]

/** The policy for the <meta http-equiv> of every page, or with `header` for a response header. */
export function contentSecurityPolicy({ header = false }: { header?: boolean } = {}): string {
  return (header ? [...CSP_DIRECTIVES, ...HEADER_ONLY_DIRECTIVES] : CSP_DIRECTIVES).join('; ')
}
