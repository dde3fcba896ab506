// the photos of a build: for each article, its images kept in the site found, read and
// recorded (photoFor), and their variants made in the background, a few photos at a time,
// while the rest of the build goes on (the cache supplies what earlier builds made), then
// written into the site (writeTo). every problem names the article and the line that names
// the image, as the build's other problems do: a missing file, an address that leaves its
// folder, a file that is not a photo or is cut short.
import { availableParallelism } from 'node:os'
import { mkdir, readFile, stat } from 'node:fs/promises'
import { join, relative, resolve, sep } from 'node:path'
import type { Photo, Problem } from '../../../shared/types.ts'
import { COPY_WIDTH, IMAGES_DIR, variantWidths, type VariantFormat } from '../../../shared/photos/photos.ts'
import { imageSources } from '../../../shared/photos/photoHtml.ts'
import { truncate } from '../../content/problems.ts'
import { locateImage, shownPath, type PhotoFolders } from './locate.ts'
import { makeVariant, readPhotoInfo, type PhotoInfo } from './encode.ts'
import { PhotoCache } from './photoCache.ts'
import { imageProblem, PhotoFailed, unreadableWhy } from './photoProblems.ts'
import { PhotoReader } from './photoReader.ts'

/** What an article says about its images: the lead image and the sanitized body. */
export interface PhotoArticle {
  /** the article's file, relative to the project root */
  source: string
  /** the front matter's image ('' when none) */
  image: string
  html: string
}

/** An article's photos, its lead image's address on the site, and what is wrong with its images. */
export interface ArticlePhotos {
  photos: Photo[]
  /** the front matter's image, or where the site serves it when it is kept beside the article */
  image: string
  problems: Problem[]
}

export interface PhotoSetOptions {
  /** photos made at a time (HANGUL_IMAGE_JOBS, or one per core) */
  jobs?: number
  /**
   * when variants are made: 'all', as photos are recorded (a build); 'on-request', when
   * `file` asks for one (the dev server, which shows few of them); 'never' (`npm run check`,
   * which only reads the photos)
   */
  make?: 'all' | 'on-request' | 'never'
  /** where the reads of photo files are kept for the next build (PhotoReader); none: every build reads every photo */
  readsFile?: string
}

/** What a build's photos cost, for its log and the benchmark. */
export interface PhotoStats {
  /** different files */
  photos: number
  /** variants made by this build, and of how many photos */
  made: number
  madePhotos: number
  /** variants an earlier build made */
  reused: number
  /** time spent reading photos' headers and hashing their bytes, summed */
  readMs: number
  /** time from the first variant made to the last, and summed over the photos made */
  makeWallMs: number
  makeMs: number
  /** files written into the site, and their bytes */
  written: number
  writtenBytes: number
}

/** a photo file the build uses, and what it has to make of it */
interface Use {
  path: string
  info: PhotoInfo
  /** public/'s photos are published by vite as they are; one beside an article as the build's JPEG copy (COPY_WIDTH) */
  under: 'public' | 'content'
  formats: Set<VariantFormat>
  /** the articles naming it (and how): to name when it cannot be made */
  users: Array<{ source: string; src: string; lead: boolean }>
  /** its variants being made, or made */
  making?: Promise<void>
  /** why its variants could not be made: each article using it is named at finish() */
  failed?: unknown
}

/** photos made at a time unless HANGUL_IMAGE_JOBS says */
export function photoJobs(): number {
  const set = Number(process.env.HANGUL_IMAGE_JOBS)
  return Number.isInteger(set) && set > 0 ? set : Math.max(1, availableParallelism())
}

export class PhotoSet {
  readonly cache: PhotoCache
  private readonly reader: PhotoReader
  private readonly uses = new Map<string, Use>()
  /** photo files by id: what the site's _images/ holds, for writeTo and the dev server */
  private readonly byId = new Map<string, Use>()
  private readonly queue: Array<{ use: Use; done: () => void }> = []
  private running = 0
  /** photos made at a time */
  readonly jobs: number
  private readonly make: NonNullable<PhotoSetOptions['make']>
  private firstMade = 0
  private lastMade = 0
  readonly stats: PhotoStats = {
    photos: 0,
    made: 0,
    madePhotos: 0,
    reused: 0,
    readMs: 0,
    makeWallMs: 0,
    makeMs: 0,
    written: 0,
    writtenBytes: 0,
  }

  constructor(
    readonly folders: PhotoFolders,
    /** the variants' folder (VARIANTS_DIR under the project root) */
    variantsDir: string,
    { jobs = photoJobs(), make = 'all', readsFile }: PhotoSetOptions = {},
  ) {
    this.cache = new PhotoCache(variantsDir)
    this.jobs = jobs
    this.make = make
    this.reader = new PhotoReader(folders, this.stats, make === 'all' ? readsFile : undefined)
  }

  /**
   * The photos of one article, and its problems. Each photo's variants not in the cache are
   * queued to be made (finish() waits for them); a file named by many articles is read once.
   */
  async photoFor(article: PhotoArticle): Promise<ArticlePhotos> {
    if (this.make !== 'never') await this.cache.open()
    const file = resolve(this.folders.root, article.source)
    const refs = new Map<string, boolean>()
    if (article.image) refs.set(article.image, true)
    for (const src of imageSources(article.html)) if (!refs.has(src)) refs.set(src, false)

    const photos: Photo[] = []
    const problems: Problem[] = []
    let image = article.image
    for (const [src, lead] of refs) {
      const located = locateImage(src, file, this.folders)
      if (located.kind === 'left') continue
      if (located.kind === 'refused') {
        problems.push(
          await imageProblem(
            this.folders.root,
            article.source,
            src,
            lead,
            `the image "${truncate(src)}" ${located.why}`,
          ),
        )
        continue
      }
      const read = await this.reader.read(located.path, located.under)
      if ('why' in read) {
        const shown = shownPath(this.folders.root, located.path)
        problems.push(
          await imageProblem(
            this.folders.root,
            article.source,
            src,
            lead,
            `the image "${truncate(src)}" (${shown}) ${read.why}`,
          ),
        )
        continue
      }
      const use = this.use(located.path, located.under, read.info)
      use.users.push({ source: article.source, src, lead })
      use.formats.add('webp')
      if (lead) use.formats.add('avif')
      const original =
        located.under === 'public'
          ? `/${relative(this.folders.publicDir, located.path).split(sep).join('/')}`
          : `/${IMAGES_DIR}/${read.info.id}.jpg`
      if (lead) image = original
      photos.push({
        src,
        original,
        id: read.info.id,
        width: read.info.width,
        height: read.info.height,
        widths: variantWidths(read.info.width),
        avif: lead,
      })
      if (this.make === 'all') this.schedule(use)
    }
    return { photos, image, problems }
  }

  /** Wait for every variant queued; the problems of photos that could not be made (each naming the articles that use it). */
  async finish(): Promise<Problem[]> {
    for (;;) {
      const pending = [...this.uses.values()].map((u) => u.making).filter(Boolean)
      await Promise.all(pending)
      if (!this.queue.length && !this.running) break
    }
    this.stats.makeWallMs = this.lastMade - this.firstMade
    let used = 0
    for (const use of this.byId.values()) used += namesOf(use).length
    this.stats.reused = Math.max(0, used - this.stats.made)
    const problems: Problem[] = []
    for (const use of this.uses.values()) if (use.failed !== undefined) problems.push(...(await this.failures(use)))
    await this.reader.save()
    return problems
  }

  /** a photo that could not be made, as a problem of each article using it */
  private async failures(use: Use): Promise<Problem[]> {
    const shown = shownPath(this.folders.root, use.path)
    const named = new Set<string>()
    const problems: Problem[] = []
    for (const user of use.users) {
      const key = `${user.source}\0${user.src}`
      if (named.has(key)) continue
      named.add(key)
      problems.push(
        await imageProblem(
          this.folders.root,
          user.source,
          user.src,
          user.lead,
          `the image "${truncate(user.src)}" (${shown}) ${unreadableWhy(use.failed)}`,
        ),
      )
    }
    return problems
  }

  /** The files of the site's _images/ the photos used make: every variant, and the copies of those kept beside articles. Each name holds its photo's id, so one name is always the same bytes. */
  publishedNames(): string[] {
    return [...this.byId.values()].flatMap(namesOf)
  }

  /**
   * The files of the variants' folder that none of the photos recorded uses: once every
   * article is read, the variants of photos replaced or no longer named (`npm run photos -- --prune`).
   */
  async unused(): Promise<string[]> {
    await this.cache.open()
    const used = new Set(this.publishedNames())
    return this.cache.entries().filter((name) => !used.has(name))
  }

  /** Put the files of publishedNames (or only those of `names`) into `outDir`/_images/ (see PhotoCache.publish). */
  async writeTo(outDir: string, names: readonly string[] = this.publishedNames()): Promise<void> {
    const dir = join(outDir, IMAGES_DIR)
    if (!names.length) return
    await mkdir(dir, { recursive: true })
    // a few at a time: each is a call on libuv's threads
    let next = 0
    const worker = async () => {
      for (let i = next++; i < names.length; i = next++) {
        await this.cache.publish(names[i], join(dir, names[i]))
        // (read before it is added: `+=` around an await would add to a stale total)
        const { size } = await stat(join(dir, names[i]))
        this.stats.written++
        this.stats.writtenBytes += size
      }
    }
    await Promise.all(Array.from({ length: 8 }, worker))
  }

  /**
   * The file that holds `name` of the site's _images/ (a variant, made now if need be, or a
   * kept original); undefined when there is none. Throws PhotoFailed when the photo cannot
   * be made, naming the articles that use it.
   */
  async file(name: string): Promise<string | undefined> {
    const m = /^([0-9a-f]{16})(?:-\d{1,6}\.(webp|avif)|\.jpg)$/.exec(name)
    const use = m ? this.byId.get(m[1]) : undefined
    if (!m || !use || this.make === 'never') return undefined
    if (m[2]) use.formats.add(m[2] as VariantFormat)
    if (!namesOf(use).includes(name)) return undefined
    await this.cache.open()
    if (!this.cache.has(name)) {
      this.schedule(use, true)
      await use.making
    }
    if (use.failed !== undefined) throw new PhotoFailed(await this.failures(use))
    return this.cache.has(name) ? this.cache.path(name) : undefined
  }

  private use(path: string, under: 'public' | 'content', info: PhotoInfo): Use {
    let use = this.uses.get(path)
    if (!use || use.info.id !== info.id) {
      use = { path, info, under, formats: new Set(), users: [] }
      this.uses.set(path, use)
      if (!this.byId.has(info.id)) this.stats.photos++
      this.byId.set(info.id, use)
    }
    return use
  }

  /** queue a photo's missing variants to be made (`first`: ahead of the rest, for a dev server's request) */
  private schedule(use: Use, first = false): void {
    const missing = this.missing(use)
    if (!missing.length || use.failed !== undefined) return
    if (use.making) {
      // being made, perhaps without a format asked for since: make the rest after it
      use.making = use.making.then(() =>
        this.missing(use).length && use.failed === undefined ? this.enqueue(use, first) : undefined,
      )
      return
    }
    use.making = this.enqueue(use, first)
  }

  private missing(use: Use): string[] {
    return namesOf(use).filter((name) => !this.cache.has(name))
  }

  private enqueue(use: Use, first: boolean): Promise<void> {
    return new Promise<void>((done) => {
      if (first) this.queue.unshift({ use, done })
      else this.queue.push({ use, done })
      this.pump()
    })
  }

  private pump(): void {
    while (this.running < this.jobs && this.queue.length) {
      const { use, done } = this.queue.shift()!
      this.running++
      // a photo that cannot be made is named by finish(), with every article using it by then
      this.makeVariants(use)
        .catch((err: unknown) => (use.failed = err))
        .finally(() => {
          this.running--
          done()
          this.pump()
        })
    }
  }

  /** make a photo's missing variants, keeping each in the cache */
  private async makeVariants(use: Use): Promise<void> {
    const started = performance.now()
    if (!this.firstMade) this.firstMade = started
    const bytes = await readFile(use.path)
    const { id } = await readPhotoInfo(bytes)
    if (id !== use.info.id) throw new Error('the file changed while the site was built: build again')
    for (const name of this.missing(use)) {
      const [, w, format] = /-(\d+)\.(webp|avif)$/.exec(name) ?? ['', String(COPY_WIDTH), 'jpeg']
      await this.cache.write(name, await makeVariant(bytes, Number(w), format as VariantFormat | 'jpeg'))
      this.stats.made++
    }
    this.lastMade = performance.now()
    this.stats.makeMs += this.lastMade - started
    this.stats.madePhotos++
  }
}

/** the names of a photo's files in the site's _images/ (and the cache): its variants, and the copy of one beside an article */
function namesOf(use: Use): string[] {
  const names: string[] = []
  for (const format of use.formats)
    for (const w of variantWidths(use.info.width)) names.push(`${use.info.id}-${w}.${format}`)
  if (use.under === 'content') names.push(`${use.info.id}.jpg`)
  return names
}
