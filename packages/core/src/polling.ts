/**
 * How often to ask again about something that is still changing (a processing asset, a
 * running video job): start quickly, slow down geometrically, never exceed a ceiling, spread
 * clients apart with jitter, and never ask sooner than the server's `Retry-After`.
 *
 * @example
 * ```ts
 * const slow: PollingSchedule = { ...DEFAULT_POLLING_SCHEDULE, maxMs: 30_000 }
 * ```
 */
export interface PollingSchedule {
  /** Delay before the first repeat, in milliseconds. */
  readonly initialMs: number
  /** Each delay is the previous one times this factor (>= 1). */
  readonly factor: number
  /** The longest delay between two polls, in milliseconds. */
  readonly maxMs: number
  /** Share of the delay that is randomised, from 0 (none) to 1 (the whole delay). */
  readonly jitter: number
}

/**
 * The schedule used for video jobs and processing assets: 1 s, growing by half each time, at
 * most 15 s apart, with ±20 % jitter.
 *
 * @example
 * ```ts
 * pollDelay(0, DEFAULT_POLLING_SCHEDULE) // about 1000
 * ```
 */
export const DEFAULT_POLLING_SCHEDULE: PollingSchedule = {
  initialMs: 1000,
  factor: 1.5,
  maxMs: 15_000,
  jitter: 0.2,
}

/**
 * The schedule for retrying a failed request: 300 ms doubling to at most 10 s, full jitter.
 *
 * @example
 * ```ts
 * pollDelay(attempt, DEFAULT_RETRY_SCHEDULE, { retryAfterMs: error.retryAfterMs })
 * ```
 */
export const DEFAULT_RETRY_SCHEDULE: PollingSchedule = {
  initialMs: 300,
  factor: 2,
  maxMs: 10_000,
  jitter: 1,
}

/** Inputs to {@link pollDelay} beyond the schedule. */
export interface PollDelayOptions {
  /** The server asked to wait this long (from `Retry-After`); the delay is never shorter. */
  retryAfterMs?: number | undefined
  /** A source of numbers in [0, 1); `Math.random` by default. Pass a fixed one in tests. */
  random?: (() => number) | undefined
}

/**
 * The delay before poll number `attempt + 1`, where attempt 0 is the first repeat.
 * Without jitter it is `min(maxMs, initialMs * factor ** attempt)`; jitter takes up to
 * `jitter` of that away at random (never adds, so the ceiling holds); a `retryAfterMs`
 * raises the result to at least that long.
 *
 * @example
 * ```ts
 * pollDelay(3, { initialMs: 1000, factor: 2, maxMs: 5000, jitter: 0 }) // 5000
 * ```
 */
export function pollDelay(
  attempt: number,
  schedule: PollingSchedule = DEFAULT_POLLING_SCHEDULE,
  { retryAfterMs = 0, random = Math.random }: PollDelayOptions = {},
): number {
  const steps = Number.isFinite(attempt) ? Math.max(0, Math.floor(attempt)) : 0
  const delay = stepMs(schedule, steps) * (1 - unit(schedule.jitter) * unit(random()))
  return Math.round(Math.max(delay, Number.isFinite(retryAfterMs) ? retryAfterMs : 0))
}

/**
 * The polling delay for something that has existed for `ageMs`: polls slow down as a job
 * ages rather than as requests accumulate, so a page that attaches late to an old job does not
 * start fast. The attempt is the number of whole schedule steps that fit in the age.
 *
 * @example
 * ```ts
 * pollDelayForAge(0) // about 1000 (fresh job)
 * pollDelayForAge(10 * 60_000) // about 15000 (ten minutes old)
 * ```
 */
export function pollDelayForAge(
  ageMs: number,
  schedule: PollingSchedule = DEFAULT_POLLING_SCHEDULE,
  options?: PollDelayOptions,
): number {
  let attempt = 0
  // NaN counts as new; an endless age as old.
  let left = ageMs || 0
  while (attempt < 64) {
    const step = stepMs(schedule, attempt)
    if (step > left || step >= schedule.maxMs) break
    left -= step
    attempt += 1
  }
  return pollDelay(attempt, schedule, options)
}

/**
 * Reads a `Retry-After` header (seconds, or an HTTP date) as milliseconds from `nowMs`.
 * Returns `undefined` for a missing or unreadable value, and 0 for a date in the past.
 *
 * @example
 * ```ts
 * parseRetryAfter('3') // 3000
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('Wed, 21 Oct 2026 07:27:00 GMT')) // 60000
 * ```
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number = Date.now(),
): number | undefined {
  const text = value?.trim() ?? ''
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs)
}

// The delay before repeat `attempt`, without jitter.
const stepMs = ({ initialMs, factor, maxMs }: PollingSchedule, attempt: number) =>
  Math.min(maxMs, initialMs * Math.max(1, factor) ** attempt)

// A number clamped to [0, 1]; NaN counts as 0.
const unit = (value: number) => Math.min(1, Math.max(0, value)) || 0
