// Web Crypto's getRandomValues exists in browsers and Node alike, which keeps this module usable
// from the Web-standard entry point.

const LOWERCASE = 'abcdefghijklmnopqrstuvwxyz'
const UPPER_HEX = '0123456789ABCDEF'
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

function randomFrom(alphabet: string, length: number): string {
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % alphabet.length)
  let out = ''
  while (out.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2))
    for (const byte of bytes) {
      if (byte < limit && out.length < length) out += alphabet.charAt(byte % alphabet.length)
    }
  }
  return out
}

/** Random lowercase letters, as in the `zggcb` tail of `asset-20260521164235-zggcb`. */
export function randomLowercase(length: number): string {
  return randomFrom(LOWERCASE, length)
}

/** Random uppercase hexadecimal digits, as in byted tokens. */
export function randomUpperHex(length: number): string {
  return randomFrom(UPPER_HEX, length)
}

/** Random letters and digits, for task ids and opaque nonces. */
export function randomAlphanumeric(length: number): string {
  return randomFrom(ALPHANUMERIC, length)
}

/** `byteLength` random bytes as lowercase hex, for secrets. */
export function randomHex(byteLength: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(byteLength))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}
