import type { RateLimit } from './options.ts'

/**
 * Fixed-window counters per user and kind of create, in memory. With several server
 * instances each keeps its own window, so the effective allowance is per instance.
 */
export interface RateLimiter {
  /** Counts one create; returns how long to wait (ms) when over the allowance, else 0. */
  take(kind: string, userId: string, limit: RateLimit, now: number): number
}

export function createRateLimiter(): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>()
  return {
    take(kind, userId, limit, now) {
      const key = `${kind}\n${userId}`
      const current = windows.get(key)
      if (!current || now - current.start >= limit.windowMs) {
        if (windows.size > 10_000) {
          for (const [k, w] of windows) if (now - w.start >= limit.windowMs) windows.delete(k)
        }
        windows.set(key, { start: now, count: 1 })
        return 0
      }
      if (current.count >= limit.max) return current.start + limit.windowMs - now
      current.count += 1
      return 0
    },
  }
}
