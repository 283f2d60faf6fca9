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
  const at = (offset: number, ...expected: number[]) =>
    expected.every((byte, i) => bytes[offset + i] === byte)
  const ascii = (offset: number, text: string) =>
    at(offset, ...Array.from(text, (char) => char.charCodeAt(0)))

  if (at(0, 0xff, 0xd8, 0xff)) return { type: 'image', mime: 'image/jpeg', extension: 'jpg' }
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) {
    return { type: 'image', mime: 'image/png', extension: 'png' }
  }
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) {
    return { type: 'image', mime: 'image/webp', extension: 'webp' }
  }
  if (ascii(0, 'RIFF') && ascii(8, 'WAVE')) {
    return { type: 'audio', mime: 'audio/wav', extension: 'wav' }
  }
  if (ascii(4, 'ftyp')) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12))
    if (brand === 'M4A ' || brand === 'M4B ') {
      return { type: 'audio', mime: 'audio/mp4', extension: 'm4a' }
    }
    if (brand === 'qt  ') return { type: 'video', mime: 'video/quicktime', extension: 'mov' }
    if (/^[\w ]{4}$/.test(brand)) return { type: 'video', mime: 'video/mp4', extension: 'mp4' }
    return null
  }
  if (at(0, 0x1a, 0x45, 0xdf, 0xa3)) {
    // EBML: WebM and Matroska share it; only the DocType tells them apart.
    const head = String.fromCharCode(...bytes.subarray(0, SNIFF_BYTES))
    return head.includes('webm') ? { type: 'video', mime: 'video/webm', extension: 'webm' } : null
  }
  if (ascii(0, 'ID3')) return { type: 'audio', mime: 'audio/mpeg', extension: 'mp3' }
  const second = bytes[1] ?? 0
  // An MPEG audio frame: 11 sync bits, then a version and a layer that are not "reserved".
  if (bytes[0] === 0xff && (second & 0xe0) === 0xe0 && (second & 0x18) !== 0x08) {
    if ((second & 0x06) !== 0) return { type: 'audio', mime: 'audio/mpeg', extension: 'mp3' }
  }
  return null
}
