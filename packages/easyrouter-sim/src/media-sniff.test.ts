import { describe, expect, it } from 'vitest'
import { MEDIA } from '../test/support.ts'
import { sampleVideoBytes } from './media/sample-video-bytes.ts'
import { sniffMedia } from './media-sniff.ts'

describe('sniffMedia', () => {
  it.each([
    ['png', MEDIA.png, 'Image', 'image/png'],
    ['jpeg', MEDIA.jpeg, 'Image', 'image/jpeg'],
    ['webp', MEDIA.webp, 'Image', 'image/webp'],
    ['gif', MEDIA.gif, 'Image', 'image/gif'],
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

  it.each([
    ['empty', new Uint8Array()],
    ['text', new TextEncoder().encode('<!doctype html><title>Not found</title>')],
    ['json', new TextEncoder().encode('{"error":"nope"}')],
    [
      'RIFF that is neither WAVE nor WEBP',
      new TextEncoder().encode('RIFF\x04\x00\x00\x00AVI LIST'),
    ],
    ['AAC ADTS (layer 00), not MP3', new Uint8Array([0xff, 0xf1, 0x50, 0x80])],
    ['HEIC still image', new Uint8Array([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypheic')])],
  ])('rejects %s', (_name, bytes) => {
    expect(sniffMedia(bytes)).toBeUndefined()
  })
})
