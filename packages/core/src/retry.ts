import { toLikenessError } from './errors.ts'
import { DEFAULT_RETRY_SCHEDULE, pollDelay } from './polling.ts'

/** How many times a failed call is tried again before its error is shown. */
export const MAX_RETRIES = 3

/**
 * The longest `Retry-After` worth waiting for unseen. A longer one (a rate limit's window)
 * is shown at once, with `retryAfterMs`, so the person knows how long it is.
 */
export const MAX_RETRY_AFTER_MS = 10_000

/**
 * Whether a failed call is worth sending again: only errors that say so (`retryable`: a lost
 * connection, a timeout, a busy server), and at most {@link MAX_RETRIES} times. A refusal
 * (400, 401, 403, 404, 413, 415, a 409 that is not a lease) shows at once, and so does a
 * wait longer than {@link MAX_RETRY_AFTER_MS}. In the shape of TanStack Query's `retry` option.
 *
 * @example
 * ```ts
 * new QueryClient({ defaultOptions: { queries: { retry: shouldRetry, retryDelay } } })
 * ```
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  const { retryable, retryAfterMs = 0 } = toLikenessError(error)
  return failureCount < MAX_RETRIES && retryable && retryAfterMs <= MAX_RETRY_AFTER_MS
}

/**
 * How long to wait before retry number `failureCount + 1`: the core retry schedule (300 ms
 * doubling, full jitter), never sooner than the server's `Retry-After`. In the shape of
 * TanStack Query's `retryDelay` option.
 *
 * @example
 * ```ts
 * retryDelay(0, new LikenessError('rate_limited', { retryAfterMs: 2000 })) // 2000
 * ```
 */
export function retryDelay(failureCount: number, error: unknown): number {
  return pollDelay(failureCount, DEFAULT_RETRY_SCHEDULE, {
    retryAfterMs: toLikenessError(error).retryAfterMs,
  })
}
