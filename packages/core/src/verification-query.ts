import type { QueryObserverOptions } from '@tanstack/query-core'
import { retryPolicy, type LikenessRuntime } from './runtime.ts'
import type { VerificationSession } from './verification.ts'

/**
 * The person's verification as one cached query, shared by everything that needs to know
 * whether they are verified. No abort signal on purpose: a small read every watcher shares,
 * so StrictMode's unmount-and-remount reuses the request in flight instead of cancelling it.
 *
 * @example
 * ```ts
 * const session = await runtime.client.fetchQuery(verificationQuery(runtime))
 * ```
 */
export function verificationQuery(
  runtime: LikenessRuntime,
): QueryObserverOptions<VerificationSession | null> {
  return {
    queryKey: runtime.keys.verification,
    queryFn: () => runtime.adapter.getVerification(),
    ...retryPolicy(runtime),
  }
}
