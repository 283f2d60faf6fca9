import type { AssetType } from './asset.ts'

/**
 * What a file really is, judged from its first bytes rather than its name or declared type.
 *
 * @example
 * ```ts
 * const media = sniffMedia(new Uint8Array(await file.slice(0, 64).arrayBuffer()))
 * if (media?.type !== 'image') reject()
 * ```
 */
export interface SniffedMedia {
  type: AssetType
  /** The IANA media type, e.g. `image/png`. */
  mime: string
  /** A conventional file extension without the dot, e.g. `png`. */
  extension: string
}

/**
 * The media types Likeness accepts for portrait assets: JPEG, PNG, WebP, HEIC and HEIF images;
 * MP4, QuickTime and WebM videos; MP3, WAV and M4A audio.
 *
 * @example
 * ```ts
 * ACCEPTED_MEDIA_TYPES.includes(file.type)
 * ```
 */
export const ACCEPTED_MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
  'video/mp4',
  'video/quicktime',
  'video/webm',
  'audio/mpeg',
  'audio/wav',
  'audio/mp4',
] as const

/**
 * How many leading bytes {@link sniffMedia} needs to decide. An MP4, QuickTime or HEIF file is
 * judged on its whole `ftyp` box, whose list of compatible brands may reveal an AVIF image;
 * real boxes hold a handful of brands (24 to 40 bytes), and 256 bytes leave room for 60.
 */
export const SNIFF_BYTES = 256

/**
 * Recognises an accepted media file from its leading bytes (pass at least
 * {@link SNIFF_BYTES}). Returns `null` for anything else, including formats we do not accept
 * (GIF, AVIF, Matroska, text) and ISO media files of a brand not listed below. Works the same
 * in browsers and servers.
 *
 * ISO media files (MP4, QuickTime, M4A, HEIF) are told apart by the major brand of their
 * `ftyp` box, read whole (a box longer than the bytes given is refused): `heic`, `heix`,
 * `hevc`, `hevx`, `heim`, `heis`, `hevm`, `hevs` are HEIC images; `mif1`, `msf1` HEIF images;
 * `qt  ` QuickTime; `M4A `, `M4B ` M4A audio; `isom`, `iso2` to `iso6`, `mp41`, `mp42`,
 * `avc1`, `M4V `, `dash`, `mmp4`, `MSNV` MP4 video. An `avif` or `avis` brand anywhere in the
 * box refuses the file: AVIF is a HEIF that EasyRouter does not accept.
 *
 * @example
 * ```ts
 * sniffMedia(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0)) // { type: 'image', mime: 'image/jpeg', extension: 'jpg' }
 * ```
 */
export function sniffMedia(bytes: Uint8Array): SniffedMedia | null {
  // The bytes as Latin-1 text, so each signature below is a pattern over bytes.
  const head = String.fromCharCode(...bytes.subarray(0, SNIFF_BYTES))
  if (head.slice(4, 8) === 'ftyp' && !isJudgeableFtyp(bytes, head)) return null
  const [, type, extension, subtype = extension] =
    SIGNATURES.find(([pattern]) => pattern.test(head)) ?? []
  return type && extension ? { type, mime: `${type}/${subtype}`, extension } : null
}

// Tried in order; the first match decides, and one without a kind refuses the file. Each
// gives the kind, the extension, and the media subtype when it is not the extension.
// `[^]` is any byte.
/* eslint-disable no-control-regex -- binary signatures hold control bytes */
const SIGNATURES: [pattern: RegExp, type?: AssetType, extension?: string, subtype?: string][] = [
  [/^\xff\xd8\xff/, 'image', 'jpg', 'jpeg'],
  [/^\x89PNG\r\n\x1a\n/, 'image', 'png'],
  [/^RIFF[^]{4}WEBP/, 'image', 'webp'],
  [/^RIFF[^]{4}WAVE/, 'audio', 'wav'],
  // ISO media (`ftyp` box), by major brand: HEIC (heic, heix, heim, heis, hevc, hevx, hevm,
  // hevs), HEIF (mif1, msf1), M4A, QuickTime, MP4 (isom, iso2 to iso6, mp41, mp42, avc1,
  // M4V, dash, mmp4, MSNV). Any other brand is refused.
  [/^[^]{4}ftyphe[iv][cxms]/, 'image', 'heic'],
  [/^[^]{4}ftypm[is]f1/, 'image', 'heif'],
  [/^[^]{4}ftypM4[AB] /, 'audio', 'm4a', 'mp4'],
  [/^[^]{4}ftypqt {2}/, 'video', 'mov', 'quicktime'],
  [/^[^]{4}ftyp(iso[m2-6]|mp4[12]|avc1|M4V |dash|mmp4|MSNV)/, 'video', 'mp4'],
  [/^[^]{4}ftyp/],
  // EBML: WebM and Matroska share it; only the DocType, within the first 64 bytes, tells them
  // apart (Matroska matches nothing here).
  [/^\x1a\x45\xdf\xa3[^]{0,56}webm/, 'video', 'webm'],
  // An ID3 tag, or an MPEG audio frame: 11 sync bits, then a version and a layer that are not
  // "reserved" (version bits 01, layer bits 00).
  [/^(ID3|\xff[\xe2-\xe7\xf2-\xf7\xfa-\xff])/, 'audio', 'mp3', 'mpeg'],
]
/* eslint-enable no-control-regex */

// An ISO media file opens with its `ftyp` box: its size (4 bytes, big-endian), `ftyp`, the
// major brand, a minor version (4 bytes), then compatible brands up to the box's end. The file
// is judged only when the whole box is in view and no brand in it says AVIF (a HEIF that
// EasyRouter does not accept, often under a `mif1` major brand).
function isJudgeableFtyp(bytes: Uint8Array, head: string): boolean {
  const size = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0)
  const compatible = head.slice(16, size)
  return size >= 16 && size <= head.length && !/^([^]{4})*avi[fs]/.test(compatible)
}
