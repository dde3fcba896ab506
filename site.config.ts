// the site's settings, in one place. SITE_URL in the environment overrides `url`,
// so one checkout can build for staging and production.
import type { SiteConfig } from './src/shared/types'

export default {
  name: '한빛뉴스',
  description: '한반도와 세계의 소식을 빠르고 읽기 쉽게 전합니다.',
  url: 'https://news.example.com',
  pageSize: 20,
} satisfies SiteConfig
