/**
 * The simulator's notion of "now". Every state transition (asset processing, video progress,
 * session and signed-URL expiry) is computed from `now()` when it is read, never with timers,
 * so whoever controls the clock controls the timeline.
 *
 * @example
 * ```ts
 * const clock: SimClock = { now: () => Date.now() }
 * ```
 */
export interface SimClock {
  /** Milliseconds since the Unix epoch. */
  now(): number
}

/**
 * A clock that can be moved: `advance` and `set` it to make time pass instantly.
 *
 * @example
 * ```ts
 * const clock = createManualClock(Date.parse('2026-05-21T16:29:15+08:00'))
 * clock.advance(3_000) // the asset uploaded a moment ago is now Active
 * ```
 */
export interface AdjustableClock extends SimClock {
  /** Moves the clock forward by `ms` milliseconds (must not be negative). */
  advance(ms: number): void
  /** Puts the clock at `ms` milliseconds since the Unix epoch. */
  set(ms: number): void
}

/**
 * A clock that only moves when told to; tests use it for a fully deterministic timeline.
 *
 * @example
 * ```ts
 * const clock: ManualClock = createManualClock(0)
 * ```
 */
export type ManualClock = AdjustableClock

function assertFiniteTime(ms: number, what: string): void {
  if (!Number.isFinite(ms)) throw new RangeError(`${what} must be a finite number, got ${ms}`)
}

/**
 * Creates a clock frozen at `startMs` (default: the current real time) that moves only through
 * `advance` and `set`.
 *
 * @example
 * ```ts
 * const clock = createManualClock(Date.parse('2026-05-21T16:29:15+08:00'))
 * clock.advance(2_000)
 * new Date(clock.now()).toISOString() // '2026-05-21T08:29:17.000Z'
 * ```
 */
export function createManualClock(startMs: number = Date.now()): ManualClock {
  assertFiniteTime(startMs, 'startMs')
  return offsetClock(() => 0, startMs)
}

/**
 * Creates a clock that follows real time plus an offset, so a long-running simulator (the
 * standalone server) keeps moving on its own yet can still be pushed forward with `advance`.
 *
 * @example
 * ```ts
 * const clock = createSystemClock()
 * clock.advance(60_000) // one minute in the future, still ticking
 * ```
 */
export function createSystemClock(): AdjustableClock {
  return offsetClock(() => Date.now(), 0)
}

/**
 * Both clocks: a base time plus an offset that only `advance` and `set` change. The manual
 * clock's base stands at zero; the system clock's is the real time.
 */
function offsetClock(base: () => number, startOffset: number): AdjustableClock {
  let offset = startOffset
  return {
    now: () => base() + offset,
    advance(ms) {
      assertFiniteTime(ms, 'advance(ms)')
      if (ms < 0) throw new RangeError(`advance(ms) cannot go backwards, got ${ms}`)
      offset += ms
    },
    set(ms) {
      assertFiniteTime(ms, 'set(ms)')
      offset = ms - base()
    },
  }
}

/**
 * Tells whether a clock can be moved (`advance` and `set`), which the `/__sim/clock` control
 * endpoint needs.
 *
 * @example
 * ```ts
 * isAdjustableClock(createManualClock(0)) // true
 * isAdjustableClock({ now: () => 0 }) // false
 * ```
 */
export function isAdjustableClock(clock: SimClock): clock is AdjustableClock {
  const candidate = clock as Partial<AdjustableClock>
  return typeof candidate.advance === 'function' && typeof candidate.set === 'function'
}
