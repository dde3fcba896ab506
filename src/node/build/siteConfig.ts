// the site's settings (site.config.ts) checked once, when the build or the dev server starts.
// a wrong value there would otherwise not fail anything: it would be written into every
// page's canonical link, every feed and every sitemap, or into a verification tag the
// search engine's console cannot read, and be found only when the site is not indexed.
import type { SiteConfig } from '../../shared/types.ts'

/** where the settings are written, as every message names it */
const SOURCE = 'site.config.ts'

/** the most articles a listing page may hold: more would make one page's payload and html as big as an archive */
export const MAX_PAGE_SIZE = 1000

/** what a verification token is made of: Google's are base64url, Naver's hexadecimal */
const TOKEN = /^[A-Za-z0-9_.+/=-]{1,200}$/

const FEED_CONTENT = ['excerpt', 'full']

/** a setting's value, shown in a message: quoted, and cut so a pasted page does not fill the terminal */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value)
  return text.length > 80 ? `${text.slice(0, 80)}…` : text
}

function urlProblem(url: unknown, fromEnv: boolean): string | undefined {
  const where = `${fromEnv ? `SITE_URL (which overrides url in ${SOURCE})` : `${SOURCE}: url`} ${shown(url)}`
  const parsed = typeof url === 'string' && URL.canParse(url) ? new URL(url) : undefined
  if (!parsed || !/^https?:$/.test(parsed.protocol)) {
    return `${where} is not an http(s) URL: write the site's public address, such as https://news.example.com`
  }
  if (parsed.username || parsed.password || parsed.search || parsed.hash) {
    return `${where} holds a user, a query or a fragment: write only the site's origin, such as ${parsed.origin}`
  }
  if (parsed.pathname !== '/') {
    const base = parsed.pathname.replace(/\/*$/, '/')
    return `${where} has a path: write the origin (${parsed.origin}) and build for the subpath with npm run build -- --base ${base}`
  }
  return undefined
}

function verificationProblems(verification: unknown): string[] {
  if (verification === undefined) return []
  if (typeof verification !== 'object' || verification === null || Array.isArray(verification)) {
    return [`${SOURCE}: verification must be an object such as { google: '…', naver: '…' }, not ${shown(verification)}`]
  }
  const problems: string[] = []
  for (const [key, value] of Object.entries(verification)) {
    if (key !== 'google' && key !== 'naver')
      problems.push(`${SOURCE}: verification.${key} is not a search console this site knows: use google or naver`)
    else if (value !== undefined && (typeof value !== 'string' || !TOKEN.test(value))) {
      problems.push(
        `${SOURCE}: verification.${key} ${shown(value)} is not a verification token: paste only the value of the meta tag's content="…"`,
      )
    }
  }
  return problems
}

/** Every problem of the settings, as lines naming the setting and how to fix it; none when they are right. */
export function siteConfigProblems(site: SiteConfig, urlFromEnv = false): string[] {
  const problems: string[] = []
  if (typeof site.name !== 'string' || !site.name.trim())
    problems.push(`${SOURCE}: name must be the site's name, not ${shown(site.name)}`)
  if (typeof site.description !== 'string')
    problems.push(`${SOURCE}: description must be text, not ${shown(site.description)}`)
  const url = urlProblem(site.url, urlFromEnv)
  if (url) problems.push(url)
  if (!Number.isInteger(site.pageSize) || site.pageSize < 1 || site.pageSize > MAX_PAGE_SIZE) {
    problems.push(
      `${SOURCE}: pageSize must be a whole number of articles from 1 to ${MAX_PAGE_SIZE}, not ${shown(site.pageSize)}`,
    )
  }
  if (site.feedContent !== undefined && !FEED_CONTENT.includes(site.feedContent)) {
    problems.push(`${SOURCE}: feedContent must be 'excerpt' or 'full', not ${shown(site.feedContent)}`)
  }
  problems.push(...verificationProblems(site.verification))
  problems.push(...sectionProblems(site.sections))
  return problems
}

/** the most sections a header holds: more would not fit a phone's header, and the index every page loads stays small */
export const MAX_SECTIONS = 12
const MAX_SECTION_LENGTH = 40

function sectionProblems(sections: unknown): string[] {
  if (sections === undefined) return []
  const example = "such as ['정치', '경제', '사회']"
  if (!Array.isArray(sections))
    return [`${SOURCE}: sections must be a list of category names ${example}, not ${shown(sections)}`]
  const problems: string[] = []
  if (sections.length > MAX_SECTIONS)
    problems.push(`${SOURCE}: sections names ${sections.length} categories; the header holds at most ${MAX_SECTIONS}`)
  for (const name of sections.slice(0, MAX_SECTIONS + 1)) {
    if (typeof name !== 'string' || !name.trim() || name.length > MAX_SECTION_LENGTH)
      problems.push(
        `${SOURCE}: each of sections must be a category's name of 1 to ${MAX_SECTION_LENGTH} characters, not ${shown(name)}`,
      )
  }
  return problems
}

/** The settings, or an error listing every problem of them (one a line). */
export function checkedSiteConfig(site: SiteConfig, urlFromEnv = false): SiteConfig {
  const problems = siteConfigProblems(site, urlFromEnv)
  if (problems.length) throw new Error(`the site's settings are wrong:\n${problems.map((p) => `  ${p}`).join('\n')}`)
  return site
}
