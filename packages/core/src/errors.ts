/**
 * Every failure Likeness reports carries one of these stable codes. Codes never change meaning
 * between versions; branch on them, not on messages.
 *
 * @example
 * ```ts
 * if (error instanceof LikenessError && error.code === 'rate_limited') showSlowDown()
 * ```
 */
export type LikenessErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media'
  | 'not_verified'
  | 'rate_limited'
  | 'upstream_error'
  | 'upstream_unavailable'
  | 'malformed_response'
  | 'timeout'
  | 'network'
  | 'aborted'
  | 'unknown'

interface CodeInfo {
  readonly message: string
  readonly retryable: boolean
}

/**
 * The default human message and retry advice for every {@link LikenessErrorCode}. Retryable
 * codes describe failures where the same request may succeed later unchanged.
 *
 * @example
 * ```ts
 * LIKENESS_ERROR_CODES.timeout.retryable // true
 * ```
 */
export const LIKENESS_ERROR_CODES: Readonly<Record<LikenessErrorCode, CodeInfo>> = {
  invalid_request: { message: 'The request was not valid.', retryable: false },
  unauthorized: { message: 'Authentication is required or was refused.', retryable: false },
  forbidden: { message: 'This action is not allowed.', retryable: false },
  not_found: { message: 'The requested item does not exist.', retryable: false },
  conflict: { message: 'The request conflicts with the current state.', retryable: false },
  payload_too_large: { message: 'The upload is too large.', retryable: false },
  unsupported_media: { message: 'This kind of file is not supported.', retryable: false },
  not_verified: { message: 'Verify that you are a real person first.', retryable: false },
  rate_limited: { message: 'Too many requests. Please wait a moment.', retryable: true },
  upstream_error: { message: 'The video service reported an error.', retryable: true },
  upstream_unavailable: {
    message: 'The video service is unavailable right now.',
    retryable: true,
  },
  malformed_response: {
    message: 'The service sent a response that could not be understood.',
    retryable: true,
  },
  timeout: { message: 'The request took too long.', retryable: true },
  network: { message: 'The network connection failed.', retryable: true },
  aborted: { message: 'The request was cancelled.', retryable: false },
  unknown: { message: 'Something went wrong.', retryable: false },
}

/** Options for {@link LikenessError}; everything but `code` has a sensible default. */
export interface LikenessErrorOptions {
  /** Human-readable message; defaults to the code's message in {@link LIKENESS_ERROR_CODES}. */
  message?: string | undefined
  /** HTTP status of the response that caused the error, when there was one. */
  status?: number | undefined
  /** Whether the same request may succeed if sent again; defaults by code. */
  retryable?: boolean | undefined
  /** How long to wait before retrying, from a `Retry-After` header, in milliseconds. */
  retryAfterMs?: number | undefined
  /** Machine-readable detail, such as the offending field or an upstream error code. */
  details?: Readonly<Record<string, unknown>> | undefined
  /** The underlying error. */
  cause?: unknown
}

/**
 * The one error type Likeness throws. `code` is stable, `message` is for people, `retryable`
 * says whether sending the same request again may work, and `retryAfterMs` how long to wait.
 *
 * @example
 * ```ts
 * throw new LikenessError('not_found', { message: 'No such asset.', status: 404 })
 * ```
 */
export class LikenessError extends Error {
  override readonly name = 'LikenessError'
  readonly code: LikenessErrorCode
  readonly status: number | undefined
  readonly retryable: boolean
  readonly retryAfterMs: number | undefined
  readonly details: Readonly<Record<string, unknown>> | undefined

  constructor(code: LikenessErrorCode, options: LikenessErrorOptions = {}) {
    const info = LIKENESS_ERROR_CODES[code]
    super(options.message ?? info.message, { cause: options.cause })
    this.code = code
    this.status = options.status
    this.retryable = options.retryable ?? info.retryable
    this.retryAfterMs = options.retryAfterMs
    this.details = options.details
  }

  /** A plain, JSON-safe form (no `cause`, no stack) for sending across a process boundary. */
  toJSON(): SerializedLikenessError {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
      ...(this.details === undefined ? {} : { details: this.details }),
    }
  }
}

/** The JSON form of a {@link LikenessError}, as produced by `toJSON()`. */
export interface SerializedLikenessError {
  code: LikenessErrorCode
  message: string
  retryable: boolean
  status?: number
  retryAfterMs?: number
  details?: Readonly<Record<string, unknown>>
}

/**
 * Whether a value is a {@link LikenessError}, also across bundle copies of this package
 * (where `instanceof` fails).
 *
 * @example
 * ```ts
 * if (isLikenessError(error) && error.retryable) retry()
 * ```
 */
export function isLikenessError(value: unknown): value is LikenessError {
  return (
    value instanceof LikenessError ||
    (value instanceof Error &&
      value.name === 'LikenessError' &&
      isLikenessErrorCode((value as { code?: unknown }).code))
  )
}

/**
 * Whether a string is one of the stable {@link LikenessErrorCode}s.
 *
 * @example
 * ```ts
 * isLikenessErrorCode('timeout') // true
 * ```
 */
export function isLikenessErrorCode(value: unknown): value is LikenessErrorCode {
  return typeof value === 'string' && Object.hasOwn(LIKENESS_ERROR_CODES, value)
}

/**
 * The error code that best describes an HTTP status.
 *
 * @example
 * ```ts
 * errorCodeForStatus(429) // 'rate_limited'
 * ```
 */
export function errorCodeForStatus(status: number): LikenessErrorCode {
  if (status === 400 || status === 422) return 'invalid_request'
  if (status === 401) return 'unauthorized'
  if (status === 403) return 'forbidden'
  if (status === 404 || status === 410) return 'not_found'
  if (status === 409) return 'conflict'
  if (status === 413) return 'payload_too_large'
  if (status === 415) return 'unsupported_media'
  if (status === 408) return 'timeout'
  if (status === 429) return 'rate_limited'
  if (status === 502 || status === 503 || status === 504) return 'upstream_unavailable'
  if (status >= 500) return 'upstream_error'
  return status >= 400 ? 'invalid_request' : 'unknown'
}
