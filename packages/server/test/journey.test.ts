import { describe, expect, it } from 'vitest'
import { activeAsset, APP, harness, liveness, PNG } from './harness.ts'

describe('the whole journey through the handler', () => {
  it('verifies, uploads, generates a video, and deletes everything', async () => {
    const h = harness()
    const alice = h.as('alice')

    // Nothing yet.
    expect((await alice.get('/verification')).body).toEqual({ session: null })
    expect((await alice.get('/assets')).body.error.code).toBe('not_verified')

    // Start: the browser gets a session and the liveness page (with the language passed on).
    const started = await alice.post('/verification', { returnTo: '/studio', locale: 'en-GB' })
    expect(started.status).toBe(201)
    expect(started.body.session).toMatchObject({ status: 'pending' })
    expect(Object.keys(started.body.session).sort()).toEqual([
      'createdAt',
      'expiresAt',
      'id',
      'status',
      'updatedAt',
    ])
    const link = new URL(started.body.url)
    expect(link.searchParams.get('lng')).toBe('en')
    expect(started.body.url).not.toContain('\\u0026')
    expect((await alice.get('/verification')).body.session.status).toBe('pending')

    // The liveness page sends the browser to the callback, which confirms and redirects back.
    const { callbackUrl, response } = await liveness(h, started.body.url, 'pass')
    expect(callbackUrl.startsWith(`${APP}/api/likeness/verification/callback?state=`)).toBe(true)
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`${APP}/studio?likeness_verification=verified`)
    const verified = (await alice.get('/verification')).body.session
    expect(verified).toMatchObject({ id: started.body.session.id, status: 'verified' })

    // Upload: staged, handed to EasyRouter, Processing, then Active; the staged copy goes.
    const uploaded = await alice.upload(PNG, 'name=Front%20portrait&type=image')
    expect(uploaded.status).toBe(201)
    expect(uploaded.body).toMatchObject({
      name: 'Front portrait',
      type: 'image',
      status: 'processing',
    })
    expect(uploaded.body.previewUrl).toBeUndefined()
    await h.sim.settle()
    h.clock.advance(1000)
    const asset = (await alice.get(`/assets/${uploaded.body.id}`)).body
    expect(asset).toMatchObject({ id: uploaded.body.id, status: 'active', type: 'image' })
    expect(asset.previewUrl).toMatch(/^https:\/\/easyrouter\.sim\//)
    expect((await h.store.getAsset(asset.id))?.blobKey).toBeUndefined()

    const listed = await alice.get('/assets?status=active&sort=createdAt&order=desc')
    expect(listed.body).toMatchObject({
      total: 1,
      page: 1,
      items: [{ id: asset.id, status: 'active' }],
    })

    // A video that features her.
    const job = await alice.post(
      '/videos',
      {
        model: 'dreamina-seedance-2-0',
        prompt: '画面中的我，穿着宇航服在月球上行走',
        durationSeconds: 5,
        resolution: '720p',
        ratio: '16:9',
        seed: 42,
        references: [{ assetId: asset.id }],
      },
      { 'idempotency-key': 'journey-key-0001' },
    )
    expect(job.status).toBe(201)
    expect(job.body).toMatchObject({
      status: 'queued',
      progress: 0,
      model: 'dreamina-seedance-2-0',
    })
    h.clock.advance(3000)
    const running = (await alice.get(`/videos/${job.body.id}`)).body
    expect(running.status).toBe('in_progress')
    expect(running.progress).toBeGreaterThan(0)
    h.clock.advance(10_000)
    const done = (await alice.get(`/videos/${job.body.id}`)).body
    expect(done).toMatchObject({ id: job.body.id, status: 'completed', progress: 100 })
    const video = await h.sim.fetch(done.videoUrl)
    expect(video.headers.get('content-type')).toMatch(/^video\//)
    expect((await alice.get('/videos')).body.items).toMatchObject([
      { id: job.body.id, status: 'completed' },
    ])

    // Delete one asset, then everything: the verification ends and may start again.
    const second = await activeAsset(h, 'alice', 'second.png')
    expect((await alice.del(`/assets/${second.id}`)).status).toBe(204)
    expect((await alice.get(`/assets/${second.id}`)).status).toBe(404)
    expect((await alice.del('/assets')).status).toBe(204)
    expect((await alice.get('/verification')).body).toEqual({ session: null })
    expect((await alice.get('/assets')).body.error.code).toBe('not_verified')
    expect((await alice.post('/verification', {})).status).toBe(201)
  })
})
