/**
 * One API request as the simulator received it. Headers are left out on purpose: they carry the
 * API key, which must never be logged.
 *
 * @example
 * ```ts
 * const entry: LoggedRequest = { method: 'POST', path: '/v1/video/generations', at: 1779352155000 }
 * ```
 */
export interface LoggedRequest {
  method: string
  /** The URL path (no query). */
  path: string
  /** `clock.now()` when it arrived. */
  at: number
}

/**
 * The API requests received so far, oldest first: an array with a `reset()`. Tests count
 * upstream calls with it.
 *
 * @example
 * ```ts
 * sim.requests.filter((r) => r.method === 'POST').length
 * sim.requests.reset()
 * ```
 */
export interface RequestLog extends ReadonlyArray<LoggedRequest> {
  /** Forgets every entry. */
  reset(): void
}

/** The mutable side of the log, kept inside the simulator. */
export interface RequestRecorder {
  readonly log: RequestLog
  record(entry: LoggedRequest): void
}

/** Creates an empty log. */
export function createRequestRecorder(): RequestRecorder {
  const entries: LoggedRequest[] = []
  // A real array, so `length`, indexing and every array method work; `reset` is added on top and
  // kept non-enumerable so the log still prints and serializes as a plain list.
  Object.defineProperty(entries, 'reset', {
    value: () => {
      entries.length = 0
    },
    enumerable: false,
  })
  return {
    log: entries as unknown as RequestLog,
    record(entry) {
      entries.push(entry)
    },
  }
}
