// the site's settings, in one place. SITE_URL in the environment overrides `url`,
// so one checkout can build for staging and production. every value is checked when a
// build or the dev server starts (src/node/build/siteConfig.ts).
import type { SiteConfig } from './src/shared/types'

export default {
  name: '한빛뉴스',
  description: '한반도와 세계의 소식을 빠르고 읽기 쉽게 전합니다.',
  // the origin only: a site under a subpath is built with `npm run build -- --base /news/`
  url: 'https://news.example.com',
  pageSize: 20,
  // what the feeds carry of each article: 'excerpt', or 'full' for the sanitized body too
  feedContent: 'excerpt',
  // the header's sections, in order: categories named as the articles name them, each shown
  // once it has an article. without them the header names the six biggest categories, which
  // can change with any article, and then every page is built again
  sections: ['News', '정치', '경제', '사회', '국제', '문화'],
  // the tokens Google Search Console and Naver Search Advisor give for their "HTML tag"
  // check (only the content="…" value); each one set is written on the home page
  // verification: { google: '…', naver: '…' },
} satisfies SiteConfig
