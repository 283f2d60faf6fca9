import type { AssetType } from './asset.ts'
import { SNIFF_BYTES, sniffMedia } from './media-type.ts'

/**
 * What {@link checkFile} asks of a file before it is uploaded. Every rule has a default; the
 * server checks size and kind again, so these exist to answer the person at once, not to
 * protect anything.
 *
 * @example
 * ```ts
 * const rules: FileRules = { accept: ['image'], maxBytes: 10 * 1024 * 1024, minImageSide: 512 }
 * ```
 */
export interface FileRules {
  /** Largest file, in bytes. Default 30 MiB, the server's default limit. */
  maxBytes?: number | undefined
  /** Kinds of media allowed. Default: all (`image`, `video`, `audio`). */
  accept?: readonly AssetType[] | undefined
  /**
   * Smallest width and height of an image, in pixels. Default 0 (off). Checked only where
   * `createImageBitmap` exists (browsers) and can decode the image; elsewhere the rule is
   * skipped, so a HEIC photo passes in browsers that cannot decode HEIC.
   */
  minImageSide?: number | undefined
  /**
   * Longest video or audio, in seconds. Default: off. Checked only in browsers (it needs
   * `document` and object URLs), for at most 3 s per file; a file whose duration cannot be
   * read passes.
   */
  maxMediaSeconds?: number | undefined
}

/**
 * Why {@link checkFile} refused a file: `empty`, `too_large`, `unsupported_type` (not a
 * JPEG, PNG, WebP, HEIC, HEIF, MP4, MOV, WebM, MP3, WAV or M4A, whatever its name says), `not_accepted`
 * (a kind outside `FileRules.accept`), `image_too_small`, `media_too_long`.
 *
 * @example
 * ```ts
 * const retake: FileCheckCode[] = ['image_too_small']
 * ```
 */
export type FileCheckCode =
  'empty' | 'too_large' | 'unsupported_type' | 'not_accepted' | 'image_too_small' | 'media_too_long'

/**
 * The answer of {@link checkFile}: the kind of media the bytes hold, or why the file was
 * refused, in words for the person and as a stable code.
 *
 * @example
 * ```ts
 * const check: FileCheck = { ok: false, code: 'too_large', message: 'The file is larger than 30 MB.' }
 * ```
 */
export type FileCheck =
  { ok: true; type: AssetType; mime: string } | { ok: false; code: FileCheckCode; message: string }

/**
 * Checks a file in the browser before uploading it: not empty, not too large, really one of
 * the accepted media types (judged from its first bytes, not its name), of an accepted kind,
 * and, in browsers only, large enough (images) and short enough (video, audio). Never throws
 * for a bad file; it answers `{ ok: false }`.
 *
 * @example
 * ```ts
 * const check = await checkFile(input.files[0], { accept: ['image'], minImageSide: 512 })
 * if (!check.ok) showError(check.message)
 * ```
 */
export async function checkFile(
  file: Blob & { name?: string },
  rules: FileRules = {},
): Promise<FileCheck> {
  const { maxBytes = 30 * 2 ** 20, accept, minImageSide = 0, maxMediaSeconds } = rules
  const fail = (code: FileCheckCode, message: string): FileCheck => ({ ok: false, code, message })
  if (!file.size) return fail('empty', 'The file is empty.')
  if (file.size > maxBytes) {
    return fail('too_large', `The file is larger than ${+(maxBytes / 2 ** 20).toFixed(1)} MB.`)
  }
  const media = sniffMedia(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()))
  if (!media) return fail('unsupported_type', 'This kind of file is not supported.')
  const { type, mime } = media
  if (accept && !accept.includes(type)) {
    return fail('not_accepted', `Only ${accept.join(', ')} files are accepted here.`)
  }
  // A measurement the platform cannot make (no `createImageBitmap` or `document` in Node, no
  // object URLs in jsdom, a file it cannot decode) throws or gives NaN: the file passes, and the
  // server decides.
  try {
    if (type === 'image') {
      if (minImageSide > 0) {
        const bitmap = await createImageBitmap(file)
        // Read before close(): a closed bitmap reports 0 by 0.
        const side = Math.min(bitmap.width, bitmap.height)
        bitmap.close()
        if (side < minImageSide) {
          return fail(
            'image_too_small',
            `Images must be at least ${minImageSide} pixels on each side.`,
          )
        }
      }
    } else if (
      maxMediaSeconds !== undefined &&
      (await mediaSeconds(file, type)) > maxMediaSeconds
    ) {
      return fail('media_too_long', `Media must be at most ${maxMediaSeconds} seconds long.`)
    }
  } catch {
    // Not measurable here.
  }
  return { ok: true, type, mime }
}

// The duration the browser reads from the file's metadata, NaN when it cannot tell within 3 s.
function mediaSeconds(file: Blob, type: 'video' | 'audio'): Promise<number> {
  return new Promise((resolve) => {
    const element = document.createElement(type)
    const url = URL.createObjectURL(file)
    const done = () => {
      // A second call (a late event) repeats harmless steps.
      clearTimeout(timer)
      const seconds = element.duration
      element.removeAttribute('src')
      URL.revokeObjectURL(url)
      resolve(Number.isFinite(seconds) ? seconds : Number.NaN)
    }
    const timer = setTimeout(done, 3000)
    element.preload = 'metadata'
    element.onloadedmetadata = element.onerror = done
    element.src = url
  })
}
