import { afterEach, describe, expect, it, vi } from 'vitest'
import { checkFile } from './file-checks.ts'

const head = (...bytes: (string | number)[]) =>
  Uint8Array.from(
    bytes.flatMap((part) =>
      typeof part === 'string' ? Array.from(part, (c) => c.charCodeAt(0)) : [part],
    ),
  )

/** A file whose first bytes are `start`, padded with zeros to `size`. */
function file(start: Uint8Array, name: string, size = 200): File {
  const bytes = new Uint8Array(Math.max(size, start.length))
  bytes.set(start)
  return new File([bytes], name)
}

const PNG = head(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a)
const JPEG = head(0xff, 0xd8, 0xff, 0xe0)
const MP4 = head(0, 0, 0, 0x20, 'ftypisom')
const WAV = head('RIFF', 1, 2, 3, 4, 'WAVEfmt ')
// The ftyp boxes of an iPhone photo and of an AVIF still.
const HEIC = head(0, 0, 0, 0x18, 'ftypheic', 0, 0, 0, 0, 'mif1heic')
const AVIF = head(0, 0, 0, 0x1c, 'ftypavif', 0, 0, 0, 0, 'avifmif1miaf')

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  vi.useRealTimers()
})

describe('checkFile', () => {
  it('accepts real media and says what it is, whatever the name', async () => {
    expect(await checkFile(file(PNG, 'portrait.png'))).toEqual({
      ok: true,
      type: 'image',
      mime: 'image/png',
    })
    expect(await checkFile(file(JPEG, 'no-extension'))).toEqual({
      ok: true,
      type: 'image',
      mime: 'image/jpeg',
    })
    expect(await checkFile(new Blob([file(MP4, 'clip')]))).toMatchObject({
      ok: true,
      type: 'video',
    })
    expect(await checkFile(file(WAV, 'voice.wav'))).toMatchObject({ ok: true, type: 'audio' })
  })

  it('refuses an empty file', async () => {
    expect(await checkFile(new File([], 'portrait.png'))).toEqual({
      ok: false,
      code: 'empty',
      message: 'The file is empty.',
    })
  })

  it('refuses text renamed to .png, and formats we do not accept', async () => {
    const text = new File(['hello, this is not a picture at all'], 'portrait.png', {
      type: 'image/png',
    })
    expect(await checkFile(text)).toMatchObject({ ok: false, code: 'unsupported_type' })
    const gif = file(head('GIF89a'), 'animated.gif')
    expect(await checkFile(gif)).toMatchObject({ ok: false, code: 'unsupported_type' })
  })

  it('refuses files over the size limit, 30 MiB by default', async () => {
    const small = await checkFile(file(PNG, 'a.png', 1001), { maxBytes: 1000 })
    expect(small).toMatchObject({ ok: false, code: 'too_large' })
    if (!small.ok) expect(small.message).toMatch(/larger than/)
    expect(await checkFile(file(PNG, 'a.png', 1000), { maxBytes: 1000 })).toMatchObject({
      ok: true,
    })
    // A sparse blob: its size is what counts, only the first bytes are read.
    const huge = new Blob([PNG, new Uint8Array(30 * 1024 * 1024 + 1 - PNG.length)])
    const refused = await checkFile(huge)
    expect(refused).toMatchObject({ ok: false, code: 'too_large' })
    if (!refused.ok) expect(refused.message).toBe('The file is larger than 30 MB.')
  })

  it('refuses a kind of media the caller does not accept', async () => {
    const check = await checkFile(file(MP4, 'clip.mp4'), { accept: ['image'] })
    expect(check).toEqual({
      ok: false,
      code: 'not_accepted',
      message: 'Only image files are accepted here.',
    })
    expect(await checkFile(file(MP4, 'clip.mp4'), { accept: ['image', 'video'] })).toMatchObject({
      ok: true,
    })
  })

  it('skips the browser-only rules where the platform cannot measure (Node)', async () => {
    expect(typeof createImageBitmap).toBe('undefined')
    expect(typeof document).toBe('undefined')
    const rules = { minImageSide: 10_000, maxMediaSeconds: 0.001 }
    expect(await checkFile(file(PNG, 'a.png'), rules)).toMatchObject({ ok: true })
    expect(await checkFile(file(MP4, 'a.mp4'), rules)).toMatchObject({ ok: true })
  })

  it('refuses a small image where createImageBitmap measures it', async () => {
    const close = vi.fn()
    // As in browsers, a closed bitmap reports 0 by 0.
    const bitmap = () => {
      const image = { width: 640, height: 480, close: () => undefined }
      image.close = () => {
        close()
        image.width = image.height = 0
      }
      return Promise.resolve(image)
    }
    vi.stubGlobal('createImageBitmap', bitmap)
    expect(await checkFile(file(PNG, 'a.png'), { minImageSide: 512 })).toEqual({
      ok: false,
      code: 'image_too_small',
      message: 'Images must be at least 512 pixels on each side.',
    })
    expect(await checkFile(file(PNG, 'a.png'), { minImageSide: 480 })).toMatchObject({ ok: true })
    expect(close).toHaveBeenCalledTimes(2)
    // An image the browser cannot decode is left to the server.
    vi.stubGlobal('createImageBitmap', () => Promise.reject(new Error('decode')))
    expect(await checkFile(file(PNG, 'a.png'), { minImageSide: 512 })).toMatchObject({ ok: true })
  })

  it('accepts a HEIC photo that the browser cannot decode to measure', async () => {
    // Chrome and Firefox reject HEIC in createImageBitmap (InvalidStateError); Safari decodes it.
    const decode = vi.fn(() => Promise.reject(new DOMException('undecodable', 'InvalidStateError')))
    vi.stubGlobal('createImageBitmap', decode)
    const photo = file(HEIC, 'IMG_0001.HEIC', 4096)
    expect(await checkFile(photo, { accept: ['image'], minImageSide: 512 })).toEqual({
      ok: true,
      type: 'image',
      mime: 'image/heic',
    })
    expect(decode).toHaveBeenCalledOnce()
    // An AVIF is refused from its bytes, before any decoding.
    expect(await checkFile(file(AVIF, 'photo.heic'), { minImageSide: 512 })).toMatchObject({
      ok: false,
      code: 'unsupported_type',
    })
    expect(decode).toHaveBeenCalledOnce()
  })

  it('refuses long media where a media element reads its duration, and gives up after 3 s', async () => {
    const revoked: string[] = []
    let duration = 42
    let fires = true
    let srcSet: () => void = () => undefined
    const element = {
      duration: Number.NaN,
      preload: '',
      onloadedmetadata: null as (() => void) | null,
      onerror: null as (() => void) | null,
      removeAttribute: vi.fn(),
      set src(_url: string) {
        srcSet()
        if (!fires) return
        queueMicrotask(() => {
          element.duration = duration
          element.onloadedmetadata?.()
        })
      },
    }
    vi.stubGlobal('document', { createElement: () => element })
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x')
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void revoked.push(url))

    expect(await checkFile(file(MP4, 'a.mp4'), { maxMediaSeconds: 15 })).toEqual({
      ok: false,
      code: 'media_too_long',
      message: 'Media must be at most 15 seconds long.',
    })
    duration = 12
    expect(await checkFile(file(WAV, 'a.wav'), { maxMediaSeconds: 15 })).toMatchObject({
      ok: true,
    })
    expect(revoked).toEqual(['blob:x', 'blob:x'])

    // No metadata ever arrives: the check passes after its time box.
    fires = false
    element.duration = Number.NaN
    vi.useFakeTimers()
    const waiting = new Promise<void>((resolve) => {
      srcSet = resolve
    })
    const pending = checkFile(file(MP4, 'a.mp4'), { maxMediaSeconds: 15 })
    await waiting
    await vi.advanceTimersByTimeAsync(2999)
    let settled = false
    void pending.then(() => (settled = true))
    await Promise.resolve()
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(await pending).toMatchObject({ ok: true })
  })
})
