import { describe, expect, it } from 'vitest'
import {
  activeAsset,
  harness,
  onlyRateLimited,
  PNG,
  verify,
  VIDEO_INPUT,
  videosUpstream,
  type Harness,
} from './harness.ts'

const polls = (h: Harness, id: string) =>
  h.sim.requests.filter((r) => r.method === 'GET' && r.path === `/v1/video/generations/${id}`)
    .length

async function ready(user = 'alice') {
  const h = harness()
  await verify(h, user)
  const asset = await activeAsset(h, user)
  return { h, asset, alice: h.as(user) }
}

describe('video jobs', () => {
  it('creates exactly one upstream task for concurrent duplicate submits', async () => {
    const { h, asset, alice } = await ready()
    const input = { ...VIDEO_INPUT, references: [{ assetId: asset.id, role: 'first_frame' }] }
    const replies = await Promise.all(
      Array.from({ length: 8 }, () =>
        alice.post('/videos', input, { 'idempotency-key': 'double-click-1' }),
      ),
    )
    expect(videosUpstream(h)).toBe(1)
    const ids = new Set(replies.map((reply) => reply.body.id))
    expect(ids.size).toBe(1)
    expect(replies.map((reply) => reply.status).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 200, 201,
    ])
    expect(
      replies.filter((reply) => reply.headers.get('idempotent-replayed') === 'true'),
    ).toHaveLength(7)

    // A later retry with the same key gets the same job; a new key makes a new one.
    const retry = await alice.post('/videos', input, { 'idempotency-key': 'double-click-1' })
    expect(retry).toMatchObject({ status: 200, body: { id: [...ids][0] } })
    expect(videosUpstream(h)).toBe(1)
    expect(
      (await alice.post('/videos', input, { 'idempotency-key': 'second-video-2' })).status,
    ).toBe(201)
    expect(videosUpstream(h)).toBe(2)
    expect((await alice.get('/videos')).body.items).toHaveLength(2)
  })

  it('refuses a reused key with a different request', async () => {
    const { h, alice } = await ready()
    await alice.post('/videos', VIDEO_INPUT, { 'idempotency-key': 'reused-key-01' })
    const other = await alice.post(
      '/videos',
      { ...VIDEO_INPUT, prompt: 'something else' },
      { 'idempotency-key': 'reused-key-01' },
    )
    expect(other.status).toBe(409)
    expect(other.body.error.code).toBe('conflict')
    expect(videosUpstream(h)).toBe(1)
  })

  it('keys are per user', async () => {
    const { h, alice } = await ready()
    await verify(h, 'bob')
    const a = await alice.post('/videos', VIDEO_INPUT, { 'idempotency-key': 'shared-key-01' })
    const b = await h.as('bob').post('/videos', VIDEO_INPUT, { 'idempotency-key': 'shared-key-01' })
    expect(a.status).toBe(201)
    expect(b.status).toBe(201)
    expect(a.body.id).not.toBe(b.body.id)
  })

  it('requires a well-formed Idempotency-Key', async () => {
    const { h, alice } = await ready()
    for (const headers of [
      {},
      { 'idempotency-key': 'short' },
      { 'idempotency-key': 'has spaces in it' },
    ]) {
      const result = await alice.post('/videos', VIDEO_INPUT, headers)
      expect(result.status).toBe(400)
      expect(result.body.error.details.field).toBe('idempotency-key')
    }
    expect(videosUpstream(h)).toBe(0)
  })

  it('validates the input and names each problem', async () => {
    const { h, alice } = await ready()
    const result = await alice.post(
      '/videos',
      {
        model: 'dreamina-seedance-2-0-fast',
        prompt: '',
        resolution: '1080p',
        seed: 1.5,
        watermark: 'no',
      },
      { 'idempotency-key': 'invalid-input-1' },
    )
    expect(result.status).toBe(400)
    expect(result.body.error.code).toBe('invalid_request')
    expect(result.body.error.details.issues.map((issue: { field: string }) => issue.field)).toEqual(
      ['prompt', 'resolution', 'seed', 'watermark'],
    )
    expect(videosUpstream(h)).toBe(0)
    // A refused request does not spend its key.
    expect(
      (await alice.post('/videos', VIDEO_INPUT, { 'idempotency-key': 'invalid-input-1' })).status,
    ).toBe(201)
  })

  it('only takes the caller’s own Active assets as references', async () => {
    const { h, alice } = await ready()
    const processing = await alice.upload(PNG)
    const refused = await alice.post(
      '/videos',
      { ...VIDEO_INPUT, references: [{ assetId: processing.body.id }] },
      { 'idempotency-key': 'not-active-01' },
    )
    expect(refused.status).toBe(400)
    expect(refused.body.error.details.issues[0]).toMatchObject({ field: 'references[0].assetId' })
    const missing = await alice.post(
      '/videos',
      { ...VIDEO_INPUT, references: [{ assetId: 'asset-20990101000000-ghost' }] },
      { 'idempotency-key': 'missing-asset-1' },
    )
    expect(missing.status).toBe(400)
    expect(videosUpstream(h)).toBe(0)
  })

  it('needs a verified person only when a video references assets', async () => {
    const h = harness()
    const carol = h.as('carol')
    const plain = await carol.post('/videos', VIDEO_INPUT, { 'idempotency-key': 'no-refs-0001' })
    expect(plain.status).toBe(201)
    const withRef = await carol.post(
      '/videos',
      { ...VIDEO_INPUT, references: [{ assetId: 'asset-20260520153701-pgxsl' }] },
      { 'idempotency-key': 'with-refs-001' },
    )
    expect(withRef.status).toBe(403)
    expect(withRef.body.error.code).toBe('not_verified')
  })

  it('shares one upstream poll between many browsers, with a short cache', async () => {
    const { h, alice } = await ready()
    const job = (await alice.post('/videos', VIDEO_INPUT, { 'idempotency-key': 'poll-share-01' }))
      .body
    h.clock.advance(2000)
    const views = await Promise.all(
      Array.from({ length: 10 }, () => alice.get(`/videos/${job.id}`)),
    )
    expect(new Set(views.map((view) => view.body.status))).toEqual(new Set(['in_progress']))
    expect(polls(h, job.id)).toBe(1)
    h.clock.advance(1000)
    await alice.get(`/videos/${job.id}`)
    expect(polls(h, job.id)).toBe(1)
    h.clock.advance(600)
    await alice.get(`/videos/${job.id}`)
    expect(polls(h, job.id)).toBe(2)
    // Once final, the stored result is served without asking upstream again.
    h.clock.advance(60_000)
    expect((await alice.get(`/videos/${job.id}`)).body.status).toBe('completed')
    const after = polls(h, job.id)
    await alice.get(`/videos/${job.id}`)
    expect(polls(h, job.id)).toBe(after)
  })

  it('reports a failed generation with its reason', async () => {
    const { h, alice } = await ready()
    const job = (
      await alice.post(
        '/videos',
        { ...VIDEO_INPUT, prompt: 'sim:fail' },
        { 'idempotency-key': 'fail-video-01' },
      )
    ).body
    h.clock.advance(60_000)
    const failed = (await alice.get(`/videos/${job.id}`)).body
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'generation_failed' } })
    expect(failed.input).toMatchObject({ prompt: 'sim:fail' })
  })

  it('never bills twice after an unclear upstream answer, and frees the key after a clear refusal', async () => {
    const { h, alice } = await ready()
    h.sim.faults.add({ method: 'POST', path: '/v1/video/generations', status: 502, times: 1 })
    const unclear = await alice.post('/videos', VIDEO_INPUT, { 'idempotency-key': 'unclear-01' })
    expect(unclear.status).toBe(503)
    expect(unclear.body.error).toMatchObject({ retryable: false, details: { outcome: 'unknown' } })
    const again = await alice.post('/videos', VIDEO_INPUT, { 'idempotency-key': 'unclear-01' })
    expect(again.status).toBe(409)
    expect(again.body.error.details.outcome).toBe('unknown')
    expect(videosUpstream(h)).toBe(1)

    h.sim.faults.add({
      method: 'POST',
      path: '/v1/video/generations',
      status: 429,
      retryAfterSeconds: 2,
      times: 1,
    })
    const refused = await alice.post('/videos', VIDEO_INPUT, { 'idempotency-key': 'refused-01' })
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('2')
    expect(
      (await alice.post('/videos', VIDEO_INPUT, { 'idempotency-key': 'refused-01' })).status,
    ).toBe(201)
  })

  it('rate-limits creates per user', async () => {
    const h = harness(onlyRateLimited('video', 1))
    expect(
      (await h.as('alice').post('/videos', VIDEO_INPUT, { 'idempotency-key': 'limit-0001' }))
        .status,
    ).toBe(201)
    const second = await h
      .as('alice')
      .post('/videos', VIDEO_INPUT, { 'idempotency-key': 'limit-0002' })
    expect(second.status).toBe(429)
    expect(videosUpstream(h)).toBe(1)
  })

  it('maps upstream faults on reads to typed, retryable errors', async () => {
    const { h, alice } = await ready()
    const job = (await alice.post('/videos', VIDEO_INPUT, { 'idempotency-key': 'fault-read-01' }))
      .body
    h.clock.advance(2000)
    h.sim.faults.add({ method: 'GET', path: '/v1/video/generations/*', status: 503 })
    const down = await alice.get(`/videos/${job.id}`)
    expect(down.status).toBe(503)
    expect(down.body.error).toMatchObject({ code: 'upstream_unavailable', retryable: true })
    h.sim.faults.clear()
    h.clock.advance(2000)
    expect((await alice.get(`/videos/${job.id}`)).status).toBe(200)

    h.sim.faults.add({ path: '/api/*/assets/list', status: 429, retryAfterSeconds: 120 })
    const limited = await alice.get('/assets')
    expect(limited.status).toBe(429)
    expect(limited.body.error).toMatchObject({
      code: 'rate_limited',
      retryable: true,
      retryAfterMs: 120_000,
    })
    expect(limited.headers.get('retry-after')).toBe('120')
  })
})
