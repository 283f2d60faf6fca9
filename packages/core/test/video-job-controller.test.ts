/**
 * The video job controller without React: the real HTTP adapter, handler and simulator in
 * this process, a manual clock for elapsed time, and TanStack's query-core for the cache.
 */
import { QueryClient } from '@tanstack/query-core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { harness, verify, type Harness } from '../../server/test/harness.ts'
import {
  createLikenessRuntime,
  VideoJobController,
  type Clock,
  type VideoJobInput,
} from '../src/index.ts'
import { FAST_POLLING, harnessAdapter, memoryStorage, until } from './support.ts'

const INPUT: VideoJobInput = { model: 'dreamina-seedance-2-0-fast', prompt: 'I walk on the moon' }
const KEY = 'likeness:video-job'

afterEach(() => {
  vi.restoreAllMocks()
})

/** A clock the test moves: `now` follows the simulator's clock, ticks are sent by hand. */
function manualClock(h: Harness) {
  const listeners = new Set<() => void>()
  const clock: Clock & { tick(): void; listeners: Set<() => void> } = {
    listeners,
    now: () => h.clock.now(),
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    tick() {
      for (const listener of [...listeners]) listener()
    },
  }
  return clock
}

function setup() {
  const h = harness()
  // The cache stamps its reads with Date.now: on the simulator's clock, elapsed time is exact.
  vi.spyOn(Date, 'now').mockImplementation(() => h.clock.now())
  const storage = memoryStorage()
  /** Every request the adapter sent, as `METHOD /path` below the base path. */
  const requests: string[] = []
  const adapter = harnessAdapter(h, { log: requests })
  const clock = manualClock(h)
  // Polls every 20 ms of real time: the simulator's clock decides what they see.
  const page = () =>
    createLikenessRuntime({
      client: new QueryClient(),
      adapter,
      storage,
      clock,
      polling: FAST_POLLING,
    })
  return { h, requests, values: storage.values, clock, page, runtime: page() }
}

describe('VideoJobController', () => {
  it('keeps a draft: a model that cannot render the resolution lowers it', () => {
    const { runtime } = setup()
    const job = new VideoJobController(runtime, { defaults: { resolution: '1080p' } })
    expect(job.getSnapshot().draft).toMatchObject({ resolution: '1080p', seed: '' })
    job.setDraft({ model: 'dreamina-seedance-2-0-fast' })
    expect(job.getSnapshot()).toMatchObject({
      draft: { resolution: '720p' },
      loweredBy: 'dreamina-seedance-2-0-fast',
    })
    job.setDraft({ resolution: '480p' })
    expect(job.getSnapshot().loweredBy).toBeNull()
  })

  it('validates the draft before anything is sent, and forgets an issue once its field changes', async () => {
    const { h, runtime } = setup()
    const job = new VideoJobController(runtime)
    job.setDraft({ prompt: '  ', seed: 'twelve' })
    expect(await job.submit()).toBeNull()
    expect(job.getSnapshot().issues.map((issue) => issue.field)).toEqual(['prompt', 'seed'])
    expect(h.sim.requests).toHaveLength(0)

    job.setDraft({ seed: '12' })
    expect(job.getSnapshot().issues.map((issue) => issue.field)).toEqual(['prompt'])
    job.setDraft({ prompt: 'A walk' })
    expect(job.getSnapshot().issues).toEqual([])
  })

  it('submits, stores the id, follows the job and times it on the shared clock', async () => {
    const { h, values, clock, runtime } = setup()
    const start = h.clock.now()
    const onCompleted = vi.fn()
    const job = new VideoJobController(runtime, { onCompleted })
    const stop = job.subscribe(() => undefined)

    const created = await job.submit(INPUT)
    expect(created).not.toBeNull()
    expect(values.get(KEY)).toBe(created?.id)
    expect(job.getSnapshot()).toMatchObject({ status: 'queued', jobId: created?.id })
    // Elapsed time listens to the clock only while a watched job runs.
    expect(clock.listeners.size).toBe(1)

    h.clock.advance(1600)
    clock.tick()
    expect(job.getSnapshot().elapsedMs).toBe(1600)

    h.clock.advance(6000)
    await until(job, (s) => s.status === 'completed')
    expect(job.getSnapshot()).toMatchObject({ progress: 100, isRunning: false, elapsedMs: 6000 })
    expect(new Date(job.getSnapshot().job?.completedAt ?? '').getTime()).toBe(start + 6000)
    expect(onCompleted).toHaveBeenCalledExactlyOnceWith(job.getSnapshot().job)
    expect(clock.listeners.size).toBe(0)
    stop()
  })

  it('listens to nothing while nobody subscribes', async () => {
    const { requests, clock, page } = setup()
    const first = new VideoJobController(page())
    const stop = first.subscribe(() => undefined)
    await first.submit(INPUT)
    stop()
    expect(clock.listeners.size).toBe(0)
    const sent = requests.length
    // A second page on the same storage picks the stored job up, but reads only when watched.
    const second = new VideoJobController(page())
    expect(second.getSnapshot().jobId).toBe(first.getSnapshot().jobId)
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(requests.length).toBe(sent)
  })

  it('switches jobs with watch, and detach and reset go back to idle', async () => {
    const { values, runtime } = setup()
    const job = new VideoJobController(runtime, { defaults: { durationSeconds: 8 } })
    const stop = job.subscribe(() => undefined)
    job.setDraft({ prompt: 'First take' })
    const first = await job.submit()
    const second = await job.submit({ ...INPUT, prompt: 'Second take' })
    expect(job.getSnapshot().jobId).toBe(second?.id)

    job.watch(first?.id ?? '')
    await until(job, (s) => s.job?.id === first?.id)
    // Watching is not submitting: the stored id stays the submitted one.
    expect(values.get(KEY)).toBe(second?.id)

    job.detach()
    expect(job.getSnapshot()).toMatchObject({ status: 'idle', jobId: null, job: null })
    job.watch(second?.id ?? '')
    job.setDraft({ prompt: 'Changed' })
    job.reset()
    expect(job.getSnapshot()).toMatchObject({
      jobId: null,
      draft: { prompt: '', durationSeconds: 8 },
    })
    expect(values.has(KEY)).toBe(false)
    stop()
  })

  it('puts a picked-up job back into an empty draft, and leaves a written one alone', async () => {
    const { page } = setup()
    const writer = new VideoJobController(page())
    const references = [{ assetId: 'asset-x1', role: 'first_frame' as const }]
    const created = await writer.submit({ ...INPUT, durationSeconds: 9 })

    const reader = new VideoJobController(page(), { jobId: created?.id })
    const stop = reader.subscribe(() => undefined)
    await until(reader, (s) => s.job !== null)
    expect(reader.getSnapshot().draft).toMatchObject({ prompt: INPUT.prompt, durationSeconds: 9 })
    stop()

    const busy = new VideoJobController(page(), { jobId: created?.id })
    busy.setDraft({ prompt: 'Something else', references })
    const stopBusy = busy.subscribe(() => undefined)
    await until(busy, (s) => s.job !== null)
    expect(busy.getSnapshot().draft).toMatchObject({ prompt: 'Something else', references })
    stopBusy()
  })

  it('follows a job another controller of the page submitted under the same key', async () => {
    const { runtime } = setup()
    const composer = new VideoJobController(runtime)
    const badge = new VideoJobController(runtime)
    const stop = badge.subscribe(() => undefined)
    const created = await composer.submit(INPUT)
    expect(badge.getSnapshot().jobId).toBe(created?.id)
    // One that was told to watch a job of its own does not follow.
    const pinned = new VideoJobController(runtime, { jobId: 'task_pinned' })
    const stopPinned = pinned.subscribe(() => undefined)
    await composer.submit({ ...INPUT, prompt: 'Again' })
    expect(pinned.getSnapshot().jobId).toBe('task_pinned')
    stop()
    stopPinned()
  })

  it('shows a refusal at once and never retries it', async () => {
    const { h, requests, runtime } = setup()
    await verify(h, 'alice')
    const job = new VideoJobController(runtime)
    const result = await job.submit({ ...INPUT, references: [{ assetId: 'asset-not-mine' }] })
    expect(result).toBeNull()
    expect(job.getSnapshot().error?.code).toBe('invalid_request')
    expect(requests.filter((request) => request === 'POST /videos')).toHaveLength(1)
  })
})
