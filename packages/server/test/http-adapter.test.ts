import { createHttpAdapter, LikenessError } from '@likeness/core'
import { describe, expect, it } from 'vitest'
import { activeAsset, BASE, harness, liveness, PNG, verify, type Harness } from './harness.ts'

// The browser's adapter against the real handler: the protocol, from both ends.
function adapterFor(h: Harness, user: string | null) {
  return createHttpAdapter({
    baseUrl: BASE,
    fetch: (input, init) => h.handle(new Request(input, init)),
    headers: user === null ? {} : { 'x-test-user': user },
    createXhr: false,
  })
}

describe('createHttpAdapter against @likeness/server', () => {
  it('covers every HostAdapter method', async () => {
    const h = harness()
    const adapter = adapterFor(h, 'alice')
    expect(await adapter.getVerification()).toBeNull()
    const started = await adapter.startVerification({ locale: 'en', returnTo: '/back' })
    expect(started.session.status).toBe('pending')
    expect(new URL(started.url).searchParams.get('lng')).toBe('en')
    expect((await adapter.cancelVerification())?.failure?.code).toBe('cancelled')
    const again = await adapter.startVerification({ locale: 'en', returnTo: '/back' })
    await liveness(h, again.url, 'pass')
    expect((await adapter.getVerification())?.status).toBe('verified')

    const progress: number[] = []
    const file = new File([PNG], 'front.png', { type: 'image/png' })
    const uploaded = await adapter.uploadAsset(
      { file },
      { onProgress: (p) => progress.push(p.loaded) },
    )
    expect(uploaded).toMatchObject({ name: 'front.png', type: 'image', status: 'processing' })
    expect(progress).toEqual([0, PNG.byteLength])
    await h.sim.settle()
    h.clock.advance(1000)
    expect((await adapter.getAsset(uploaded.id)).status).toBe('active')
    const page = await adapter.listAssets({
      statuses: ['active'],
      name: 'front',
      sort: 'createdAt',
      order: 'asc',
      page: 1,
      pageSize: 10,
    })
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 10, items: [{ id: uploaded.id }] })

    const job = await adapter.createVideoJob(
      { model: 'dreamina-seedance-2-0', prompt: 'me', references: [{ assetId: uploaded.id }] },
      { idempotencyKey: 'adapter-key-01' },
    )
    const same = await adapter.createVideoJob(
      { model: 'dreamina-seedance-2-0', prompt: 'me', references: [{ assetId: uploaded.id }] },
      { idempotencyKey: 'adapter-key-01' },
    )
    expect(same.id).toBe(job.id)
    expect((await adapter.getVideoJob(job.id)).id).toBe(job.id)
    expect((await adapter.listVideoJobs()).map((item) => item.id)).toEqual([job.id])

    await adapter.deleteAsset(uploaded.id)
    await expect(adapter.getAsset(uploaded.id)).rejects.toMatchObject({
      code: 'not_found',
      status: 404,
    })
    await adapter.deleteAllAssets()
    expect(await adapter.getVerification()).toBeNull()
  })

  it('turns protocol errors back into typed errors with their details', async () => {
    const h = harness({ limits: { maxUploadBytes: 10 } })
    await verify(h, 'alice')
    const adapter = adapterFor(h, 'alice')
    const tooBig = await adapter
      .uploadAsset({ file: new Blob([PNG]) })
      .catch((error: unknown) => error)
    expect(tooBig).toBeInstanceOf(LikenessError)
    expect(tooBig).toMatchObject({
      code: 'payload_too_large',
      status: 413,
      retryable: false,
      details: { maxBytes: 10 },
    })
    await expect(adapter.listAssets({ pageSize: 500 })).rejects.toMatchObject({
      code: 'invalid_request',
      details: { field: 'pageSize' },
    })
    await expect(adapterFor(h, null).getVerification()).rejects.toMatchObject({
      code: 'unauthorized',
      status: 401,
    })
    await expect(adapter.getVideoJob('../../x')).rejects.toMatchObject({ code: 'not_found' })

    h.sim.faults.add({ path: '/api/*/assets/list', status: 429, retryAfterSeconds: 90 })
    await expect(adapter.listAssets()).rejects.toMatchObject({
      code: 'rate_limited',
      retryable: true,
      retryAfterMs: 90_000,
    })
  })

  it('sends Idempotency-Key and the anti-CSRF header the server requires', async () => {
    const h = harness()
    const adapter = adapterFor(h, 'alice')
    await expect(
      adapter.createVideoJob(
        { model: 'dreamina-seedance-2-0', prompt: 'x' },
        { idempotencyKey: 'k' },
      ),
    ).rejects.toMatchObject({ code: 'invalid_request', details: { field: 'idempotency-key' } })
    const job = await adapter.createVideoJob(
      { model: 'dreamina-seedance-2-0', prompt: 'x' },
      { idempotencyKey: 'long-enough-key' },
    )
    expect(job.status).toBe('queued')
  })

  it('reports aborts, network failures and bodies that are not JSON', async () => {
    const h = harness()
    const adapter = adapterFor(h, 'alice')
    await expect(adapter.getVerification({ signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'aborted',
    })
    const unreachable = createHttpAdapter({
      baseUrl: 'http://127.0.0.1:9/api/likeness',
      createXhr: false,
    })
    await expect(unreachable.getVerification()).rejects.toMatchObject({
      code: 'network',
      retryable: true,
    })
    const html = createHttpAdapter({
      baseUrl: BASE,
      fetch: () => Promise.resolve(new Response('<html>proxy page</html>', { status: 200 })),
    })
    await expect(html.listVideoJobs()).rejects.toMatchObject({ code: 'malformed_response' })
    const gateway = createHttpAdapter({
      baseUrl: BASE,
      fetch: () =>
        Promise.resolve(
          new Response('Bad gateway', { status: 502, headers: { 'retry-after': '3' } }),
        ),
    })
    await expect(gateway.listVideoJobs()).rejects.toMatchObject({
      code: 'upstream_unavailable',
      status: 502,
      retryable: true,
      retryAfterMs: 3000,
    })
  })

  it('encodes ids so a hostile one cannot change the route', async () => {
    const h = harness()
    await verify(h, 'alice')
    const asset = await activeAsset(h, 'alice')
    const adapter = adapterFor(h, 'alice')
    await expect(adapter.deleteAsset(`${asset.id}/../../assets`)).rejects.toMatchObject({
      code: 'not_found',
    })
    expect((await adapter.getAsset(asset.id)).status).toBe('active')
  })
})
