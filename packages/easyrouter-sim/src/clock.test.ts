import { describe, expect, it, vi } from 'vitest'
import { createManualClock, createSystemClock, isAdjustableClock } from './clock.ts'

describe('createManualClock', () => {
  it('stands still until advanced or set', () => {
    const clock = createManualClock(1_000)
    expect(clock.now()).toBe(1_000)
    expect(clock.now()).toBe(1_000)
    clock.advance(250)
    expect(clock.now()).toBe(1_250)
    clock.set(50)
    expect(clock.now()).toBe(50)
  })

  it('refuses to go backwards with advance or to take non-finite times', () => {
    const clock = createManualClock(0)
    expect(() => {
      clock.advance(-1)
    }).toThrow(RangeError)
    expect(() => {
      clock.set(Number.NaN)
    }).toThrow(RangeError)
    expect(() => createManualClock(Number.POSITIVE_INFINITY)).toThrow(RangeError)
  })
})

describe('createSystemClock', () => {
  it('follows real time plus an offset', () => {
    vi.useFakeTimers({ now: 10_000 })
    try {
      const clock = createSystemClock()
      expect(clock.now()).toBe(10_000)
      clock.advance(5_000)
      expect(clock.now()).toBe(15_000)
      vi.advanceTimersByTime(1_000)
      expect(clock.now()).toBe(16_000)
      clock.set(100)
      expect(clock.now()).toBe(100)
      vi.advanceTimersByTime(1_000)
      expect(clock.now()).toBe(1_100)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('isAdjustableClock', () => {
  it('tells movable clocks from plain ones', () => {
    expect(isAdjustableClock(createManualClock(0))).toBe(true)
    expect(isAdjustableClock(createSystemClock())).toBe(true)
    expect(isAdjustableClock({ now: () => 0 })).toBe(false)
  })
})
