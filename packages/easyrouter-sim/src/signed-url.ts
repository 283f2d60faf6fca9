import type { HmacSigner } from './hmac.ts'
import { formatTosDate, parseTosDate } from './time-format.ts'

// Object-storage style links, modelled on the upstream's TOS URLs
// (`...?X-Tos-Algorithm=...&X-Tos-Date=...&X-Tos-Expires=43200&X-Tos-Signature=...`). The
// signature covers the path, the date and the lifetime, so none of them can be edited.

const ALGORITHM = 'TOS4-HMAC-SHA256'

/** Why a signed link was refused. */
export type SignedUrlProblem = 'missing' | 'invalid' | 'expired'

function canonical(path: string, date: string, expires: string): string {
  return `${ALGORITHM}\n${path}\n${date}\n${expires}`
}

/**
 * Builds `{baseUrl}{path}?X-Tos-Algorithm=...&X-Tos-Date=...&X-Tos-Expires=...&X-Tos-Signature=...`.
 * `path` is relative to the simulator's base URL and starts with `/`.
 */
export async function signUrl(options: {
  signer: HmacSigner
  baseUrl: string
  path: string
  nowMs: number
  ttlMs: number
}): Promise<string> {
  const date = formatTosDate(options.nowMs)
  const expires = String(Math.max(1, Math.floor(options.ttlMs / 1000)))
  const signature = await options.signer.sign(canonical(options.path, date, expires))
  const query = new URLSearchParams({
    'X-Tos-Algorithm': ALGORITHM,
    'X-Tos-Date': date,
    'X-Tos-Expires': expires,
    'X-Tos-Signature': signature,
  })
  return `${options.baseUrl}${options.path}?${query.toString()}`
}

/** Checks the signature and lifetime of a signed link; `undefined` means it is good. */
export async function checkSignedUrl(options: {
  signer: HmacSigner
  path: string
  query: URLSearchParams
  nowMs: number
}): Promise<SignedUrlProblem | undefined> {
  const { query } = options
  const algorithm = query.get('X-Tos-Algorithm')
  const date = query.get('X-Tos-Date')
  const expires = query.get('X-Tos-Expires')
  const signature = query.get('X-Tos-Signature')
  if (algorithm === null || date === null || expires === null || signature === null) {
    return 'missing'
  }
  if (algorithm !== ALGORITHM || !/^\d{1,9}$/.test(expires)) return 'invalid'
  const signedAt = parseTosDate(date)
  if (signedAt === undefined) return 'invalid'
  if (!(await options.signer.verify(canonical(options.path, date, expires), signature))) {
    return 'invalid'
  }
  // A link signed "in the future" is only possible when the clock was set backwards; it is
  // still genuine, so only the end of its lifetime matters.
  if (options.nowMs >= signedAt + Number(expires) * 1000) return 'expired'
  return undefined
}
