import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ACCEPTED_MEDIA_TYPES, SNIFF_BYTES, sniffMedia } from './media-type.ts'

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(
    parts.flatMap((part) =>
      typeof part === 'string' ? Array.from(part, (c) => c.charCodeAt(0)) : part,
    ),
  )
const pad = (head: Uint8Array) => {
  const out = new Uint8Array(SNIFF_BYTES)
  out.set(head)
  return out
}
/** An `ftyp` box: its size, `ftyp`, the major brand, minor version 0, the compatible brands. */
const ftyp = (major: string, compatible: string[] = [], size = 16 + 4 * compatible.length) =>
  bytes(
    [size >>> 24, (size >>> 16) & 0xff, (size >>> 8) & 0xff, size & 0xff],
    'ftyp',
    major,
    [0, 0, 0, 0],
    compatible.join(''),
  )

describe('sniffMedia', () => {
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image', 'image/jpeg', 'jpg'],
    ['png', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]), 'image', 'image/png', 'png'],
    ['webp', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), 'image', 'image/webp', 'webp'],
    ['wav', bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '), 'audio', 'audio/wav', 'wav'],
    ['mp4', ftyp('isom', ['isom', 'iso2', 'avc1', 'mp41']), 'video', 'video/mp4', 'mp4'],
    ['mp4 (mp42)', ftyp('mp42', ['mp42', 'isom']), 'video', 'video/mp4', 'mp4'],
    ['mov', ftyp('qt  ', ['qt  ']), 'video', 'video/quicktime', 'mov'],
    ['m4a', ftyp('M4A ', ['M4A ', 'mp42', 'isom']), 'audio', 'audio/mp4', 'm4a'],
    ['an iPhone photo (heic)', ftyp('heic', ['mif1', 'heic']), 'image', 'image/heic', 'heic'],
    ['heif (mif1)', ftyp('mif1', ['mif1', 'heic', 'miaf']), 'image', 'image/heif', 'heif'],
    [
      'webm',
      bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], 'webm'),
      'video',
      'video/webm',
      'webm',
    ],
    ['mp3 (ID3)', bytes('ID3', [4, 0, 0]), 'audio', 'audio/mpeg', 'mp3'],
    ['mp3 (frame)', bytes([0xff, 0xfb, 0x90, 0x64]), 'audio', 'audio/mpeg', 'mp3'],
  ])('recognises %s', (_name, head, type, mime, extension) => {
    expect(sniffMedia(pad(head))).toEqual({ type, mime, extension })
    expect(sniffMedia(head)).toEqual({ type, mime, extension })
  })

  it.each([
    ['empty', bytes()],
    ['text', bytes('hello, this is not a picture')],
    ['gif', bytes('GIF89a')],
    ['matroska', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88], 'matroska')],
    ['pdf', bytes('%PDF-1.7')],
    ['html pretending', bytes('<html><img src=x.png>')],
    ['riff avi', bytes('RIFF', [1, 2, 3, 4], 'AVI LIST')],
    ['mpeg reserved layer', bytes([0xff, 0xf9, 0, 0])],
    ['truncated png', bytes([0x89], 'PN')],
    ['avif', ftyp('avif', ['avif', 'mif1', 'miaf', 'MA1B'])],
    ['an avif sequence', ftyp('avis', ['avis', 'msf1', 'iso8', 'mif1', 'miaf'])],
    ['avif under a mif1 brand', ftyp('mif1', ['mif1', 'miaf', 'avif'])],
    ['avif under a heic brand', ftyp('heic', ['mif1', 'heic', 'avif'])],
    ['avif late in a long box', ftyp('msf1', [...Array<string>(40).fill('miaf'), 'avis'])],
    ['3gpp (not mp4)', ftyp('3gp5', ['3gp5', 'isom'])],
    ['jpeg 2000 in ftyp', ftyp('jp2 ', ['jp2 '])],
    ['a camera raw', ftyp('crx ', ['crx ', 'isom'])],
    ['a lower-case brand', ftyp('ISOM', ['isom'])],
    ['an ftyp box shorter than its brands', ftyp('isom', [], 12)],
    ['an ftyp box of 64-bit size', ftyp('isom', ['isom'], 1)],
    ['an ftyp box to the end of the file', ftyp('isom', ['isom'], 0)],
    ['an ftyp box longer than the bytes given', ftyp('isom', ['isom'], 64)],
    ['an ftyp box too long to sniff', ftyp('isom', Array<string>(61).fill('isom'))],
  ])('refuses %s', (_name, head) => {
    expect(sniffMedia(head)).toBeNull()
  })

  it('tells every documented brand apart', () => {
    const kinds = {
      'image/heic': ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs'],
      'image/heif': ['mif1', 'msf1'],
      'video/quicktime': ['qt  '],
      'audio/mp4': ['M4A ', 'M4B '],
      'video/mp4': ['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1'],
    }
    for (const [mime, brands] of Object.entries(kinds)) {
      for (const brand of brands) expect(sniffMedia(ftyp(brand))?.mime).toBe(mime)
    }
    for (const brand of ['M4V ', 'dash', 'mmp4', 'MSNV']) {
      expect(sniffMedia(ftyp(brand, ['isom']))?.mime).toBe('video/mp4')
    }
  })

  it('reads the whole ftyp box within SNIFF_BYTES', () => {
    const longest = ftyp('mif1', [...Array<string>(59).fill('miaf'), 'avif'])
    expect(longest).toHaveLength(SNIFF_BYTES)
    expect(sniffMedia(longest)).toBeNull()
    longest.set(bytes('heic'), SNIFF_BYTES - 4)
    expect(sniffMedia(longest)?.mime).toBe('image/heif')
  })

  it('accepts every media type it can answer', () => {
    expect(ACCEPTED_MEDIA_TYPES).toEqual(expect.arrayContaining(['image/heic', 'image/heif']))
  })

  it('never throws and only ever answers an accepted type (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2 * SNIFF_BYTES }), (data) => {
        const media = sniffMedia(data)
        if (media) {
          expect(ACCEPTED_MEDIA_TYPES).toContain(media.mime)
          expect(['image', 'video', 'audio']).toContain(media.type)
        }
      }),
    )
    // The ftyp branch, whatever its box claims to measure.
    fc.assert(
      fc.property(
        fc.constantFrom('isom', 'heic', 'mif1', 'qt  ', 'avif', 'zzzz'),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.uint8Array({ maxLength: 300 }),
        (brand, size, rest) => {
          const media = sniffMedia(Uint8Array.from([...ftyp(brand, [], size), ...rest]))
          if (media) expect(size).toBeLessThanOrEqual(SNIFF_BYTES)
        },
      ),
    )
  })

  it('reads a view into a larger buffer as the bytes it shows (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 16 }),
        fc.constantFrom('isom', 'heic', 'mif1', 'qt  ', 'M4A '),
        fc.uint8Array({ maxLength: 64 }),
        (before, brand, after) => {
          const file = Uint8Array.from([...ftyp(brand, ['isom']), ...after])
          const view = Uint8Array.from([...before, ...file]).subarray(before.length)
          expect(sniffMedia(view)).toEqual(sniffMedia(file))
          expect(sniffMedia(view)).not.toBeNull()
        },
      ),
    )
  })

  it('never takes an unknown brand for video, whatever follows its box (property)', () => {
    const brand = fc
      .uint8Array({ minLength: 4, maxLength: 4 })
      .map((four) => String.fromCharCode(...four))
    const known = [
      ...['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1'],
      ...['qt  ', 'M4A ', 'M4B ', 'isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6'],
      ...['mp41', 'mp42', 'avc1', 'M4V ', 'dash', 'mmp4', 'MSNV'],
    ]
    fc.assert(
      fc.property(
        fc.oneof(
          brand,
          fc.constantFrom('ISOM', 'iso7', 'mp43', 'avc2', 'M4P ', 'heif', '3gp4', 'XAVC', 'crx '),
        ),
        fc.array(brand, { maxLength: 8 }),
        fc.uint8Array({ maxLength: 300 }),
        (major, compatible, rest) => {
          fc.pre(!known.includes(major))
          const head = Uint8Array.from([...ftyp(major, compatible), ...rest])
          expect(sniffMedia(head)).toBeNull()
        },
      ),
    )
  })

  it('never lets an AVIF brand through, wherever it sits in the box (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('heic', 'mif1', 'msf1', 'isom', 'mp42', 'qt  ', 'M4A '),
        fc.array(fc.constantFrom('mif1', 'miaf', 'heic', 'isom', 'MA1B'), { maxLength: 20 }),
        fc.constantFrom('avif', 'avis'),
        fc.nat(),
        (major, others, avif, at) => {
          const compatible: string[] = [...others]
          compatible.splice(at % (others.length + 1), 0, avif)
          expect(sniffMedia(pad(ftyp(major, compatible)))).toBeNull()
        },
      ),
    )
  })
})
