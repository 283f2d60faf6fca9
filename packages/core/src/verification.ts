import type { VerificationFailureCode } from './verification-failure.ts'

/**
 * Where a person's verification stands. `pending` waits for them to finish the liveness page;
 * `verified` means EasyRouter confirmed it; `failed` and `expired` need a fresh start.
 *
 * @example
 * ```ts
 * const done: VerificationStatus[] = ['verified', 'failed', 'expired']
 * ```
 */
export type VerificationStatus = 'pending' | 'verified' | 'failed' | 'expired'

/**
 * One attempt of a person to prove liveness, as the host's server reports it to the browser.
 * Group ids and tokens stay on the server.
 *
 * @example
 * ```ts
 * if (session.status === 'failed') console.warn(session.failure?.message)
 * ```
 */
export interface VerificationSession {
  /** The host server's id for this attempt. */
  id: string
  status: VerificationStatus
  /** ISO 8601 time the attempt started. */
  createdAt: string
  /** ISO 8601 time of the last change. */
  updatedAt: string
  /** ISO 8601 time after which a pending attempt can no longer complete, when known. */
  expiresAt?: string | undefined
  /** Why it failed or expired; present only then. */
  failure?: VerificationFailure | undefined
}

/** Why a verification failed, with the provider codes when there were any. */
export interface VerificationFailure {
  code: VerificationFailureCode
  /** A human message (English unless the server localised it). */
  message: string
  /** The provider's `resultCode`, for support requests. */
  resultCode?: string | undefined
  /** The provider's `algorithmBaseRespCode`, for support requests. */
  subCode?: string | undefined
}

/**
 * How the browser goes to the liveness page: by leaving the app (`redirect`, works
 * everywhere) or in a separate window (`popup`, keeps the app's state).
 */
export type VerificationMode = 'redirect' | 'popup'

/**
 * What a host app asks for when a person starts verifying.
 *
 * @example
 * ```ts
 * await adapter.startVerification({ mode: 'popup', locale: 'zh-CN' })
 * ```
 */
export interface StartVerificationInput {
  mode?: VerificationMode | undefined
  /** BCP 47 language for the liveness page (`en`, `zh-CN`, ...). */
  locale?: string | undefined
  /** Where to come back to after a redirect; the server checks it against its allowlist. */
  returnTo?: string | undefined
}

/**
 * A started verification: the session, and the liveness page to send the person to. The URL
 * carries temporary credentials: navigate to it, never log or store it.
 */
export interface StartedVerification {
  session: VerificationSession
  /** The hosted liveness page. */
  url: string
}
