import { LikenessError } from '@likeness/core'
import type { LikenessLimits } from './options.ts'

// How long a refused upload is told to wait. Uploads of a few MiB finish in seconds; the
// browser retries after this and usually finds room.
const RETRY_AFTER_MS = 5_000

/**
 * Admission for uploads in this process: at most `maxConcurrentUploadsPerUser` at once per
 * person, and at most `maxInFlightUploadBytes` over everyone. Each admitted upload holds its
 * place until its `release` runs, whatever the outcome.
 */
export interface UploadGate {
  /**
   * Takes a place for an upload of `bytes` (its declared length, or the largest allowed), or
   * refuses: `429 rate_limited` when the person has too many uploads running, `503
   * upstream_unavailable` when the process is full. Both say when to try again.
   */
  enter(userId: string, bytes: number): () => void
}

export function createUploadGate(
  limits: Pick<LikenessLimits, 'maxConcurrentUploadsPerUser' | 'maxInFlightUploadBytes'>,
): UploadGate {
  const perUser = new Map<string, number>()
  let inFlightBytes = 0
  return {
    enter(userId, bytes) {
      const running = perUser.get(userId) ?? 0
      if (running >= limits.maxConcurrentUploadsPerUser) {
        throw new LikenessError('rate_limited', {
          message: `At most ${limits.maxConcurrentUploadsPerUser} uploads at a time. Wait for one to finish.`,
          retryAfterMs: RETRY_AFTER_MS,
          details: { reason: 'concurrent_uploads', max: limits.maxConcurrentUploadsPerUser },
        })
      }
      if (inFlightBytes + bytes > limits.maxInFlightUploadBytes) {
        throw new LikenessError('upstream_unavailable', {
          message: 'The server is busy receiving other uploads. Try again in a moment.',
          retryAfterMs: RETRY_AFTER_MS,
          details: { reason: 'server_busy' },
        })
      }
      perUser.set(userId, running + 1)
      inFlightBytes += bytes
      let released = false
      return () => {
        if (released) return
        released = true
        inFlightBytes -= bytes
        const left = (perUser.get(userId) ?? 1) - 1
        if (left > 0) perUser.set(userId, left)
        else perUser.delete(userId)
      }
    },
  }
}
