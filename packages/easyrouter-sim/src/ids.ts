import { randomAlphanumeric, randomLowercase, randomUpperHex } from './random.ts'
import { formatCompactStamp } from './time-format.ts'

// Shapes copied from the upstream examples: `20260521162915BF9DC22A7A65ADF905D8`,
// `group-20260520163350-ctpqc`, `asset-20260521164235-zggcb`, `task_...`.

/** A byted token (also the first `session_id`): local stamp + 20 uppercase hex digits. */
export function newBytedToken(nowMs: number): string {
  return `${formatCompactStamp(nowMs)}${randomUpperHex(20)}`
}

/** An asset group id such as `group-20260520163350-ctpqc`. */
export function newGroupId(nowMs: number): string {
  return `group-${formatCompactStamp(nowMs)}-${randomLowercase(5)}`
}

/** An asset id such as `asset-20260521164235-zggcb`. */
export function newAssetId(nowMs: number): string {
  return `asset-${formatCompactStamp(nowMs)}-${randomLowercase(5)}`
}

/** A video task id such as `task_Q2x9...` (32 letters and digits after the prefix). */
export function newTaskId(): string {
  return `task_${randomAlphanumeric(32)}`
}

/**
 * Draws ids until one is not taken. Five random letters per second is plenty in practice, but a
 * test creating many assets within one manual-clock second must never see a collision.
 */
export function uniqueId(generate: () => string, isTaken: (id: string) => boolean): string {
  for (;;) {
    const id = generate()
    if (!isTaken(id)) return id
  }
}
