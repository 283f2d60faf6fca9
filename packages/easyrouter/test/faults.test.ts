import { LikenessError } from '@likeness/core'
import { createSimulator } from '@likeness/easyrouter-sim'
import { describe, expect, it, vi } from 'vitest'
import { createEasyRouterClient } from '../src/index.ts'
import { FAST_RETRY, KEY_A, setup, SIM_URL, until, verified } from './setup.ts'

const ASSET = 'asset-20260521164235-zggcb'
const count = (ctx: ReturnType<typeof setup>, fragment: string) =>
  ctx.sim.requests.filter((request) => request.path.includes(fragment)).length

describe('failures and retries', () => {
  it('refuses a wrong key with a typed, non-retryable error that does not carry the key', async () => {
    const ctx = setup()
    const client = ctx.clientFor('sk-wrong-key-123456')
    const error = await client.listAssets().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LikenessError)
    expect(error).toMatchObject({ code: 'unauthorized', status: 401, retryable: false })
    expect(JSON.stringify(error)).not.toContain('sk-wrong-key-123456')
    expect((error as Error).message).not.toContain('sk-wrong-key-123456')
    expect(count(ctx, '/assets/list')).toBe(1)
  })

  it('retries a read through passing 5xx and succeeds', async () => {
    const ctx = setup()
    ctx.sim.faults.add({ path: '/api/*/assets/list', status: 500, times: 2 })
    const list = await ctx.client.listAssets()
    expect(list.totalCount).toBe(0)
    expect(count(ctx, '/assets/list')).toBe(3)
  })

  it('gives up after the configured retries with a retryable error', async () => {
    const ctx = setup()
    ctx.sim.faults.add({ path: '/v1/video/generations/*', status: 503 })
    await expect(ctx.client.getVideoTask('task_x')).rejects.toMatchObject({
      code: 'upstream_unavailable',
      status: 503,
      retryable: true,
    })
    expect(count(ctx, '/v1/video/generations/task_x')).toBe(3)
  })

  it('honours Retry-After on a 429 before retrying', async () => {
    // Fake timers stand in for real time: the client waits exactly the second it was told to.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const ctx = setup()
      ctx.sim.faults.add({
        path: '/api/*/assets/list',
        status: 429,
        retryAfterSeconds: 1,
        times: 1,
      })
      const listing = ctx.client.listAssets()
      // The 429 is back and the client sleeps before its retry.
      await until(() => vi.getTimerCount() === 1)
      expect(count(ctx, '/assets/list')).toBe(1)
      await vi.advanceTimersByTimeAsync(999)
      expect(vi.getTimerCount()).toBe(1)
      expect(count(ctx, '/assets/list')).toBe(1)
      await vi.advanceTimersByTimeAsync(1)
      await listing
      expect(count(ctx, '/assets/list')).toBe(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('does not wait out a Retry-After longer than allowed, and reports it', async () => {
    const ctx = setup()
    ctx.sim.faults.add({ path: '/api/*/assets/list', status: 429, retryAfterSeconds: 120 })
    await expect(ctx.client.listAssets()).rejects.toMatchObject({
      code: 'rate_limited',
      retryable: true,
      retryAfterMs: 120_000,
    })
    expect(count(ctx, '/assets/list')).toBe(1)
  })

  it('never retries a create, whatever the failure', async () => {
    for (const fault of [{ status: 500 }, { status: 429 }, { drop: true }, { malformed: true }]) {
      const ctx = setup()
      ctx.sim.faults.add({ method: 'POST', path: '/v1/video/generations', ...fault })
      ctx.sim.faults.add({ method: 'POST', path: '/api/*/sessions', ...fault })
      await expect(
        ctx.client.createVideoTask({ model: 'dreamina-seedance-2-0', prompt: 'x' }),
      ).rejects.toBeInstanceOf(LikenessError)
      await expect(ctx.client.createSession()).rejects.toBeInstanceOf(LikenessError)
      expect(ctx.sim.requests).toHaveLength(2)
    }
  })

  it('retries a delete only when the router refused it with 429', async () => {
    const ctx = setup()
    const { groupId } = await verified(ctx)
    ctx.sim.requests.reset()
    ctx.sim.faults.add({ method: 'DELETE', path: '/api/*', status: 500, times: 1 })
    await expect(ctx.client.deleteAssetGroup(groupId)).rejects.toMatchObject({
      code: 'upstream_error',
    })
    expect(ctx.sim.requests).toHaveLength(1)
    ctx.sim.faults.add({
      method: 'DELETE',
      path: '/api/*',
      status: 429,
      retryAfterSeconds: 0,
      times: 1,
    })
    await ctx.client.deleteAssetGroup(groupId)
    expect(ctx.sim.requests).toHaveLength(3)
  })

  it('maps a body that is not JSON to malformed_response, and retries reads on it', async () => {
    const ctx = setup()
    ctx.sim.faults.add({ path: `/api/*/assets/${ASSET}`, malformed: true })
    await expect(ctx.client.getAsset(ASSET)).rejects.toMatchObject({
      code: 'malformed_response',
      retryable: true,
    })
    expect(count(ctx, ASSET)).toBe(3)
  })

  it('maps a dropped connection to network', async () => {
    const ctx = setup()
    ctx.sim.faults.add({ path: '/api/*/assets/list', drop: true, times: 1 })
    await expect(ctx.clientFor(KEY_A).listAssets()).resolves.toMatchObject({ totalCount: 0 })
    ctx.sim.faults.add({ path: '/api/*/assets/list', drop: true })
    await expect(ctx.client.listAssets()).rejects.toMatchObject({
      code: 'network',
      retryable: true,
    })
  })

  it('times out a slow answer per attempt', async () => {
    const ctx = setup({ timeoutMs: 50, retry: false })
    ctx.sim.faults.add({ path: '/api/*/assets/list', latencyMs: 2000 })
    await expect(ctx.client.listAssets()).rejects.toMatchObject({
      code: 'timeout',
      retryable: true,
    })
  })

  // The time limit is above the 2 s latency: a broken abort fails on the assertion, not on time.
  it(
    'stops at once when the caller aborts, during a request or a backoff',
    { timeout: 60_000 },
    async () => {
      const ctx = setup()
      ctx.sim.faults.add({ path: '/api/*/assets/list', latencyMs: 2000 })
      const controller = new AbortController()
      const pending = ctx.client.listAssets({}, { signal: controller.signal })
      // The simulator logs the request as it arrives, just before the latency wait.
      await until(() => count(ctx, '/assets/list') === 1)
      controller.abort()
      await expect(pending).rejects.toMatchObject({ code: 'aborted', retryable: false })

      ctx.sim.faults.clear()
      ctx.sim.requests.reset()
      ctx.sim.faults.add({ path: '/api/*/assets/list', status: 429, retryAfterSeconds: 20 })
      const slow = createEasyRouterClient({
        apiKey: KEY_A,
        baseUrl: SIM_URL,
        fetch: ctx.sim.fetch,
        retry: { schedule: FAST_RETRY, maxRetryAfterMs: 60_000 },
      })
      // On fake timers the backoff is a timer the test can see, and it never ends by itself.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      try {
        const waiting = new AbortController()
        const backoff = slow.listAssets({}, { signal: waiting.signal })
        await until(() => vi.getTimerCount() === 1)
        expect(count(ctx, '/assets/list')).toBe(1)
        waiting.abort()
        await expect(backoff).rejects.toMatchObject({ code: 'aborted' })
        // The sleep is cleared and no retry went out.
        expect(vi.getTimerCount()).toBe(0)
        expect(count(ctx, '/assets/list')).toBe(1)
      } finally {
        vi.useRealTimers()
      }
      await expect(
        ctx.client.listAssets({}, { signal: AbortSignal.abort() }),
      ).rejects.toMatchObject({ code: 'aborted' })
    },
  )

  it('turns success:false in a 200 into a typed error with the upstream message', async () => {
    const sim = createSimulator({ baseUrl: SIM_URL })
    const fetchWithEnvelopeFailure: typeof fetch = async (input, init) => {
      const response = await sim.fetch(input, init)
      return new Response(JSON.stringify({ success: false, message: 'quota exhausted' }), {
        status: 200,
        headers: response.headers,
      })
    }
    const client = createEasyRouterClient({
      apiKey: KEY_A,
      baseUrl: SIM_URL,
      fetch: fetchWithEnvelopeFailure,
    })
    await expect(client.listAssets()).rejects.toMatchObject({
      code: 'upstream_error',
      message: 'EasyRouter: quota exhausted',
      retryable: false,
    })
  })

  it('refuses to be built without a key or with a bad base URL', () => {
    expect(() => createEasyRouterClient({ apiKey: '' })).toThrow(TypeError)
    expect(() => createEasyRouterClient({ apiKey: 'sk-x', baseUrl: 'easyrouter.io' })).toThrow(
      /baseUrl/,
    )
  })
})
