// korean formats for dates and reading time, the same on the server and in the browser
const dateFormat = new Intl.DateTimeFormat('ko-KR', {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'Asia/Seoul',
})

export function formatDate(iso: string): string {
  if (!iso) return ''
  const t = Date.parse(iso)
  return Number.isNaN(t) ? '' : dateFormat.format(t)
}

export function formatReadingTime(minutes: number): string {
  return `${minutes}분 분량`
}
