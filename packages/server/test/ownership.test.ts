import { describe, expect, it } from 'vitest'
import {
  activeAsset,
  BASE,
  client,
  harness,
  PNG,
  verify,
  VIDEO_INPUT,
  videosUpstream,
  type Reply,
} from './harness.ts'

/** An id of the same shape (length, alphabet, prefix) that nobody owns. */
function madeUp(id: string): string {
  const tail = id.slice(-5)
  const other = tail === 'zzzzz' ? 'yyyyy' : 'zzzzz'
  return `${id.slice(0, -5)}${other}`
}

/** A reply without its request id, which differs between any two requests. */
function withoutRequestId(reply: Reply): { body: unknown; headers: [string, string][] } {
  expect(reply.headers.get('x-request-id')).toBeTruthy()
  const body = structuredClone(reply.body) as { error?: { requestId?: string } }
  if (body.error) delete body.error.requestId
  return { body, headers: [...reply.headers].filter(([name]) => name !== 'x-request-id') }
}

/** The error body with the id the caller sent replaced, to compare messages by shape. */
const shapeOf = (reply: Reply, id: string) =>
  JSON.parse(JSON.stringify(withoutRequestId(reply).body).replaceAll(id, '<id>')) as unknown

/**
 * Alice: verified, one Active asset, one still processing (with its staged copy), one video
 * job. Bob: verified in his own group, with an Active asset of his own. The clock is left where
 * Alice's second upload leaves it, so her processing asset stays processing.
 */
async function world() {
  const h = harness()
  await verify(h, 'bob')
  const bobAsset = await activeAsset(h, 'bob', 'bob.png')
  await verify(h, 'alice')
  const active = await activeAsset(h, 'alice', 'alice-front.png')
  const job = await h
    .as('alice')
    .post(
      '/videos',
      { ...VIDEO_INPUT, references: [{ assetId: active.id }] },
      { 'idempotency-key': 'alice-video-0001' },
    )
  expect(job.status).toBe(201)
  const processing = await h.as('alice').upload(PNG, 'name=alice-side.png')
  expect(processing.status).toBe(201)
  expect(processing.body.status).toBe('processing')
  await h.sim.settle()
  return {
    h,
    alice: h.as('alice'),
    bob: h.as('bob'),
    ids: { active: active.id as string, processing: processing.body.id as string },
    jobId: job.body.id as string,
    bobAsset: bobAsset.id as string,
  }
}

/** Everything Alice can see about herself, as she sees it. */
async function aliceView(w: Awaited<ReturnType<typeof world>>) {
  const { h, alice, ids, jobId } = w
  const verification = await h.store.latestVerification('alice')
  return {
    verification: (await alice.get('/verification')).body,
    verificationRecord: verification,
    assets: (await alice.get('/assets?sort=createdAt&order=asc')).body,
    active: (await alice.get(`/assets/${ids.active}`)).body,
    processing: (await alice.get(`/assets/${ids.processing}`)).body,
    processingRecord: await h.store.getAsset(ids.processing),
    job: (await alice.get(`/videos/${jobId}`)).body,
    jobs: (await alice.get('/videos')).body,
  }
}

describe('ownership', () => {
  it('answers another person’s ids exactly as ids that do not exist', async () => {
    const w = await world()
    const { h, bob, ids, jobId } = w
    const before = await aliceView(w)
    expect(before.verification.session.status).toBe('verified')
    expect(before.assets.items).toHaveLength(2)
    expect(before.processing.status).toBe('processing')
    expect(before.processingRecord?.blobKey).toBeDefined()
    expect(before.job.id).toBe(jobId)
    const blobKey = before.processingRecord!.blobKey!
    h.sim.requests.reset()

    const routes: [string, (id: string) => Promise<Reply>, string][] = [
      ['GET /assets/{id} (active)', (id) => bob.get(`/assets/${id}`), ids.active],
      ['GET /assets/{id} (processing)', (id) => bob.get(`/assets/${id}`), ids.processing],
      ['DELETE /assets/{id} (active)', (id) => bob.del(`/assets/${id}`), ids.active],
      ['DELETE /assets/{id} (processing)', (id) => bob.del(`/assets/${id}`), ids.processing],
      ['GET /videos/{id}', (id) => bob.get(`/videos/${id}`), jobId],
    ]
    for (const [name, send, id] of routes) {
      const theirs = await send(id)
      const nobodys = await send(madeUp(id))
      expect({ name, status: theirs.status, code: theirs.body.error?.code }).toEqual({
        name,
        status: 404,
        code: 'not_found',
      })
      expect({ name, ...withoutRequestId(theirs) }).toEqual({ name, ...withoutRequestId(nobodys) })
      expect(JSON.stringify(theirs.body)).not.toContain(id)
    }

    // Nothing of Alice's went upstream on Bob's behalf: no delete, no poll of her job.
    expect(h.sim.requests.filter((r) => r.method === 'DELETE')).toEqual([])
    expect(h.sim.requests.filter((r) => r.path.startsWith('/v1/'))).toEqual([])
    expect(await h.blobStore.get(blobKey)).toBeDefined()
    expect(await aliceView(w)).toEqual(before)
  })

  it('lists none of another person’s assets or videos', async () => {
    const w = await world()
    const { bob, ids, jobId, bobAsset } = w
    const before = await aliceView(w)

    const everything = await bob.get('/assets?pageSize=100')
    expect(everything.status).toBe(200)
    expect(everything.body.items.map((item: { id: string }) => item.id)).toEqual([bobAsset])
    expect(everything.body.total).toBe(1)
    for (const query of [
      'status=processing,active,failed',
      'status=processing',
      'name=alice',
      'sort=updatedAt&order=desc&page=1&pageSize=100',
    ]) {
      const listed = await bob.get(`/assets?${query}`)
      expect(listed.status).toBe(200)
      const seen = JSON.stringify(listed.body)
      expect(seen).not.toContain(ids.active)
      expect(seen).not.toContain(ids.processing)
      expect(seen).not.toContain('alice')
    }

    const jobs = await bob.get('/videos')
    expect(jobs).toMatchObject({ status: 200, body: { items: [] } })
    const own = await bob.post('/videos', VIDEO_INPUT, { 'idempotency-key': 'bob-video-00001' })
    expect(own.status).toBe(201)
    const after = (await bob.get('/videos')).body.items.map((job: { id: string }) => job.id)
    expect(after).toEqual([own.body.id])
    expect(after).not.toContain(jobId)

    expect(await aliceView(w)).toEqual(before)
  })

  it('refuses another person’s asset as a video reference like a missing one, creating nothing', async () => {
    const w = await world()
    const { h, bob, ids } = w
    const before = await aliceView(w)
    const tasksBefore = videosUpstream(h)

    const refusals = []
    for (const [index, id] of [ids.active, ids.processing].entries()) {
      const theirs = await bob.post(
        '/videos',
        { ...VIDEO_INPUT, references: [{ assetId: id }] },
        { 'idempotency-key': `bob-steals-${index}-000` },
      )
      const nobodys = await bob.post(
        '/videos',
        { ...VIDEO_INPUT, references: [{ assetId: madeUp(id) }] },
        { 'idempotency-key': `bob-ghost-${index}-0000` },
      )
      expect(theirs.status).toBe(400)
      expect(theirs.body.error.code).toBe('invalid_request')
      expect(theirs.body.error.details.issues[0].field).toBe('references[0].assetId')
      // Same message and details, whether the asset is someone else's or nobody's; and an
      // asset still processing is not revealed as "not ready".
      expect(shapeOf(theirs, id)).toEqual(shapeOf(nobodys, madeUp(id)))
      refusals.push(theirs)
    }
    expect(refusals).toHaveLength(2)
    // Mixed with his own Active asset, the whole request is still refused.
    const mixed = await bob.post(
      '/videos',
      { ...VIDEO_INPUT, references: [{ assetId: w.bobAsset }, { assetId: ids.active }] },
      { 'idempotency-key': 'bob-mixed-000001' },
    )
    expect(mixed.status).toBe(400)
    expect(mixed.body.error.details.issues[0].field).toBe('references[1].assetId')

    expect(videosUpstream(h)).toBe(tasksBefore)
    expect((await bob.get('/videos')).body.items).toEqual([])
    expect(await aliceView(w)).toEqual(before)
  })

  it('deletes only the caller’s own group with DELETE /assets', async () => {
    const w = await world()
    const { h, bob, ids, bobAsset } = w
    const before = await aliceView(w)
    const bobGroup = (await h.store.latestVerification('bob'))?.groupId
    const aliceGroup = (await h.store.latestVerification('alice'))?.groupId
    expect(bobGroup).toBeDefined()
    expect(aliceGroup).toBeDefined()
    expect(bobGroup).not.toBe(aliceGroup)
    h.sim.requests.reset()

    expect((await bob.del('/assets')).status).toBe(204)
    const deletes = h.sim.requests.filter((r) => r.method === 'DELETE')
    expect(deletes.map((r) => r.path)).toEqual([
      `/api/resource-channel/byteplus/visual-validate/asset-groups/${bobGroup}`,
    ])
    expect((await bob.get('/verification')).body).toEqual({ session: null })
    expect((await bob.get('/assets')).body.error.code).toBe('not_verified')
    expect(await h.store.getAsset(bobAsset)).toBeUndefined()

    // Alice's group, assets, staged copy, job and verification are as they were.
    expect(await aliceView(w)).toEqual(before)
    expect(await h.store.getAsset(ids.active)).toMatchObject({ userId: 'alice' })
    expect(await h.blobStore.get(before.processingRecord!.blobKey!)).toBeDefined()
  })

  it('asks who is asking on every route but the callback, the popup script and staged files', async () => {
    const h = harness()
    await verify(h, 'alice')
    const asset = await activeAsset(h, 'alice')
    const job = await h
      .as('alice')
      .post('/videos', VIDEO_INPUT, { 'idempotency-key': 'alice-video-0002' })
    h.sim.requests.reset()

    const routes: [string, string][] = [
      ['GET', '/verification'],
      ['POST', '/verification'],
      ['DELETE', '/verification'],
      ['GET', '/assets'],
      ['POST', '/assets'],
      ['DELETE', '/assets'],
      ['GET', `/assets/${asset.id}`],
      ['DELETE', `/assets/${asset.id}`],
      ['GET', '/videos'],
      ['POST', '/videos'],
      ['GET', `/videos/${job.body.id}`],
    ]
    // getUserId answering null, undefined or '' all mean nobody.
    const anonymous = [
      client(h.handle, null),
      client(harness({ getUserId: () => undefined }).handle, 'ignored-by-this-getUserId'),
      client(harness({ getUserId: () => Promise.resolve('') }).handle, 'ignored'),
    ]
    for (const nobody of anonymous) {
      for (const [method, path] of routes) {
        const reply =
          method === 'GET'
            ? await nobody.get(path)
            : method === 'DELETE'
              ? await nobody.del(path, { 'idempotency-key': 'anon-key-000001' })
              : path === '/assets'
                ? await nobody.upload(PNG)
                : await nobody.post(path, VIDEO_INPUT, { 'idempotency-key': 'anon-key-000001' })
        expect({ method, path, status: reply.status, code: reply.body.error?.code }).toEqual({
          method,
          path,
          status: 401,
          code: 'unauthorized',
        })
      }
    }
    expect(h.sim.requests.length).toBe(0)
    expect(await h.store.latestVerification('alice')).toMatchObject({ status: 'verified' })
    expect(await h.store.getAsset(asset.id)).toBeDefined()

    // The three routes browsers or EasyRouter reach without the host's login.
    const nobody = client(h.handle, null)
    const callback = await nobody.get('/verification/callback?state=forged')
    expect(callback.status).toBe(400)
    expect(callback.headers.get('content-type')).toMatch(/^text\/html/)
    const script = await nobody.get('/verification/popup.js')
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toMatch(/javascript/)
    const staged = await nobody.get(`${BASE}/uploads/${'A'.repeat(32)}?expires=1&signature=x`)
    expect(staged.status).toBe(404)
  })
})
