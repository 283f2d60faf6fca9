import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sniffMedia } from './media-type.ts'

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(
    parts.flatMap((part) =>
      typeof part === 'string' ? Array.from(part, (c) => c.charCodeAt(0)) : part,
    ),
  )
const pad = (head: Uint8Array) => {
  const out = new Uint8Array(64)
  out.set(head)
  return out
}

describe('sniffMedia', () => {
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image', 'image/jpeg', 'jpg'],
    ['png', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]), 'image', 'image/png', 'png'],
    ['webp', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), 'image', 'image/webp', 'webp'],
    ['wav', bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '), 'audio', 'audio/wav', 'wav'],
    ['mp4', bytes([0, 0, 0, 0x20], 'ftypisom'), 'video', 'video/mp4', 'mp4'],
    ['mp4 (mp42)', bytes([0, 0, 0, 0x18], 'ftypmp42'), 'video', 'video/mp4', 'mp4'],
    ['mov', bytes([0, 0, 0, 0x14], 'ftypqt  '), 'video', 'video/quicktime', 'mov'],
    ['m4a', bytes([0, 0, 0, 0x20], 'ftypM4A '), 'audio', 'audio/mp4', 'm4a'],
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
  ])('refuses %s', (_name, head) => {
    expect(sniffMedia(head)).toBeNull()
  })

  it('never throws and only ever answers an accepted type (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (data) => {
        const media = sniffMedia(data)
        if (media) expect(['image', 'video', 'audio']).toContain(media.type)
      }),
    )
  })
})
