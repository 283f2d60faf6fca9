/**
 * The header every state-changing request to `@likeness/server` must carry (value `1`). A
 * custom header cannot be sent cross-site without a CORS preflight, so its presence proves the
 * request came from a page the server trusts: this is the protocol's CSRF defence.
 *
 * @example
 * ```ts
 * fetch(url, { method: 'DELETE', headers: { [LIKENESS_REQUEST_HEADER]: '1' } })
 * ```
 */
export const LIKENESS_REQUEST_HEADER = 'x-likeness-request'

/**
 * The header that makes video job creation idempotent: one job per key and user.
 *
 * @example
 * ```ts
 * headers[IDEMPOTENCY_KEY_HEADER] = crypto.randomUUID()
 * ```
 */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key'

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/

/**
 * Whether a string is an acceptable idempotency key: 8 to 128 characters of `A-Z a-z 0-9 _ -`
 * (a UUID qualifies).
 *
 * @example
 * ```ts
 * isIdempotencyKey(crypto.randomUUID()) // true
 * ```
 */
export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && IDEMPOTENCY_KEY.test(value)
}

/**
 * The `type` of the message the popup posts to its opener when a verification ends.
 *
 * @example
 * ```ts
 * if (event.data?.type === VERIFICATION_MESSAGE_TYPE) handle(event.data)
 * ```
 */
export const VERIFICATION_MESSAGE_TYPE = 'likeness:verification'

/**
 * What the verification popup posts to `window.opener`, to the exact origin that opened it.
 * It carries no secret; the opener still reads the verification from the server.
 */
export interface VerificationMessage {
  type: typeof VERIFICATION_MESSAGE_TYPE
  sessionId: string
  status: 'pending' | 'verified' | 'failed' | 'expired'
}
