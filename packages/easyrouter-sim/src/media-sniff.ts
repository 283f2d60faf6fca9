/** The upstream's asset kinds, matching `asset_type`. */
export type MediaKind = 'Image' | 'Video' | 'Audio'

/** What a file really is, judged from its first bytes. */
export interface SniffedMedia {
  kind: MediaKind
  /** The MIME type the simulator serves the bytes with. */
  contentType: string
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length))
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((value, i) => bytes[offset + i] === value)
}

// ISO base media files (mp4, mov, m4a) open with a box `....ftyp` followed by a brand. Still
// image brands (HEIC, AVIF) share the container but are not formats we accept.
function sniffIsoMedia(bytes: Uint8Array): SniffedMedia | undefined {
  if (ascii(bytes, 4, 4) !== 'ftyp') return undefined
  const brand = ascii(bytes, 8, 4)
  if (['M4A ', 'M4B ', 'M4P '].includes(brand)) return { kind: 'Audio', contentType: 'audio/mp4' }
  if (brand === 'qt  ') return { kind: 'Video', contentType: 'video/quicktime' }
  if (/^(hei|hev|mif|msf|avi)/.test(brand)) return undefined
  return { kind: 'Video', contentType: 'video/mp4' }
}

// Matroska and WebM share the EBML header; the DocType element near the start tells them apart.
function sniffEbml(bytes: Uint8Array): SniffedMedia | undefined {
  if (!startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return undefined
  const header = ascii(bytes, 0, 64)
  const contentType = header.includes('webm') ? 'video/webm' : 'video/x-matroska'
  return { kind: 'Video', contentType }
}

// An MPEG audio frame header: 11 sync bits, then a version that is not "reserved" (01) and a
// layer that is not "reserved" (00). AAC's ADTS header has layer 00, so it is not taken for MP3.
function isMpegAudioFrame(bytes: Uint8Array): boolean {
  const [first, second] = bytes
  if (first !== 0xff || second === undefined || (second & 0xe0) !== 0xe0) return false
  const version = (second >> 3) & 0b11
  const layer = (second >> 1) & 0b11
  return version !== 0b01 && layer !== 0b00
}

/**
 * Identifies JPEG, PNG, WebP, GIF, MP4/MOV, WebM/Matroska, MP3, WAV and M4A from magic bytes.
 * Returns `undefined` for anything else (HTML error pages, text, unsupported formats).
 */
export function sniffMedia(bytes: Uint8Array): SniffedMedia | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'Image', contentType: 'image/jpeg' }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { kind: 'Image', contentType: 'image/png' }
  }
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') {
    return { kind: 'Image', contentType: 'image/gif' }
  }
  if (ascii(bytes, 0, 4) === 'RIFF') {
    const form = ascii(bytes, 8, 4)
    if (form === 'WEBP') return { kind: 'Image', contentType: 'image/webp' }
    if (form === 'WAVE') return { kind: 'Audio', contentType: 'audio/wav' }
    return undefined
  }
  if (ascii(bytes, 0, 3) === 'ID3' || isMpegAudioFrame(bytes)) {
    return { kind: 'Audio', contentType: 'audio/mpeg' }
  }
  return sniffIsoMedia(bytes) ?? sniffEbml(bytes)
}
