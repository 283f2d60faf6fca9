import { parseVerificationCallback } from '@likeness/core'
import { describe, expect, it } from 'vitest'
import { completeLiveness, KEY_A, setup, SIM_URL } from './setup.ts'

const PREFIX = '/api/resource-channel/byteplus/visual-validate'

describe('liveness sessions (2.1, 2.2)', () => {
  it('creates a session with every documented field and a navigable h5 link', async () => {
    const ctx = setup()
    const session = await ctx.client.createSession({ callbackUrl: 'https://host.example/cb?x=1' })
    expect(session.sessionId).toMatch(/^\w+$/)
    expect(session.bytedToken).toMatch(/^\w{20,}$/)
    expect(session.status).toBe('pending')
    expect(session.callbackUrl).toBe('https://host.example/cb?x=1')
    expect(typeof session.channelId).toBe('number')
    expect(session.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(session.h5Link).toBeDefined()
    expect(session.h5Link).not.toContain('\\u0026')
    const link = new URL(session.h5Link ?? '')
    expect(link.origin).toBe(SIM_URL)
    expect([...link.searchParams.keys()].length).toBeGreaterThan(1)
  })

  it('keeps raw_response, and the credentials in it, out of every session it returns', async () => {
    const ctx = setup()
    const canary = ctx.sim.credentialCanary
    const wire: string[] = []
    const client = ctx.clientFor(KEY_A, {
      fetch: async (input, init) => {
        const response = await ctx.sim.fetch(input, init)
        wire.push(await response.clone().text())
        return response
      },
    })

    const created = await client.createSession({ callbackUrl: 'https://host.example/cb' })
    const pending = await client.getSession(created.bytedToken)
    const query = await completeLiveness(ctx, created.h5Link ?? '', 'pass')
    const confirmed = await client.getSession(created.bytedToken, {
      resultCode: query.get('resultCode') ?? '',
    })

    // The simulator did send its canary credentials, in raw_response, on every one of the calls.
    expect(wire).toHaveLength(3)
    for (const body of wire) expect(body).toContain(canary)
    for (const session of [created, pending, confirmed]) {
      expect(Object.keys(session)).not.toContain('rawResponse')
      expect(JSON.stringify(session)).not.toContain(canary)
      expect(JSON.stringify(session)).not.toContain('secretAccessKey')
    }
    expect(confirmed.groupId).toMatch(/^group-/)
  })

  it('decodes the \\u0026 escapes the raw response really carries', async () => {
    const ctx = setup()
    const raw = await ctx.sim.fetch(`${SIM_URL}${PREFIX}/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY_A}`, 'content-type': 'application/json' },
      body: '{}',
    })
    const body = (await raw.json()) as { data: { h5_link: string } }
    expect(body.data.h5_link).toContain('\\u0026')
    const viaClient = await ctx.client.createSession()
    expect(viaClient.h5Link).toContain('&')
    expect(viaClient.h5Link).not.toContain('\\u')
  })

  it('confirms a passed verification by byted_token and returns the group', async () => {
    const ctx = setup()
    const created = await ctx.client.createSession({ callbackUrl: 'https://host.example/cb' })
    const query = await completeLiveness(ctx, created.h5Link ?? '', 'pass')
    const callback = parseVerificationCallback(query)
    expect(callback.outcome).toBe('passed')
    expect(callback.bytedToken).toBe(created.bytedToken)

    const session = await ctx.client.getSession(created.bytedToken, {
      resultCode: callback.resultCode ?? '',
    })
    expect(session.status).toBe('verified')
    expect(session.resultCode).toBe('10000')
    expect(session.groupId).toMatch(/^group-\d{14}-[a-z0-9]+$/)
    expect(session.bytedToken).toBe(created.bytedToken)
    // The documented quirk: the session id is only final after the liveness page.
    expect(session.sessionId).not.toBe(created.sessionId)
    const again = await ctx.client.getSession(session.sessionId)
    expect(again.groupId).toBe(session.groupId)
  })

  it.each([
    ['fail', 'failed', '-1003'],
    ['mismatch', 'failed', '10000'],
    ['cancel', 'cancelled', '-1006'],
  ] as const)('reports a %s outcome without a group', async (outcome, status, resultCode) => {
    const ctx = setup()
    const created = await ctx.client.createSession({ callbackUrl: 'https://host.example/cb' })
    const query = await completeLiveness(ctx, created.h5Link ?? '', outcome)
    expect(query.get('resultCode')).toBe(resultCode)
    expect(parseVerificationCallback(query).outcome).not.toBe('passed')
    const session = await ctx.client.getSession(created.bytedToken)
    expect(session.status).toBe(status)
    expect(session.groupId).toBeUndefined()
  })

  it('reports expiry after 30 minutes', async () => {
    const ctx = setup()
    const created = await ctx.client.createSession()
    ctx.clock.advance(30 * 60_000 + 1)
    expect((await ctx.client.getSession(created.bytedToken)).status).toBe('expired')
  })

  it('hides one account’s sessions from another', async () => {
    const ctx = setup()
    const created = await ctx.client.createSession()
    await expect(ctx.other.getSession(created.bytedToken)).rejects.toMatchObject({
      code: 'not_found',
      status: 404,
    })
  })

  it('refuses a callback URL that is not http(s) before sending anything', async () => {
    const ctx = setup()
    await expect(
      ctx.client.createSession({ callbackUrl: 'javascript:alert(1)' }),
    ).rejects.toMatchObject({ code: 'invalid_request' })
    expect(ctx.sim.requests).toHaveLength(0)
  })
})
