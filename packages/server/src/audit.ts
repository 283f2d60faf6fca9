/**
 * Something the handler did that a host may want in its audit log. Events never carry the
 * EasyRouter key, a liveness link, a group id or file contents.
 *
 * @example
 * ```ts
 * createLikenessHandler({ ...options, onAudit: (event) => logger.info(event) })
 * ```
 */
export interface AuditEvent {
  type:
    | 'verification.started'
    | 'verification.verified'
    | 'verification.failed'
    | 'verification.callback_rejected'
    | 'asset.uploaded'
    | 'asset.deleted'
    | 'asset.group_deleted'
    | 'video.created'
    | 'rate_limited'
  /** The user it concerns, when known. */
  userId?: string | undefined
  /** The verification, asset or job id. */
  id?: string | undefined
  /** A short machine-readable reason (`forged`, `expired`, `replayed`, a failure code, ...). */
  reason?: string | undefined
  /** Unix milliseconds. */
  at: number
}
