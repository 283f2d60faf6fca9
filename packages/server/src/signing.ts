// HMAC-SHA-256 signatures with Web Crypto, so the handler runs on Node, edge runtimes and in a
// browser page alike. Each use signs a distinct prefix ("state", "blob") so a signature made
// for one purpose can never be replayed for another.

const encoder = new TextEncoder()

/** Signs and verifies strings with one secret. */
export interface Signer {
  sign(purpose: string, payload: string): Promise<string>
  verify(purpose: string, payload: string, signature: string): Promise<boolean>
}

/** A {@link Signer} for a secret of at least 32 characters. */
export function createSigner(secret: string): Signer {
  const key = crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  )
  const bytes = (purpose: string, payload: string) => encoder.encode(`${purpose}\n${payload}`)
  return {
    async sign(purpose, payload) {
      const signature = await crypto.subtle.sign('HMAC', await key, bytes(purpose, payload))
      return toBase64Url(new Uint8Array(signature))
    },
    async verify(purpose, payload, signature) {
      const raw = fromBase64Url(signature)
      // Only the spelling `sign` makes: the unused bits of the last character must be zero.
      if (!raw || toBase64Url(raw) !== signature) return false
      // subtle.verify compares in constant time.
      return crypto.subtle.verify('HMAC', await key, raw, bytes(purpose, payload))
    },
  }
}

/** Random bytes as URL-safe text: ids and blob keys nobody can guess. */
export function randomToken(byteLength = 24): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(byteLength)))
}

/** SHA-256 of a string, as URL-safe text. */
export async function sha256(text: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text))))
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'))
    return Uint8Array.from(binary, (char) => char.charCodeAt(0))
  } catch {
    return undefined
  }
}
