// a deterministic corpus of korean news articles shaped like the seeds: tistory html with
// data-ke-size headings, inline colours and sometimes a table, front matter with an
// excerpt, feature_text, image, categories, a date, an author or two and a few tags (from
// content/authors.yml, which lists most of the newsroom, some bylines being names it does not). the text recombines the seeds' words
// (an order-2 word chain) with names, places, organisations and numbers, so no two articles
// share their sentences and a page compresses like real text, not like a repeated template.
// every tenth article (the newest among them) has a photo of its own beside it, a 1600x900
// JPEG made here (photo()), which the build makes variants of.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** a small fast seeded prng (mulberry32): the same seed gives the same corpus */
export function prng(seed) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1))
  const pick = (list) => list[Math.floor(next() * list.length)]
  const chance = (p) => next() < p
  return { next, int, pick, chance }
}

const SURNAMES = (
  '김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 전 홍 고 문 양 손 배 백 허 유 남 심 노 하 곽 성 ' +
  '차 주 우 구 민 진 나 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 왕 금 ' +
  '옥 육 인 맹 제 모 탁 국'
).split(' ')
const GIVEN = (
  '민준 서연 도윤 서윤 예준 지우 시우 하은 주원 하윤 지호 민서 지후 지유 준서 윤서 준우 채원 현우 수아 도현 지민 건우 ' +
  '지아 우진 서아 선우 다은 서진 예은 민재 수빈 현준 소율 연우 예린 유준 하린 정우 은서 승우 가은 승현 예서 시윤 윤아 ' +
  '준혁 지안 은우 소윤 지환 시은 승민 유나 지훈 채은 태윤 다인 진우 수연 재윤 하율 동현 민지 성민 지원 영수 영희 철수 ' +
  '상훈 경호 미경 정숙 순자 광수 병철 재현 혜진 은정 성호 태호 미영 동욱 석진 윤석 재명 한동 기현 상민 종민'
).split(' ')
const PLACES = (
  '서울 부산 대구 인천 광주 대전 울산 세종 수원 성남 고양 용인 창원 청주 전주 천안 안산 김해 포항 제주 춘천 원주 강릉 ' +
  '목포 여수 순천 경주 안동 구미 진주 평택 파주 김포 의정부 남양주 화성 시흥 군산 익산 속초 통영 거제 서귀포 판교 여의도 ' +
  '강남 용산 광화문 세종청사 개성 평양 신의주 원산 함흥 도쿄 오사카 베이징 상하이 워싱턴 뉴욕 모스크바 키이우 브뤼셀 파리 ' +
  '런던 베를린 하노이 자카르타 싱가포르 시드니 두바이'
).split(' ')
const ORGS = (
  '국회 대통령실 국무총리실 기획재정부 외교부 통일부 국방부 법무부 행정안전부 교육부 보건복지부 고용노동부 국토교통부 해양수산부 ' +
  '중소벤처기업부 과학기술정보통신부 산업통상자원부 문화체육관광부 환경부 여성가족부 금융위원회 금융감독원 한국은행 공정거래위원회 ' +
  '방송통신위원회 국가정보원 감사원 헌법재판소 대법원 서울중앙지검 경찰청 소방청 기상청 질병관리청 통계청 국세청 관세청 한국전력 ' +
  '한국도로공사 코레일 삼성전자 SK하이닉스 현대자동차 기아 LG에너지솔루션 포스코 네이버 카카오 쿠팡 한화 롯데 CJ 두산 ' +
  '셀트리온 유엔 안보리 나토 유럽연합 국제통화기금 세계보건기구 주요7개국 아세안 백악관 크렘린 국민의힘 더불어민주당 조국혁신당 ' +
  '개혁신당 정의당 전국경제인연합회 한국노총 민주노총 전국교직원노동조합 대한의사협회'
).split(' ')
const NOUNS = (
  '정책 예산 개편 협상 합의 발표 조사 결과 전망 대책 위기 회복 성장 투자 수출 수입 물가 금리 환율 주가 부동산 전세 청약 ' +
  '고용 실업 임금 노동 복지 연금 의료 병원 교육 입시 대학 학생 교사 기후 폭염 장마 태풍 미세먼지 에너지 원전 태양광 반도체 ' +
  '배터리 인공지능 플랫폼 스타트업 데이터 보안 해킹 사이버 통신 위성 발사체 우주 국방 훈련 미사일 핵실험 제재 외교 정상회담 ' +
  '선거 공천 여론조사 지지율 탄핵 개헌 법안 조례 판결 수사 기소 재판 구속 영장 사고 화재 지진 홍수 가뭄 교통 철도 공항 ' +
  '항만 관광 축제 공연 영화 드라마 음악 전시 출판 야구 축구 농구 배구 올림픽 월드컵 선수 감독 경기 우승 기록 시즌 구단 ' +
  '저출생 고령화 인구 지역 균형 발전 재건축 도시 농촌 어촌 물류 유통 소비자 가계 부채 대출 은행 보험 증권 세금 감세 증세 ' +
  '재정 적자 흑자 무역 관세 협정 동맹 안보 평화 통일 남북 북미 한미 한일 한중 국제사회'
).split(' ')
const VERBS = (
  '밝혔다 전했다 강조했다 설명했다 지적했다 발표했다 말했다 덧붙였다 내다봤다 분석했다 우려했다 촉구했다 약속했다 예상된다 ' +
  '전망된다 알려졌다 확인됐다 나타났다 집계됐다 보도했다 주장했다 반박했다 비판했다 평가했다 결정했다 합의했다 추진한다 검토하고 ' +
  '있다 논의할 예정이다 시행될 예정이다'
).split(' ')
const CATEGORIES = [
  '정치',
  '경제',
  '사회',
  '국제',
  '문화',
  '스포츠',
  'IT과학',
  '생활',
  '북한',
  '부동산',
  '증권',
  '오피니언',
  'News',
]
const TITLE_ENDINGS = ['공식화', '논란', '급물살', '첫 공개', '재검토', '합의', '발표', '전망', '확산', '우려']
const COLOURS = ['#ee2323', '#006dd7', '#009a87', '#f89009', '#9d9d9d', '#8a3db6']
const IMAGE = 'https://newsdao.kr/res/images/meta/newsdao_breakingnews.jpg'

/** the seeds' text as word sequences, one per sentence */
function seedSentences(texts) {
  const sentences = []
  for (const t of texts) {
    const body = t
      .replace(/^---[\s\S]*?\n---\n/, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&[a-z]+;/g, ' ')
    const front = (t.match(/^---[\s\S]*?\n---\n/) ?? [''])[0].replace(/^[a-z_]+:.*$/gm, ' ')
    for (const s of `${body} ${front}`.split(/(?<=[.!?다])\s+|\n+/)) {
      const words = s.split(/\s+/).filter((w) => /[가-힣0-9]/.test(w))
      if (words.length >= 4) sentences.push(words)
    }
  }
  return sentences
}

/** an order-2 word chain over the seeds' sentences */
function wordChain(sentences) {
  const next = new Map()
  const starts = []
  for (const words of sentences) {
    starts.push([words[0], words[1]])
    for (let i = 0; i + 2 <= words.length; i++) {
      const key = `${words[i]} ${words[i + 1] ?? ''}`
      const follow = words[i + 2] ?? null
      let list = next.get(key)
      if (!list) next.set(key, (list = []))
      list.push(follow)
    }
  }
  return { next, starts }
}

function makeWriter(rnd, chain) {
  const name = () => `${rnd.pick(SURNAMES)}${rnd.pick(GIVEN)}`
  const number = () => {
    switch (rnd.int(0, 5)) {
      case 0:
        return `${rnd.int(2, 98)}.${rnd.int(0, 9)}%`
      case 1:
        return `${rnd.int(1, 9999).toLocaleString('en-US')}억 원`
      case 2:
        return `${rnd.int(1, 12)}월 ${rnd.int(1, 28)}일`
      case 3:
        return `${rnd.int(1, 999).toLocaleString('en-US')}명`
      case 4:
        return `${rnd.int(2, 40)}개 ${rnd.pick(['지역', '기관', '업체', '부처', '학교', '단체'])}`
      default:
        return `${rnd.int(1990, 2026)}년`
    }
  }
  const particle = () => rnd.pick(['은', '는', '이', '가', '을', '를', '의', '에서', '와', '과', '도', '로'])
  const inject = () => {
    switch (rnd.int(0, 5)) {
      case 0:
        return `${name()} ${rnd.pick(['대표', '장관', '의원', '교수', '연구원', '위원장', '대변인', '기자', '씨', '청장', '시장', '회장'])}${particle()}`
      case 1:
        return `${rnd.pick(PLACES)}${particle()}`
      case 2:
        return `${rnd.pick(ORGS)}${particle()}`
      case 3:
        return number()
      default:
        return `${rnd.pick(NOUNS)}${particle()}`
    }
  }
  /** one sentence: the chain's words with names, places and numbers mixed in */
  const sentence = () => {
    const out = []
    let [a, b] = rnd.pick(chain.starts)
    out.push(a, b)
    const target = rnd.int(9, 22)
    while (out.length < target) {
      if (rnd.chance(0.28)) out.push(inject())
      const list = chain.next.get(`${a} ${b}`)
      let w = list ? rnd.pick(list) : null
      if (!w) {
        // the chain ended: jump to another start so the sentence reaches its length
        ;[a, b] = rnd.pick(chain.starts)
        out.push(a)
        w = b
      }
      out.push(w)
      a = b
      b = w
    }
    let s = out.join(' ').replace(/[.!?]+\s*$/, '')
    if (!/다$/.test(s)) s += ` ${rnd.pick(VERBS)}`
    return `${s}.`
  }
  const paragraph = (min, max) => Array.from({ length: rnd.int(min, max) }, sentence).join(' ')
  const phrase = (min = 2, max = 5) => {
    const words = Array.from({ length: rnd.int(min, max) }, () =>
      rnd.chance(0.5) ? rnd.pick(NOUNS) : rnd.pick([...PLACES, ...ORGS, ...NOUNS]),
    )
    return words.join(' ')
  }
  return { name, number, sentence, paragraph, phrase }
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** every how many articles one has a photo of its own beside it (the first, the newest, among them) */
export const PHOTO_EVERY = 10

/**
 * how many different pictures those photos are: past 10,000 articles the photo files repeat
 * these (each article still has a file of its own beside it, which the build reads and hashes;
 * the same bytes make one set of variants). 10,000 pictures at 100,000 articles would be an
 * hour of variants on a 2-core machine, which measures sharp rather than this build
 */
export const PHOTO_KINDS = 1000

const ROLES = ['기자', '기자', '기자', '선임기자', '특파원', '논설위원', '객원기자']

/**
 * the newsroom: about one author per 25 articles (400 at 10,000), each with a role, an email
 * and a bio. drawn from a generator of its own (`meta`), so the articles' text is the same
 * corpus as before authors and tags were added, and the figures stay comparable
 */
function newsroom(meta, count) {
  const size = Math.max(4, Math.round(count / 25))
  const names = new Set()
  while (names.size < size)
    names.add(`${meta.pick(SURNAMES)}${meta.pick(GIVEN)}${names.size >= SURNAMES.length * 4 ? names.size : ''}`)
  return [...names].map((name, i) => ({
    name,
    slug: `reporter-${i + 1}`,
    role: meta.pick(ROLES),
    bio: `${meta.pick(ORGS)} 출입, ${meta.pick(NOUNS)} 분야를 취재합니다.`,
  }))
}

/** the authors file the newsroom makes (its last tenth unlisted: bylines of names the file does not know) */
function authorsYaml(authors) {
  const listed = authors.slice(0, Math.ceil(authors.length * 0.9))
  return listed
    .map(
      (a) =>
        `- name: ${a.name}\n  slug: ${a.slug}\n  role: ${a.role}\n  email: ${a.slug}@example.com\n  bio: ${a.bio}\n`,
    )
    .join('')
}

/** front matter lines for an article's byline and tags: one author, sometimes two, and two to five tags from a vocabulary that grows with the archive */
function bylineAndTags(meta, authors, count) {
  const names = [meta.pick(authors).name]
  if (meta.chance(0.15)) names.push(meta.pick(authors).name)
  const vocabulary = Math.max(20, Math.round(count / 10))
  const tags = new Set(
    Array.from({ length: meta.int(2, 5) }, () => {
      const n = Math.floor(meta.next() ** 2 * vocabulary)
      return n < NOUNS.length ? NOUNS[n] : `${NOUNS[n % NOUNS.length]}${Math.floor(n / NOUNS.length)}`
    }),
  )
  return [`author: [${[...new Set(names)].join(', ')}]`, `tags: [${[...tags].join(', ')}]`]
}

/** one article file's text; `photo`: the file name of its own photo, beside it; `extra`: more front matter lines */
function article(rnd, w, i, date, photo, extra = []) {
  const cats = [rnd.pick(CATEGORIES)]
  if (rnd.chance(0.35)) cats.push(rnd.pick(CATEGORIES))
  const categories = [...new Set(cats)]
  const title =
    `${w.phrase(2, 4)} ${rnd.pick(['…', ',', ' -', ''])} ${rnd.pick(PLACES)} ${w.phrase(1, 3)} ${rnd.pick(TITLE_ENDINGS)}`
      .replace(/\s+/g, ' ')
      .trim()
  const excerpt = w.paragraph(2, 4)
  const feature = rnd.chance(0.7) ? excerpt : w.paragraph(2, 4)
  const yaml = (s) => `  ${s}`
  const lines = ['---', `title: ${JSON.stringify(title)}`, 'categories:', ...categories.map((c) => `  - ${c}`)]
  lines.push('excerpt: >', yaml(excerpt), 'feature_text: >', yaml(feature))
  // (drawn for every article, so the text of the corpus is the same with photos or without)
  const hasImage = rnd.chance(0.85)
  const image = photo ?? IMAGE
  if (hasImage || photo) {
    // alt text and caption made without the random stream, for the same reason
    lines.push(`image: '${image}'`, `image_alt: ${JSON.stringify(`${categories[0]} 기사 사진`)}`)
    if (photo) lines.push(`image_caption: ${JSON.stringify(`${categories[0]} 현장. 사진=한빛뉴스`)}`)
  }
  lines.push(`date: ${date}`, ...extra, '---', '')

  const body = []
  if (hasImage) body.push(`<p><img src="${image}" alt="${esc(w.phrase(1, 2))} 속보" /></p>`, '')
  else if (photo) body.push(`<p><img src="${image}" alt="" /></p>`, '')
  const colour = rnd.pick(COLOURS)
  body.push(
    `<p><b><span style="color: ${colour};">${esc(w.phrase(3, 6))}</span></b>\n${esc(w.paragraph(1, 2))}</p>`,
    '',
  )
  const sections = rnd.int(2, 4)
  for (let s = 0; s < sections; s++) {
    body.push(`<h2 data-ke-size="size26">${esc(w.phrase(2, 5))}</h2>`, '')
    const blocks = rnd.int(2, 3)
    for (let b = 0; b < blocks; b++) {
      const kind = rnd.next()
      if (kind < 0.55) body.push(`<p data-ke-size="size16">${esc(w.paragraph(2, 3))}</p>`)
      else if (kind < 0.7)
        body.push(
          `<p><b><span style="color: ${rnd.pick(COLOURS)};">${esc(w.phrase(2, 5))}</span></b>\n${esc(w.paragraph(1, 2))}</p>`,
        )
      else if (kind < 0.85) {
        const item = () => `<li><b>${esc(w.phrase(2, 5))}</b> ${rnd.chance(0.5) ? esc(w.sentence()) : ''}</li>`
        body.push('<ul>', ...Array.from({ length: rnd.int(2, 4) }, item), '</ul>')
      } else if (kind < 0.93)
        body.push(
          `<h3 data-ke-size="size23">${esc(w.phrase(2, 4))}</h3>`,
          `<p data-ke-size="size16">${esc(w.paragraph(1, 3))}</p>`,
        )
      else body.push(`<blockquote data-ke-style="style2">${esc(w.sentence())}</blockquote>`)
      body.push('')
    }
    if (rnd.chance(0.3)) {
      const cols = rnd.int(2, 3)
      const row = (cells, tag) =>
        `<tr>\n${cells.map((c) => `<${tag} style="text-align: center;">${c}</${tag}>`).join('\n')}\n</tr>`
      body.push(
        '<table>',
        '<thead>',
        row(
          Array.from({ length: cols }, () => `<b>${esc(w.phrase(1, 2))}</b>`),
          'th',
        ),
        '</thead>',
        '<tbody>',
      )
      const cell = (c) =>
        c === 0 ? `<b>${esc(w.phrase(1, 2))}</b>` : esc(rnd.chance(0.5) ? w.number() : w.phrase(3, 6))
      for (let r = rnd.int(2, 4); r > 0; r--)
        body.push(
          row(
            Array.from({ length: cols }, (_, c) => cell(c)),
            'td',
          ),
        )
      body.push('</tbody>', '</table>', '')
    }
  }
  body.push(`<p data-ke-size="size16">${esc(w.paragraph(1, 2))}</p>`, '', `<p>${esc(w.name())} 기자</p>`, '')
  return `${lines.join('\n')}\n${body.join('\n')}`
}

/** a small fast seeded prng for a photo's pixels: the same article always has the same photo */
function pixelRandom(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PHOTO_WIDTH = 1600
const PHOTO_HEIGHT = 900
/** the photo's structure is made at a quarter of its size and scaled up (smooth, as light and shapes are) */
const FIELD_SCALE = 4

/** sensor grain, added to every pixel: shared by all photos, read from a different place in each */
const GRAIN = (() => {
  const next = pixelRandom(7)
  const grain = new Int8Array(1 << 16)
  for (let i = 0; i < grain.length; i++) grain[i] = Math.round((next() + next() + next() - 1.5) * 12)
  return grain
})()

/**
 * The pixels of a photo's structure: per colour channel, value noise summed over scales from
 * 64 pixels down to one (detail at every scale, as a photo has), at a quarter of the size.
 */
function photoField(next, width, height) {
  const out = Buffer.alloc(width * height * 3)
  const sum = new Float32Array(width * height)
  for (let c = 0; c < 3; c++) {
    sum.fill(0)
    let amplitude = 1
    let total = 0
    for (let cell = 64; cell >= 1; cell >>= 1) {
      const gw = Math.ceil(width / cell) + 2
      const grid = new Float32Array(gw * (Math.ceil(height / cell) + 2))
      for (let i = 0; i < grid.length; i++) grid[i] = next()
      for (let y = 0; y < height; y++) {
        const gy = y / cell
        const y0 = gy | 0
        const fy = gy - y0
        for (let x = 0; x < width; x++) {
          const gx = x / cell
          const x0 = gx | 0
          const fx = gx - x0
          const a = grid[y0 * gw + x0]
          const b = grid[y0 * gw + x0 + 1]
          const d = grid[(y0 + 1) * gw + x0]
          const e = grid[(y0 + 1) * gw + x0 + 1]
          sum[y * width + x] += amplitude * (a + (b - a) * fx + (d - a) * fy + (a - b - d + e) * fx * fy)
        }
      }
      total += amplitude
      amplitude *= 0.6
    }
    for (let i = 0; i < sum.length; i++)
      out[i * 3 + c] = Math.max(0, Math.min(255, Math.round(((sum[i] / total - 0.5) * 2.4 + 0.5) * 255)))
  }
  return out
}

/**
 * A 1600x900 JPEG (quality 85, about 240 KB) for the photo numbered `n`: smooth colour
 * shapes with grain over them, which compresses as a photo does (a flat or repeating picture
 * would make its variants unrealistically small and quick). About 0.1 s each.
 */
export async function photo(n, seed = 20261122) {
  const { default: sharp } = await import('sharp')
  const next = pixelRandom(seed ^ Math.imul(n + 1, 0x9e3779b1))
  const width = PHOTO_WIDTH / FIELD_SCALE
  const height = PHOTO_HEIGHT / FIELD_SCALE
  const raw = (w, h) => ({ raw: { width: w, height: h, channels: 3 } })
  const pixels = await sharp(photoField(next, width, height), raw(width, height))
    .resize(PHOTO_WIDTH, PHOTO_HEIGHT, { kernel: 'cubic' })
    .raw()
    .toBuffer()
  let k = Math.floor(next() * GRAIN.length)
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i] + GRAIN[k]
    pixels[i] = v < 0 ? 0 : v > 255 ? 255 : v
    k = (k + 7919) & 0xffff
  }
  return sharp(pixels, raw(PHOTO_WIDTH, PHOTO_HEIGHT)).jpeg({ quality: 85 }).toBuffer()
}

/**
 * Write `count` articles into `dir` (emptied first), and the photos of every PHOTO_EVERY-th
 * beside them (`photoCache`: a folder that keeps the photos made, for the next corpus;
 * `photos: false`: the same articles, without photos of their own).
 * Returns the article file names in order. The same (seedTexts, count, seed) always gives
 * the same files.
 */
export async function writeCorpus(dir, count, { seedDir, seed = 20261122, photoCache, photos = true } = {}) {
  const names = (await readdir(seedDir)).filter((f) => f.endsWith('.txt')).sort()
  const texts = await Promise.all(names.map((f) => readFile(join(seedDir, f), 'utf8')))
  const chain = wordChain(seedSentences(texts))
  const rnd = prng(seed)
  const w = makeWriter(rnd, chain)
  const meta = prng(seed ^ 0x5eed)
  const authors = newsroom(meta, count)
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'authors.yml'), authorsYaml(authors))
  // newest first, a few articles a day going back from the seeds' week
  let t = Date.UTC(2026, 10, 21, 9, 0)
  const files = []
  let batch = []
  for (let i = 0; i < count; i++) {
    t -= rnd.int(10, 600) * 60_000
    const d = new Date(t + 9 * 3600_000).toISOString()
    const date = `${d.slice(0, 10)} ${d.slice(11, 16)}`
    const hex = Array.from({ length: 16 }, () => '0123456789abcdef'[rnd.int(0, 15)]).join('')
    const name = `${String(i).padStart(5, '0')}_${hex}.txt`
    files.push(name)
    const photoName = photos && i % PHOTO_EVERY === 0 ? name.replace(/\.txt$/, '.jpg') : undefined
    if (photoName) batch.push(writePhoto(join(dir, photoName), (i / PHOTO_EVERY) % PHOTO_KINDS, seed, photoCache))
    batch.push(writeFile(join(dir, name), article(rnd, w, i, date, photoName, bylineAndTags(meta, authors, count))))
    // (a photo is a tenth of a second of work: fewer wait on each other)
    if (batch.length >= (photoName ? 16 : 256)) {
      await Promise.all(batch)
      batch = []
    }
  }
  await Promise.all(batch)
  return files
}

/** photo `n` into `path`, from `cache` (a folder) when it holds it, else made and kept there */
async function writePhoto(path, n, seed, cache) {
  const kept = cache && join(cache, `${seed}-${n}.jpg`)
  if (kept) {
    const bytes = await readFile(kept).catch((err) => {
      // not made yet: any other failure to read it is the machine's, and is not hidden
      if (err.code !== 'ENOENT') throw err
    })
    if (bytes) return writeFile(path, bytes)
  }
  const bytes = await photo(n, seed)
  if (kept) {
    await mkdir(cache, { recursive: true })
    await writeFile(kept, bytes)
  }
  return writeFile(path, bytes)
}

// `node scripts/bench/corpus.mjs <dir> <count>`: write a corpus to look at
if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, count] = process.argv.slice(2)
  if (!dir || !count) {
    console.error('usage: node scripts/bench/corpus.mjs <dir> <count>')
    process.exit(2)
  }
  const seedDir = new URL('../../content/', import.meta.url).pathname
  await writeCorpus(dir, Number(count), { seedDir })
  console.log(`wrote ${count} articles to ${dir}`)
}
