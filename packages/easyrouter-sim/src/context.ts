import type { SimClock } from './clock.ts'
import type { HmacSigner } from './hmac.ts'
import type { ResolvedTimings } from './options.ts'
import type { SimState } from './state.ts'

/** What every handler needs: state, time, configuration. Built once per simulator. */
export interface SimContext {
  state: SimState
  clock: SimClock
  /** Origin plus path prefix, no trailing slash; links are built from it. */
  baseUrl: string
  /** Path prefix requests arrive under (`''` at the root); forms post to it. */
  basePath: string
  timings: ResolvedTimings
  maxAssetBytes: number
  signer: HmacSigner
  /** The fake secret put into the provider credentials of `raw_response` (and only there). */
  credentialCanary: string
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>
  /** Registers background work so `settle()` can wait for it. */
  track(work: Promise<unknown>): void
}

/** The account a request acts for: the API key itself. */
export type Owner = string
