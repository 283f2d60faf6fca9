import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSimulator } from './simulator.ts'
import {
  activeAsset,
  BASE_URL,
  call,
  createSession,
  createTestBed,
  get,
  openH5,
  PREFIX,
  verifiedGroup,
  type ApiResult,
} from '../test/support.ts'

const CANARY = 'canary-for-this-test-0123456789'

/** Everything a response shows, with the one field allowed to hold the canary taken out. */
function visibleOutsideRawResponse(result: ApiResult): string {
  const headers = JSON.stringify([...result.headers])
  const data = result.json?.data
  if (data && typeof data === 'object' && 'raw_response' in data) {
    const { raw_response: _raw, ...rest } = data as Record<string, unknown>
    return headers + JSON.stringify({ ...result.json, data: rest })
  }
  return headers + result.text
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the credential canary', () => {
  it('defaults to a random value per simulator with a fixed, recognisable prefix', () => {
    const first = createSimulator({ baseUrl: BASE_URL })
    const second = createSimulator({ baseUrl: BASE_URL })
    expect(first.credentialCanary).toMatch(/^sim-canary-[A-Za-z0-9]{24}$/)
    expect(second.credentialCanary).toMatch(/^sim-canary-/)
    expect(second.credentialCanary).not.toBe(first.credentialCanary)
    expect(createSimulator({ baseUrl: BASE_URL, credentialCanary: CANARY }).credentialCanary).toBe(
      CANARY,
    )
  })

  it.each([
    ['empty', ''],
    ['too short to be unmistakable', 'canary'],
    ['changed by URL encoding', 'canary with spaces & more'],
    ['changed by JSON escaping', 'canary"with\\quotes-0123'],
  ])('refuses a canary that is %s', (_name, credentialCanary) => {
    expect(() => createSimulator({ baseUrl: BASE_URL, credentialCanary })).toThrow(TypeError)
  })

  it('appears in raw_response and nowhere else along a whole journey', async () => {
    const logged = [
      vi.spyOn(console, 'log').mockImplementation(() => undefined),
      vi.spyOn(console, 'info').mockImplementation(() => undefined),
      vi.spyOn(console, 'warn').mockImplementation(() => undefined),
      vi.spyOn(console, 'error').mockImplementation(() => undefined),
    ]
    const bed = createTestBed({
      credentialCanary: CANARY,
      timings: { videoQueuedMs: 0, videoGenerationMs: 0 },
    })
    const { sim } = bed
    const seen: ApiResult[] = []
    const record = (result: ApiResult): ApiResult => {
      seen.push(result)
      return result
    }

    // The liveness journey, through the page and its form, as a browser would.
    const created = record(
      await call(sim, 'POST', `${PREFIX}/sessions`, {
        body: { callback_url: 'https://host.example/cb' },
      }),
    )
    const session = created.json.data as { byted_token: string; h5_link: string }
    expect(created.json.data.raw_response).toContain(CANARY)
    const page = record(await openH5(sim, session))
    const attempt = /name="attempt" value="([^"]+)"/.exec(page.text)?.[1] ?? ''
    const submitted = await sim.fetch(`${BASE_URL}/h5/liveness`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ attempt, outcome: 'pass', lng: 'en' }).toString(),
    })
    expect(submitted.status).toBe(302)
    record({
      status: submitted.status,
      headers: submitted.headers,
      text: await submitted.text(),
      json: undefined,
    })
    const confirmed = record(await call(sim, 'GET', `${PREFIX}/sessions/${session.byted_token}`))
    const groupId = confirmed.json.data.group_id as string

    // Assets, media links, video tasks, errors.
    const asset = await activeAsset(bed, { groupId, name: 'Portrait' })
    const read = record(await call(sim, 'GET', `${PREFIX}/assets/${asset.id}`))
    record(await get(sim, read.json.data.url as string))
    record(await call(sim, 'POST', `${PREFIX}/assets/list`, { body: { group_ids: [groupId] } }))
    const task = record(
      await call(sim, 'POST', '/v1/video/generations', {
        body: { model: 'dreamina-seedance-2-0', prompt: 'walking on the moon' },
      }),
    )
    const polled = record(await call(sim, 'GET', `/v1/video/generations/${task.json.id as string}`))
    record(await get(sim, polled.json.metadata.url as string))
    record(await call(sim, 'GET', `${PREFIX}/sessions/nope`))
    record(await call(sim, 'POST', `${PREFIX}/assets`, { body: { group_id: groupId } }))
    record(await openH5(sim, session))

    // The test controls.
    const control = { 'x-sim-control': '1' }
    for (const path of ['/__sim/health', '/__sim/requests', '/__sim/faults']) {
      record(await call(sim, 'GET', path, { key: null, headers: control }))
    }
    // A second verified group, so list and session reads cover more than one record.
    await verifiedGroup(sim)

    expect(seen.length).toBeGreaterThan(15)
    for (const result of seen) expect(visibleOutsideRawResponse(result)).not.toContain(CANARY)
    expect(JSON.stringify(sim.requests)).not.toContain(CANARY)
    expect(session.h5_link).not.toContain(CANARY)
    for (const spy of logged) expect(JSON.stringify(spy.mock.calls)).not.toContain(CANARY)
  })

  it('is the same for every session of one simulator and kept by reset()', async () => {
    const { sim } = createTestBed({ credentialCanary: CANARY })
    const first = await createSession(sim)
    sim.reset()
    const second = await createSession(sim)
    expect(first.raw_response).toContain(CANARY)
    expect(second.raw_response).toContain(CANARY)
    expect(second.raw_response).not.toBe(first.raw_response)
  })
})
