/** Signs and checks short strings with HMAC-SHA256 through Web Crypto. */
export interface HmacSigner {
  /** Lowercase hex HMAC-SHA256 of `text`. */
  sign(text: string): Promise<string>
  /** Whether `signature` is the HMAC of `text`; the comparison does not leak timing. */
  verify(text: string, signature: string): Promise<boolean>
}

const encoder = new TextEncoder()

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(hex)) return undefined
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return bytes
}

/** Creates a signer for `secret`; the key is imported once, on first use. */
export function createHmacSigner(secret: string): HmacSigner {
  let key: Promise<CryptoKey> | undefined
  const getKey = (): Promise<CryptoKey> =>
    (key ??= crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    ))

  return {
    async sign(text) {
      return toHex(await crypto.subtle.sign('HMAC', await getKey(), encoder.encode(text)))
    },
    async verify(text, signature) {
      const bytes = fromHex(signature)
      if (!bytes) return false
      // subtle.verify compares in constant time, unlike comparing hex strings ourselves.
      return crypto.subtle.verify('HMAC', await getKey(), bytes, encoder.encode(text))
    },
  }
}
