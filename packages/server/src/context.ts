import { LikenessError, type VideoJob } from '@likeness/core'
import type { EasyRouterClient } from '@likeness/easyrouter'
import type { LikenessErrorReport, LikenessEvent } from './events.ts'
import type { BlobStore } from './blob/types.ts'
import type { RateLimit, ResolvedOptions } from './options.ts'
import type { RateLimiter } from './rate-limit.ts'
import type { Signer } from './signing.ts'
import type { Store } from './store/types.ts'
import type { UploadGate } from './upload-gate.ts'

/** Everything a route needs: shared parts built once per handler, and the request's own. */
export interface HandlerContext {
  options: ResolvedOptions
  /**
   * EasyRouter, wrapped once per handler (`mapUpstreamErrors`): every failure is already mapped
   * for the browser, so a route adds only what is its own (clean-up, a missing thing that is
   * fine). The bare client is not in the context.
   */
  upstream: EasyRouterClient
  store: Store
  blobs: BlobStore
  signer: Signer
  limiter: RateLimiter
  /** Admission of uploads: per person and over the whole process. */
  uploads: UploadGate
  now: () => number
  /** The request being answered: its id, its route and (once known) who asks. */
  request: { id: string; route: string; userId: string | undefined }
  /** Reports an event to the host's `onEvent`, stamped with the request's id, route and time. */
  audit: (event: Omit<LikenessEvent, 'at' | 'requestId' | 'route'>) => void
  /** Reports a failure to the host's `onError`, stamped like events. */
  reportError: (report: Omit<LikenessErrorReport, 'at' | 'requestId' | 'route'>) => void
  /** Upstream polls of running jobs in flight or freshly answered, shared between browsers. */
  jobPolls: Map<string, { result: Promise<VideoJob>; settledAt?: number }>
  /** Job creates in flight in this process, by user and idempotency key. */
  creates: Map<string, Promise<{ job: VideoJob; replayed: boolean }>>
  /** When staged uploads were last swept. */
  lastSweep: { at: number }
}

/** The public URL of one of the handler's own routes. */
export function publicRoute(ctx: HandlerContext, path: string): URL {
  const { publicUrl, basePath } = ctx.options
  const prefix = publicUrl.pathname.replace(/\/+$/, '')
  return new URL(`${prefix}${basePath}${path}`, publicUrl.origin)
}

/** Counts a create against the user's allowance, or refuses it with `rate_limited`. */
export function takeAllowance(
  ctx: HandlerContext,
  kind: 'verification' | 'upload' | 'video',
  userId: string,
): void {
  const limit: RateLimit = ctx.options.limits.rateLimits[kind]
  const waitMs = ctx.limiter.take(kind, userId, limit, ctx.now())
  if (waitMs > 0) {
    throw new LikenessError('rate_limited', {
      message: 'Too many requests. Please wait a moment.',
      retryAfterMs: waitMs,
    })
  }
}
