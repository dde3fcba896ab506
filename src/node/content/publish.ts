// which articles a list holds: drafts and articles dated after the build's time are left out
// of a build unless it is made with --drafts or --future. this is decided here, once, where
// the loader makes its list of articles (loadContent.ts, collect), after the caches: a cached
// file holds only what the file says (draft: true, its date), never whether it is published,
// so a scheduled article appears in the first build made after its time, whatever was cached,
// and everything a build writes (pages, listings, categories, prev/next, related, search,
// feed, sitemap) is made from the one list and follows it.
import { publishInstant } from '../../shared/dates.ts'
import type { Article } from '../../shared/types.ts'

/** What a list of articles holds. */
export interface PublishPolicy {
  /** the time the list is made for (ms since the epoch): later dates are scheduled */
  now: number
  /** keep drafts (the dev server; a build with --drafts; npm run check, which names them) */
  drafts: boolean
  /** keep articles dated after `now` (the dev server; a build with --future; npm run check) */
  future: boolean
}

/** The environment variables through which scripts/build.mjs (or a test) hands a build its policy. */
export const PUBLISH_ENV = { drafts: 'NEWS_DRAFTS', future: 'NEWS_FUTURE', time: 'NEWS_BUILD_TIME' } as const

/**
 * A build's policy from its environment: NEWS_DRAFTS=1 and NEWS_FUTURE=1 keep drafts and
 * scheduled articles; NEWS_BUILD_TIME (an ISO time, e.g. 2024-06-20T09:00:00+09:00) is the
 * build's time, `fallbackNow` when it is not set. A time that cannot be read stops the build:
 * building for some other time than the one asked for would publish the wrong articles.
 */
export function policyFromEnv(env: Readonly<Record<string, string | undefined>>, fallbackNow: number): PublishPolicy {
  const time = env[PUBLISH_ENV.time]?.trim()
  const now = time ? Date.parse(time) : fallbackNow
  if (Number.isNaN(now)) {
    throw new Error(`${PUBLISH_ENV.time}="${time}" is not a time: write it as an ISO time, e.g. ${PUBLISH_ENV.time}=2024-06-20T09:00:00+09:00`)
  }
  const on = (name: string) => /^(1|true|yes)$/i.test(env[name]?.trim() ?? '')
  return { now, drafts: on(PUBLISH_ENV.drafts), future: on(PUBLISH_ENV.future) }
}

/**
 * This build's policy, read from the environment once per process: vite-ssg runs the client
 * and the server build in one process, and both must list the same articles, so the build's
 * time is taken once (scripts/build.mjs sets NEWS_BUILD_TIME for every process it starts).
 */
export function buildPolicy(): PublishPolicy {
  const key = Symbol.for('hangul-news:publish-policy')
  const store = globalThis as Record<symbol, PublishPolicy | undefined>
  return (store[key] ??= policyFromEnv(process.env, Date.now()))
}

/**
 * Every article, none marked as scheduled: what a load asks for when it names no policy (a
 * fixed value, so two such loads of unchanged files give the same object, as the memo keeps it).
 */
export const EVERYTHING: PublishPolicy = Object.freeze({ now: Infinity, drafts: true, future: true })

/** The dev server's policy: everything shown, and scheduled as of this moment. */
export function showEverything(now = Date.now()): PublishPolicy {
  return { now, drafts: true, future: true }
}

/** Is this article dated after `now`? (a day without a time begins at midnight, korean time) */
export function isScheduled(a: Pick<Article, 'date'>, now: number): boolean {
  return !!a.date && publishInstant(a.date) > now
}

/**
 * The articles the policy keeps, in the same order, each marked `scheduled` when its date is
 * after the policy's time (so a page kept by --future or the dev server says so). Linear.
 */
export function publishable(articles: readonly Article[], policy: PublishPolicy): Article[] {
  const kept: Article[] = []
  for (const a of articles) {
    const scheduled = isScheduled(a, policy.now)
    if ((a.draft && !policy.drafts) || (scheduled && !policy.future)) continue
    kept.push(scheduled ? { ...a, scheduled } : a)
  }
  return kept
}

/** A short key of a policy, for memos of what was listed with it. */
export function policyKey(p: PublishPolicy): string {
  return `${p.now}:${p.drafts ? 'd' : ''}${p.future ? 'f' : ''}`
}
