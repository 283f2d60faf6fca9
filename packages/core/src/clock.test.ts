import { afterEach, describe, expect, it, vi } from 'vitest'
import { systemClock } from './clock.ts'

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

/** A page whose visibility the test sets. */
function page() {
  const target = new EventTarget()
  const document = Object.assign(target, { hidden: false })
  vi.stubGlobal('document', document)
  return {
    hide(hidden: boolean) {
      document.hidden = hidden
      target.dispatchEvent(new Event('visibilitychange'))
    },
  }
}

describe('systemClock', () => {
  it('ticks once a second for every listener on one timer, and stops with the last one', () => {
    vi.useFakeTimers()
    page()
    const first = vi.fn()
    const second = vi.fn()
    const stopFirst = systemClock.subscribe(first)
    const stopSecond = systemClock.subscribe(second)
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(3000)
    expect(first).toHaveBeenCalledTimes(3)
    expect(second).toHaveBeenCalledTimes(3)
    stopFirst()
    stopSecond()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('sleeps while the page is hidden and shows the time passed as soon as it is back', () => {
    vi.useFakeTimers()
    const visibility = page()
    const listener = vi.fn()
    const stop = systemClock.subscribe(listener)
    visibility.hide(true)
    vi.advanceTimersByTime(72_000)
    expect(listener).not.toHaveBeenCalled()
    expect(vi.getTimerCount()).toBe(0)
    visibility.hide(false)
    expect(listener).toHaveBeenCalledOnce()
    vi.advanceTimersByTime(1000)
    expect(listener).toHaveBeenCalledTimes(2)
    stop()
  })
})
