import { describe, expect, it } from 'vitest'
import { createHmacSigner } from './hmac.ts'
import { checkSignedUrl, signUrl } from './signed-url.ts'

const signer = createHmacSigner('secret')
const T = Date.parse('2026-05-21T16:29:15+08:00')
const TTL = 43_200_000

async function signed(path = '/tos/asset-1'): Promise<URL> {
  return new URL(
    await signUrl({ signer, baseUrl: 'http://sim.test/base', path, nowMs: T, ttlMs: TTL }),
  )
}

async function check(url: URL, nowMs: number, path = '/tos/asset-1'): Promise<unknown> {
  return checkSignedUrl({ signer, path, query: url.searchParams, nowMs })
}

describe('signed URLs', () => {
  it('look like the upstream TOS links', async () => {
    const url = await signed()
    expect(url.origin + url.pathname).toBe('http://sim.test/base/tos/asset-1')
    expect(url.searchParams.get('X-Tos-Algorithm')).toBe('TOS4-HMAC-SHA256')
    expect(url.searchParams.get('X-Tos-Date')).toBe('20260521T082915Z')
    expect(url.searchParams.get('X-Tos-Expires')).toBe('43200')
    expect(url.searchParams.get('X-Tos-Signature')).toMatch(/^[0-9a-f]{64}$/)
  })

  it('are valid until the lifetime is over', async () => {
    const url = await signed()
    expect(await check(url, T)).toBeUndefined()
    expect(await check(url, T + TTL - 1)).toBeUndefined()
    expect(await check(url, T + TTL)).toBe('expired')
  })

  it('refuse any edit: path, date, lifetime or signature', async () => {
    const url = await signed()
    expect(await check(url, T, '/tos/asset-2')).toBe('invalid')
    for (const [name, value] of [
      ['X-Tos-Date', '20260521T082916Z'],
      ['X-Tos-Expires', '86400'],
      ['X-Tos-Signature', '0'.repeat(64)],
      ['X-Tos-Signature', 'not-hex'],
      ['X-Tos-Algorithm', 'HMAC-MD5'],
    ] as const) {
      const tampered = new URL(url)
      tampered.searchParams.set(name, value)
      expect(await check(tampered, T)).toBe('invalid')
    }
  })

  it('refuse links signed with another secret or missing a parameter', async () => {
    const url = await signed()
    const other = createHmacSigner('other')
    expect(
      await checkSignedUrl({
        signer: other,
        path: '/tos/asset-1',
        query: url.searchParams,
        nowMs: T,
      }),
    ).toBe('invalid')
    url.searchParams.delete('X-Tos-Signature')
    expect(await check(url, T)).toBe('missing')
  })
})
