import { LIKENESS_REQUEST_HEADER } from '@likeness/core'
import { describe, expect, it } from 'vitest'
import type { LikenessHandlerOptions } from '../src/options.ts'
import {
  activeAsset,
  APP,
  BASE,
  harness,
  PNG,
  verify,
  VIDEO_INPUT,
  type Harness,
} from './harness.ts'

interface Call {
  name: string
  user: string
  method: 'POST' | 'DELETE'
  path: string
  body?: BodyInit
  headers?: Record<string, string>
  /** What the route answers when the request is allowed. */
  allowed: number
}

/**
 * Every state-changing route. Bob starts a verification (he has none); Alice, verified with an
 * Active asset, does the rest. Deleting everything comes last, as it ends her verification.
 */
function calls(assetId: string): Call[] {
  const json = { 'content-type': 'application/json' }
  return [
    {
      name: 'POST /verification',
      user: 'bob',
      method: 'POST',
      path: '/verification',
      body: JSON.stringify({ returnTo: '/studio' }),
      headers: json,
      allowed: 201,
    },
    {
      name: 'DELETE /verification',
      user: 'bob',
      method: 'DELETE',
      path: '/verification',
      allowed: 200,
    },
    {
      name: 'POST /assets',
      user: 'alice',
      method: 'POST',
      path: '/assets?name=portrait.png',
      body: PNG,
      headers: { 'content-type': 'application/octet-stream' },
      allowed: 201,
    },
    {
      name: 'POST /videos',
      user: 'alice',
      method: 'POST',
      path: '/videos',
      body: JSON.stringify({ ...VIDEO_INPUT, references: [{ assetId }] }),
      headers: { ...json, 'idempotency-key': 'csrf-video-0001' },
      allowed: 201,
    },
    {
      name: 'DELETE /assets/{id}',
      user: 'alice',
      method: 'DELETE',
      path: `/assets/${assetId}`,
      allowed: 204,
    },
    { name: 'DELETE /assets', user: 'alice', method: 'DELETE', path: '/assets', allowed: 204 },
  ]
}

function build(call: Call, headers: Record<string, string | null>): Request {
  const merged: Record<string, string> = { 'x-test-user': call.user, ...call.headers }
  for (const [name, value] of Object.entries(headers)) {
    if (value === null) Reflect.deleteProperty(merged, name)
    else merged[name] = value
  }
  return new Request(`${BASE}${call.path}`, {
    method: call.method,
    headers: merged,
    ...(call.body === undefined ? {} : { body: call.body }),
  })
}

async function world(overrides: Partial<LikenessHandlerOptions> = {}) {
  const h = harness(overrides)
  await verify(h, 'alice')
  const asset = await activeAsset(h, 'alice')
  h.sim.requests.reset()
  return { h, asset, calls: calls(asset.id) }
}

/** What the routes above would change, read back without changing it. */
async function state(h: Harness, assetId: string) {
  return {
    alice: await h.store.latestVerification('alice'),
    bob: await h.store.latestVerification('bob'),
    asset: await h.store.getAsset(assetId),
    staged: await h.store.listStagedAssets(Number.MAX_SAFE_INTEGER),
    jobs: await h.store.listJobs('alice', 100),
  }
}

async function expectRefused(h: Harness, request: Request, name: string) {
  const response = await h.handle(request)
  const body = await response.json()
  expect({ name, status: response.status, code: body.error?.code }).toEqual({
    name,
    status: 403,
    code: 'forbidden',
  })
}

describe('CSRF', () => {
  it('refuses every state-changing request without the protocol header, changing nothing', async () => {
    const { h, asset, calls } = await world()
    const before = await state(h, asset.id)
    for (const call of calls) {
      // (Header values are trimmed by fetch itself, so '1 ' would arrive as '1'.)
      for (const value of [null, '', '0', 'true', 'yes', '11', '1, 1']) {
        await expectRefused(
          h,
          build(call, { origin: APP, [LIKENESS_REQUEST_HEADER]: value }),
          `${call.name} with header ${JSON.stringify(value)}`,
        )
      }
      // Nor without an Origin, as an old browser's form post would arrive.
      await expectRefused(h, build(call, { origin: null }), `${call.name} without any header`)
    }
    expect(h.sim.requests.length).toBe(0)
    expect(await state(h, asset.id)).toEqual(before)
    // Alice's asset is still there upstream, too.
    expect((await h.as('alice').get(`/assets/${asset.id}`)).body.status).toBe('active')
  })

  it('refuses state-changing requests from origins that are not allowed, even with the header', async () => {
    const { h, asset, calls } = await world()
    const before = await state(h, asset.id)
    for (const call of calls) {
      for (const origin of [
        'https://evil.example',
        'null',
        'http://app.example',
        'https://app.example:8443',
        'https://app.example.evil.example',
        'https://sub.app.example',
        `${APP}/`,
      ]) {
        await expectRefused(
          h,
          build(call, { origin, [LIKENESS_REQUEST_HEADER]: '1' }),
          `${call.name} from ${origin}`,
        )
      }
    }
    expect(h.sim.requests.length).toBe(0)
    expect(await state(h, asset.id)).toEqual(before)
  })

  it('allows the header without an Origin (same-origin requests some browsers send bare)', async () => {
    const { h, asset, calls } = await world()
    for (const call of calls) {
      const request = build(call, { origin: null, [LIKENESS_REQUEST_HEADER]: '1' })
      expect(request.headers.get('origin')).toBeNull()
      const response = await h.handle(request)
      expect({ name: call.name, status: response.status }).toEqual({
        name: call.name,
        status: call.allowed,
      })
    }
    // They really happened.
    expect(await h.store.getAsset(asset.id)).toBeUndefined()
    expect(await h.store.listJobs('alice', 10)).toHaveLength(1)
    expect((await h.as('alice').get('/verification')).body).toEqual({ session: null })
    expect((await h.store.latestVerification('bob'))?.status).toBe('failed')
  })

  it('allows the same requests from the app’s own origin', async () => {
    const { h, calls } = await world()
    for (const call of calls) {
      const response = await h.handle(build(call, { origin: APP, [LIKENESS_REQUEST_HEADER]: '1' }))
      expect({ name: call.name, status: response.status }).toEqual({
        name: call.name,
        status: call.allowed,
      })
    }
  })

  it('widens the origins with allowedOrigins, and only to those', async () => {
    const { h, calls } = await world({
      // Given as URLs with paths: only their origins count.
      allowedOrigins: [APP, 'https://admin.example/console/'],
    })
    for (const call of calls) {
      await expectRefused(
        h,
        build(call, { origin: 'https://evil.example', [LIKENESS_REQUEST_HEADER]: '1' }),
        `${call.name} from evil`,
      )
      const response = await h.handle(
        build(call, { origin: 'https://admin.example', [LIKENESS_REQUEST_HEADER]: '1' }),
      )
      expect({ name: call.name, status: response.status }).toEqual({
        name: call.name,
        status: call.allowed,
      })
    }
    // The app's own origin still works because it was listed.
    const again = await h.as('alice').post('/verification', {}, { origin: APP })
    expect(again.status).toBe(201)
  })

  it('replaces the default with allowedOrigins: an origin left out is refused', async () => {
    const h = harness({ allowedOrigins: ['https://admin.example'] })
    for (const call of calls('asset-20260521164235-zggcb')) {
      await expectRefused(
        h,
        build(call, { origin: APP, [LIKENESS_REQUEST_HEADER]: '1' }),
        `${call.name} from the unlisted public origin`,
      )
    }
    expect(h.sim.requests.length).toBe(0)
  })

  it('needs no header on reads, and never lets another origin read them', async () => {
    const { h, asset } = await world()
    for (const path of ['/verification', '/assets', `/assets/${asset.id}`, '/videos']) {
      const response = await h.handle(
        new Request(`${BASE}${path}`, {
          headers: { 'x-test-user': 'alice', origin: 'https://evil.example' },
        }),
      )
      // A read changes nothing; the browser keeps its answer from the other origin because
      // the handler sends no CORS headers.
      expect(response.status).toBe(200)
      expect(response.headers.get('access-control-allow-origin')).toBeNull()
      expect(response.headers.get('access-control-allow-credentials')).toBeNull()
    }
    // Nor does any preflight succeed.
    const preflight = await h.handle(
      new Request(`${BASE}/videos`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://evil.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': LIKENESS_REQUEST_HEADER,
        },
      }),
    )
    expect(preflight.ok).toBe(false)
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull()
  })
})
