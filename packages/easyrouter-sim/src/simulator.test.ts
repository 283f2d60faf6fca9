import { describe, expect, it } from 'vitest'
import { createManualClock } from './clock.ts'
import { createSimulator } from './simulator.ts'
import {
  activeAsset,
  call,
  createTestBed,
  decodeH5Link,
  KEY_A,
  PREFIX,
  T0,
  until,
  verifiedGroup,
} from '../test/support.ts'

describe('createSimulator', () => {
  it('resolves a path-only URL against baseUrl in sim.fetch', async () => {
    const { sim } = createTestBed()
    const response = await sim.fetch(`${PREFIX}/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY_A}` },
    })
    expect(response.status).toBe(200)
  })

  it('serves requests for any origin, so a client configured for easyrouter.io can use sim.fetch', async () => {
    const { sim } = createTestBed()
    const response = await sim.fetch(`https://easyrouter.io${PREFIX}/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY_A}` },
    })
    expect(response.status).toBe(200)
  })

  it('works under a base URL with a path prefix, in links and in routing', async () => {
    const clock = createManualClock(T0)
    const sim = createSimulator({ baseUrl: 'http://localhost:6006/easyrouter/', clock })
    expect(sim.baseUrl).toBe('http://localhost:6006/easyrouter')
    const created = await sim.fetch(`http://localhost:6006/easyrouter${PREFIX}/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY_A}` },
    })
    const data = (await created.json()) as { data: { h5_link: string } }
    const link = decodeH5Link(data.data.h5_link)
    expect(link.startsWith('http://localhost:6006/easyrouter/h5/liveness?token=')).toBe(true)
    const page = await sim.fetch(link)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('action="/easyrouter/h5/liveness"')
  })

  it('refuses a baseUrl that is not absolute http(s), and negative timings', () => {
    expect(() => createSimulator({ baseUrl: '/relative' })).toThrow(TypeError)
    expect(() => createSimulator({ baseUrl: 'ftp://x' })).toThrow(TypeError)
    expect(() => createSimulator({ baseUrl: 'http://x', timings: { videoQueuedMs: -1 } })).toThrow(
      RangeError,
    )
  })

  it('answers 404 outside the API and 405 for wrong methods on pages and media', async () => {
    const { sim } = createTestBed()
    expect((await sim.fetch('http://127.0.0.1:4010/')).status).toBe(404)
    expect(
      (await sim.fetch('http://127.0.0.1:4010/h5/liveness', { method: 'DELETE' })).status,
    ).toBe(405)
    expect((await sim.fetch('http://127.0.0.1:4010/tos/x', { method: 'POST' })).status).toBe(405)
  })

  it('refuses JSON bodies over 1 MiB with 413', async () => {
    const { sim } = createTestBed()
    const result = await call(sim, 'POST', `${PREFIX}/sessions`, {
      rawBody: JSON.stringify({ callback_url: `https://host.example/${'x'.repeat(1_100_000)}` }),
    })
    expect(result.status).toBe(413)
    expect(result.json.success).toBe(false)
  })

  it('settle() waits for every asset download, including ones started while waiting', async () => {
    const bed = createTestBed()
    const groupId = await verifiedGroup(bed.sim)
    const release = bed.media.hold(
      '/held.png',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    )
    const upload = await call(bed.sim, 'POST', `${PREFIX}/assets`, {
      body: { group_id: groupId, url: `${bed.media.origin}/held.png`, asset_type: 'Image' },
    })
    let settled = false
    const settling = bed.sim.settle().then(() => {
      settled = true
    })
    // The held download has started; settle() may not resolve while it runs, however long.
    await until(() => bed.media.requested.length === 1)
    await new Promise((resolve) => setImmediate(resolve))
    expect(settled).toBe(false)
    release()
    await settling
    bed.clock.advance(3_000)
    const read = await call(bed.sim, 'GET', `${PREFIX}/assets/${upload.json.data.id as string}`)
    expect(read.json.data.status).toBe('Active')
  })

  it('reset() empties everything, and the simulator keeps working', async () => {
    const bed = createTestBed()
    const groupId = await verifiedGroup(bed.sim)
    const { id } = await activeAsset(bed, { groupId })
    bed.sim.reset()
    expect((await call(bed.sim, 'GET', `${PREFIX}/assets/${id}`)).status).toBe(404)
    expect(await verifiedGroup(bed.sim)).toMatch(/^group-/)
  })
})
