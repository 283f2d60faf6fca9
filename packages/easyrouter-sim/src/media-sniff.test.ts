import { describe, expect, it } from 'vitest'
import { MEDIA } from '../test/support.ts'
import { sampleVideoBytes } from './media/sample-video-bytes.ts'
import { sniffMedia } from './media-sniff.ts'

const ascii = (text: string): number[] => Array.from(text, (char) => char.charCodeAt(0))

/**
 * An ISO-BMFF `ftyp` box: size (big-endian), `ftyp`, major brand, minor version, compatible
 * brands. `size` overrides the declared size; `after` is whatever follows the box.
 */
function ftyp(
  major: string,
  compatible: string[] = [],
  options: { size?: number; after?: number[] } = {},
): Uint8Array {
  const size = options.size ?? 16 + 4 * compatible.length
  return new Uint8Array([
    (size >>> 24) & 0xff,
    (size >>> 16) & 0xff,
    (size >>> 8) & 0xff,
    size & 0xff,
    ...ascii('ftyp'),
    ...ascii(major),
    0,
    0,
    0,
    0,
    ...compatible.flatMap(ascii),
    ...(options.after ?? []),
  ])
}

describe('sniffMedia', () => {
  it.each([
    ['png', MEDIA.png, 'Image', 'image/png'],
    ['jpeg', MEDIA.jpeg, 'Image', 'image/jpeg'],
    ['webp', MEDIA.webp, 'Image', 'image/webp'],
    ['gif', MEDIA.gif, 'Image', 'image/gif'],
    ['heic', MEDIA.heic, 'Image', 'image/heic'],
    ['mp4', MEDIA.mp4, 'Video', 'video/mp4'],
    ['mov', MEDIA.mov, 'Video', 'video/quicktime'],
    ['webm', MEDIA.webm, 'Video', 'video/webm'],
    ['mkv', MEDIA.mkv, 'Video', 'video/x-matroska'],
    ['mp3 with ID3', MEDIA.mp3, 'Audio', 'audio/mpeg'],
    ['mp3 frame', MEDIA.mp3Frame, 'Audio', 'audio/mpeg'],
    ['wav', MEDIA.wav, 'Audio', 'audio/wav'],
    ['m4a', MEDIA.m4a, 'Audio', 'audio/mp4'],
  ])('recognises %s', (_name, bytes, kind, contentType) => {
    expect(sniffMedia(bytes)).toEqual({ kind, contentType })
  })

  it('recognises the shipped sample video as WebM', () => {
    expect(sniffMedia(sampleVideoBytes())).toEqual({ kind: 'Video', contentType: 'video/webm' })
  })

  it.each(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs'])(
    'takes the HEVC brand %s as an image/heic Image',
    (brand) => {
      expect(sniffMedia(ftyp(brand, ['mif1', brand]))).toEqual({
        kind: 'Image',
        contentType: 'image/heic',
      })
    },
  )

  it.each([
    ['mif1 alone', ftyp('mif1')],
    ['mif1 with miaf', ftyp('mif1', ['mif1', 'miaf'])],
    ['msf1 (an image sequence)', ftyp('msf1', ['msf1', 'iso8'])],
  ])('takes %s as an image/heif Image', (_name, bytes) => {
    expect(sniffMedia(bytes)).toEqual({ kind: 'Image', contentType: 'image/heif' })
  })

  it('takes a mif1 file that lists a HEVC brand as image/heic', () => {
    expect(sniffMedia(ftyp('mif1', ['mif1', 'heic']))).toEqual({
      kind: 'Image',
      contentType: 'image/heic',
    })
  })

  it.each(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V '])(
    'takes the MP4 brand %j as video/mp4',
    (brand) => {
      expect(sniffMedia(ftyp(brand, ['isom']))).toEqual({ kind: 'Video', contentType: 'video/mp4' })
    },
  )

  it.each(['dash', 'mmp4', 'MSNV'])('takes the MP4 brand %j as video/mp4', (brand) => {
    expect(sniffMedia(ftyp(brand))).toEqual({ kind: 'Video', contentType: 'video/mp4' })
  })

  it.each(['M4A ', 'M4B ', 'M4P '])('takes %j as audio/mp4', (brand) => {
    expect(sniffMedia(ftyp(brand, ['isom']))).toEqual({ kind: 'Audio', contentType: 'audio/mp4' })
  })

  it('reads compatible brands only inside the ftyp box, and only as far as the bytes go', () => {
    // `avif` right after a 16-byte box belongs to the next box, not to the brand list.
    expect(sniffMedia(ftyp('mif1', [], { after: ascii('avif') }))).toEqual({
      kind: 'Image',
      contentType: 'image/heif',
    })
    // A box that says it is longer than the bytes at hand: read what is there.
    expect(sniffMedia(ftyp('mif1', ['miaf'], { size: 4096 }))).toEqual({
      kind: 'Image',
      contentType: 'image/heif',
    })
    expect(sniffMedia(ftyp('mif1', ['miaf', 'avif'], { size: 4096 }))).toBeUndefined()
  })

  it.each([
    ['empty', new Uint8Array()],
    ['text', new TextEncoder().encode('<!doctype html><title>Not found</title>')],
    ['json', new TextEncoder().encode('{"error":"nope"}')],
    [
      'RIFF that is neither WAVE nor WEBP',
      new TextEncoder().encode('RIFF\x04\x00\x00\x00AVI LIST'),
    ],
    ['AAC ADTS (layer 00), not MP3', new Uint8Array([0xff, 0xf1, 0x50, 0x80])],
    ['AVIF', MEDIA.avif],
    ['AVIF image sequence', ftyp('avis', ['avis', 'msf1', 'miaf'])],
    ['mif1 listing avif (AVIF)', ftyp('mif1', ['mif1', 'miaf', 'avif'])],
    ['msf1 listing avis (AVIF sequence)', ftyp('msf1', ['msf1', 'avis'])],
    ['an unknown brand (Sony XAVC)', ftyp('XAVC', ['XAVC', 'mp42', 'iso2'])],
    ['an unknown brand (Canon CR3 raw)', ftyp('crx ', ['crx ', 'isom'])],
    ['a 3GPP brand', ftyp('3gp4', ['3gp4', 'isom'])],
    ['an ftyp box too short to hold a brand', ftyp('isom', [], { size: 12 })],
    ['a truncated ftyp box', new Uint8Array([0, 0, 0, 0x18, ...ascii('ftyp')])],
  ])('rejects %s', (_name, bytes) => {
    expect(sniffMedia(bytes)).toBeUndefined()
  })
})
