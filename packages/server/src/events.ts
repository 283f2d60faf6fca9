import type { LikenessErrorCode } from '@likeness/core'

/**
 * Something the handler did or refused that a host may want in its log: what people did
 * (`verification.started`, `asset.uploaded`, `video.created`, ...) and every security-relevant
 * refusal (`request.refused`: a missing anti-CSRF header or a foreign origin, a rate limit, an
 * id that belongs to someone else; `verification.callback_rejected`: a forged, expired,
 * replayed, mismatched or unbound callback). Events never carry the EasyRouter key, a liveness
 * link, a group id, a cookie, a binding nonce or file contents.
 *
 * @example
 * ```ts
 * createLikenessHandler({
 *   ...options,
 *   onEvent: (event) => console.log(JSON.stringify(event)),
 * })
 * ```
 */
export interface LikenessEvent {
  type:
    | 'verification.started'
    | 'verification.verified'
    | 'verification.failed'
    | 'verification.callback_rejected'
    | 'asset.uploaded'
    | 'asset.deleted'
    | 'asset.group_deleted'
    | 'video.created'
    | 'request.refused'
  /** The request it happened in; the same id is on the response (`x-request-id`). */
  requestId: string
  /** The route as `METHOD /path`, with ids left out (`GET /assets/:id`). */
  route: string
  /** The user it concerns, when known. */
  userId?: string | undefined
  /** The verification, asset or job id. */
  id?: string | undefined
  /** For refusals: the error code the browser was given. */
  code?: LikenessErrorCode | undefined
  /**
   * A short machine-readable reason: a failure code (`cancelled`), why a callback was refused
   * (`forged`, `expired`, `replayed`, `mismatch`, `unbound`, ...) or a request
   * (`csrf_header`, `csrf_origin`, `rate_limited`, `concurrent_uploads`, `not_owner`,
   * `foreign_reference`, ...).
   */
  reason?: string | undefined
  /** Unix milliseconds. */
  at: number
}

/**
 * A failure of the server's own (every `5xx` it answers), or work that could not be finished
 * and needs an operator: for example a video task that EasyRouter created but the store could
 * not record (`taskId` says which). Never carries a secret; `error` is the underlying error,
 * with its `cause` chain, for the operator's log.
 *
 * @example
 * ```ts
 * createLikenessHandler({
 *   ...options,
 *   onError: (report) => logger.error({ ...report, error: String(report.error) }),
 * })
 * ```
 */
export interface LikenessErrorReport {
  /** The request it happened in; the same id is on the response (`x-request-id`). */
  requestId: string
  /** The route as `METHOD /path`, with ids left out. */
  route: string
  /** The user it concerns, when known. */
  userId?: string | undefined
  /** The error code the browser was given (or would have been). */
  code: LikenessErrorCode
  /** The HTTP status answered. */
  status: number
  /** For people: what went wrong. */
  message: string
  /** EasyRouter's task id, when a task exists upstream that this server failed to record. */
  taskId?: string | undefined
  /** The underlying error, for the operator. */
  error: unknown
  /** Unix milliseconds. */
  at: number
}
