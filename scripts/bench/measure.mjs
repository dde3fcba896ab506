// timing, memory of a whole process tree, folder sizes, and small statistics helpers.
import { spawn } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

const PAGE = 4096

/** the pids of a process and all its descendants, from /proc */
export function processTree(pid) {
  const out = []
  const stack = [pid]
  while (stack.length) {
    const p = stack.pop()
    out.push(p)
    let tasks = []
    try {
      tasks = readdirSync(`/proc/${p}/task`)
    } catch {
      // the process ended since its parent listed it: it has no children to follow
      continue
    }
    for (const t of tasks) {
      try {
        const kids = readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim()
        if (kids) stack.push(...kids.split(/\s+/).map(Number))
      } catch {
        // the thread ended since it was listed: it has no children to follow
      }
    }
  }
  return out
}

/**
 * Memory of a process tree, in bytes: `pss` (each process's proportional set size, its
 * shared pages divided among the processes sharing them, from /proc/<pid>/smaps_rollup),
 * and `rss` (the plain sum of resident sizes, which counts a page shared by ten processes
 * ten times: a headless Chromium's dozen processes share most of their pages).
 */
export function treeMemory(pid) {
  let pss = 0
  let rss = 0
  for (const p of processTree(pid)) {
    try {
      const r = Number(readFileSync(`/proc/${p}/statm`, 'utf8').split(' ')[1]) * PAGE
      rss += r
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))
      pss += m ? Number(m[1]) * 1024 : r
    } catch {
      // the process ended since the tree was read: it holds no memory to count
    }
  }
  return { pss, rss }
}

/**
 * Sample a process tree's memory until stopped. `pss`: also its proportional set size,
 * the figure the memory target is read from; without it only the plain sum of resident
 * sizes (/proc/<pid>/statm) is read, which costs the build nothing. reading smaps_rollup
 * walks each process's page tables under its memory lock, so sampled every 50 ms over a
 * build's dozen processes it slows the very build it measures (BENCHMARKS.md, 2026-12-03):
 * builds that are timed are sampled without it (see runTracked).
 */
export function memorySampler(pid, { everyMs = 50, pss: withPss = false } = {}) {
  let peak = 0
  let peakRssSum = 0
  let tree = [pid]
  let treeAt = 0
  const tick = () => {
    // the tree (a read per thread of every process) changes seldom: looked at twice a second
    const now = performance.now()
    if (now - treeAt > 500) {
      tree = processTree(pid)
      treeAt = now
    }
    if (withPss) {
      const m = treeMemory(pid)
      peak = Math.max(peak, m.pss)
      peakRssSum = Math.max(peakRssSum, m.rss)
      return
    }
    let rss = 0
    for (const p of tree) {
      try {
        rss += Number(readFileSync(`/proc/${p}/statm`, 'utf8').split(' ')[1]) * PAGE
      } catch {
        // the process ended since the tree was read: it holds no memory to count
      }
    }
    peakRssSum = Math.max(peakRssSum, rss)
  }
  tick()
  const timer = setInterval(tick, everyMs)
  return {
    stop() {
      clearInterval(timer)
      return withPss ? peak : undefined
    },
    /** the peak PSS (undefined unless sampled with `pss`) */
    get peak() {
      return withPss ? peak : undefined
    },
    get peakRssSum() {
      return peakRssSum
    },
  }
}

/**
 * Run a command to its end, timing it and sampling the memory of its process tree (its
 * PSS too with `pss`, which slows the command: see memorySampler).
 * Output is kept (the last 64 KiB of each stream) for a failure message.
 */
export function runTracked(cmd, args, { cwd, env, quiet = true, pss = false } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    const sampler = memorySampler(child.pid, { pss })
    let stdout = ''
    let stderr = ''
    const keep = (s, chunk) => (s + chunk).slice(-65536)
    child.stdout.on('data', (c) => {
      stdout = keep(stdout, c)
      if (!quiet) process.stdout.write(c)
    })
    child.stderr.on('data', (c) => {
      stderr = keep(stderr, c)
      if (!quiet) process.stderr.write(c)
    })
    child.on('error', reject)
    child.on('close', (code) => {
      const ms = performance.now() - started
      const peakRss = sampler.stop()
      resolve({ code, ms, peakRss, peakRssSum: sampler.peakRssSum, stdout, stderr })
    })
  })
}

/** file count, total bytes and bytes on disk (4 KiB blocks) of a folder */
export async function folderStats(dir, keep = () => true) {
  let files = 0
  let bytes = 0
  let disk = 0
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  await Promise.all(
    entries
      .filter((e) => e.isFile() && keep(e.name))
      .map(async (e) => {
        const s = await stat(join(e.parentPath, e.name))
        files++
        bytes += s.size
        disk += s.blocks * 512
      }),
  )
  return { files, bytes, disk }
}

export function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b)
  if (!v.length) return NaN
  const mid = v.length >> 1
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2
}

/** the spread of runs, for noting how noisy a median is */
export function spread(values) {
  const v = values.filter((x) => Number.isFinite(x))
  return v.length ? { min: Math.min(...v), max: Math.max(...v) } : { min: NaN, max: NaN }
}

export const KiB = 1024
export const MiB = 1024 * 1024
export const GiB = 1024 * 1024 * 1024

export const fmt = {
  ms: (v) => (Number.isFinite(v) ? (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`) : '–'),
  s: (v) => (Number.isFinite(v) ? `${(v / 1000).toFixed(1)} s` : '–'),
  bytes: (v) => {
    if (!Number.isFinite(v)) return '–'
    if (v >= GiB) return `${(v / GiB).toFixed(2)} GiB`
    if (v >= MiB) return `${(v / MiB).toFixed(1)} MiB`
    if (v >= KiB) return `${(v / KiB).toFixed(1)} KiB`
    return `${v} B`
  },
  int: (v) => (Number.isFinite(v) ? v.toLocaleString('en-US') : '–'),
}

/** load average (1, 5, 15 min), to note how busy the machine was */
export function loadAverage() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number)
  } catch {
    // not linux: the results carry no load average
    return []
  }
}
