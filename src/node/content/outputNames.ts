// the folder names an article's slug and its categories' slugs become in dist/: which ones
// a common file system cannot hold, and which two are one folder on a disk that ignores
// case or Unicode normalisation.
import { MAX_NAME_BYTES } from '../../shared/limits.ts'

/**
 * Device names Windows reserves in every folder, in any case and with or without an
 * extension: no file or folder can have them there (superscript digits count as digits).
 */
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(?:\.|$)/i

/**
 * Why a slug cannot be a folder name on every host, as the end of a sentence ("the slug
 * "x" ..."), or undefined when it can.
 */
export function nameProblem(slug: string): string | undefined {
  const bytes = utf8Length(slug)
  if (bytes > MAX_NAME_BYTES) {
    return `is ${bytes.toLocaleString('en-US')} bytes long in UTF-8 (a Hangul syllable takes 3), more than the ${MAX_NAME_BYTES} a folder name in the site may have`
  }
  if (WINDOWS_RESERVED.test(slug)) return 'is a device name Windows reserves (CON, PRN, AUX, NUL, COM1-9, LPT1-9), so no folder there can have it'
  return undefined
}

/**
 * The name a case-insensitive or normalising file system (macOS's APFS and HFS+, Windows'
 * NTFS, exFAT, many sync tools) files a folder under: two slugs with one key are one folder
 * there, and one article would overwrite the other. JavaScript has no Unicode case folding;
 * lower, then upper, then lower case again comes close to full folding. Upper case merges
 * the letters that fold together (ς and σ both become Σ, ſ becomes S, the Kelvin sign K),
 * and lowering first turns a capital sharp s (ẞ) into ß, so that it becomes SS as ß does.
 * It merges a few names full folding keeps apart (the dotless ı with i): that only refuses
 * a pair of names a reader could not tell apart anyway. NFC before and after, since the
 * case mappings can decompose a letter (İ becomes i and a combining dot) and HFS+ keeps
 * names decomposed: canonically equal names must have one key.
 */
export function foldName(slug: string): string {
  return slug.normalize('NFC').toLowerCase().toUpperCase().toLowerCase().normalize('NFC')
}

/** bytes of a string in UTF-8, counted without encoding it */
function utf8Length(s: string): number {
  let bytes = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    // a surrogate pair is one 4-byte character; a lone surrogate would be written as U+FFFD, 3 bytes
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}
