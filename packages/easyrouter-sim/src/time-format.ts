// EasyRouter's examples carry Beijing time: ids such as `asset-20260521164235-zggcb` and
// timestamps such as `2026-05-21T16:29:15+08:00`. China has no daylight saving time, so a fixed
// +08:00 offset reproduces them exactly.
const UPSTREAM_OFFSET_MS = 8 * 60 * 60 * 1000

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0')
}

interface DateParts {
  year: string
  month: string
  day: string
  hour: string
  minute: string
  second: string
}

function partsAt(ms: number, offsetMs: number): DateParts {
  const shifted = new Date(ms + offsetMs)
  return {
    year: pad(shifted.getUTCFullYear(), 4),
    month: pad(shifted.getUTCMonth() + 1),
    day: pad(shifted.getUTCDate()),
    hour: pad(shifted.getUTCHours()),
    minute: pad(shifted.getUTCMinutes()),
    second: pad(shifted.getUTCSeconds()),
  }
}

/** `2026-05-21T16:29:15+08:00`: ISO 8601 with the upstream's offset, as the API returns times. */
export function formatUpstreamIso(ms: number): string {
  const p = partsAt(ms, UPSTREAM_OFFSET_MS)
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}+08:00`
}

/** `20260521162915`: the compact upstream-local stamp used inside ids and tokens. */
export function formatCompactStamp(ms: number): string {
  const p = partsAt(ms, UPSTREAM_OFFSET_MS)
  return `${p.year}${p.month}${p.day}${p.hour}${p.minute}${p.second}`
}

/** `20260521T082915Z`: the UTC stamp object-storage signatures use (`X-Tos-Date`). */
export function formatTosDate(ms: number): string {
  const p = partsAt(ms, 0)
  return `${p.year}${p.month}${p.day}T${p.hour}${p.minute}${p.second}Z`
}

/** Reads an `X-Tos-Date` stamp back into milliseconds; `undefined` when it is malformed. */
export function parseTosDate(stamp: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(stamp)
  if (!match) return undefined
  const [, year = 0, month = 0, day, hour, minute, second] = match.map(Number)
  const ms = Date.UTC(year, month - 1, day, hour, minute, second)
  return Number.isNaN(ms) ? undefined : ms
}

/** Unix seconds, the unit of the video API's `created_at` and `completed_at`. */
export function toUnixSeconds(ms: number): number {
  return Math.floor(ms / 1000)
}
