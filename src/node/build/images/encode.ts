// what sharp does with a photo: read its size, and make one variant of it. sharp (libvips)
// decodes only as much of a JPEG as a smaller size needs (shrink-on-load), and runs each job
// on a thread of libuv's pool, so this thread stays free while a photo is made.
import { createHash } from 'node:crypto'
import sharp from 'sharp'
import type { VariantFormat } from '../../../shared/photos/photos.ts'
import { ENCODERS, SETTINGS_KEY } from './settings.ts'

// one libvips thread per photo: the build runs a few photos at a time instead (one per core),
// which keeps every core busy without each photo's threads waiting on the others. and no
// operation cache: a build reads each photo once, so caching decoded images only holds memory
sharp.concurrency(1)
sharp.cache(false)

/** What reading a photo's header tells. */
export interface PhotoInfo {
  /** 16 hex digits of a hash of its bytes and the variant settings (SETTINGS_KEY) */
  id: string
  /** as shown, EXIF rotation applied */
  width: number
  height: number
}

/** the id of a photo: its bytes and the settings its variants are made with */
export function photoId(bytes: Uint8Array): string {
  return createHash('sha256').update(SETTINGS_KEY).update('\0').update(bytes).digest('hex').slice(0, 16)
}

/**
 * A photo's id and size, from its bytes. Throws when the bytes are not an image sharp reads;
 * a file cut short may only show as it is decoded (makeVariant).
 */
export async function readPhotoInfo(bytes: Uint8Array): Promise<PhotoInfo> {
  const meta = await sharp(bytes).metadata()
  // EXIF orientations 5 to 8 turn the picture a quarter: its width is the stored height
  const turned = (meta.orientation ?? 1) >= 5
  const width = turned ? meta.height : meta.width
  const height = turned ? meta.width : meta.height
  if (!width || !height) throw new Error('it has no size')
  return { id: photoId(bytes), width, height }
}

/**
 * One variant: the photo turned as its EXIF says, `width` pixels wide (never wider than the
 * original), in `format`, without its metadata (a camera's EXIF can hold where a photo was
 * taken). 'jpeg' is the copy a photo beside an article is served as (COPY_WIDTH), on white
 * where it was transparent. Throws when the photo cannot be decoded.
 */
export async function makeVariant(bytes: Uint8Array, width: number, format: VariantFormat | 'jpeg'): Promise<Buffer> {
  try {
    return await encodeVariant(bytes, width, format)
  } catch (err) {
    // sharp reads why from libvips' one error buffer, which every metadata() clears when it
    // ends, on whichever thread it ran: a photo's header read while another photo fails to
    // decode (readPhotoInfo runs beside the making) can leave that failure as 'Unknown
    // error'. a photo that cannot be decoded fails again, and this time says why
    if (!/^Unknown error/.test((err as Error)?.message ?? '')) throw err
    return encodeVariant(bytes, width, format)
  }
}

function encodeVariant(bytes: Uint8Array, width: number, format: VariantFormat | 'jpeg'): Promise<Buffer> {
  const pipeline = sharp(bytes, { failOn: 'error' }).rotate().resize({ width, withoutEnlargement: true })
  if (format === 'jpeg') return pipeline.flatten({ background: '#ffffff' }).jpeg(ENCODERS.jpeg).toBuffer()
  return format === 'avif' ? pipeline.avif(ENCODERS.avif).toBuffer() : pipeline.webp(ENCODERS.webp).toBuffer()
}
