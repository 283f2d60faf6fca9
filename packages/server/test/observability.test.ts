import { LIKENESS_REQUEST_HEADER } from '@likeness/core'
import { describe, expect, it } from 'vitest'
import type { LikenessErrorReport, LikenessEvent } from '../src/events.ts'
import { API_KEY, APP, BASE, harness, onlyRateLimited, verify } from './harness.ts'

function observed(overrides: Parameters<typeof harness>[0] = {}) {
  const events: LikenessEvent[] = []
  const errors: LikenessErrorReport[] = []
  const h = harness({
    onEvent: (event) => void events.push(event),
    onError: (report) => void errors.push(report),
    ...overrides,
  })
  return { h, events, errors }
}

describe('request ids', () => {
  it('puts one request id on every response, and on every error body', async () => {
    const { h } = observed()
    const ok = await h.as('alice').get('/verification')
    const missing = await h.as('alice').get('/nowhere')
    const ids = [ok, missing].map((reply) => reply.headers.get('x-request-id'))
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/)
    expect(ids[0]).not.toBe(ids[1])
    expect(missing.body.error.requestId).toBe(ids[1])
    // Public routes carry one too.
    const script = await h.handle(new Request(`${BASE}/verification/popup.js`))
    expect(script.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9_-]{16}$/)
  })

  it("keeps a proxy's well-formed request id and replaces one that could forge log lines", async () => {
    const { h, events } = observed()
    const kept = await h.as('alice').post('/verification', {}, { 'x-request-id': 'edge-4f2a9c01' })
    expect(kept.headers.get('x-request-id')).toBe('edge-4f2a9c01')
    expect(events.at(-1)).toMatchObject({ requestId: 'edge-4f2a9c01' })
    for (const hostile of [
      'short',
      'two\tlines here',
      'x'.repeat(200),
      'a b c d e f g h',
      '<script>1</script>',
    ]) {
      const reply = await h.as('alice').get('/verification', { 'x-request-id': hostile })
      expect(reply.headers.get('x-request-id')).not.toBe(hostile)
      expect(reply.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9_-]{16}$/)
    }
  })
})

describe('onEvent', () => {
  it('reports what people did, with the route and the request id of the response', async () => {
    const { h, events } = observed()
    const started = await h.as('alice').post('/verification', { returnTo: '/studio' })
    expect(events).toEqual([
      {
        type: 'verification.started',
        requestId: started.headers.get('x-request-id'),
        route: 'POST /verification',
        userId: 'alice',
        id: started.body.session.id,
        at: h.clock.now(),
      },
    ])
  })

  it.each([
    ['a missing anti-CSRF header', {}, 'csrf_header'],
    [
      'a foreign origin',
      { [LIKENESS_REQUEST_HEADER]: '1', origin: 'https://evil.example' },
      'csrf_origin',
    ],
  ])('reports %s as a refusal', async (_name, headers, reason) => {
    const { h, events } = observed()
    const response = await h.handle(
      new Request(`${BASE}/verification`, {
        method: 'DELETE',
        headers: { 'x-test-user': 'alice', ...headers },
      }),
    )
    expect(response.status).toBe(403)
    expect(events).toEqual([
      expect.objectContaining({
        type: 'request.refused',
        route: 'DELETE /verification',
        code: 'forbidden',
        reason,
        requestId: response.headers.get('x-request-id'),
      }),
    ])
  })

  it('reports a rate limit as a refusal, but not a rate limit relayed from EasyRouter', async () => {
    const { h, events } = observed(onlyRateLimited('verification', 1))
    await h.as('alice').post('/verification', {})
    const limited = await h.as('alice').post('/verification', {})
    expect(limited.status).toBe(429)
    expect(events.at(-1)).toMatchObject({
      type: 'request.refused',
      code: 'rate_limited',
      userId: 'alice',
      route: 'POST /verification',
      requestId: limited.headers.get('x-request-id'),
    })
    const count = events.length
    h.sim.faults.add({ method: 'POST', path: '/api/*/sessions', status: 429, retryAfterSeconds: 3 })
    const upstream = await h.as('bob').post('/verification', {})
    expect(upstream.status).toBe(429)
    expect(events.length).toBe(count)
  })
})

describe('onError', () => {
  it('reports every 5xx with the id the browser was given', async () => {
    const { h, events, errors } = observed()
    h.sim.faults.add({ method: 'POST', path: '/api/*/sessions', status: 500 })
    const failed = await h.as('alice').post('/verification', {})
    expect(failed.status).toBeGreaterThanOrEqual(500)
    expect(errors).toEqual([
      expect.objectContaining({
        requestId: failed.headers.get('x-request-id'),
        route: 'POST /verification',
        userId: 'alice',
        code: failed.body.error.code,
        status: failed.status,
      }),
    ])
    expect(failed.body.error.requestId).toBe(errors[0]?.requestId)
    expect(events).toEqual([])
  })

  it('reports an error the server did not expect, and answers 500 without its text', async () => {
    const { h, errors } = observed({
      getUserId: () => {
        throw new Error('the session database is down at db.internal:5432')
      },
    })
    const failed = await h.as('alice').get('/verification')
    expect(failed.status).toBe(500)
    expect(JSON.stringify(failed.body)).not.toContain('db.internal')
    expect(errors).toHaveLength(1)
    expect(String(errors[0]?.error)).toContain('db.internal')
    expect(errors[0]).toMatchObject({ code: 'unknown', status: 500, route: 'GET /verification' })
  })

  it('survives hooks that throw or reject', async () => {
    const h = harness({
      onEvent: () => {
        throw new Error('sink down')
      },
      onError: () => Promise.reject(new Error('sink down')),
    })
    h.sim.faults.add({ method: 'POST', path: '/api/*/sessions', status: 500, times: 1 })
    expect((await h.as('alice').post('/verification', {})).status).toBeGreaterThanOrEqual(500)
    await verify(h, 'alice')
    expect((await h.as('alice').get('/verification')).body.session.status).toBe('verified')
  })

  it('never hands a hook the key, a liveness link or a group id', async () => {
    const { h, events, errors } = observed()
    await verify(h, 'alice')
    h.sim.faults.add({ path: '/api/*/assets/list', status: 500 })
    await h.as('alice').get('/assets')
    await h.handle(new Request(`${APP}/api/likeness/verification/callback?state=forged`))
    const text = JSON.stringify([
      events,
      errors.map((report) => ({ ...report, error: String(report.error) })),
    ])
    expect(errors.length).toBeGreaterThan(0)
    expect(text).not.toContain(API_KEY)
    expect(text).not.toMatch(/group-|access_key|h5\/liveness/)
  })
})
