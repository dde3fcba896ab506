// a build's articles with their photos kept in the site (the lead image's file and the
// body's), found and recorded by a PhotoSet once every body is rendered (see
// ContentLoader.usePhotos): what is wrong with them joins the content's problems.
import type { Content } from '../../content/types.ts'
import type { PhotoSet } from './photoSet.ts'
import { mapLimited } from '../../utils/limited.ts'

/** photo files read at once: each a read and a hash of a few hundred kilobytes, on libuv's threads */
const PHOTO_READS = 8

/** the articles with their photos, new objects: the loader's entries keep what the files gave */
export async function withPhotos<C extends Omit<Content, 'estimated'>>(content: C, photos: PhotoSet): Promise<C> {
  const found = await mapLimited(content.articles, PHOTO_READS, (a) => photos.photoFor(a))
  const problems = [...content.problems, ...found.flatMap((f) => f.problems)]
  const articles = content.articles.map((a, i) => {
    const { photos: list, image } = found[i]
    return list.length || image !== a.image ? { ...a, photos: list, image } : a
  })
  return { ...content, articles, problems }
}
