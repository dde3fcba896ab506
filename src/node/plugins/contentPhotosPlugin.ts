// the photos kept in the site (build/images/): a build's articles get theirs as the content
// is read (the loader's usePhotos), their variants are made alongside the client build, the
// server build and the prerendering, and once the pages are written the build waits for the
// last of them and copies them into the site's _images/; a photo that could not be made fails
// the build there, naming every article using it. the dev server makes a variant when a page
// first asks for it.
import type { Plugin } from 'vite'
import { PhotoFailed } from '../build/images/photoProblems.ts'
import { PhotoSet, type PhotoSetOptions } from '../build/images/photoSet.ts'
import { servePhoto } from '../build/images/servePhotos.ts'
import { VARIANTS_DIR } from '../build/images/settings.ts'
import { readBuild } from '../build/bridge.ts'
import { buildRecord } from '../build/incremental/record.ts'
import { photoPath } from '../build/incremental/outputKeys.ts'
import { formatProblems } from '../content/problems.ts'
import { firstLine, type ContentContext } from './contentContext.ts'

/** The photo set of this project's content, public/ and variants' folder. */
export function photoSetOf(ctx: ContentContext, make: PhotoSetOptions['make']): PhotoSet {
  const { root, publicDir } = ctx.config
  return new PhotoSet(
    { root, contentDir: ctx.contentDir(), publicDir: publicDir || `${root}/public` },
    ctx.variantsDir(),
    { make, readsFile: ctx.cacheFile('photo-reads.json') },
  )
}

const seconds = (ms: number) => (ms / 1000).toFixed(1)

export function contentPhotosPlugin(ctx: ContentContext): Plugin {
  return {
    name: 'news:content-photos',
    enforce: 'pre',

    buildStart() {
      // before the content is read (contentBuildPlugin comes after this plugin): the loader
      // finds each article's photos as it reads them. once, by the client build: the server
      // build shares the loader, and so the photos
      if (ctx.isBuild && !ctx.config.build.ssr) ctx.loader.usePhotos(photoSetOf(ctx, 'all'))
    },

    configureServer(server) {
      ctx.loader.usePhotos(photoSetOf(ctx, 'on-request'))
      server.middlewares.use((req, res, next) => {
        servePhoto(ctx.loader.photos!, ctx.config.base, req, res).then(
          (answered) => answered || next(),
          (err: unknown) => {
            // a request for a photo fails alone, never the server; a photo that cannot be
            // made is named with the articles using it, as the build would name it
            if (err instanceof PhotoFailed)
              server.config.logger.warn(
                `\n${formatProblems(err.problems)}\n(the dev server goes on without this photo)\n`,
              )
            else
              server.config.logger.error(
                `[news:photos] ${(req.url ?? '').slice(0, 200)} could not be served: ${firstLine(err)}`,
              )
            if (!res.headersSent) res.statusCode = 500
            res.end('this photo could not be made: see the terminal')
          },
        )
      })
    },

    async closeBundle(error?: Error) {
      const photos = ctx.loader.photos
      // the server build's end, the pages written: the variants are awaited and published
      if (!ctx.isBuild || !ctx.config.build.ssr || !photos || error) return
      const waiting = performance.now()
      const problems = await photos.finish()
      if (problems.length)
        throw new Error(`content/ has problems; fix them and build again:\n${formatProblems(problems)}`)
      const waited = performance.now() - waiting
      const writing = performance.now()
      await photos.writeTo(readBuild().outDir)
      // (a name is its bytes: the key is the name)
      const record = buildRecord()
      for (const name of photos.publishedNames()) record.files.set(photoPath(name), name)
      const s = photos.stats
      ctx.config.logger.info(
        `[news:photos] ${s.photos} photos: ${s.made} variants made in ${seconds(s.makeWallMs)} s ` +
          `(${photos.jobs} at a time, ${(s.madePhotos ? s.makeMs / s.madePhotos / 1000 : 0).toFixed(2)} s of work a photo made), ` +
          `${s.reused} from ${VARIANTS_DIR}/; ${s.written} files (${(s.writtenBytes / 2 ** 20).toFixed(1)} MiB) written in ${seconds(performance.now() - writing)} s; ` +
          `read in ${seconds(s.readMs)} s of work; the build waited ${seconds(waited)} s for them after its pages`,
      )
      // (each is a quarter of a second of a core: made once, when the photo is added, not by every build)
      if (s.made)
        ctx.config.logger.info(
          `[news:photos] ${VARIANTS_DIR}/ has ${s.made} new variants: commit it with the articles (or keep it between CI runs), ` +
            'and the next build makes none of them again (npm run photos makes them without building)',
        )
    },
  }
}
