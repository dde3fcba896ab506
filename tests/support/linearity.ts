// does a function's time grow linearly with its input? each case builds an input of a given
// size from a shape (an attack repeated, a value made long), and the function is timed at
// 10 KB, 100 KB and 1 MB, each size the fastest of a few runs (the least disturbed by other
// work on the machine). a linear function takes about ten times as long for ten times the
// input; a quadratic one a hundred times. the bound leaves room for caches, allocation and
// garbage collection, and very short timings are raised to a floor so noise in a few
// milliseconds cannot fail a test.

export interface LinearityCase {
  /** what is fed, for the test's name */
  name: string
  /** an input of about `size` characters */
  input: (size: number) => string
  /** the work to time; what it returns is kept so it cannot be optimised away */
  run: (input: string) => unknown
}

export interface LinearityOptions {
  /** input sizes, smallest first */
  sizes?: number[]
  /** runs per size; the fastest counts */
  runs?: number
  /** time(size) / time(size before) must stay under this at every step (10 for perfectly linear) */
  maxRatio?: number
  /** milliseconds a timing is raised to before a ratio is taken */
  floorMs?: number
  /** a size taking longer than this fails at once: no linear text function needs seconds for 1 MB */
  budgetMs?: number
}

export interface LinearityResult {
  /** fastest time per size measured, in milliseconds (measuring stops at the first failure) */
  times: Array<{ size: number; ms: number }>
  /** the largest floored time(size) / time(size before) */
  ratio: number
  linear: boolean
}

/** the sizes measured: 10 KB, 100 KB, 1 MB; LINEARITY_SIZES=1000,10000 (characters) for other runs */
export const LINEARITY_SIZES = process.env.LINEARITY_SIZES
  ? process.env.LINEARITY_SIZES.split(',').map(Number)
  : [10_000, 100_000, 1_000_000]

/** Repeat `unit` to about `size` characters, between an optional head and tail. */
export function repeatTo(size: number, unit: string, head = '', tail = ''): string {
  return head + unit.repeat(Math.max(1, Math.floor((size - head.length - tail.length) / unit.length))) + tail
}

/**
 * Time a case at each size; `linear` when every step's growth stays under maxRatio and no
 * size takes over budgetMs. Measuring stops at the first step that fails, so a quadratic
 * function fails after its 100 KB run instead of running for an hour at 1 MB.
 */
export function measureLinearity(
  c: LinearityCase,
  { sizes = LINEARITY_SIZES, runs = 3, maxRatio = 30, floorMs = 20, budgetMs = 5_000 }: LinearityOptions = {},
): LinearityResult {
  const times: LinearityResult['times'] = []
  let ratio = 0
  for (const size of sizes) {
    const best = fastest(c, c.input(size), runs, budgetMs)
    const previous = times[times.length - 1]
    times.push({ size, ms: best })
    if (!previous) continue
    let step = Math.max(best, floorMs) / Math.max(previous.ms, floorMs)
    if (best <= budgetMs && step >= maxRatio) {
      // a step over the bound is measured again, both sizes, before it counts: another
      // process taking the cpu, or a garbage collection landing in every run of one size,
      // can double a timing, while a quadratic function stays ten times over at any retry
      previous.ms = Math.min(previous.ms, fastest(c, c.input(previous.size), runs * 2, budgetMs))
      times[times.length - 1].ms = Math.min(best, fastest(c, c.input(size), runs * 2, budgetMs))
      step = Math.max(times[times.length - 1].ms, floorMs) / Math.max(previous.ms, floorMs)
    }
    ratio = Math.max(ratio, step)
    if (times[times.length - 1].ms > budgetMs || ratio >= maxRatio) return { times, ratio, linear: false }
  }
  return { times, ratio, linear: true }
}

/** The fastest of `runs` runs of the case over `input`, in milliseconds; one run over the budget ends it. */
function fastest(c: LinearityCase, input: string, runs: number, budgetMs: number): number {
  let best = Infinity
  let sink: unknown
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    sink = c.run(input)
    best = Math.min(best, performance.now() - start)
    if (best > budgetMs) break
  }
  void sink
  return best
}

/** A line for a failing test's message: the times per size and the ratio. */
export function describeLinearity(r: LinearityResult): string {
  return `${r.times.map((t) => `${t.size / 1000} KB: ${t.ms.toFixed(1)} ms`).join(', ')}; ratio ${r.ratio.toFixed(1)}`
}
