import { describe, expect, it } from 'vitest'
import { createHmacSigner } from './hmac.ts'
import { signUrl } from './signed-url.ts'
import {
  activeAsset,
  BASE_URL,
  call,
  createTestBed,
  KEY_B,
  MEDIA,
  T0,
  TEST_SECRET,
  uploadAsset,
  verifiedGroup,
  type Json,
  type TestBed,
} from '../test/support.ts'

const MODEL = 'dreamina-seedance-2-0'

async function submit(
  bed: TestBed,
  body: Record<string, unknown>,
  key?: string,
): Promise<Awaited<ReturnType<typeof call>>> {
  return call(bed.sim, 'POST', '/v1/video/generations', {
    body,
    ...(key === undefined ? {} : { key }),
  })
}

async function poll(bed: TestBed, id: string, key?: string): Promise<Json> {
  const result = await call(
    bed.sim,
    'GET',
    `/v1/video/generations/${id}`,
    key === undefined ? {} : { key },
  )
  return result.json
}

describe('POST /v1/video/generations (3.1)', () => {
  it('accepts the documented example and answers a queued task', async () => {
    const bed = createTestBed()
    const groupId = await verifiedGroup(bed.sim)
    const { id: assetId } = await activeAsset(bed, { groupId })
    const result = await submit(bed, {
      model: MODEL,
      prompt: '画面中的我，穿着宇航服在月球上行走',
      duration: 5,
      metadata: {
        content: [
          { type: 'image_url', image_url: { url: `asset://${assetId}` }, role: 'reference_image' },
        ],
        resolution: '720p',
        ratio: '16:9',
        seed: 42,
        generate_audio: true,
        watermark: false,
      },
    })
    expect(result.status).toBe(200)
    expect(result.json).toEqual({
      id: expect.stringMatching(/^task_[A-Za-z0-9]{32}$/),
      task_id: result.json.id,
      object: 'video',
      model: MODEL,
      status: 'queued',
      progress: 0,
      created_at: Math.floor((T0 + 3_000) / 1000),
    })
  })

  it.each([
    ['model missing', { prompt: 'x' }, 'model'],
    ['an unknown model', { model: 'sora-2', prompt: 'x' }, 'model'],
    ['prompt missing', { model: MODEL }, 'prompt'],
    ['an empty prompt', { model: MODEL, prompt: '   ' }, 'prompt'],
    ['a prompt over 4000 characters', { model: MODEL, prompt: '月'.repeat(4001) }, 'prompt'],
    ['duration under 4', { model: MODEL, prompt: 'x', duration: 3 }, 'duration'],
    ['duration over 15', { model: MODEL, prompt: 'x', duration: 16 }, 'duration'],
    ['a fractional duration', { model: MODEL, prompt: 'x', duration: 5.5 }, 'duration'],
    ['duration as a string', { model: MODEL, prompt: 'x', duration: '5' }, 'duration'],
    ['seconds out of range', { model: MODEL, prompt: 'x', seconds: '20' }, 'seconds'],
    ['seconds not a number', { model: MODEL, prompt: 'x', seconds: 'five' }, 'seconds'],
    [
      'a bad resolution',
      { model: MODEL, prompt: 'x', metadata: { resolution: '4k' } },
      'metadata.resolution',
    ],
    [
      '1080p on the fast model',
      { model: 'dreamina-seedance-2-0-fast', prompt: 'x', metadata: { resolution: '1080p' } },
      '1080p',
    ],
    ['a bad ratio', { model: MODEL, prompt: 'x', metadata: { ratio: '2:1' } }, 'metadata.ratio'],
    ['a seed below -1', { model: MODEL, prompt: 'x', metadata: { seed: -2 } }, 'metadata.seed'],
    [
      'a seed above 2^32-1',
      { model: MODEL, prompt: 'x', metadata: { seed: 4294967296 } },
      'metadata.seed',
    ],
    [
      'generate_audio not boolean',
      { model: MODEL, prompt: 'x', metadata: { generate_audio: 'yes' } },
      'generate_audio',
    ],
    ['watermark not boolean', { model: MODEL, prompt: 'x', watermark: 1 }, 'watermark'],
    ['metadata not an object', { model: MODEL, prompt: 'x', metadata: [] }, 'metadata'],
    [
      'content not an array',
      { model: MODEL, prompt: 'x', metadata: { content: {} } },
      'metadata.content',
    ],
    [
      'a content item of unknown type',
      {
        model: MODEL,
        prompt: 'x',
        metadata: {
          content: [{ type: 'audio_url', audio_url: { url: 'https://a.example/a.mp3' } }],
        },
      },
      'metadata.content[0].type',
    ],
    [
      'a content item without its url object',
      { model: MODEL, prompt: 'x', metadata: { content: [{ type: 'image_url' }] } },
      'metadata.content[0].image_url',
    ],
    [
      'a bad role',
      {
        model: MODEL,
        prompt: 'x',
        metadata: {
          content: [
            { type: 'image_url', image_url: { url: 'https://a.example/a.png' }, role: 'hero' },
          ],
        },
      },
      'metadata.content[0].role',
    ],
    [
      'an image that is not a URL',
      { model: MODEL, prompt: 'x', image: 'ftp://a.example/a.png' },
      'image',
    ],
    [
      'images not an array',
      { model: MODEL, prompt: 'x', images: 'https://a.example/a.png' },
      'images',
    ],
    [
      'an empty asset:// reference',
      { model: MODEL, prompt: 'x', images: ['asset://'] },
      'images[0]',
    ],
  ])('rejects %s with 400 and an OpenAI-style error naming it', async (_name, body, field) => {
    const bed = createTestBed()
    const result = await submit(bed, body)
    expect(result.status).toBe(400)
    expect(result.json).toEqual({
      error: {
        message: expect.stringContaining(field),
        type: 'invalid_request_error',
        code: expect.any(String),
      },
    })
  })

  it('accepts durations 4..15, and seconds when duration is 0 or absent', async () => {
    const bed = createTestBed()
    for (const extra of [
      { duration: 4 },
      { duration: 15 },
      { duration: 0, seconds: '10' },
      { seconds: '4' },
      {},
    ]) {
      expect((await submit(bed, { model: MODEL, prompt: 'x', ...extra })).status).toBe(200)
    }
  })

  it('accepts plain URLs and data URIs for image, images and content', async () => {
    const bed = createTestBed()
    const result = await submit(bed, {
      model: 'dreamina-seedance-2-0-fast',
      prompt: 'x',
      image: 'https://a.example/first.png',
      images: ['data:image/png;base64,iVBORw0KGgo='],
      metadata: {
        resolution: '720p',
        content: [
          { type: 'image_url', image_url: { url: 'https://a.example/a.png' }, role: 'first_frame' },
          { type: 'video_url', video_url: { url: 'https://a.example/a.mp4' } },
        ],
      },
    })
    expect(result.status).toBe(200)
  })

  describe('asset:// references', () => {
    it("must exist in the caller's account", async () => {
      const bed = createTestBed()
      const groupId = await verifiedGroup(bed.sim)
      const { id } = await activeAsset(bed, { groupId })
      const body = { model: MODEL, prompt: 'x', images: [`asset://${id}`] }
      expect((await submit(bed, body)).status).toBe(200)
      const foreign = await submit(bed, body, KEY_B)
      expect(foreign.status).toBe(400)
      expect(foreign.json.error.message).toContain(`asset://${id}`)
      expect(foreign.json.error.message).toContain('not found')
      const unknown = await submit(bed, { ...body, images: ['asset://asset-20260520153701-pgxsl'] })
      expect(unknown.json.error.message).toContain('asset://asset-20260520153701-pgxsl')
    })

    it('must be Active', async () => {
      const bed = createTestBed()
      const groupId = await verifiedGroup(bed.sim)
      const processing = await uploadAsset(bed, { groupId })
      const result = await submit(bed, {
        model: MODEL,
        prompt: 'x',
        metadata: {
          content: [{ type: 'image_url', image_url: { url: `asset://${processing.id}` } }],
        },
      })
      expect(result.status).toBe(400)
      expect(result.json.error.message).toContain(`asset://${processing.id}`)
      expect(result.json.error.message).toContain('Processing')

      await bed.sim.settle()
      const failed = await activeAsset(bed, { groupId, name: 'mismatch' })
      const failedResult = await submit(bed, {
        model: MODEL,
        prompt: 'x',
        image: `asset://${failed.id}`,
      })
      expect(failedResult.json.error.message).toContain('Failed')
    })

    it('must match the kind the field takes', async () => {
      const bed = createTestBed()
      const groupId = await verifiedGroup(bed.sim)
      const video = await activeAsset(bed, { groupId, bytes: MEDIA.mp4, assetType: 'Video' })
      const result = await submit(bed, {
        model: MODEL,
        prompt: 'x',
        metadata: { content: [{ type: 'image_url', image_url: { url: `asset://${video.id}` } }] },
      })
      expect(result.status).toBe(400)
      expect(result.json.error.message).toContain('Video')
      const asVideo = await submit(bed, {
        model: MODEL,
        prompt: 'x',
        metadata: { content: [{ type: 'video_url', video_url: { url: `asset://${video.id}` } }] },
      })
      expect(asVideo.status).toBe(200)
    })

    it('are checked anywhere in the body, even in fields the simulator does not model', async () => {
      const bed = createTestBed()
      const result = await submit(bed, {
        model: MODEL,
        prompt: 'x',
        extra: { deep: [{ reference: 'asset://asset-20260520153701-nope' }] },
      })
      expect(result.status).toBe(400)
      expect(result.json.error.message).toContain(
        'asset://asset-20260520153701-nope (extra.deep[0].reference)',
      )
    })
  })
})

describe('GET /v1/video/generations/{id} (3.2): the timeline', () => {
  it('is queued, then in_progress with rising progress, then completed with a playable video', async () => {
    const bed = createTestBed()
    const id: string = (await submit(bed, { model: MODEL, prompt: 'a cat surfing' })).json.id
    expect(await poll(bed, id)).toMatchObject({ status: 'queued', progress: 0 })
    bed.clock.advance(1_999)
    expect((await poll(bed, id)).status).toBe('queued')
    bed.clock.advance(1)
    expect(await poll(bed, id)).toMatchObject({ status: 'in_progress', progress: 1 })

    const seen: number[] = []
    for (let i = 0; i < 11; i++) {
      bed.clock.advance(1_000)
      const task = await poll(bed, id)
      expect(task.status).toBe('in_progress')
      expect(task).not.toHaveProperty('completed_at')
      seen.push(task.progress as number)
    }
    expect(seen).toEqual([...seen].sort((a, b) => a - b))
    expect(new Set(seen).size).toBe(seen.length)
    expect(Math.max(...seen)).toBeLessThanOrEqual(99)

    bed.clock.advance(1_000)
    const done = await poll(bed, id)
    expect(done).toEqual({
      id,
      task_id: id,
      object: 'video',
      model: MODEL,
      status: 'completed',
      progress: 100,
      created_at: T0 / 1000,
      completed_at: T0 / 1000 + 14,
      metadata: {
        url: expect.stringMatching(
          /^http:\/\/127\.0\.0\.1:4010\/tos\/videos\/task_\w+\.webm\?X-Tos-Algorithm=/,
        ),
      },
    })

    const video = await bed.sim.fetch(done.metadata.url as string)
    expect(video.status).toBe(200)
    expect(video.headers.get('content-type')).toBe('video/webm')
    const bytes = new Uint8Array(await video.arrayBuffer())
    expect([...bytes.slice(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3])
    expect(bytes.length).toBeGreaterThan(1_000)
    expect(bytes.length).toBeLessThan(100_000)

    bed.clock.advance(43_200_000)
    expect((await bed.sim.fetch(done.metadata.url as string)).status).toBe(403)
  })

  it('fails a sim:fail prompt with generation_failed and no url', async () => {
    const bed = createTestBed()
    const id: string = (await submit(bed, { model: MODEL, prompt: 'Please SIM:FAIL this one' }))
      .json.id
    bed.clock.advance(7_000)
    expect((await poll(bed, id)).status).toBe('in_progress')
    bed.clock.advance(7_000)
    const failed = await poll(bed, id)
    expect(failed).toMatchObject({
      status: 'failed',
      progress: 100,
      completed_at: T0 / 1000 + 14,
      error: { code: 'generation_failed', message: expect.stringContaining('sim:fail') },
    })
    expect(failed).not.toHaveProperty('metadata')
  })

  it('follows configured timings', async () => {
    const bed = createTestBed({ timings: { videoQueuedMs: 0, videoGenerationMs: 1_000 } })
    const submitted = (await submit(bed, { model: MODEL, prompt: 'x' })).json
    const id: string = submitted.id
    const status: string = submitted.status
    expect(status).toBe('in_progress')
    bed.clock.advance(500)
    expect((await poll(bed, id)).progress).toBe(50)
    bed.clock.advance(500)
    expect((await poll(bed, id)).status).toBe('completed')
  })

  it("answers 404 for unknown tasks and for other accounts' tasks", async () => {
    const bed = createTestBed()
    const id: string = (await submit(bed, { model: MODEL, prompt: 'x' })).json.id
    const unknown = await call(bed.sim, 'GET', '/v1/video/generations/task_nope')
    expect(unknown.status).toBe(404)
    expect(unknown.json).toEqual({
      error: {
        message: expect.stringContaining('task_nope'),
        type: 'invalid_request_error',
        code: 'not_found',
      },
    })
    expect((await call(bed.sim, 'GET', `/v1/video/generations/${id}`, { key: KEY_B })).status).toBe(
      404,
    )
  })

  it('does not serve the video before completion, even through a genuine signature', async () => {
    const bed = createTestBed()
    const id: string = (await submit(bed, { model: MODEL, prompt: 'x' })).json.id
    const path = `/tos/videos/${id}.webm`
    expect((await bed.sim.fetch(`${BASE_URL}${path}`)).status).toBe(403)
    const signed = await signUrl({
      signer: createHmacSigner(TEST_SECRET),
      baseUrl: BASE_URL,
      path,
      nowMs: bed.clock.now(),
      ttlMs: 60_000,
    })
    expect((await bed.sim.fetch(signed)).status).toBe(404)
    bed.clock.advance(14_000)
    expect((await bed.sim.fetch(signed)).status).toBe(200)
  })
})
