import { describe, expect, it } from 'vitest'
import { isIdempotencyKey } from './protocol.ts'

describe('isIdempotencyKey', () => {
  it('accepts UUIDs and URL-safe tokens', () => {
    expect(isIdempotencyKey(crypto.randomUUID())).toBe(true)
    expect(isIdempotencyKey('submit_2026-11-24')).toBe(true)
  })

  it.each(['', 'short', 'a'.repeat(129), 'has space in it', 'slash/inside/key', 42, null])(
    'refuses %j',
    (value) => {
      expect(isIdempotencyKey(value)).toBe(false)
    },
  )
})
