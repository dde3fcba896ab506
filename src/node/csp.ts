// the content security policy every built page carries (as a <meta http-equiv>), and the
// same as a response header for hosts that can send one (see README).

/** Trusted Types policies the app may create: DOMPurify's, and vue's own for v-html */
export const TRUSTED_TYPES_POLICIES = ['dompurify', 'vue']

export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src-elem 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' https: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "require-trusted-types-for 'script'",
    `trusted-types ${TRUSTED_TYPES_POLICIES.join(' ')}`,
  ].join('; ')
}
