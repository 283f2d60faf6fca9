import { describe, expect, it } from 'vitest'
import { createSimulator, type Simulator } from './simulator.ts'
import {
  BASE_URL,
  call,
  createSession,
  createTestBed,
  KEY_A,
  PREFIX,
  T0,
  type ApiResult,
} from '../test/support.ts'

async function control(
  sim: Simulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiResult> {
  // Control endpoints need no key (send none), but the header that a cross-site form cannot send.
  return call(sim, method, `${BASE_URL}${path}`, {
    key: null,
    body,
    headers: { 'x-sim-control': '1' },
  })
}

const ENDPOINTS = [
  ['GET', '/__sim/health'],
  ['GET', '/__sim/faults'],
  ['POST', '/__sim/faults'],
  ['DELETE', '/__sim/faults'],
  ['DELETE', '/__sim/faults/some-id'],
  ['POST', '/__sim/clock'],
  ['POST', '/__sim/reset'],
  ['GET', '/__sim/requests'],
  ['DELETE', '/__sim/requests'],
  ['GET', '/__sim/nothing'],
  ['GET', '/__sim'],
] as const

describe('control endpoints', () => {
  it('GET /__sim/health reports the clock and what is stored', async () => {
    const { sim } = createTestBed()
    await createSession(sim)
    const health = await control(sim, 'GET', '/__sim/health')
    expect(health.status).toBe(200)
    expect(health.json).toEqual({
      ok: true,
      now: '2026-05-21T16:29:15+08:00',
      nowMs: T0,
      clockAdjustable: true,
      counts: { sessions: 1, groups: 0, assets: 0, tasks: 0, faults: 0, requests: 1 },
    })
  })

  it('POST /__sim/faults adds a rule and returns its id; DELETE removes one or all', async () => {
    const { sim } = createTestBed()
    const added = await control(sim, 'POST', '/__sim/faults', {
      path: '/v1/',
      status: 429,
      times: 1,
    })
    expect(added.status).toBe(201)
    expect(added.json).toEqual({
      id: expect.any(String),
      rule: { id: added.json.id, path: '/v1/', status: 429, times: 1, remaining: 1 },
    })
    const limited = await call(sim, 'GET', '/v1/video/generations/t')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('1')

    const second = await control(sim, 'POST', '/__sim/faults', { status: 500 })
    await control(sim, 'POST', '/__sim/faults', { status: 503 })
    expect((await control(sim, 'GET', '/__sim/faults')).json.faults).toHaveLength(2)
    const removed = await control(sim, 'DELETE', `/__sim/faults/${second.json.id as string}`)
    expect(removed.json).toEqual({ id: second.json.id, removed: true })
    expect((await control(sim, 'DELETE', `/__sim/faults/${second.json.id as string}`)).status).toBe(
      404,
    )
    expect((await control(sim, 'DELETE', '/__sim/faults')).json).toEqual({ cleared: 1 })
    expect(sim.faults.list()).toEqual([])
  })

  it('refuses a bad fault rule with 400 and the reason', async () => {
    const { sim } = createTestBed()
    const bad = await control(sim, 'POST', '/__sim/faults', { status: 'soon' })
    expect(bad.status).toBe(400)
    expect(bad.json.error).toContain('status')
    const notJson = await call(sim, 'POST', `${BASE_URL}/__sim/faults`, {
      key: null,
      rawBody: '{',
      headers: { 'x-sim-control': '1' },
    })
    expect(notJson.status).toBe(400)
  })

  it('POST /__sim/clock advances or sets a manual clock', async () => {
    const { sim, clock } = createTestBed()
    const advanced = await control(sim, 'POST', '/__sim/clock', { advanceMs: 60_000 })
    expect(advanced.json).toEqual({ now: '2026-05-21T16:30:15+08:00', nowMs: T0 + 60_000 })
    expect(clock.now()).toBe(T0 + 60_000)
    const set = await control(sim, 'POST', '/__sim/clock', { now: '2026-06-01T00:00:00+08:00' })
    expect(set.json.now).toBe('2026-06-01T00:00:00+08:00')
    await control(sim, 'POST', '/__sim/clock', { now: T0 })
    expect(clock.now()).toBe(T0)
    for (const body of [{ advanceMs: -5 }, { now: 'yesterday' }, {}]) {
      expect((await control(sim, 'POST', '/__sim/clock', body)).status).toBe(400)
    }
  })

  it('POST /__sim/clock also moves the default clock (real time plus an offset)', async () => {
    const sim = createSimulator({ baseUrl: BASE_URL })
    const before = sim.clock.now()
    const moved = await control(sim, 'POST', '/__sim/clock', { advanceMs: 3_600_000 })
    expect(moved.json.nowMs).toBeGreaterThanOrEqual(before + 3_600_000)
  })

  it('POST /__sim/clock is 409 for a clock that cannot move', async () => {
    const { sim } = createTestBed({ clock: { now: () => T0 } })
    const result = await control(sim, 'POST', '/__sim/clock', { advanceMs: 1 })
    expect(result.status).toBe(409)
    expect(result.json.error).toMatch(/cannot be moved/)
    expect((await control(sim, 'GET', '/__sim/health')).json.clockAdjustable).toBe(false)
  })

  it('GET /__sim/requests lists API calls without headers; DELETE empties it', async () => {
    const { sim, clock } = createTestBed()
    await createSession(sim)
    clock.advance(500)
    await call(sim, 'GET', '/v1/video/generations/task_x')
    await control(sim, 'GET', '/__sim/health')
    const log = await control(sim, 'GET', '/__sim/requests')
    expect(log.json).toEqual({
      requests: [
        { method: 'POST', path: `${PREFIX}/sessions`, at: T0 },
        { method: 'GET', path: '/v1/video/generations/task_x', at: T0 + 500 },
      ],
    })
    expect(log.text).not.toContain(KEY_A)
    expect((await control(sim, 'DELETE', '/__sim/requests')).json).toEqual({ cleared: 2 })
    expect(sim.requests).toHaveLength(0)
  })

  it('POST /__sim/reset forgets all state, rules and logged requests', async () => {
    const { sim } = createTestBed()
    const session = await createSession(sim)
    sim.faults.add({ path: '/v1/', status: 500 })
    expect((await control(sim, 'POST', '/__sim/reset')).json).toEqual({ reset: true })
    expect(sim.faults.list()).toEqual([])
    expect(sim.requests).toHaveLength(0)
    expect((await call(sim, 'GET', `${PREFIX}/sessions/${session.byted_token}`)).status).toBe(404)
  })

  it.each(ENDPOINTS)(
    'refuses %s %s with 403 unless x-sim-control: 1 is sent',
    async (method, path) => {
      const { sim } = createTestBed()
      for (const headers of [{}, { 'x-sim-control': '0' }, { 'x-sim-control': 'true' }]) {
        const refused = await call(sim, method, `${BASE_URL}${path}`, { key: null, headers })
        expect(refused.status).toBe(403)
        expect(refused.headers.get('content-type')).toContain('application/json')
        expect(refused.json).toEqual({ error: expect.stringContaining('x-sim-control: 1') })
      }
    },
  )

  it('does nothing for what a cross-site page can send: forms, text/plain JSON, no header', async () => {
    const { sim, clock } = createTestBed()
    const session = await createSession(sim)
    const post = (path: string, contentType: string, body: string) =>
      sim.fetch(`${BASE_URL}${path}`, {
        method: 'POST',
        headers: { 'content-type': contentType, origin: 'https://evil.example' },
        body,
      })
    const form = 'application/x-www-form-urlencoded'
    expect((await post('/__sim/reset', form, '')).status).toBe(403)
    expect((await post('/__sim/clock', form, 'advanceMs=99999999')).status).toBe(403)
    // A form with enctype="text/plain" can shape its body as JSON.
    const rule = '{"status":503,"x":"="}'
    expect((await post('/__sim/faults', 'text/plain', rule)).status).toBe(403)
    expect(sim.faults.list()).toEqual([])
    expect(clock.now()).toBe(T0)
    expect((await call(sim, 'GET', `${PREFIX}/sessions/${session.byted_token}`)).status).toBe(200)
  })

  it('grants no CORS preflight, so a page elsewhere cannot add the header', async () => {
    const { sim } = createTestBed()
    const preflight = await sim.fetch(`${BASE_URL}/__sim/reset`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-sim-control',
      },
    })
    expect(preflight.status).toBeGreaterThanOrEqual(400)
    for (const [name] of preflight.headers) expect(name).not.toMatch(/^access-control-/)
    const answered = await control(sim, 'GET', '/__sim/health')
    for (const [name] of answered.headers) expect(name).not.toMatch(/^access-control-/)
  })

  it('refuses a control body over 1 MiB with 413, reading no more of it', async () => {
    const { sim } = createTestBed()
    const big = await call(sim, 'POST', `${BASE_URL}/__sim/faults`, {
      key: null,
      rawBody: JSON.stringify({ status: 503, message: 'x'.repeat(1_100_000) }),
      headers: { 'x-sim-control': '1' },
    })
    expect(big.status).toBe(413)
    expect(big.json.error).toMatch(/larger than/)
    expect(sim.faults.list()).toEqual([])
  })

  it('answers 404 for unknown control paths, and is absent when control is off', async () => {
    const { sim } = createTestBed()
    expect((await control(sim, 'GET', '/__sim/nothing')).status).toBe(404)
    const off = createTestBed({ control: false })
    expect((await control(off.sim, 'GET', '/__sim/health')).status).toBe(404)
    expect((await control(off.sim, 'POST', '/__sim/reset')).status).toBe(404)
  })
})

describe('sim.requests', () => {
  it('is an array of { method, path, at } with a reset()', async () => {
    const { sim } = createTestBed()
    await call(sim, 'POST', `${PREFIX}/sessions?x=1`, { body: {} })
    await call(sim, 'POST', `${PREFIX}/assets/list`, { body: {} })
    expect(sim.requests.length).toBe(2)
    expect(sim.requests[0]).toEqual({ method: 'POST', path: `${PREFIX}/sessions`, at: T0 })
    expect(sim.requests.filter((entry) => entry.path.endsWith('/list'))).toHaveLength(1)
    expect(JSON.parse(JSON.stringify(sim.requests))).toHaveLength(2)
    sim.requests.reset()
    expect(sim.requests.length).toBe(0)
  })
})
