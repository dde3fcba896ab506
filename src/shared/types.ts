// types shared by the build (src/node) and the browser (src/client).
// nothing here may import node: modules or touch the DOM.

/** A section heading of an article body (h2/h3), with the id the body gives it. */
export interface Heading {
  level: 2 | 3
  id: string
  text: string
}

/** What a listing card needs: everything about an article except its body. */
export interface ArticleCard {
  slug: string
  title: string
  /** on a card, the first few of the article's (cardCategories); on an article, all of them */
  categories: string[]
  excerpt: string
  /** http(s) URL or a path on the site; '' when the article has none */
  image: string
  /** the lead photo, when the build processed it (kept in the site): a card shows a variant of it */
  photo?: Photo
  /** ISO date (yyyy-mm-dd or full ISO), '' when the front matter has none */
  date: string
  /** minutes, at least 1 */
  readingMinutes: number
  /** the byline: on a card, the first few (cardAuthors); on an article, every author with what the authors file says */
  authors: AuthorRef[]
}

/** An author as a byline names them: 홍길동 기자, linking to /authors/<slug>/. */
export interface AuthorRef {
  name: string
  /** url segment of the author's page */
  slug: string
  /** 기자, 특파원, 논설위원 ... from the authors file; '' when it gives none */
  role: string
}

/** An author with what the authors file (content/authors.yml) says of them; '' for what it does not say. */
export interface Author extends AuthorRef {
  /** untrusted text: shown as text, linked as mailto: only when it looks like an address */
  email: string
  /** a short biography, untrusted text */
  bio: string
  /** http(s) url or a path on the site, validated as an article's image is */
  photo: string
}

/** A neighbouring or related article, as linked from an article page. */
export interface ArticleLink {
  slug: string
  title: string
}

/**
 * A photo kept in the site (under public/, or beside its article in content/), as the build
 * processed it: what an <img> needs for its width, height and srcset. Every address of a
 * variant is made from `id` and a width (shared/photos/photos.ts), never read from html.
 */
export interface Photo {
  /** the address as the article wrote it: the front matter's `image`, or a body img's src after sanitizing */
  src: string
  /**
   * the photo's own address on the site: its path under public/, or for one beside an article
   * the build's JPEG copy of it (`/_images/<id>.jpg`, see COPY_WIDTH in shared/photos/photos.ts)
   */
  original: string
  /** 16 hex digits of a hash of the file's bytes and the variant settings; names its variants */
  id: string
  /** the original's size in pixels (as it is shown: EXIF rotation applied) */
  width: number
  height: number
  /** the widths of the variants written, ascending, none wider than the original */
  widths: number[]
  /** whether AVIF variants were written beside the WebP ones (the lead photo's) */
  avif: boolean
}

/**
 * When and whether an article is published, as its page shows it (입력/수정, a 초안 or 예약
 * banner). Each is left out when it does not apply, so the data of most pages holds none.
 */
export interface ArticleDates {
  /** when it was last changed, stored as `date` is; absent when the front matter has none */
  updated?: string
  /** a draft: only the dev server and a build made with --drafts show it */
  draft?: boolean
  /**
   * its date is later than the time the list was made (the build's time, see
   * node/content/publish.ts): only the dev server and a build made with --future show it
   */
  scheduled?: boolean
}

/** One article page's payload: the card, the sanitized body and what is derived from it. */
export interface Article extends ArticleCard, ArticleDates {
  /** every author, in the order the front matter names them */
  authors: Author[]
  /** the tags, in the order the front matter names them (each has a page: /tags/<slug>/) */
  tags: string[]
  /** the lead image's alt text; '' when the front matter gives none (the image is then decorative) */
  imageAlt: string
  /** shown under the lead image: its caption and credit (사진=연합뉴스); '' when none */
  imageCaption: string
  /** the article's photos kept in the site (the lead image's and the body's), each once; set by the build */
  photos: Photo[]
  featureText: string
  /** sanitized HTML (DOMPurify at build time, again in the browser) */
  html: string
  headings: Heading[]
  /** the newer and older neighbours in listing order */
  prev: ArticleLink | null
  next: ArticleLink | null
  related: ArticleLink[]
  /** path of the source file, relative to the project root */
  source: string
}

/** A page of a listing (the home listing or one category's). */
export interface ListingPage {
  page: number
  pageCount: number
  total: number
  cards: ArticleCard[]
  /** a category's listing: the category (what its page shows besides the cards) */
  category?: CategoryInfo
  /** an author's listing: the author, with a count of their articles */
  author?: AuthorInfo
  /** a tag's listing: the tag */
  tag?: CategoryInfo
}

/** What an author's page shows above the cards. */
export interface AuthorInfo extends Author {
  count: number
}

export interface CategoryInfo {
  name: string
  /** url segment */
  slug: string
  count: number
}

/** Site settings, set in one place (site.config.ts). */
export interface SiteConfig {
  /** shown in the header, the title of every page and the feed */
  name: string
  description: string
  /** public origin used for absolute URLs (canonical, Open Graph, feed, sitemap), no trailing slash */
  url: string
  /** articles per listing page */
  pageSize: number
  /**
   * what the feeds carry of each article: 'excerpt' (the default) its excerpt, 'full' its
   * whole sanitized body besides
   */
  feedContent?: 'excerpt' | 'full'
  /**
   * the categories the header names, in this order: the newsroom's sections. each is shown once
   * it has an article. left out, the header names the biggest categories, which can change
   * with any article (and then every page changes: a full build)
   */
  sections?: string[]
  /**
   * ownership tokens from the search engines' consoles, each written on the home page as the
   * meta tag the console asks for; a token left out writes no tag
   */
  verification?: SiteVerification
}

export interface SiteVerification {
  /** Google Search Console: the content of its `google-site-verification` meta tag */
  google?: string
  /** Naver Search Advisor: the content of its `naver-site-verification` meta tag */
  naver?: string
}

/**
 * The small module every page loads: settings and counts, never article data, and of
 * the categories only the header's few (its size does not grow with the content).
 */
export interface SiteIndex {
  site: SiteConfig
  /** the biggest categories, at most a handful (HEADER_CATEGORIES in node/build/payloads.ts), biggest first */
  topCategories: Array<Pick<CategoryInfo, 'name' | 'slug'>>
  /**
   * dev only: changes whenever the content does, and busts the browser's cache of payloads.
   * '' in a build, so the app's bundle is the same whatever the articles (an incremental build
   * reuses it): a built site's payloads and pages are cached as the host caches its html
   */
  version: string
}

/** A problem found in a content file. */
export interface Problem {
  /** path relative to the project root */
  file: string
  line?: number
  message: string
}

/**
 * What a page's components tell the prerenderer (vue's ssr context; src/node/build/renderPage.ts):
 * the modules they were rendered with (vue's plugin adds each component's; a view may add
 * modules it loads on demand) and the urls of data the page fetches at once (`fetches`), each
 * linked from the page's head for the browser to load with it.
 */
export interface SsrContext {
  modules?: Set<string>
  fetches?: Set<string>
}
