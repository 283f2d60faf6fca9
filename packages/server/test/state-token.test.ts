import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSigner } from '../src/signing.ts'
import { createState, readState } from '../src/state-token.ts'
import { SECRET } from './harness.ts'

const signer = createSigner(SECRET)
const T = Date.parse('2026-05-21T16:29:15+08:00')

describe('the callback state token', () => {
  it('reads back the verification it names until it expires, and never after', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 64 }),
        fc.nat(10_000_000),
        async (id, ttl) => {
          const state = await createState(signer, id, T + ttl)
          expect(state).toMatch(/^[\w-]+\.[\w-]+$/)
          expect(await readState(signer, state, T + ttl)).toEqual({ ok: true, verificationId: id })
          expect(await readState(signer, state, T + ttl + 1)).toEqual({
            ok: false,
            reason: 'expired',
          })
        },
      ),
      { numRuns: 200 },
    )
  })

  it('refuses any change to a genuine token as forged', async () => {
    const state = await createState(signer, 'verification-1', T + 60_000)
    await fc.assert(
      fc.asyncProperty(
        fc.nat(state.length - 1),
        fc.string({ minLength: 1, maxLength: 3 }),
        async (at, insert) => {
          const changed = `${state.slice(0, at)}${insert}${state.slice(at + 1)}`
          fc.pre(changed !== state)
          expect(await readState(signer, changed, T)).toEqual({ ok: false, reason: 'forged' })
        },
      ),
      { numRuns: 500 },
    )
  })

  it('refuses tokens signed with another secret, or for another purpose', async () => {
    const other = createSigner(`${SECRET}-but-not-the-same`)
    expect(await readState(signer, await createState(other, 'v', T + 1), T)).toMatchObject({
      ok: false,
      reason: 'forged',
    })
    const body = btoa(JSON.stringify({ v: 'v', e: T + 1 })).replace(/=+$/, '')
    const foreign = `${body}.${await signer.sign('likeness-staged-upload', body)}`
    expect(await readState(signer, foreign, T)).toEqual({ ok: false, reason: 'forged' })
  })

  it('never throws on hostile input', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'grapheme', maxLength: 100 }),
          fc.constantFrom('', '.', '..', 'a.b.c', `${'A'.repeat(20_000)}.x`, null),
        ),
        async (value) => {
          const result = await readState(signer, value, T)
          expect(result).toEqual({ ok: false, reason: 'forged' })
        },
      ),
      { numRuns: 500 },
    )
  })
})
