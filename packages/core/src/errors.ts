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

const MESSAGES: Record<LikenessErrorCode, string> = {
  invalid_request: 'Invalid request.',
  unauthorized: 'Please sign in.',
  forbidden: 'Not allowed.',
  not_found: 'Not found.',
  conflict: 'Conflict with the current state.',
  payload_too_large: 'File too large.',
  unsupported_media: 'This kind of file is not supported.',
  not_verified: 'Verification needed.',
  rate_limited: 'Too many requests.',
  upstream_error: 'Video service error.',
  upstream_unavailable: 'Video service unavailable.',
  malformed_response: 'Unreadable response.',
  timeout: 'Timed out.',
  network: 'Network error.',
  aborted: 'Cancelled.',
  unknown: 'Something went wrong.',
}

// Failures where sending the same request again later may work.
const RETRYABLE =
  /^(rate_limited|upstream_error|upstream_unavailable|malformed_response|timeout|network)$/

/**
 * The default human message and retry advice for every {@link LikenessErrorCode}. Retryable
 * codes describe failures where the same request may succeed later unchanged.
 *
 * @example
 * ```ts
 * LIKENESS_ERROR_CODES.timeout.retryable // true
 * ```
 */
export const LIKENESS_ERROR_CODES = /* @__PURE__ */ Object.fromEntries(
  /* @__PURE__ */ Object.entries(MESSAGES).map(([code, message]) => [
    code,
    { message, retryable: RETRYABLE.test(code) },
  ]),
) as Readonly<Record<LikenessErrorCode, CodeInfo>>

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
  // Declared, not initialised: assigned once in the constructor (smaller than class fields).
  declare readonly name: 'LikenessError'
  declare readonly code: LikenessErrorCode
  declare readonly status: number | undefined
  declare readonly retryable: boolean
  declare readonly retryAfterMs: number | undefined
  declare readonly details: Readonly<Record<string, unknown>> | undefined

  constructor(code: LikenessErrorCode, options: LikenessErrorOptions = {}) {
    // Error takes only `cause` from the options (when set).
    super(options.message ?? MESSAGES[code], options)
    this.name = 'LikenessError'
    this.code = code
    this.status = options.status
    this.retryable = options.retryable ?? RETRYABLE.test(code)
    this.retryAfterMs = options.retryAfterMs
    this.details = options.details
  }

  /** A plain, JSON-safe form (no `cause`, no stack) for sending across a process boundary. */
  toJSON(): SerializedLikenessError {
    // JSON leaves out the fields that are undefined.
    const { code, message, retryable, status, retryAfterMs, details } = this
    return { code, message, retryable, status, retryAfterMs, details } as SerializedLikenessError
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
  return typeof value === 'string' && Object.hasOwn(MESSAGES, value)
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
  return (
    BY_STATUS[status] ??
    (status >= 500 ? 'upstream_error' : status >= 400 ? 'invalid_request' : 'unknown')
  )
}

const BY_STATUS: Partial<Record<number, LikenessErrorCode>> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  408: 'timeout',
  409: 'conflict',
  410: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media',
  429: 'rate_limited',
  502: 'upstream_unavailable',
  503: 'upstream_unavailable',
  504: 'upstream_unavailable',
}

/**
 * `value` if it is a {@link LikenessError}, else an `unknown` one that keeps it as `cause`.
 *
 * @example
 * ```ts
 * catch (error) { setError(toLikenessError(error)) }
 * ```
 */
export function toLikenessError(value: unknown): LikenessError {
  return isLikenessError(value) ? value : new LikenessError('unknown', { cause: value })
}
