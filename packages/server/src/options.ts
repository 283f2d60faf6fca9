import type { EasyRouterClient } from '@likeness/easyrouter'
import type { LikenessErrorReport, LikenessEvent } from './events.ts'
import type { BlobStore } from './blob/types.ts'
import { returnToRules, type ReturnToRule } from './return-to.ts'
import type { Store } from './store/types.ts'

/**
 * A per-user allowance: at most `max` creates per `windowMs`.
 *
 * @example
 * ```ts
 * const fivePerHour: RateLimit = { max: 5, windowMs: 60 * 60_000 }
 * ```
 */
export interface RateLimit {
  max: number
  windowMs: number
}

/**
 * Sizes, lifetimes and allowances. Every field has a default.
 *
 * @example
 * ```ts
 * createLikenessHandler({ ...options, limits: { maxUploadBytes: 10 * 1024 * 1024 } })
 * ```
 */
export interface LikenessLimits {
  /** Largest upload accepted, in bytes. Default 30 MiB. */
  maxUploadBytes: number
  /**
   * Uploads one person may have in flight at once; one more answers `429` with `Retry-After`.
   * Default 4 (the browser's upload queue sends at most 4 at a time).
   */
  maxConcurrentUploadsPerUser: number
  /**
   * Upload bytes this process accepts in flight at once, over all people (counted from each
   * upload's `Content-Length`, or `maxUploadBytes` when it has none); past it an upload answers
   * `503` with `Retry-After`. Default 256 MiB.
   */
  maxInFlightUploadBytes: number
  /** How long a started verification may take. Default 30 minutes (EasyRouter's token life). */
  verificationTtlMs: number
  /** How long a staged upload is kept if EasyRouter never finishes with it. Default 1 hour. */
  stagedUploadTtlMs: number
  /** How long poll results of a running job are shared between browsers. Default 1.5 s. */
  jobPollCacheMs: number
  /**
   * How long a video submit holds its `Idempotency-Key` while it creates the task. A retry
   * meanwhile is told to wait (`409`, retryable); once the lease has run out without an answer
   * (the server crashed or hung), the key resolves for good to "outcome unknown" (`409`,
   * `details.outcome: "unknown"`, not retryable), so it never blocks for ever and never creates
   * a second video. Keep it above the EasyRouter client's timeout. Default 2 minutes.
   */
  idempotencyLeaseMs: number
  /** How many recent jobs the job list returns. Default 20. */
  recentJobs: number
  /** Creates per user: verifications, uploads and video jobs. */
  rateLimits: { verification: RateLimit; upload: RateLimit; video: RateLimit }
}

/**
 * How the handler reaches EasyRouter: settings for a client, or a ready client.
 *
 * @example
 * ```ts
 * const easyrouter: EasyRouterOption = { apiKey: process.env.EASYROUTER_API_KEY! }
 * ```
 */
export type EasyRouterOption =
  | {
      /** The EasyRouter key; read it from the environment (`EASYROUTER_API_KEY`). */
      apiKey: string
      /** Default `https://easyrouter.io`; the simulator's URL in development. */
      baseUrl?: string | undefined
      fetch?: typeof fetch | undefined
      timeoutMs?: number | undefined
    }
  | { client: EasyRouterClient }

/**
 * Options of {@link createLikenessHandler}.
 *
 * @example
 * ```ts
 * const options: LikenessHandlerOptions = {
 *   publicUrl: 'https://app.example',
 *   easyrouter: { apiKey: process.env.EASYROUTER_API_KEY! },
 *   secret: process.env.LIKENESS_SECRET!,
 *   getUserId: (request) => sessionUser(request)?.id ?? null,
 * }
 * ```
 */
export interface LikenessHandlerOptions {
  /**
   * Where EasyRouter and browsers reach this app from outside: an origin, optionally with a
   * path prefix (`https://app.example`). The callback URL and staged-upload URLs are built on
   * it, so EasyRouter must be able to reach it.
   */
  publicUrl: string
  /** The path the handler is mounted at. Default `/api/likeness`. */
  basePath?: string | undefined
  easyrouter: EasyRouterOption
  /**
   * Who is asking, from the host's own authentication. `null` (or `undefined`) answers 401.
   * The id is only compared, never shown; any stable string works.
   */
  getUserId: (request: Request) => string | null | undefined | Promise<string | null | undefined>
  /** At least 32 characters; signs callback states and upload URLs. Keep it secret. */
  secret: string
  /** Default: in memory (lost on restart). Use the SQLite store from `@likeness/server/node`. */
  store?: Store | undefined
  /** Default: in memory. Use the disk blob store from `@likeness/server/node`. */
  blobStore?: BlobStore | undefined
  /**
   * Origins of the pages that may call the handler and open the verification popup.
   * Default: the origin of `publicUrl`.
   */
  allowedOrigins?: readonly string[] | undefined
  /**
   * Where the browser may be sent back after verifying: origins, or origins with a path
   * prefix. A prefix covers whole path segments (`https://app.example/app` allows `/app` and
   * `/app/x`, not `/apps`), and a `returnTo` with a percent-escaped `/`, `\` or `.` in its path
   * is refused. A relative `returnTo` is resolved against `publicUrl`. Default: the origin of
   * `publicUrl`.
   */
  allowedReturnTo?: readonly string[] | undefined
  limits?: Partial<LikenessLimits> | undefined
  /**
   * Whether the liveness callback must come back to the browser that started the verification
   * (checked with an `HttpOnly`, `SameSite=Lax` cookie that `POST /verification` sets). Default
   * `true`. Leave it on: with it off, a person who forwards their liveness link gets verified
   * with the face of whoever opens it. Turn it off only where no cookie can travel, such as a
   * handler running inside the browser page it serves (Storybook's in-page journey).
   */
  bindVerificationToBrowser?: boolean | undefined
  /**
   * Called for each {@link LikenessEvent}: what people did, and every security-relevant
   * refusal (anti-CSRF, rate limits, someone else's id, refused callbacks), each with the
   * request id the response carries. Errors it throws are ignored; it never delays a response.
   */
  onEvent?: ((event: LikenessEvent) => void | Promise<void>) | undefined
  /**
   * Called for each {@link LikenessErrorReport}: every `5xx` answered, and work that needs an
   * operator (a video task created upstream that could not be recorded). Errors it throws are
   * ignored.
   */
  onError?: ((report: LikenessErrorReport) => void | Promise<void>) | undefined
  /** The clock, for tests. Default `Date.now`. */
  now?: (() => number) | undefined
}

/**
 * The defaults of {@link LikenessLimits}.
 *
 * @example
 * ```ts
 * const limits = { maxUploadBytes: DEFAULT_LIMITS.maxUploadBytes / 2 }
 * createLikenessHandler({ ...options, limits })
 * ```
 */
export const DEFAULT_LIMITS: LikenessLimits = {
  maxUploadBytes: 30 * 1024 * 1024,
  maxConcurrentUploadsPerUser: 4,
  maxInFlightUploadBytes: 256 * 1024 * 1024,
  verificationTtlMs: 30 * 60_000,
  stagedUploadTtlMs: 60 * 60_000,
  jobPollCacheMs: 1500,
  idempotencyLeaseMs: 2 * 60_000,
  recentJobs: 20,
  rateLimits: {
    verification: { max: 10, windowMs: 10 * 60_000 },
    upload: { max: 60, windowMs: 10 * 60_000 },
    video: { max: 20, windowMs: 10 * 60_000 },
  },
}

/** Checked, normalised options. */
export interface ResolvedOptions {
  publicUrl: URL
  basePath: string
  allowedOrigins: Set<string>
  allowedReturnTo: ReturnToRule[]
  limits: LikenessLimits
  bindVerificationToBrowser: boolean
}

/** Validates the options once, at creation, with messages that say what to fix. */
export function resolveOptions(options: LikenessHandlerOptions): ResolvedOptions {
  const publicUrl = parseHttpUrl(options.publicUrl, 'publicUrl')
  const basePath = (options.basePath ?? '/api/likeness').replace(/\/+$/, '')
  if (basePath !== '' && !/^\/[A-Za-z0-9._~\-/]*$/.test(basePath)) {
    throw new TypeError(
      `basePath must be a path like "/api/likeness", got ${JSON.stringify(options.basePath)}.`,
    )
  }
  if (typeof options.secret !== 'string' || options.secret.length < 32) {
    throw new TypeError(
      'secret must be at least 32 characters (for example 32 random bytes, base64).',
    )
  }
  if (typeof options.getUserId !== 'function') {
    throw new TypeError('getUserId(request) is required: it tells the handler who is asking.')
  }
  const allowedOrigins = new Set(
    (options.allowedOrigins ?? [publicUrl.origin]).map(
      (origin) => parseHttpUrl(origin, 'allowedOrigins').origin,
    ),
  )
  const allowedReturnTo = returnToRules(
    (options.allowedReturnTo ?? [publicUrl.origin]).map((entry) =>
      parseHttpUrl(entry, 'allowedReturnTo'),
    ),
  )
  const limits: LikenessLimits = {
    ...DEFAULT_LIMITS,
    ...options.limits,
    rateLimits: { ...DEFAULT_LIMITS.rateLimits, ...options.limits?.rateLimits },
  }
  return {
    publicUrl,
    basePath,
    allowedOrigins,
    allowedReturnTo,
    limits,
    bindVerificationToBrowser: options.bindVerificationToBrowser ?? true,
  }
}

function parseHttpUrl(value: string, name: string): URL {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new TypeError(`${name} must be absolute http(s) URLs, got ${JSON.stringify(value)}.`)
  }
  return url
}
