import type { QueryClient } from '@tanstack/query-core'
import { systemClock, type Clock } from './clock.ts'
import type { HostAdapter } from './host-adapter.ts'
import { sessionJobIdStorage, type JobIdStorage } from './job-id-storage.ts'
import { DEFAULT_POLLING_SCHEDULE, type PollingSchedule } from './polling.ts'
import { likenessKeys, type LikenessKeys } from './query-keys.ts'
import { retryDelay, shouldRetry } from './retry.ts'

/**
 * What every controller works with: the host's TanStack `QueryClient` (so the hooks, the
 * host's own queries and the controllers share one cache), the adapter to the host's
 * backend, the query keys of one scope, the polling schedule, the clock and where job ids are
 * kept. `LikenessProvider` makes one; outside React, make it with {@link createLikenessRuntime}.
 *
 * @example
 * ```ts
 * const runtime = createLikenessRuntime({ client: new QueryClient(), adapter })
 * const job = new VideoJobController(runtime)
 * ```
 */
export interface LikenessRuntime {
  readonly client: QueryClient
  readonly adapter: HostAdapter
  readonly keys: LikenessKeys
  readonly polling: PollingSchedule
  readonly clock: Clock
  readonly storage: JobIdStorage
}

/**
 * Options of {@link createLikenessRuntime}: the client and the adapter, and optionally the
 * rest (defaults: scope `default`, `DEFAULT_POLLING_SCHEDULE`, `systemClock`,
 * `sessionJobIdStorage`).
 *
 * @example
 * ```ts
 * const options: LikenessRuntimeOptions = { client, adapter, scope: userId }
 * ```
 */
export interface LikenessRuntimeOptions {
  client: QueryClient
  adapter: HostAdapter
  /** Separates cached data, e.g. per signed-in user; part of every query key. */
  scope?: string | undefined
  polling?: PollingSchedule | undefined
  clock?: Clock | undefined
  storage?: JobIdStorage | undefined
}

/**
 * Makes a {@link LikenessRuntime}, filling in the defaults.
 *
 * @example
 * ```ts
 * createLikenessRuntime({ client, adapter: createHttpAdapter({ baseUrl: '/api/likeness' }) })
 * ```
 */
export function createLikenessRuntime(options: LikenessRuntimeOptions): LikenessRuntime {
  return {
    client: options.client,
    adapter: options.adapter,
    keys: likenessKeys(options.scope),
    polling: options.polling ?? DEFAULT_POLLING_SCHEDULE,
    clock: options.clock ?? systemClock,
    storage: options.storage ?? sessionJobIdStorage,
  }
}

/**
 * The retry policy of every Likeness read (`queries`) or submit (`mutations`): the host's
 * `QueryClient` defaults for that kind when it set them, else {@link shouldRetry} and {@link retryDelay} (refusals at once, retryable errors
 * on the core schedule, never sooner than `Retry-After`).
 */
export function retryPolicy(
  { client }: LikenessRuntime,
  kind: 'queries' | 'mutations' = 'queries',
) {
  const { retry = shouldRetry, retryDelay: delay = retryDelay } =
    client.getDefaultOptions()[kind] ?? {}
  // As functions whatever form the host chose (a boolean, a count), so a loop of ours can ask.
  return {
    retry: (failures: number, error: Error): boolean =>
      typeof retry === 'function'
        ? retry(failures, error)
        : typeof retry === 'number'
          ? failures < retry
          : retry,
    retryDelay: (failures: number, error: Error): number =>
      typeof delay === 'function' ? delay(failures, error) : delay,
  }
}
