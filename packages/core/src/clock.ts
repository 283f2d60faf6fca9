/**
 * Where controllers read the time, and a tick for what shows elapsed time. One clock serves
 * every controller of a page: a single timer, running only while something listens and the
 * page is visible (a hidden tab renders nothing, so it is not woken every second). Tests pass
 * a clock of their own and move it by hand.
 *
 * @example
 * ```ts
 * let time = 0
 * const listeners = new Set<() => void>()
 * const manual: Clock = {
 *   now: () => time,
 *   subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
 * }
 * ```
 */
export interface Clock {
  /** Milliseconds since the epoch, as `Date.now()`. */
  now(): number
  /**
   * Calls `listener` about once a second while the page is visible (and once when it shows
   * again); returns the function that stops it.
   */
  subscribe(listener: () => void): () => void
}

const TICK_MS = 1000

/**
 * The clock of the page: `Date.now()`, and one shared one-second timer that pauses while
 * `document.hidden`. Safe on a server (nothing starts until something subscribes, and with no
 * `document` the timer simply runs).
 *
 * @example
 * ```ts
 * const stop = systemClock.subscribe(() => render(systemClock.now()))
 * ```
 */
export const systemClock: Clock = /* @__PURE__ */ createSystemClock()

function createSystemClock(): Clock {
  const listeners = new Set<() => void>()
  let timer: ReturnType<typeof setInterval> | undefined
  const hidden = () => typeof document !== 'undefined' && document.hidden
  const tick = () => {
    for (const listener of [...listeners]) listener()
  }
  const sync = () => {
    const run = listeners.size > 0 && !hidden()
    if (run && timer === undefined) timer = setInterval(tick, TICK_MS)
    if (!run && timer !== undefined) {
      clearInterval(timer)
      timer = undefined
    }
  }
  const onVisibility = () => {
    sync()
    // Coming back: show the time that passed at once, not a second later.
    if (!hidden()) tick()
  }
  return {
    now: () => Date.now(),
    subscribe(listener) {
      listeners.add(listener)
      if (listeners.size === 1 && typeof document !== 'undefined') {
        document.addEventListener('visibilitychange', onVisibility)
      }
      sync()
      return () => {
        if (!listeners.delete(listener)) return
        if (listeners.size === 0 && typeof document !== 'undefined') {
          document.removeEventListener('visibilitychange', onVisibility)
        }
        sync()
      }
    },
  }
}
