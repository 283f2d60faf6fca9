import { buildAssetUri } from '@likeness/core'
import { describe, expect, it } from 'vitest'
import { toVideoJob, toVideoTaskRequest } from '../src/index.ts'
import { activeAsset, MEDIA_URL, setup, verified } from './setup.ts'

const PROMPT = '画面中的我，穿着宇航服在月球上行走'

describe('Seedance video tasks (3.1, 3.2)', () => {
  it('runs the documented example from queued to a playable video', async () => {
    const ctx = setup()
    const { groupId } = await verified(ctx)
    const asset = await activeAsset(ctx, groupId)
    const created = await ctx.client.createVideoTask({
      model: 'dreamina-seedance-2-0',
      prompt: PROMPT,
      duration: 5,
      content: [{ type: 'image_url', imageUrl: buildAssetUri(asset.id) }],
      resolution: '720p',
      ratio: '16:9',
      seed: 42,
    })
    expect(created).toMatchObject({ model: 'dreamina-seedance-2-0', status: 'queued', progress: 0 })
    expect(created.id).toMatch(/^task_/)
    expect(typeof created.createdAt).toBe('number')
    expect(created.completedAt).toBeUndefined()

    ctx.clock.advance(2000 + 5000)
    const running = await ctx.client.getVideoTask(created.id)
    expect(running.status).toBe('in_progress')
    expect(running.progress).toBeGreaterThan(0)
    expect(running.progress).toBeLessThan(100)
    ctx.clock.advance(1000)
    expect((await ctx.client.getVideoTask(created.id)).progress).toBeGreaterThan(running.progress)

    ctx.clock.advance(10_000)
    const done = await ctx.client.getVideoTask(created.id)
    expect(done).toMatchObject({ status: 'completed', progress: 100 })
    expect(done.completedAt).toBeGreaterThanOrEqual(created.createdAt ?? 0)
    const video = await ctx.sim.fetch(done.videoUrl ?? '')
    expect(video.status).toBe(200)
    expect(video.headers.get('content-type')).toMatch(/^video\//)
    expect((await video.arrayBuffer()).byteLength).toBeGreaterThan(1000)

    const job = toVideoJob(done)
    expect(job).toMatchObject({ id: created.id, status: 'completed', videoUrl: done.videoUrl })
    expect(job.completedAt).toMatch(/Z$/)
  })

  it('builds the request from domain input', async () => {
    const ctx = setup()
    const { groupId } = await verified(ctx)
    const asset = await activeAsset(ctx, groupId)
    const request = toVideoTaskRequest({
      model: 'dreamina-seedance-2-0-fast',
      prompt: 'me, waving',
      durationSeconds: 4,
      resolution: '480p',
      ratio: '9:16',
      generateAudio: true,
      watermark: false,
      references: [{ assetId: asset.id, role: 'first_frame' }],
    })
    expect(request.content).toEqual([
      { type: 'image_url', imageUrl: `asset://${asset.id}`, role: 'first_frame' },
    ])
    const task = await ctx.client.createVideoTask(request)
    expect(task.status).toBe('queued')
  })

  it('reports a failed generation with its error', async () => {
    const ctx = setup()
    const task = await ctx.client.createVideoTask({
      model: 'dreamina-seedance-2-0-fast',
      prompt: 'sim:fail please',
    })
    ctx.clock.advance(60_000)
    const failed = await ctx.client.getVideoTask(task.id)
    expect(failed.status).toBe('failed')
    expect(failed.error?.code).toBe('generation_failed')
    expect(failed.error?.message).toMatch(/\w/)
    expect(failed.completedAt).toBeDefined()
    expect(toVideoJob(failed).status).toBe('failed')
  })

  it.each([
    [{ model: 'sora-2' }, /model/],
    [{ resolution: '1080p', model: 'dreamina-seedance-2-0-fast' }, /1080p/],
    [{ ratio: '5:4' }, /ratio/],
    [{ duration: 30 }, /duration/],
  ])('rejects %j with a message naming the problem', async (change, message) => {
    const ctx = setup()
    await expect(
      ctx.client.createVideoTask({ model: 'dreamina-seedance-2-0', prompt: 'hi', ...change }),
    ).rejects.toMatchObject({ code: 'invalid_request', status: 400, message })
  })

  it('only accepts the caller’s own Active assets', async () => {
    const ctx = setup()
    const { groupId } = await verified(ctx)
    const mine = await activeAsset(ctx, groupId)
    const processing = await ctx.client.uploadAsset({
      groupId,
      url: `${MEDIA_URL}/portrait.png`,
      assetType: 'Image',
    })
    const request = (id: string) => ({
      model: 'dreamina-seedance-2-0',
      prompt: 'me',
      content: [{ type: 'image_url' as const, imageUrl: `asset://${id}` }],
    })
    await expect(ctx.other.createVideoTask(request(mine.id))).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining(mine.id),
    })
    await expect(ctx.client.createVideoTask(request(processing.id))).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining(processing.id),
    })
    await expect(
      ctx.client.createVideoTask(request('asset-20990101000000-ghost')),
    ).rejects.toMatchObject({ code: 'invalid_request' })
  })

  it('hides one account’s tasks from another', async () => {
    const ctx = setup()
    const task = await ctx.client.createVideoTask({ model: 'dreamina-seedance-2-0', prompt: 'x' })
    await expect(ctx.other.getVideoTask(task.id)).rejects.toMatchObject({ code: 'not_found' })
    await expect(ctx.client.getVideoTask('task_unknown')).rejects.toMatchObject({
      code: 'not_found',
      status: 404,
    })
  })
})
