// a throwaway copy of the project, so each test builds or serves its own content without
// touching the repository: vite-ssg always writes <root>/.vite-ssg-temp and <root>/dist,
// so two builds in one folder take turns (see src/node/plugins/atomicBuild.ts).
//
// usage:
//   const project = await makeProject({ content: { 'a.md': '---\ntitle: 가\n---\n본문' } })
//   try {
//     const dist = await project.build('/news/')      // runs the real `vite-ssg build`
//     const dev = await project.dev()                  // a real `vite` dev server
//     await project.writeContent('b.md', '...')        // the dev server picks it up
//     await dev.close()
//   } finally {
//     await project.cleanup()
//   }
import { spawn, type ChildProcess } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository this harness belongs to. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** What a temp project is made of, besides content/ and node_modules/. */
const PROJECT_FILES = [
  'index.html',
  'vite.config.ts',
  'site.config.ts',
  'tsconfig.json',
  'package.json',
  'public',
  'src',
  // npm run build: the incremental build, or vite-ssg's full one
  'scripts/build.mjs',
]

// node_modules entries that are caches of one checkout and must not be shared
const PRIVATE_MODULE_DIRS = new Set(['.vite', '.vite-ssg-temp', '.cache', '.tmp'])

export interface MakeProjectOptions {
  /**
   * The articles: a folder to copy as content/, or file names (relative, may hold '/')
   * mapped to their text or bytes. Default: a copy of the repository's content/.
   */
  content?: string | Record<string, string | Uint8Array>
  /** extra environment for builds and the dev server (e.g. SITE_URL) */
  env?: Record<string, string>
  /**
   * the header's sections in site.config.ts (null: none, so the header names the biggest
   * categories); default: the repository's
   */
  sections?: string[] | null
}

export interface DevServer {
  /** e.g. http://127.0.0.1:41234/ (with the base, when one was given) */
  url: string
  /** everything the server printed so far (stdout and stderr, without colours) */
  output(): string
  /** waits until the output matches, or throws after `timeout` ms */
  waitForOutput(pattern: RegExp, timeout?: number): Promise<void>
  close(): Promise<void>
}

/** A build running in the background (see TempProject.startBuild). */
export interface RunningBuild {
  child: ChildProcess
  /** everything the build printed so far (stdout and stderr, without colours) */
  output(): string
  /** resolves to the exit code (null when a signal ended it) */
  done: Promise<number | null>
}

export interface TempProject {
  root: string
  contentDir: string
  /** runs `vite-ssg build --base <base>` in the temp root; resolves to the dist folder, rejects with the build's output */
  build(base?: string): Promise<string>
  /** starts `vite-ssg build --base <base>` in the temp root and returns at once (`env`: more environment for it) */
  startBuild(base?: string, env?: Record<string, string>): RunningBuild
  /** starts `npm run build -- <args>` (scripts/build.mjs: incremental when it can be) in the temp root and returns at once */
  startPublish(args?: string[], env?: Record<string, string>): RunningBuild
  /** runs `npm run build -- <args>` to its end: its exit code and output */
  publish(args?: string[], env?: Record<string, string>): Promise<{ code: number | null; output: string }>
  /** starts `vite` (dev) in the temp root on 127.0.0.1 and an ephemeral port */
  dev(options?: { base?: string }): Promise<DevServer>
  /** writes content/<name> (folders created as needed) */
  writeContent(name: string, text: string | Uint8Array): Promise<void>
  /** removes content/<name> */
  removeContent(name: string): Promise<void>
  /** stops any dev server still running and removes the temp folder */
  cleanup(): Promise<void>
}

const BUILD_TIMEOUT = 180_000
const DEV_START_TIMEOUT = 60_000

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g

export async function makeProject(options: MakeProjectOptions = {}): Promise<TempProject> {
  const root = await mkdtemp(join(tmpdir(), 'hangul-news-test-'))
  const contentDir = join(root, 'content')
  const servers = new Set<ChildProcess>()

  for (const name of PROJECT_FILES) {
    await mkdir(dirname(join(root, name)), { recursive: true })
    await cp(join(REPO_ROOT, name), join(root, name), { recursive: true })
  }
  if (options.sections !== undefined) {
    const file = join(root, 'site.config.ts')
    const text = await readFile(file, 'utf8')
    const line = /^\s*sections: \[.*\],\n/m
    if (!line.test(text)) throw new Error('site.config.ts has no sections line to replace')
    const sections = options.sections === null ? '' : `  sections: ${JSON.stringify(options.sections)},\n`
    await writeFile(file, text.replace(line, sections))
  }
  // one symlink per package rather than one for the folder, so vite's dep cache
  // (node_modules/.vite) is this project's own and not the repository's
  await mkdir(join(root, 'node_modules'))
  for (const entry of await readdir(join(REPO_ROOT, 'node_modules'))) {
    if (PRIVATE_MODULE_DIRS.has(entry)) continue
    await symlink(join(REPO_ROOT, 'node_modules', entry), join(root, 'node_modules', entry))
  }

  const content = options.content ?? join(REPO_ROOT, 'content')
  if (typeof content === 'string') {
    await cp(content, contentDir, { recursive: true })
  } else {
    await mkdir(contentDir, { recursive: true })
    for (const [name, text] of Object.entries(content)) await writeInto(contentDir, name, text)
  }

  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, FORCE_COLOR: '0', NO_COLOR: '1' }
  // vitest sets these for its own workers; a child vite must not think it is under test
  delete env.VITEST
  delete env.VITEST_MODE
  delete env.VITEST_POOL_ID
  delete env.VITEST_WORKER_ID
  delete env.TEST
  delete env.NODE_ENV

  async function build(base = '/'): Promise<string> {
    const bin = join(root, 'node_modules/vite-ssg/bin/vite-ssg.js')
    const child = spawn(process.execPath, [bin, 'build', '--base', base], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT)
    const code = await new Promise<number | null>((done, fail) => {
      child.on('error', fail)
      child.on('close', (c) => done(c))
    }).finally(() => clearTimeout(timer))
    if (code !== 0) {
      throw new Error(`vite-ssg build --base ${base} failed (exit ${code}) in ${root}:\n${out.replace(ANSI, '')}`)
    }
    return join(root, 'dist')
  }

  function startBuild(base = '/', extra: Record<string, string> = {}): RunningBuild {
    return start([join(root, 'node_modules/vite-ssg/bin/vite-ssg.js'), 'build', '--base', base], extra)
  }

  function startPublish(args: string[] = [], extra: Record<string, string> = {}): RunningBuild {
    return start([join(root, 'scripts/build.mjs'), ...args], extra)
  }

  async function publish(args: string[] = [], extra: Record<string, string> = {}) {
    const run = startPublish(args, extra)
    const code = await run.done
    return { code, output: run.output() }
  }

  function start(args: string[], extra: Record<string, string>): RunningBuild {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...env, ...extra },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    servers.add(child)
    let out = ''
    child.stdout!.on('data', (d) => (out += d.toString().replace(ANSI, '')))
    child.stderr!.on('data', (d) => (out += d.toString().replace(ANSI, '')))
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT)
    const done = new Promise<number | null>((resolve, fail) => {
      child.on('error', fail)
      child.on('close', (code) => resolve(code))
    }).finally(() => {
      clearTimeout(timer)
      servers.delete(child)
    })
    return { child, output: () => out, done }
  }

  async function dev({ base = '/' } = {}): Promise<DevServer> {
    const bin = join(root, 'node_modules/vite/bin/vite.js')
    const args = [bin, '--host', '127.0.0.1', '--port', '0', '--strictPort', '--clearScreen', 'false', '--base', base]
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
    servers.add(child)
    let out = ''
    const waiters = new Set<() => void>()
    const onData = (d: Buffer) => {
      out += d.toString().replace(ANSI, '')
      for (const w of waiters) w()
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    const exited = new Promise<void>((done) =>
      child.on('exit', () => {
        servers.delete(child)
        for (const w of waiters) w()
        done()
      }),
    )

    const waitForOutput = (pattern: RegExp, timeout = 10_000) =>
      new Promise<void>((done, fail) => {
        const check = () => {
          if (pattern.test(out)) return finish(done)
          if (child.exitCode !== null || child.signalCode !== null)
            finish(() => fail(new Error(`the dev server exited before printing ${pattern}:\n${out}`)))
        }
        const timer = setTimeout(
          () => finish(() => fail(new Error(`the dev server did not print ${pattern} within ${timeout} ms:\n${out}`))),
          timeout,
        )
        const finish = (f: () => void) => {
          clearTimeout(timer)
          waiters.delete(check)
          f()
        }
        waiters.add(check)
        check()
      })

    const close = async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(killer)
    }

    try {
      await waitForOutput(/Local:\s+http:\/\/127\.0\.0\.1:\d+/, DEV_START_TIMEOUT)
    } catch (err) {
      await close()
      throw err
    }
    const port = /Local:\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(out)![1]
    return { url: `http://127.0.0.1:${port}${base}`, output: () => out, waitForOutput, close }
  }

  return {
    root,
    contentDir,
    build,
    startBuild,
    startPublish,
    publish,
    dev,
    writeContent: (name, text) => writeInto(contentDir, name, text),
    removeContent: (name) => rm(join(contentDir, name), { force: true }),
    async cleanup() {
      await Promise.all(
        [...servers].map(
          (child) =>
            new Promise<void>((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done()
              child.once('exit', () => done())
              child.kill('SIGKILL')
            }),
        ),
      )
      await rm(root, { recursive: true, force: true })
    },
  }
}

async function writeInto(dir: string, name: string, text: string | Uint8Array): Promise<void> {
  const path = join(dir, name)
  if (!path.startsWith(dir + '/')) throw new Error(`content name escapes content/: ${name}`)
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, text)
}
