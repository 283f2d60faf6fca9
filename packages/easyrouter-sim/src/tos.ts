import type { SimContext } from './context.ts'
import { jsonResponse } from './http.ts'
import { sampleVideoBytes } from './media/sample-video-bytes.ts'
import { SAMPLE_VIDEO_CONTENT_TYPE } from './media/sample-video.ts'
import { mediaResponse } from './media-response.ts'
import { checkSignedUrl } from './signed-url.ts'
import { taskState } from './videos.ts'

// The simulator's stand-in for object storage: `/tos/{asset_id}` serves an asset's stored bytes
// and `/tos/videos/{task_id}.webm` a finished video. No API key: like the upstream's signed
// links, the signature in the query is the credential, and it expires.

function storageError(status: number, code: string, message: string): Response {
  return jsonResponse({ Code: code, Message: message }, { status })
}

const PROBLEM_RESPONSES = {
  missing: () => storageError(403, 'AccessDenied', 'The link is not signed.'),
  invalid: () => storageError(403, 'SignatureDoesNotMatch', 'The link signature does not match.'),
  expired: () => storageError(403, 'AccessDenied', 'The signed link has expired.'),
} as const

function notFound(): Response {
  return storageError(404, 'NoSuchKey', 'The object does not exist.')
}

/** Serves `GET`/`HEAD /tos/...`; `path` is relative to the base URL. */
export async function serveStorage(
  ctx: SimContext,
  request: Request,
  path: string,
  query: URLSearchParams,
): Promise<Response> {
  const now = ctx.clock.now()
  const problem = await checkSignedUrl({ signer: ctx.signer, path, query, nowMs: now })
  if (problem) return PROBLEM_RESPONSES[problem]()

  const video = /^\/tos\/videos\/([^/]+)\.webm$/.exec(path)
  if (video) {
    const task = ctx.state.tasks.get(decodeURIComponent(video[1] ?? ''))
    if (!task || taskState(ctx, task, now).status !== 'completed') return notFound()
    return mediaResponse(request, sampleVideoBytes(), SAMPLE_VIDEO_CONTENT_TYPE)
  }

  const asset = /^\/tos\/([^/]+)$/.exec(path)
  const record = asset ? ctx.state.assets.get(decodeURIComponent(asset[1] ?? '')) : undefined
  const stored = record?.result
  if (!stored?.bytes || !stored.media) return notFound()
  return mediaResponse(request, stored.bytes, stored.media.contentType)
}
