import { describe, expect, it, vi } from 'vitest'
import { SimulatedDropError } from './faults.ts'
import {
  BASE_URL,
  call,
  createSession,
  createTestBed,
  get,
  KEY_A,
  openH5,
  PREFIX,
  until,
} from '../test/support.ts'

const SESSIONS = `${PREFIX}/sessions`

describe('fault injection', () => {
  it('answers a status in the management envelope on management paths', async () => {
    const { sim } = createTestBed()
    sim.faults.add({ path: PREFIX, status: 503, message: 'Upstream is down for maintenance.' })
    const result = await call(sim, 'POST', SESSIONS, { body: {} })
    expect(result.status).toBe(503)
    expect(result.json).toEqual({ success: false, message: 'Upstream is down for maintenance.' })
  })

  it('answers a status in the OpenAI-style shape on video paths', async () => {
    const { sim } = createTestBed()
    sim.faults.add({ path: '/v1/', status: 500 })
    const result = await call(sim, 'GET', '/v1/video/generations/task_x')
    expect(result.status).toBe(500)
    expect(result.json).toEqual({
      error: { message: expect.any(String), type: 'server_error', code: 'server_error' },
    })
  })

  it('gives a 429 a Retry-After (1 second unless told otherwise)', async () => {
    const { sim } = createTestBed()
    sim.faults.add({ status: 429, times: 1 })
    sim.faults.add({ status: 429, retryAfterSeconds: 7, times: 1 })
    const first = await call(sim, 'GET', '/v1/video/generations/task_x')
    expect(first.status).toBe(429)
    expect(first.headers.get('retry-after')).toBe('1')
    expect(first.json.error).toMatchObject({
      type: 'rate_limit_error',
      code: 'rate_limit_exceeded',
    })
    const second = await call(sim, 'POST', SESSIONS, { body: {} })
    expect(second.status).toBe(429)
    expect(second.headers.get('retry-after')).toBe('7')
    expect(second.json.success).toBe(false)
  })

  it('adds Retry-After to other statuses only when asked', async () => {
    const { sim } = createTestBed()
    sim.faults.add({ status: 503, retryAfterSeconds: 30, times: 1 })
    sim.faults.add({ status: 502, times: 1 })
    expect((await call(sim, 'POST', SESSIONS)).headers.get('retry-after')).toBe('30')
    expect((await call(sim, 'POST', SESSIONS)).headers.get('retry-after')).toBeNull()
  })

  it('delays on a real timer (not the simulator clock), then answers normally', async () => {
    // Fake timers stand in for real time: the wait is exactly latencyMs, on any machine.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const { sim, clock } = createTestBed()
      sim.faults.add({ path: SESSIONS, latencyMs: 60 })
      const answer = call(sim, 'POST', SESSIONS, { body: {} })
      await until(() => vi.getTimerCount() === 1)
      // Neither the simulator's clock nor 59 ms of real time end the wait; the 60th does.
      clock.advance(60_000)
      await vi.advanceTimersByTimeAsync(59)
      expect(vi.getTimerCount()).toBe(1)
      await vi.advanceTimersByTimeAsync(1)
      expect(vi.getTimerCount()).toBe(0)
      expect((await answer).status).toBe(200)
    } finally {
      vi.useRealTimers()
    }
  })

  // The time limit is above the 10 s latency: a broken abort fails on the assertion, not on time.
  it(
    'stops waiting when the request is aborted, rejecting like fetch',
    { timeout: 60_000 },
    async () => {
      const { sim } = createTestBed()
      sim.faults.add({ latencyMs: 10_000 })
      const controller = new AbortController()
      const pending = sim.fetch(`${BASE_URL}${SESSIONS}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY_A}` },
        signal: controller.signal,
      })
      // Logged as it arrives, just before the latency wait: the abort comes during the wait.
      await until(() => sim.requests.length === 1)
      controller.abort()
      // Had the abort not ended the wait, the call would answer 200 after 10 s instead.
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
      // An already aborted signal rejects at once.
      await expect(
        sim.fetch(`${BASE_URL}${SESSIONS}`, { signal: AbortSignal.abort() }),
      ).rejects.toMatchObject({ name: 'AbortError' })
    },
  )

  it('answers 200 with a body that is not valid JSON when malformed', async () => {
    const { sim } = createTestBed()
    sim.faults.add({ malformed: true })
    const result = await call(sim, 'POST', SESSIONS, { body: {} })
    expect(result.status).toBe(200)
    expect(result.headers.get('content-type')).toContain('application/json')
    expect(() => JSON.parse(result.text) as unknown).toThrow(SyntaxError)
  })

  it('can combine malformed with a status', async () => {
    const { sim } = createTestBed()
    sim.faults.add({ malformed: true, status: 502 })
    const result = await call(sim, 'GET', '/v1/video/generations/task_x')
    expect(result.status).toBe(502)
    expect(result.json).toBeUndefined()
  })

  it('drops the connection: handle and fetch reject with a TypeError', async () => {
    const { sim } = createTestBed()
    sim.faults.add({ drop: true, times: 2 })
    const viaFetch = call(sim, 'POST', SESSIONS, { body: {} })
    await expect(viaFetch).rejects.toBeInstanceOf(TypeError)
    await expect(viaFetch).rejects.toBeInstanceOf(SimulatedDropError)
    await expect(viaFetch).rejects.toThrow('fetch failed')
    const viaHandle = sim.handle(new Request(`${BASE_URL}${SESSIONS}`, { method: 'POST' }))
    await expect(viaHandle).rejects.toBeInstanceOf(TypeError)
    expect((await call(sim, 'POST', SESSIONS, { body: {} })).status).toBe(200)
  })

  it('affects only `times` matching requests, counting down in list()', async () => {
    const { sim } = createTestBed()
    const remove = sim.faults.add({ method: 'post', path: SESSIONS, status: 500, times: 2 })
    expect(sim.faults.list()).toEqual([
      { id: remove.id, method: 'post', path: SESSIONS, status: 500, times: 2, remaining: 2 },
    ])
    // A non-matching request does not use it up.
    expect((await call(sim, 'GET', `${SESSIONS}/x`)).status).toBe(404)
    expect((await call(sim, 'POST', SESSIONS)).status).toBe(500)
    expect(sim.faults.list()[0]?.remaining).toBe(1)
    expect((await call(sim, 'POST', SESSIONS)).status).toBe(500)
    expect(sim.faults.list()).toEqual([])
    expect((await call(sim, 'POST', SESSIONS)).status).toBe(200)
  })

  it('matches paths by prefix or by glob, and methods in any case', async () => {
    const { sim } = createTestBed()
    sim.faults.add({ method: 'GET', path: '/api/*/sessions/*', status: 418 })
    expect((await call(sim, 'GET', `${SESSIONS}/abc`)).status).toBe(418)
    expect((await call(sim, 'POST', SESSIONS)).status).toBe(200)
    sim.faults.clear()
    sim.faults.add({ path: '/v1/video', status: 503 })
    expect((await call(sim, 'GET', '/v1/video/generations/t')).status).toBe(503)
    expect((await call(sim, 'POST', SESSIONS)).status).toBe(200)
  })

  it('applies the first matching rule, in the order added', async () => {
    const { sim } = createTestBed()
    sim.faults.add({ path: SESSIONS, status: 502 })
    sim.faults.add({ status: 503 })
    expect((await call(sim, 'POST', SESSIONS)).status).toBe(502)
    expect((await call(sim, 'GET', '/v1/video/generations/t')).status).toBe(503)
  })

  it('comes before authentication, like a failing proxy in front of the API', async () => {
    const { sim } = createTestBed()
    sim.faults.add({ status: 502 })
    expect((await call(sim, 'POST', SESSIONS, { key: null })).status).toBe(502)
  })

  it('never touches the H5 page, media links or control endpoints', async () => {
    const { sim } = createTestBed()
    const session = await createSession(sim, { callbackUrl: 'https://host.example/cb' })
    sim.faults.add({ status: 500 })
    sim.faults.add({ drop: true })
    expect((await openH5(sim, session)).status).toBe(200)
    expect((await get(sim, `${BASE_URL}/__sim/health`, { 'x-sim-control': '1' })).status).toBe(200)
    expect((await get(sim, `${BASE_URL}/tos/asset-x`)).status).toBe(403)
  })

  it('removes rules with the returned function, by id, or all at once', () => {
    const { sim } = createTestBed()
    const first = sim.faults.add({ status: 500 })
    const second = sim.faults.add({ status: 501 })
    sim.faults.add({ status: 502 })
    first()
    expect(sim.faults.list().map((rule) => rule.status)).toEqual([501, 502])
    expect(sim.faults.remove(second.id)).toBe(true)
    expect(sim.faults.remove(second.id)).toBe(false)
    sim.faults.clear()
    expect(sim.faults.list()).toEqual([])
  })

  it.each([
    ['no effect', { path: '/v1' }],
    ['an unknown field', { status: 500, statusCode: 500 }],
    ['a status below 400', { status: 200 }],
    ['a status above 599', { status: 600 }],
    ['a null-body status even when malformed', { status: 204, malformed: true }],
    ['a path without a leading slash', { path: 'v1', status: 500 }],
    ['negative latency', { latencyMs: -1 }],
    ['times of 0', { status: 500, times: 0 }],
    ['a non-boolean drop', { drop: 'yes' }],
  ])('refuses a rule with %s', (_name, rule) => {
    const { sim } = createTestBed()
    expect(() => sim.faults.add(rule as never)).toThrow(TypeError)
  })
})
