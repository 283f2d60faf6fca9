import type { SimContext } from './context.ts'
import { sniffMedia } from './media-sniff.ts'
import { readCapped } from './http.ts'
import type { AssetError, AssetRecord, ProcessingResult } from './state.ts'

/**
 * The bytes that make an Image fail the face comparison, so a test can build a "wrong face"
 * from any valid picture by appending them.
 *
 * @example
 * ```ts
 * const wrongFace = new Uint8Array([...png, ...new TextEncoder().encode(FACE_MISMATCH_MARKER)])
 * ```
 */
export const FACE_MISMATCH_MARKER = 'SIM-FACE-MISMATCH'

/** The exact error the upstream reports when an uploaded face is not the verified person. */
export const FACE_MISMATCH_ERROR: AssetError = {
  code: 'FaceMismatch',
  message: 'Face consistency verification failed.',
}

type Download = { ok: true; bytes: Uint8Array } | { ok: false; error: AssetError }

function failure(code: AssetError['code'], message: string): { ok: false; error: AssetError } {
  return { ok: false, error: { code, message } }
}

function tooLarge(maxBytes: number): { ok: false; error: AssetError } {
  return failure('InvalidMedia', `The file is larger than the ${maxBytes}-byte limit.`)
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

async function readAll(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Download> {
  const bytes = await readCapped(body, maxBytes)
  return bytes ? { ok: true, bytes } : tooLarge(maxBytes)
}

async function download(ctx: SimContext, url: string): Promise<Download> {
  const timeoutMs = ctx.timings.assetFetchTimeoutMs
  const signal = AbortSignal.timeout(timeoutMs)
  try {
    const response = await ctx.fetch(url, { signal, redirect: 'follow' })
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined)
      return failure('DownloadFailed', `Downloading the url failed with HTTP ${response.status}.`)
    }
    const declared = Number(response.headers.get('content-length') ?? NaN)
    if (declared > ctx.maxAssetBytes) {
      await response.body?.cancel().catch(() => undefined)
      return tooLarge(ctx.maxAssetBytes)
    }
    if (!response.body) return { ok: true, bytes: new Uint8Array() }
    return await readAll(response.body, ctx.maxAssetBytes)
  } catch (error) {
    if (signal.aborted) {
      return failure('DownloadFailed', `Downloading the url timed out after ${timeoutMs} ms.`)
    }
    return failure('DownloadFailed', `The url could not be downloaded: ${errorMessage(error)}`)
  }
}

function containsAscii(bytes: Uint8Array, marker: string): boolean {
  const needle = Array.from(marker, (char) => char.charCodeAt(0))
  const [first] = needle
  for (let at = bytes.indexOf(first ?? 0); at !== -1; at = bytes.indexOf(first ?? 0, at + 1)) {
    if (needle.every((code, i) => bytes[at + i] === code)) return true
  }
  return false
}

/**
 * The deterministic face rule: an Image fails the comparison when its `name` or `url` contains
 * "mismatch" (any case) or its bytes contain {@link FACE_MISMATCH_MARKER}.
 */
export function isFaceMismatch(asset: AssetRecord, bytes: Uint8Array): boolean {
  if (asset.assetType !== 'Image') return false
  const mentionsMismatch = (text: string): boolean => text.toLowerCase().includes('mismatch')
  return (
    mentionsMismatch(asset.name) ||
    mentionsMismatch(asset.sourceUrl) ||
    containsAscii(bytes, FACE_MISMATCH_MARKER)
  )
}

/**
 * Downloads and judges an asset, in this order: download (`DownloadFailed`), size and real
 * format matching `asset_type` (`InvalidMedia`), then the face rule (`FaceMismatch`).
 */
export async function processAsset(ctx: SimContext, asset: AssetRecord): Promise<ProcessingResult> {
  const downloaded = await download(ctx, asset.sourceUrl)
  const finishedAt = ctx.clock.now()
  if (!downloaded.ok) return { finishedAt, ok: false, error: downloaded.error }

  const { bytes } = downloaded
  const media = sniffMedia(bytes)
  if (!media) {
    const error = {
      code: 'InvalidMedia',
      message: 'The file is not a supported image, video or audio format.',
    } as const
    return { finishedAt, ok: false, error, bytes }
  }
  if (media.kind !== asset.assetType) {
    const error = {
      code: 'InvalidMedia',
      message: `The file is ${media.kind.toLowerCase()} (${media.contentType}), but asset_type is ${asset.assetType}.`,
    } as const
    return { finishedAt, ok: false, error, bytes, media }
  }
  if (isFaceMismatch(asset, bytes)) {
    return { finishedAt, ok: false, error: { ...FACE_MISMATCH_ERROR }, bytes, media }
  }
  return { finishedAt, ok: true, bytes, media }
}

/** Starts processing in the background; `settle()` waits for it. */
export function startProcessing(ctx: SimContext, asset: AssetRecord): void {
  ctx.track(
    processAsset(ctx, asset).then((result) => {
      asset.result = result
    }),
  )
}
