import {
  LikenessError,
  type HostAdapter,
  type PollingSchedule,
  type VideoJob,
  type VideoJobInput,
} from '@likeness/core'
import { QueryClient } from '@tanstack/react-query'
import { act, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useVideoJob, useVideoJobs, type VideoJobState } from '../src/use-video-job.ts'
import { activeAsset, harness, setup, verify, type PageOptions } from './harness.tsx'

const INPUT: VideoJobInput = { model: 'dreamina-seedance-2-0-fast', prompt: 'I walk on the moon' }
const STORAGE_KEY = 'likeness:video-job'
// No repeat poll within a test: only the first read happens.
const SLOW_POLLING: PollingSchedule = { initialMs: 60_000, factor: 1, maxMs: 60_000, jitter: 0 }

type Ctx = ReturnType<typeof setup>

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

/**
 * A fresh page (provider and cache) on the same storage, with its own adapter or schedule.
 * Reads fail at once; a submit keeps the hooks' own retries, which these tests are about.
 */
const pageWith = (ctx: Ctx, options: Omit<PageOptions, 'queryClient'> = {}) =>
  ctx.page({
    queryClient: new QueryClient({ defaultOptions: { queries: { retry: false } } }),
    ...options,
  }).wrapper

/** The adapter, counting the job reads it sends. */
function counting(adapter: HostAdapter) {
  const counter = { reads: 0, adapter }
  counter.adapter = {
    ...adapter,
    getVideoJob: (id, options) => {
      counter.reads += 1
      return adapter.getVideoJob(id, options)
    },
  }
  return counter
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const reads = (ctx: Ctx, id: string) =>
  ctx.requests.filter((request) => request === `GET /videos/${id}`).length
const creates = (ctx: Ctx) => ({
  sent: ctx.requests.filter((request) => request === 'POST /videos').length,
  upstream: ctx.h.sim.requests.filter(
    (request) => request.method === 'POST' && request.path === '/v1/video/generations',
  ).length,
})

/** Submits through the hook `state()` returns, and expects a job back. */
async function submitted(state: () => VideoJobState, input = INPUT): Promise<VideoJob> {
  let job = null as VideoJob | null
  await act(async () => {
    job = await state().submit(input)
  })
  if (!job) throw new Error(`submit was refused: ${String(state().error)}`)
  return job
}

/** A job created by the server directly, as another tab would. */
async function createdJob(ctx: Ctx, key: string, input = INPUT): Promise<VideoJob> {
  const reply = await ctx.h.as('alice').post('/videos', input, { 'idempotency-key': key })
  if (reply.status !== 201) throw new Error(`create answered ${reply.status}`)
  return reply.body as VideoJob
}

describe('useVideoJob', () => {
  it('submits and follows the job to a playable video, timing it', async () => {
    const ctx = setup('alice', harness())
    const start = ctx.h.clock.now()
    vi.spyOn(Date, 'now').mockImplementation(() => ctx.h.clock.now())
    const onCompleted = vi.fn()
    const seen: string[] = []
    const { result, rerender } = renderHook(
      () => {
        const state = useVideoJob({ onCompleted })
        if (seen.at(-1) !== state.status) seen.push(state.status)
        return state
      },
      { wrapper: ctx.wrapper },
    )
    expect(result.current).toMatchObject({ status: 'idle', job: null, isRunning: false })

    let pending: Promise<VideoJob | null> = Promise.resolve(null)
    act(() => {
      pending = result.current.submit(INPUT)
    })
    expect(result.current).toMatchObject({ status: 'submitting', jobId: null, isRunning: true })
    const job = (await act(() => pending))!
    expect(result.current).toMatchObject({ status: 'queued', jobId: job.id, isRunning: true })
    expect(result.current.elapsedMs).toBe(0)
    expect(ctx.storage.values.get(STORAGE_KEY)).toBe(job.id)

    const progress: number[] = []
    for (const at of [1600, 3200, 4800]) {
      ctx.h.clock.advance(1600)
      await waitFor(() => {
        expect(result.current.elapsedMs).toBe(at)
      })
      expect(result.current.status).toBe('in_progress')
      progress.push(result.current.progress)
    }
    expect(progress).toEqual([12, 44, 75])

    ctx.h.clock.advance(1600)
    await waitFor(() => {
      expect(result.current.status).toBe('completed')
    })
    expect(result.current).toMatchObject({ progress: 100, isRunning: false, error: null })
    expect(result.current.videoUrl).toMatch(/^https:\/\/easyrouter\.sim\/tos\/videos\/.+\.webm\?/)
    expect(result.current.elapsedMs).toBe(6000)
    expect(result.current.job?.completedAt).toBe(new Date(start + 6000).toISOString())
    expect(seen).toEqual(['idle', 'submitting', 'queued', 'in_progress', 'completed'])
    expect(onCompleted).toHaveBeenCalledExactlyOnceWith(result.current.job)

    // Finished: the clock runs on, the elapsed time and the request count do not.
    const polls = reads(ctx, job.id)
    ctx.h.clock.advance(10_000)
    await sleep(120)
    rerender()
    expect(result.current.elapsedMs).toBe(6000)
    expect(reads(ctx, job.id)).toBe(polls)
    expect(onCompleted).toHaveBeenCalledOnce()
  })

  it('ticks the elapsed time once a second between polls', async () => {
    const ctx = setup('alice', harness())
    let now = ctx.h.clock.now()
    vi.spyOn(Date, 'now').mockImplementation(() => now)
    const job = await createdJob(ctx, 'tick-test-0001')
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const { result } = renderHook(() => useVideoJob(job.id), {
      wrapper: pageWith(ctx, { polling: SLOW_POLLING }),
    })
    for (let i = 0; i < 100 && result.current.status !== 'queued'; i += 1) {
      await act(() => sleep(5))
    }
    expect(result.current.status).toBe('queued')
    expect(result.current.elapsedMs).toBe(0)

    now += 2500
    act(() => {
      vi.advanceTimersByTime(999)
    })
    expect(result.current.elapsedMs).toBe(0)
    act(() => {
      vi.advanceTimersByTime(1)
    })
    expect(result.current.elapsedMs).toBe(2500)
    now += 1000
    act(() => {
      vi.advanceTimersByTime(1000)
    })
    expect(result.current.elapsedMs).toBe(3500)
    expect(reads(ctx, job.id)).toBe(1)
  })

  it('sends nothing for invalid input and says what to fix', async () => {
    const ctx = setup()
    const { result } = renderHook(() => useVideoJob(), { wrapper: ctx.wrapper })
    let job: VideoJob | null | undefined
    await act(async () => {
      job = await result.current.submit({
        model: 'dreamina-seedance-1',
        prompt: '  ',
        durationSeconds: 60,
      } as unknown as VideoJobInput)
    })
    expect(job).toBeNull()
    expect(result.current.issues.map((issue) => [issue.field, issue.code])).toEqual([
      ['model', 'unsupported'],
      ['prompt', 'required'],
      ['durationSeconds', 'out_of_range'],
    ])
    expect(result.current).toMatchObject({ status: 'idle', jobId: null, error: null })
    expect(ctx.requests.filter((request) => request.startsWith('POST'))).toEqual([])

    // A valid submit clears them.
    await submitted(() => result.current)
    expect(result.current.issues).toEqual([])
  })

  it('creates one job for a double submit in the same tick', async () => {
    const ctx = setup()
    const { result } = renderHook(() => useVideoJob(), { wrapper: ctx.wrapper })
    let jobs: (VideoJob | null)[] = []
    await act(async () => {
      const first = result.current.submit(INPUT)
      const second = result.current.submit({ ...INPUT, prompt: 'Another click' })
      expect(second).toBe(first)
      jobs = await Promise.all([first, second])
    })
    expect(jobs[0]?.id).toBeDefined()
    expect(jobs[1]?.id).toBe(jobs[0]?.id)
    expect(creates(ctx)).toEqual({ sent: 1, upstream: 1 })
  })

  it('retries a lost answer with the same key, so the retry makes no second video', async () => {
    const ctx = setup()
    const keys: string[] = []
    const adapter: HostAdapter = {
      ...ctx.adapter,
      createVideoJob: async (input, options) => {
        keys.push(options.idempotencyKey)
        const job = await ctx.adapter.createVideoJob(input, options)
        // The server created the job, but its answer never arrived.
        if (keys.length === 1) throw new LikenessError('network')
        return job
      },
    }
    const { result } = renderHook(() => useVideoJob(), { wrapper: pageWith(ctx, { adapter }) })
    // The hook sends it again on its own; the server replays the first answer.
    const job = await submitted(() => result.current)
    expect(keys).toEqual([keys[0], keys[0]])
    expect(creates(ctx)).toEqual({ sent: 2, upstream: 1 })
    expect(result.current).toMatchObject({ jobId: job.id, status: 'queued', error: null })

    // After that definite answer, the next video has a key of its own.
    act(() => {
      result.current.detach()
    })
    await submitted(() => result.current)
    expect(keys).toHaveLength(3)
    expect(keys[2]).not.toBe(keys[0])
    expect(creates(ctx)).toEqual({ sent: 3, upstream: 2 })
  })

  it('keeps the key for the same input once its retries ran out', async () => {
    const ctx = setup()
    const keys: string[] = []
    let down = true
    const adapter: HostAdapter = {
      ...ctx.adapter,
      createVideoJob: (input, options) => {
        keys.push(options.idempotencyKey)
        // A short Retry-After keeps the automatic retries quick.
        if (down)
          return Promise.reject(new LikenessError('upstream_unavailable', { retryAfterMs: 1 }))
        return ctx.adapter.createVideoJob(input, options)
      },
    }
    const { result } = renderHook(() => useVideoJob(), { wrapper: pageWith(ctx, { adapter }) })
    await act(async () => {
      expect(await result.current.submit(INPUT)).toBeNull()
    })
    // The first try and three retries, all with one key.
    expect(keys).toHaveLength(4)
    expect(new Set(keys).size).toBe(1)
    expect(result.current.error?.code).toBe('upstream_unavailable')
    expect(result.current).toMatchObject({ status: 'idle', jobId: null, isRunning: false })

    // Submitting the same video again is a retry of the same request.
    down = false
    const job = await submitted(() => result.current)
    expect(keys[4]).toBe(keys[0])
    expect(result.current.jobId).toBe(job.id)
  })

  it('starts a fresh key after a definite failure, or for a changed input', async () => {
    const ctx = setup()
    const keys: string[] = []
    const failures = [
      new LikenessError('invalid_request'),
      new LikenessError('timeout', { retryAfterMs: 1 }),
      new LikenessError('conflict', { retryable: false, details: { outcome: 'unknown' } }),
    ]
    const adapter: HostAdapter = {
      ...ctx.adapter,
      createVideoJob: (input, options) => {
        keys.push(options.idempotencyKey)
        const failure = failures.shift()
        return failure ? Promise.reject(failure) : ctx.adapter.createVideoJob(input, options)
      },
    }
    const { result } = renderHook(() => useVideoJob(), { wrapper: pageWith(ctx, { adapter }) })
    await act(async () => {
      // A refusal is shown at once, never retried.
      expect(await result.current.submit(INPUT)).toBeNull()
      expect(keys).toHaveLength(1)
      // A changed input is another video: a fresh key. Its timeout is retried with that key,
      // and the server cannot tell whether it was created: a definite answer.
      expect(await result.current.submit({ ...INPUT, prompt: 'I walk on Mars' })).toBeNull()
    })
    expect(keys).toHaveLength(3)
    expect(keys[1]).not.toBe(keys[0])
    expect(keys[2]).toBe(keys[1])
    expect(result.current.error?.details).toEqual({ outcome: 'unknown' })
    await submitted(() => result.current, { ...INPUT, prompt: 'I walk on Mars' })
    expect(new Set(keys).size).toBe(3)
  })

  it('reports a failed job with its reason', async () => {
    const ctx = setup()
    const onFailed = vi.fn()
    const onCompleted = vi.fn()
    const { result } = renderHook(() => useVideoJob({ onFailed, onCompleted }), {
      wrapper: ctx.wrapper,
    })
    await submitted(() => result.current, { ...INPUT, prompt: 'A take that goes wrong sim:fail' })
    ctx.h.clock.advance(7000)
    await waitFor(() => {
      expect(result.current.status).toBe('failed')
    })
    const { error } = result.current
    expect(error).toBeInstanceOf(LikenessError)
    expect(error?.code).toBe('upstream_error')
    expect(error?.message).toMatch(/generation failed/i)
    expect(error?.details).toMatchObject({ reasonCode: 'generation_failed' })
    expect(result.current).toMatchObject({ videoUrl: null, isRunning: false })
    expect(onFailed).toHaveBeenCalledOnce()
    expect(onCompleted).not.toHaveBeenCalled()
  })

  it('re-attaches after a reload and follows the job to the end without a second submit', async () => {
    const ctx = setup()
    const first = renderHook(() => useVideoJob(), { wrapper: ctx.wrapper })
    const job = await submitted(() => first.result.current)
    ctx.h.clock.advance(1600)
    await waitFor(() => {
      expect(first.result.current.status).toBe('in_progress')
    })
    first.unmount()

    const onCompleted = vi.fn()
    const second = renderHook(() => useVideoJob({ onCompleted }), { wrapper: ctx.page().wrapper })
    expect(second.result.current.jobId).toBe(job.id)
    await waitFor(() => {
      expect(second.result.current.status).toBe('in_progress')
    })
    ctx.h.clock.advance(6000)
    await waitFor(() => {
      expect(second.result.current.status).toBe('completed')
    })
    expect(second.result.current.videoUrl).toBeTruthy()
    expect(onCompleted).toHaveBeenCalledOnce()
    expect(creates(ctx)).toEqual({ sent: 1, upstream: 1 })

    // Reloading onto the finished job shows it again, without announcing it again.
    second.unmount()
    const third = renderHook(() => useVideoJob({ onCompleted }), { wrapper: ctx.page().wrapper })
    await waitFor(() => {
      expect(third.result.current.status).toBe('completed')
    })
    expect(onCompleted).toHaveBeenCalledOnce()
  })

  it('detach stops polling and forgets the stored job', async () => {
    const ctx = setup()
    const { result } = renderHook(() => useVideoJob(), { wrapper: ctx.wrapper })
    const job = await submitted(() => result.current)
    await waitFor(() => {
      expect(reads(ctx, job.id)).toBeGreaterThanOrEqual(2)
    })
    act(() => {
      result.current.detach()
    })
    expect(result.current).toMatchObject({ status: 'idle', jobId: null, job: null })
    expect(ctx.storage.values.has(STORAGE_KEY)).toBe(false)
    const polls = reads(ctx, job.id)
    await sleep(150)
    expect(reads(ctx, job.id)).toBe(polls)

    // A reload finds nothing to re-attach to.
    const reloaded = renderHook(() => useVideoJob(), { wrapper: ctx.page().wrapper })
    await sleep(50)
    expect(reloaded.result.current).toMatchObject({ status: 'idle', jobId: null })
    expect(reads(ctx, job.id)).toBe(polls)
  })

  it('shares one poll loop among five components watching one job', async () => {
    const ctx = setup()
    const job = await createdJob(ctx, 'dedupe-test-0001')
    const one = counting(ctx.adapter)
    const five = counting(ctx.adapter)
    // Both pages poll the same running job over the same interval.
    renderHook(() => useVideoJob(job.id), { wrapper: pageWith(ctx, { adapter: one.adapter }) })
    const many = renderHook(
      () => [
        useVideoJob(job.id),
        useVideoJob(job.id),
        useVideoJob(job.id),
        useVideoJob(job.id),
        useVideoJob(job.id),
      ],
      { wrapper: pageWith(ctx, { adapter: five.adapter }) },
    )
    // However slow the machine, after five polls of the one-watcher page the five-watcher page
    // has sent about as many, not five times as many.
    await waitFor(
      () => {
        expect(one.reads).toBeGreaterThanOrEqual(5)
      },
      { timeout: 10_000 },
    )
    expect(many.result.current.every((state) => state.status === 'queued')).toBe(true)
    expect(five.reads).toBeLessThanOrEqual(2 * one.reads)
  })

  it('neither submits nor polls twice under StrictMode', async () => {
    const ctx = setup()
    const strict = counting(ctx.adapter)
    const { result } = renderHook(() => useVideoJob(), {
      wrapper: pageWith(ctx, { adapter: strict.adapter, strict: true }),
    })
    const job = await submitted(() => result.current)
    const plain = counting(ctx.adapter)
    renderHook(() => useVideoJob(job.id), { wrapper: pageWith(ctx, { adapter: plain.adapter }) })
    strict.reads = 0
    await waitFor(
      () => {
        expect(plain.reads).toBeGreaterThanOrEqual(5)
      },
      { timeout: 10_000 },
    )
    // StrictMode's second mount adds no poll loop of its own.
    expect(strict.reads).toBeLessThanOrEqual(2 * plain.reads)
    expect(creates(ctx)).toEqual({ sent: 1, upstream: 1 })
    expect(result.current.status).toBe('queued')
  })

  it('surfaces a refused submit as an error and stays idle', async () => {
    const ctx = setup()
    await verify(ctx.h, 'alice')
    await verify(ctx.h, 'bob')
    const bobs = await activeAsset(ctx.h, 'bob')
    const { result } = renderHook(() => useVideoJob(), { wrapper: ctx.wrapper })
    let job: VideoJob | null | undefined
    await act(async () => {
      job = await result.current.submit({ ...INPUT, references: [{ assetId: bobs.id }] })
    })
    expect(job).toBeNull()
    expect(result.current.error?.code).toBe('invalid_request')
    expect(result.current.issues).toEqual([
      expect.objectContaining({ field: 'references[0].assetId', code: 'invalid' }),
    ])
    expect(result.current).toMatchObject({ status: 'idle', jobId: null, isRunning: false })
    expect(ctx.storage.values.has(STORAGE_KEY)).toBe(false)
    expect(creates(ctx)).toEqual({ sent: 1, upstream: 0 })
  })

  it('surfaces a long rate limit at once, with its wait', async () => {
    const video = { max: 1, windowMs: 60_000 }
    const rateLimits = { verification: video, upload: video, video }
    const ctx = setup('alice', harness({ limits: { rateLimits } }, Date.now()))
    await createdJob(ctx, 'rate-limit-0001')
    const { result } = renderHook(() => useVideoJob(), { wrapper: ctx.wrapper })
    await act(async () => {
      await result.current.submit(INPUT)
    })
    expect(result.current.error).toMatchObject({ code: 'rate_limited', retryable: true })
    expect(result.current.error?.retryAfterMs).toBeGreaterThan(0)
    expect(result.current).toMatchObject({ status: 'idle', jobId: null })
    expect(creates(ctx)).toEqual({ sent: 1, upstream: 1 })
  })

  it('stores only jobs it submitted, and reports a stored id the server does not know', async () => {
    const ctx = setup()
    const job = await createdJob(ctx, 'watch-only-0001')
    const watcher = renderHook(() => useVideoJob(job.id), { wrapper: ctx.wrapper })
    await waitFor(() => {
      expect(watcher.result.current.status).toBe('queued')
    })
    expect(ctx.storage.values.size).toBe(0)

    const unstored = renderHook(() => useVideoJob({ storageKey: false }), {
      wrapper: ctx.wrapper,
    })
    const own = await submitted(() => unstored.result.current)
    expect(unstored.result.current.jobId).toBe(own.id)
    expect(ctx.storage.values.size).toBe(0)

    // A stored id the server does not know is reported, and detach forgets it.
    ctx.storage.set(STORAGE_KEY, 'task_gone')
    const stale = renderHook(() => useVideoJob(), { wrapper: ctx.page().wrapper })
    expect(stale.result.current.jobId).toBe('task_gone')
    await waitFor(() => {
      expect(stale.result.current.error?.code).toBe('not_found')
    })
    expect(stale.result.current.status).toBe('idle')
    act(() => {
      stale.result.current.detach()
    })
    expect(stale.result.current).toMatchObject({ jobId: null, error: null })
    expect(ctx.storage.values.has(STORAGE_KEY)).toBe(false)
  })
  it('follows the jobId option again after a detach, when it changes away and back', async () => {
    const ctx = setup()
    const first = await createdJob(ctx, 'watch-back-0001')
    const second = await createdJob(ctx, 'watch-back-0002')
    const { result, rerender } = renderHook(({ id }) => useVideoJob(id), {
      wrapper: ctx.wrapper,
      initialProps: { id: first.id },
    })
    expect(result.current.jobId).toBe(first.id)
    act(() => {
      result.current.detach()
    })
    expect(result.current.jobId).toBeNull()
    rerender({ id: second.id })
    expect(result.current.jobId).toBe(second.id)
    // Coming back to the first job is a new choice of the host's, not the old detach.
    rerender({ id: first.id })
    expect(result.current.jobId).toBe(first.id)
  })
})

describe('useVideoJobs', () => {
  it('lists submitted jobs newest first and refreshes when one completes', async () => {
    const ctx = setup()
    const { result } = renderHook(() => ({ one: useVideoJob(), list: useVideoJobs() }), {
      wrapper: ctx.wrapper,
    })
    await waitFor(() => {
      expect(result.current.list.isLoading).toBe(false)
    })
    expect(result.current.list.jobs).toEqual([])

    const first = await submitted(() => result.current.one, { ...INPUT, prompt: 'First take' })
    ctx.h.clock.advance(1000)
    const second = await submitted(() => result.current.one, { ...INPUT, prompt: 'Second take' })
    await waitFor(() => {
      expect(result.current.list.jobs.map((job) => job.id)).toEqual([second.id, first.id])
    })
    expect(result.current.list.jobs[0]?.status).toBe('queued')

    const lists = ctx.requests.filter((request) => request === 'GET /videos').length
    ctx.h.clock.advance(7000)
    await waitFor(() => {
      expect(result.current.list.jobs[0]?.status).toBe('completed')
    })
    expect(result.current.one.status).toBe('completed')
    expect(ctx.requests.filter((request) => request === 'GET /videos').length).toBe(lists + 1)
    expect(result.current.list.error).toBeNull()
  })
})
