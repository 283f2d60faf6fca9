import { describe, expect, it } from 'vitest'
import { PNG, verify } from './harness.ts'
import {
  heldUpload,
  keyOf,
  pngStream,
  replyOf,
  stagingHarness,
  uploadRequest,
  uploadsUpstream,
} from './upload-harness.ts'

const stagedCount = async (h: ReturnType<typeof stagingHarness>['h']) =>
  (await h.store.listStagedAssets(Number.MAX_SAFE_INTEGER)).length

describe('upload admission', () => {
  it('refuses a person’s fifth upload at once with 429 and Retry-After, without reading it', async () => {
    const { h } = stagingHarness()
    await verify(h, 'alice')
    await verify(h, 'bob')
    const held = [1, 2, 3, 4].map(() => heldUpload(h.handle, 'alice'))
    await Promise.all(held.map((upload) => upload.reading))

    let pulled = false
    const fifth = await replyOf(
      await h.handle(
        uploadRequest(
          'alice',
          new ReadableStream<Uint8Array>(
            {
              pull(controller) {
                pulled = true
                controller.enqueue(PNG.slice())
                controller.close()
              },
            },
            { highWaterMark: 0 },
          ),
        ),
      ),
    )
    expect(fifth.status).toBe(429)
    expect(fifth.body.error).toMatchObject({
      code: 'rate_limited',
      retryable: true,
      status: 429,
      details: { reason: 'concurrent_uploads', max: 4 },
    })
    expect(fifth.headers.get('retry-after')).toBe('5')
    expect(pulled).toBe(false)
    // Nothing of the held uploads has reached EasyRouter yet; the refused one never will.
    expect(uploadsUpstream(h)).toBe(0)

    // Someone else is not held up by Alice's uploads.
    expect((await h.as('bob').upload(PNG)).status).toBe(201)

    // One finishes: Alice has a place again.
    expect((await held[0]!.finish()).status).toBe(201)
    expect((await h.as('alice').upload(PNG)).status).toBe(201)
    for (const upload of held.slice(1)) expect((await upload.finish()).status).toBe(201)
    expect(uploadsUpstream(h)).toBe(6)
    expect(await stagedCount(h)).toBe(6)
  })

  it('refuses uploads past the process’s bytes in flight with 503 and Retry-After', async () => {
    const { h } = stagingHarness({
      limits: { maxUploadBytes: 1000, maxInFlightUploadBytes: 2500 },
    })
    for (const user of ['alice', 'bob', 'carol', 'dave']) await verify(h, user)
    // Without a Content-Length each counts as the largest upload allowed: 1000 bytes.
    const alice = heldUpload(h.handle, 'alice')
    const bob = heldUpload(h.handle, 'bob')
    await Promise.all([alice.reading, bob.reading])

    const carol = await replyOf(await h.handle(uploadRequest('carol', pngStream(PNG.length))))
    expect(carol.status).toBe(503)
    expect(carol.body.error).toMatchObject({
      code: 'upstream_unavailable',
      retryable: true,
      status: 503,
      details: { reason: 'server_busy' },
    })
    expect(carol.headers.get('retry-after')).toBe('5')

    // A declared length counts as itself: 2000 + 70 bytes fit in 2500.
    const dave = await h
      .as('dave')
      .upload(PNG, 'name=small.png', { 'content-length': String(PNG.byteLength) })
    expect(dave.status).toBe(201)

    expect((await alice.finish()).status).toBe(201)
    expect((await h.handle(uploadRequest('carol', pngStream(PNG.length)))).status).toBe(201)
    expect((await bob.finish()).status).toBe(201)
    expect(uploadsUpstream(h)).toBe(4)
  })

  it('frees an upload’s place whatever its outcome', async () => {
    const { h, stagedUrls } = stagingHarness({
      limits: { maxConcurrentUploadsPerUser: 1, maxUploadBytes: 4096 },
    })
    await verify(h, 'alice')
    const alice = h.as('alice')
    const next = () => alice.upload(PNG, 'name=next.png')

    const held = heldUpload(h.handle, 'alice')
    await held.reading
    expect((await next()).status).toBe(429)
    expect((await held.finish()).status).toBe(201)

    // The browser went away halfway through.
    const broken = heldUpload(h.handle, 'alice')
    await broken.reading
    expect((await next()).status).toBe(429)
    const interrupted = await broken.fail()
    expect(interrupted.status).toBe(499)
    expect(interrupted.body.error.code).toBe('aborted')

    // EasyRouter refused it, or could not be reached.
    h.sim.faults.add({ method: 'POST', path: '/api/*/assets', status: 500, times: 1 })
    expect((await next()).status).toBe(502)
    h.sim.faults.add({ method: 'POST', path: '/api/*/assets', drop: true, times: 1 })
    expect((await next()).status).toBe(502)

    // Refused for its content or size, declared or streamed.
    expect((await alice.upload(new TextEncoder().encode('not a picture'))).status).toBe(415)
    expect(
      (await alice.upload(new Uint8Array(5000), 'name=x', { 'content-length': '5000' })).status,
    ).toBe(413)
    expect((await h.handle(uploadRequest('alice', pngStream(5000)))).status).toBe(413)
    expect((await alice.upload(new Uint8Array(0))).status).toBe(400)

    // Each of those gave its place back.
    expect((await next()).status).toBe(201)
    // Only the two that succeeded are staged.
    expect(await stagedCount(h)).toBe(2)
    const kept = (await h.store.listStagedAssets(Number.MAX_SAFE_INTEGER)).map((r) => r.blobKey)
    for (const url of stagedUrls) {
      const key = keyOf(url)
      expect({ key, stored: (await h.blobStore.get(key)) !== undefined }).toEqual({
        key,
        stored: kept.includes(key),
      })
    }
  })
})
