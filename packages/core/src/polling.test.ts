import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_POLLING_SCHEDULE,
  DEFAULT_RETRY_SCHEDULE,
  parseRetryAfter,
  pollDelay,
  pollDelayForAge,
  type PollingSchedule,
} from './polling.ts'

const exact: PollingSchedule = { initialMs: 1000, factor: 2, maxMs: 5000, jitter: 0 }

describe('pollDelay', () => {
  it('grows geometrically up to the ceiling', () => {
    expect([0, 1, 2, 3, 4, 10].map((attempt) => pollDelay(attempt, exact))).toEqual([
      1000, 2000, 4000, 5000, 5000, 5000,
    ])
  })

  it('follows the default schedule', () => {
    const none = () => 0
    expect(pollDelay(0, DEFAULT_POLLING_SCHEDULE, { random: none })).toBe(1000)
    expect(pollDelay(1, DEFAULT_POLLING_SCHEDULE, { random: none })).toBe(1500)
    expect(pollDelay(50, DEFAULT_POLLING_SCHEDULE, { random: none })).toBe(15_000)
  })

  it('takes jitter away, never adds it', () => {
    const schedule = { ...exact, jitter: 0.5 }
    expect(pollDelay(0, schedule, { random: () => 0 })).toBe(1000)
    expect(pollDelay(0, schedule, { random: () => 0.999999 })).toBe(500)
    expect(pollDelay(0, DEFAULT_RETRY_SCHEDULE, { random: () => 0.5 })).toBe(150)
  })

  it('never polls sooner than Retry-After', () => {
    expect(pollDelay(0, exact, { retryAfterMs: 7000 })).toBe(7000)
    expect(pollDelay(3, exact, { retryAfterMs: 100 })).toBe(5000)
  })

  it('treats nonsense attempts as the first', () => {
    expect(pollDelay(-3, exact)).toBe(1000)
    expect(pollDelay(Number.NaN, exact)).toBe(1000)
    expect(pollDelay(Number.POSITIVE_INFINITY, exact)).toBe(1000)
  })

  it('stays within [ceiling * (1 - jitter), ceiling] and respects Retry-After (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          initialMs: fc.integer({ min: 1, max: 10_000 }),
          factor: fc.double({ min: 1, max: 4, noNaN: true }),
          maxMs: fc.integer({ min: 1, max: 120_000 }),
          jitter: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        fc.integer({ min: 0, max: 200 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 600_000 }), { nil: undefined }),
        (schedule, attempt, r, retryAfterMs) => {
          const delay = pollDelay(attempt, schedule, { random: () => r, retryAfterMs })
          const base = Math.min(schedule.maxMs, schedule.initialMs * schedule.factor ** attempt)
          expect(delay).toBeLessThanOrEqual(Math.max(Math.round(base), retryAfterMs ?? 0))
          expect(delay).toBeGreaterThanOrEqual(Math.floor(base * (1 - schedule.jitter)))
          if (retryAfterMs !== undefined) expect(delay).toBeGreaterThanOrEqual(retryAfterMs)
        },
      ),
    )
  })

  it('never shrinks as attempts grow without jitter (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), (attempt) => {
        expect(pollDelay(attempt + 1, exact)).toBeGreaterThanOrEqual(pollDelay(attempt, exact))
      }),
    )
  })
})

describe('pollDelayForAge', () => {
  const none = { random: () => 0 }
  it('polls fast when fresh and slowly when old', () => {
    expect(pollDelayForAge(0, exact, none)).toBe(1000)
    expect(pollDelayForAge(999, exact, none)).toBe(1000)
    expect(pollDelayForAge(1000, exact, none)).toBe(2000)
    expect(pollDelayForAge(3000, exact, none)).toBe(4000)
    expect(pollDelayForAge(60 * 60_000, exact, none)).toBe(5000)
    expect(pollDelayForAge(10 * 60_000, DEFAULT_POLLING_SCHEDULE, none)).toBe(15_000)
  })

  it('never decreases with age (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3_600_000 }),
        fc.integer({ min: 0, max: 60_000 }),
        (age, more) => {
          expect(
            pollDelayForAge(age + more, DEFAULT_POLLING_SCHEDULE, none),
          ).toBeGreaterThanOrEqual(pollDelayForAge(age, DEFAULT_POLLING_SCHEDULE, none))
        },
      ),
    )
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('Wed, 21 Oct 2026 07:27:00 GMT')
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter(' 0 ', now)).toBe(0)
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', now)).toBe(60_000)
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:00:00 GMT', now)).toBe(0)
  })

  it.each([null, undefined, '', 'soon', '-1', '1.5', '12abc'])('ignores %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined()
  })
})
