import { describe, expect, it } from 'vitest'
import type { LikenessErrorReport } from '../src/events.ts'
import { createLikenessHandler } from '../src/handler.ts'
import { createMemoryStore } from '../src/store/memory-store.ts'
import type { Store } from '../src/store/types.ts'
import { API_KEY, client, harness, SIM_URL, verify, videosUpstream } from './harness.ts'

const INPUT = { model: 'dreamina-seedance-2-0', prompt: 'me, walking on the moon' }
const LEASE_MS = 120_000

/** A memory store whose chosen methods fail while `failing[name]` is above 0. */
function flakyStore(failing: Partial<Record<keyof Store, number>>): Store {
  const inner = createMemoryStore()
  return new Proxy(inner, {
    get(target, name: keyof Store) {
      const value = Reflect.get(target, name) as unknown
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        const left = failing[name] ?? 0
        if (left > 0) {
          failing[name] = left - 1
          return Promise.reject(new Error(`the database is unreachable (${name})`))
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args)
      }
    },
  })
}

/**
 * Sends a submit through a second server on the same store whose call to EasyRouter never comes
 * back: the process died between reserving the key and learning whether the task was created.
 * Resolves once that server holds the key.
 */
async function crashWhileCreating(h: ReturnType<typeof harness>, key: string): Promise<void> {
  let reachedEasyRouter: () => void = () => undefined
  const dying = new Promise<void>((resolve) => (reachedEasyRouter = resolve))
  const crashed = createLikenessHandler({
    ...h.options,
    easyrouter: {
      apiKey: API_KEY,
      baseUrl: SIM_URL,
      fetch: (input, init) => {
        if (new Request(input, init).method !== 'POST') return h.sim.fetch(input, init)
        reachedEasyRouter()
        return new Promise<Response>(() => undefined)
      },
    },
  })
  void client(crashed, 'alice').post('/videos', INPUT, { 'idempotency-key': key })
  await dying
}

describe('an idempotency key never hangs for ever', () => {
  it('resolves a key held by a server that crashed to a definite "outcome unknown"', async () => {
    const h = harness()
    await verify(h, 'alice')
    await crashWhileCreating(h, 'crash-key-01')

    const alice = h.as('alice')
    const meanwhile = await alice.post('/videos', INPUT, { 'idempotency-key': 'crash-key-01' })
    expect(meanwhile.status).toBe(409)
    expect(meanwhile.body.error).toMatchObject({ code: 'conflict', retryable: true })
    expect(Number(meanwhile.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)

    h.clock.advance(LEASE_MS)
    for (const later of [0, 24 * 3_600_000]) {
      h.clock.advance(later)
      const answer = await alice.post('/videos', INPUT, { 'idempotency-key': 'crash-key-01' })
      expect(answer.status).toBe(409)
      expect(answer.body.error).toMatchObject({
        code: 'conflict',
        retryable: false,
        details: { outcome: 'unknown' },
      })
      expect(answer.body.error.message).toMatch(/may still appear/)
      expect(answer.headers.get('retry-after')).toBeNull()
    }
    // Nothing was created by the retries; a fresh key creates the video.
    expect(videosUpstream(h)).toBe(0)
    const fresh = await alice.post('/videos', INPUT, { 'idempotency-key': 'fresh-key-0001' })
    expect(fresh.status).toBe(201)
    expect(videosUpstream(h)).toBe(1)
  })

  it('honours a configured lease', async () => {
    const h = harness({ limits: { idempotencyLeaseMs: 5_000 } })
    await verify(h, 'alice')
    await crashWhileCreating(h, 'lease-key-01')
    h.clock.advance(4_999)
    const before = await h.as('alice').post('/videos', INPUT, { 'idempotency-key': 'lease-key-01' })
    expect(before.body.error).toMatchObject({ retryable: true })
    expect(before.headers.get('retry-after')).toBe('1')
    h.clock.advance(1)
    const after = await h.as('alice').post('/videos', INPUT, { 'idempotency-key': 'lease-key-01' })
    expect(after.body.error).toMatchObject({ retryable: false, details: { outcome: 'unknown' } })
  })

  it('spends a key at once, explicitly, when EasyRouter answers unclearly', async () => {
    const h = harness()
    await verify(h, 'alice')
    h.sim.faults.add({ method: 'POST', path: '/v1/video/generations', status: 503, times: 1 })
    const unclear = await h
      .as('alice')
      .post('/videos', INPUT, { 'idempotency-key': 'spent-key-01' })
    expect(unclear.body.error.details).toEqual({ outcome: 'unknown' })
    expect(
      await h.store.reserveIdempotencyKey('alice', 'spent-key-01', 'x', h.clock.now(), 1),
    ).toEqual({
      state: 'unknown',
      requestHash: expect.any(String),
    })
    const again = await h.as('alice').post('/videos', INPUT, { 'idempotency-key': 'spent-key-01' })
    expect(again.body.error).toMatchObject({ retryable: false, details: { outcome: 'unknown' } })
    expect(videosUpstream(h)).toBe(1)
  })
})

describe('a task EasyRouter created is never lost to a failing store', () => {
  it('retries the store write and answers as usual when it recovers', async () => {
    const failing: Partial<Record<keyof Store, number>> = {}
    const h = harness({ store: flakyStore(failing) })
    await verify(h, 'alice')
    failing.putJob = 2
    const created = await h
      .as('alice')
      .post('/videos', INPUT, { 'idempotency-key': 'flaky-key-01' })
    expect(created.status).toBe(201)
    expect((await h.as('alice').get(`/videos/${created.body.id}`)).status).toBe(200)
    const replay = await h.as('alice').post('/videos', INPUT, { 'idempotency-key': 'flaky-key-01' })
    expect(replay).toMatchObject({ status: 200, body: { id: created.body.id } })
    expect(videosUpstream(h)).toBe(1)
  })

  it('reports a task it could not record to onError, with its task id, and never creates another', async () => {
    const failing: Partial<Record<keyof Store, number>> = {}
    const errors: LikenessErrorReport[] = []
    const h = harness({
      store: flakyStore(failing),
      onError: (report) => void errors.push(report),
    })
    await verify(h, 'alice')
    failing.putJob = 100
    const answer = await h.as('alice').post('/videos', INPUT, { 'idempotency-key': 'lost-key-001' })
    expect(answer.status).toBe(500)
    expect(answer.body.error).toMatchObject({
      code: 'unknown',
      retryable: false,
      details: { outcome: 'unknown' },
    })
    expect(videosUpstream(h)).toBe(1)
    expect(errors).toEqual([
      expect.objectContaining({
        requestId: answer.headers.get('x-request-id'),
        route: 'POST /videos',
        userId: 'alice',
        taskId: expect.stringMatching(/^task_/),
        status: 500,
      }),
    ])
    expect(String(errors[0]?.error)).toContain('the database is unreachable')
    // The key is still held: a retry waits, then learns the outcome is unknown; no second task.
    failing.putJob = 0
    const retry = await h.as('alice').post('/videos', INPUT, { 'idempotency-key': 'lost-key-001' })
    expect(retry.body.error).toMatchObject({ code: 'conflict', retryable: true })
    h.clock.advance(LEASE_MS)
    const settled = await h
      .as('alice')
      .post('/videos', INPUT, { 'idempotency-key': 'lost-key-001' })
    expect(settled.body.error).toMatchObject({ retryable: false, details: { outcome: 'unknown' } })
    expect(videosUpstream(h)).toBe(1)
  })
})
