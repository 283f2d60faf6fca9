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

// ISO base media files (mp4, mov, m4a, HEIC/HEIF, AVIF) open with an `ftyp` box: its size
// (4 bytes, big-endian), `ftyp`, the major brand, a minor version, then compatible brands up to
// the box's end. Only brands we know are taken; an unknown brand is refused, never guessed.
const MP4_BRANDS = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'avc1',
  'M4V ',
  'dash',
  'mmp4',
  'MSNV',
])
const M4A_BRANDS = new Set(['M4A ', 'M4B ', 'M4P '])
// HEVC-coded HEIF images and sequences: served as image/heic.
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs'])
// Generic HEIF brands: image/heif, unless the file says it is AVIF, which we do not accept.
const HEIF_BRANDS = new Set(['mif1', 'msf1'])
const AVIF_BRANDS = new Set(['avif', 'avis'])

function compatibleBrands(bytes: Uint8Array, boxSize: number): string[] {
  const end = Math.min(boxSize, bytes.length)
  const brands: string[] = []
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, 4))
  return brands
}

function sniffIsoMedia(bytes: Uint8Array): SniffedMedia | undefined {
  if (bytes.length < 12 || ascii(bytes, 4, 4) !== 'ftyp') return undefined
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const boxSize = view.getUint32(0)
  // 0 means "to the end of the file"; 1 (a 64-bit size) never occurs for ftyp in practice.
  if (boxSize !== 0 && boxSize < 16) return undefined
  const major = ascii(bytes, 8, 4)
  if (MP4_BRANDS.has(major)) return { kind: 'Video', contentType: 'video/mp4' }
  if (major === 'qt  ') return { kind: 'Video', contentType: 'video/quicktime' }
  if (M4A_BRANDS.has(major)) return { kind: 'Audio', contentType: 'audio/mp4' }
  if (HEIC_BRANDS.has(major)) return { kind: 'Image', contentType: 'image/heic' }
  if (HEIF_BRANDS.has(major)) {
    const compatible = compatibleBrands(bytes, boxSize === 0 ? bytes.length : boxSize)
    if (compatible.some((brand) => AVIF_BRANDS.has(brand))) return undefined
    const hevc = compatible.some((brand) => HEIC_BRANDS.has(brand))
    return { kind: 'Image', contentType: hevc ? 'image/heic' : 'image/heif' }
  }
  return undefined
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
 * Identifies JPEG, PNG, WebP, GIF, HEIC/HEIF, MP4/MOV, WebM/Matroska, MP3, WAV and M4A from
 * magic bytes. Returns `undefined` for anything else (HTML error pages, text, AVIF, unknown
 * ISO-BMFF brands, other unsupported formats).
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
