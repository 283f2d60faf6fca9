import { fromBase64Url, toBase64Url, type Signer } from './signing.ts'

// The `state` on the callback URL: which verification it belongs to and until when it is
// valid, signed. Anyone can read it (it holds no secret); nobody can forge or extend it.

const PURPOSE = 'likeness-callback-state'

interface StatePayload {
  v: string
  e: number
}

/** Signs a state for a verification, valid until `expiresAt` (unix ms). */
export async function createState(
  signer: Signer,
  verificationId: string,
  expiresAt: number,
): Promise<string> {
  const payload: StatePayload = { v: verificationId, e: expiresAt }
  const body = toBase64Url(new TextEncoder().encode(JSON.stringify(payload)))
  return `${body}.${await signer.sign(PURPOSE, body)}`
}

/** The verification id of a genuine, unexpired state; otherwise why it was refused. */
export async function readState(
  signer: Signer,
  state: string | null,
  now: number,
): Promise<{ ok: true; verificationId: string } | { ok: false; reason: 'forged' | 'expired' }> {
  const [body, signature, extra] = (state ?? '').split('.')
  if (!body || !signature || extra !== undefined) return { ok: false, reason: 'forged' }
  if (!(await signer.verify(PURPOSE, body, signature))) return { ok: false, reason: 'forged' }
  const bytes = fromBase64Url(body)
  let payload: unknown
  try {
    payload = bytes ? JSON.parse(new TextDecoder().decode(bytes)) : undefined
  } catch {
    payload = undefined
  }
  if (!isPayload(payload)) return { ok: false, reason: 'forged' }
  if (now > payload.e) return { ok: false, reason: 'expired' }
  return { ok: true, verificationId: payload.v }
}

function isPayload(value: unknown): value is StatePayload {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return typeof record.v === 'string' && typeof record.e === 'number'
}
