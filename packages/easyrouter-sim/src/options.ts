import type { SimClock } from './clock.ts'
import { randomAlphanumeric } from './random.ts'

/**
 * How long the simulated upstream takes for each asynchronous step, in milliseconds.
 *
 * @example
 * ```ts
 * const timings: SimulatorTimings = { assetProcessingMs: 0, videoGenerationMs: 1_000 }
 * ```
 */
export interface SimulatorTimings {
  /** Minimum time an uploaded asset stays `Processing`. Default 3000. */
  assetProcessingMs?: number
  /** Time a video task stays `queued`. Default 2000. */
  videoQueuedMs?: number
  /** Time a video task spends `in_progress` before it completes or fails. Default 12000. */
  videoGenerationMs?: number
  /** Lifetime of a liveness session and its `h5_link`. Default 30 minutes. */
  sessionTtlMs?: number
  /** Lifetime of signed asset and video URLs. Default 12 hours (`X-Tos-Expires=43200`). */
  signedUrlTtlMs?: number
  /** How long the simulator waits for an uploaded asset's URL to answer. Default 30000. */
  assetFetchTimeoutMs?: number
}

/**
 * Options of {@link createSimulator}.
 *
 * @example
 * ```ts
 * const options: SimulatorOptions = {
 *   baseUrl: 'http://127.0.0.1:4010',
 *   apiKeys: ['sk-test-a', 'sk-test-b'],
 *   clock: createManualClock(Date.parse('2026-05-21T16:29:15+08:00')),
 * }
 * ```
 */
export interface SimulatorOptions {
  /**
   * Public origin (optionally with a path prefix) of the simulator, used to build `h5_link`,
   * signed asset URLs and video URLs. Requests under the prefix are routed with it removed.
   */
  baseUrl: string
  /**
   * Accepted API keys. When omitted, any non-empty Bearer token is accepted. Either way the key
   * is the account: what one key creates is invisible to every other key.
   */
  apiKeys?: readonly string[]
  /** The clock every state transition is computed from. Default: real time, adjustable. */
  clock?: SimClock
  /** Used to download uploaded asset URLs. Default: `globalThis.fetch`. */
  fetch?: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>
  timings?: SimulatorTimings
  /** Largest asset download accepted; bigger files end `Failed` / `InvalidMedia`. Default 50 MB. */
  maxAssetBytes?: number
  /** HMAC secret for signed URLs and H5 links. Default: random per simulator. */
  secret?: string
  /**
   * Serve the unauthenticated `/__sim/*` control endpoints, to requests carrying the header
   * `x-sim-control: 1` (`SIM_CONTROL_HEADER`). Default `true`.
   */
  control?: boolean
  /**
   * A fake secret planted where EasyRouter puts real temporary credentials: the
   * `secretAccessKey` and `sessionToken` of the provider link inside every session's
   * `raw_response`, and nowhere else. A test can then search every response, page, log line and
   * stored row of the host for it: finding it anywhere means `raw_response` leaked. 16 or more
   * of `A-Z a-z 0-9 . _ ~ -`, so URL and JSON encoding leave it intact. Default:
   * {@link CREDENTIAL_CANARY_PREFIX} plus 24 random letters and digits, new per simulator (read
   * it back from `sim.credentialCanary`).
   *
   * @example
   * ```ts
   * const sim = createSimulator({ baseUrl, credentialCanary: 'sim-canary-leak-check-0001' })
   * expect(await readAllLogs()).not.toContain(sim.credentialCanary)
   * ```
   */
  credentialCanary?: string
}

/**
 * How every default credential canary begins, so a search for leaks can look for this fixed
 * string without knowing the random rest.
 *
 * @example
 * ```ts
 * expect(pageText).not.toContain(CREDENTIAL_CANARY_PREFIX)
 * ```
 */
export const CREDENTIAL_CANARY_PREFIX = 'sim-canary-'

/** Characters that survive URL and JSON encoding unchanged, so a plain text search finds them. */
const CANARY_PATTERN = /^[A-Za-z0-9._~-]{16,}$/

/** The given canary after checking it, or a fresh random one. */
export function resolveCredentialCanary(canary: string | undefined): string {
  if (canary === undefined) return `${CREDENTIAL_CANARY_PREFIX}${randomAlphanumeric(24)}`
  if (!CANARY_PATTERN.test(canary)) {
    throw new TypeError(
      'credentialCanary must be at least 16 characters of A-Z, a-z, 0-9, ".", "_", "~" or "-".',
    )
  }
  return canary
}

/** Timings with every default applied. */
export type ResolvedTimings = Required<SimulatorTimings>

/**
 * The defaults of {@link SimulatorTimings}.
 *
 * @example
 * ```ts
 * DEFAULT_TIMINGS.signedUrlTtlMs / 1000 // 43200, the upstream's X-Tos-Expires
 * ```
 */
export const DEFAULT_TIMINGS: ResolvedTimings = {
  assetProcessingMs: 3_000,
  videoQueuedMs: 2_000,
  videoGenerationMs: 12_000,
  sessionTtlMs: 30 * 60 * 1000,
  signedUrlTtlMs: 12 * 60 * 60 * 1000,
  assetFetchTimeoutMs: 30_000,
}

/**
 * The default of {@link SimulatorOptions.maxAssetBytes}: 50 MB.
 *
 * @example
 * ```ts
 * createSimulator({ baseUrl, maxAssetBytes: DEFAULT_MAX_ASSET_BYTES / 10 })
 * ```
 */
export const DEFAULT_MAX_ASSET_BYTES = 50 * 1024 * 1024

/** Applies defaults and rejects timings that would make the timeline meaningless. */
export function resolveTimings(timings: SimulatorTimings = {}): ResolvedTimings {
  const resolved = { ...DEFAULT_TIMINGS }
  for (const [name, value] of Object.entries(timings) as [keyof SimulatorTimings, unknown][]) {
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`timings.${name} must be a finite number >= 0`)
    }
    resolved[name] = value
  }
  return resolved
}

/**
 * Splits a base URL into the origin-plus-prefix used to build links (no trailing slash) and the
 * path prefix requests arrive under (`''` at the root).
 */
export function parseBaseUrl(baseUrl: string): { baseUrl: string; basePath: string } {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw new TypeError(`baseUrl must be an absolute http(s) URL, got ${JSON.stringify(baseUrl)}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`baseUrl must be an absolute http(s) URL, got ${JSON.stringify(baseUrl)}`)
  }
  const basePath = url.pathname.replace(/\/+$/, '')
  return { baseUrl: `${url.origin}${basePath}`, basePath }
}
