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
 * The media types Likeness accepts for portrait assets: JPEG, PNG, WebP images; MP4, QuickTime
 * and WebM videos; MP3, WAV and M4A audio.
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
  'video/mp4',
  'video/quicktime',
  'video/webm',
  'audio/mpeg',
  'audio/wav',
  'audio/mp4',
] as const

/** How many leading bytes {@link sniffMedia} needs to decide. */
export const SNIFF_BYTES = 64

/**
 * Recognises an accepted media file from its leading bytes (pass at least
 * {@link SNIFF_BYTES}). Returns `null` for anything else, including formats we do not accept
 * (GIF, Matroska, text). Works the same in browsers and servers.
 *
 * @example
 * ```ts
 * sniffMedia(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0)) // { type: 'image', mime: 'image/jpeg', extension: 'jpg' }
 * ```
 */
export function sniffMedia(bytes: Uint8Array): SniffedMedia | null {
  // The bytes as Latin-1 text, so each signature below is a pattern over bytes.
  const head = String.fromCharCode(...bytes.subarray(0, SNIFF_BYTES))
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
  // ISO media (`ftyp` box): the brand tells audio, QuickTime and MP4 apart.
  [/^[^]{4}ftypM4[AB] /, 'audio', 'm4a', 'mp4'],
  [/^[^]{4}ftypqt {2}/, 'video', 'mov', 'quicktime'],
  [/^[^]{4}ftyp[\w ]{4}/, 'video', 'mp4'],
  [/^[^]{4}ftyp/],
  // EBML: WebM and Matroska share it; only the DocType tells them apart (Matroska matches
  // nothing here).
  [/^\x1a\x45\xdf\xa3[^]*webm/, 'video', 'webm'],
  // An ID3 tag, or an MPEG audio frame: 11 sync bits, then a version and a layer that are not
  // "reserved" (version bits 01, layer bits 00).
  [/^(ID3|\xff[\xe2-\xe7\xf2-\xf7\xfa-\xff])/, 'audio', 'mp3', 'mpeg'],
]
/* eslint-enable no-control-regex */
