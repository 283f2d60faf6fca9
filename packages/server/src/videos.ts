import {
  IDEMPOTENCY_KEY_HEADER,
  isIdempotencyKey,
  isTerminalVideoJobStatus,
  LikenessError,
  validateVideoJobInput,
  type VideoJob,
  type VideoJobInput,
} from '@likeness/core'
import { toVideoJob, toVideoTaskRequest } from '@likeness/easyrouter'
import { takeAllowance, type HandlerContext } from './context.ts'
import { errorResponse, fail, json, readJsonObject } from './http.ts'
import { checkNamedAssets, namedAssets, uncheckedAsset, type NamedAssets } from './job-assets.ts'
import { ownJob } from './ownership.ts'
import { sha256 } from './signing.ts'
import type { JobRecord } from './store/types.ts'
import { certainlyNotCreated } from './upstream.ts'

// How often a store write that follows a task EasyRouter created is tried, with the pause
// before each try: the task is billed, so losing its record is worth a short wait.
const RECORD_RETRY_DELAYS_MS = [0, 50, 250, 1000]

/**
 * `POST /videos` with an `Idempotency-Key`: validates, checks that every asset the job names
 * (in `references`, or as an `asset://` token in any string of the body) is the caller's own
 * `Active` one, and creates one upstream task per key, however many times (or however
 * concurrently) the same request arrives.
 */
export async function createVideoJob(ctx: HandlerContext, request: Request, userId: string) {
  const key = request.headers.get(IDEMPOTENCY_KEY_HEADER)
  if (!isIdempotencyKey(key)) {
    throw fail(
      'invalid_request',
      'Send an Idempotency-Key header (8 to 128 letters, digits, - or _).',
      {
        field: IDEMPOTENCY_KEY_HEADER,
      },
    )
  }
  const body = await readJsonObject(request)
  const validation = validateVideoJobInput(body)
  if (!validation.ok) {
    throw fail('invalid_request', validation.issues[0]?.message ?? 'The request is not valid.', {
      issues: validation.issues,
    })
  }
  const input = validation.value
  const named = namedAssets(body, input)
  const hash = await sha256(JSON.stringify(input))
  const slot = `${userId}\n${key}`

  // A duplicate arriving while the first is still being created waits for it, in-process.
  const inFlight = ctx.creates.get(slot)
  if (inFlight) return respond(await replayOf(inFlight, hash))

  const now = ctx.now()
  const held = await ctx.store.reserveIdempotencyKey(
    userId,
    key,
    hash,
    now,
    ctx.options.limits.idempotencyLeaseMs,
  )
  if (held.state !== 'reserved') {
    if (held.requestHash !== hash) {
      throw fail('conflict', 'This Idempotency-Key was already used for a different video.')
    }
    if (held.state === 'in_progress') {
      throw new LikenessError('conflict', {
        message: 'This video is still being submitted; try again in a moment.',
        retryable: true,
        retryAfterMs: Math.min(5000, Math.max(1000, held.leaseExpiresAt - now)),
      })
    }
    if (held.state === 'unknown') throw unknownOutcome()
    const existing = await ctx.store.getJob(held.jobId)
    if (!existing) throw fail('not_found', 'No such video job.')
    return respond({ job: existing.snapshot, replayed: true })
  }

  const creation = create(ctx, request, userId, key, input, named)
  const shared = creation.then((job) => ({ job, replayed: false }))
  ctx.creates.set(slot, shared)
  try {
    return respond(await shared)
  } catch (error) {
    if (!(error instanceof UnrecordedTask)) throw error
    // EasyRouter created (and bills) the task, but it could not be written down: an operator
    // must recover it from this report.
    ctx.reportError({
      code: 'unknown',
      status: 500,
      message: `EasyRouter created video task ${error.taskId}, but the store could not record it.`,
      taskId: error.taskId,
      error: error.cause,
    })
    return errorResponse(
      new LikenessError('unknown', {
        message:
          'Your video was started, but this server could not save it. Do not submit it again: the problem has been reported.',
        retryable: false,
        details: { outcome: 'unknown' },
      }),
      ctx.request.id,
    )
  } finally {
    ctx.creates.delete(slot)
  }

  async function replayOf(
    pending: Promise<{ job: VideoJob; replayed: boolean }>,
    requestHash: string,
  ): Promise<{ job: VideoJob; replayed: boolean }> {
    const result = await pending
    if (requestHash !== hash)
      throw fail('conflict', 'This Idempotency-Key was already used for a different video.')
    return { job: result.job, replayed: true }
  }
}

function unknownOutcome(code: LikenessError['code'] = 'conflict', cause?: unknown): LikenessError {
  return new LikenessError(code, {
    message:
      'The video service did not answer clearly, so this video may still appear. Check your recent videos before submitting it again.',
    retryable: false,
    details: { outcome: 'unknown' },
    cause,
  })
}

/** A task EasyRouter created that the store could not record. */
class UnrecordedTask extends Error {
  readonly taskId: string
  constructor(taskId: string, cause: unknown) {
    super(`video task ${taskId} was created but not recorded`, { cause })
    this.taskId = taskId
  }
}

function respond({ job, replayed }: { job: VideoJob; replayed: boolean }): Response {
  return json(replayed ? 200 : 201, job, replayed ? { 'idempotent-replayed': 'true' } : {})
}

async function create(
  ctx: HandlerContext,
  request: Request,
  userId: string,
  key: string,
  input: VideoJobInput,
  named: NamedAssets,
): Promise<VideoJob> {
  try {
    takeAllowance(ctx, 'video', userId)
    await checkNamedAssets(ctx, userId, named, request.signal)
  } catch (error) {
    await ctx.store.releaseIdempotencyKey(userId, key)
    throw error
  }
  const upstreamRequest = toVideoTaskRequest(input)
  const unchecked = uncheckedAsset(upstreamRequest, named)
  if (unchecked !== undefined) {
    await ctx.store.releaseIdempotencyKey(userId, key)
    throw new Error(`the video request names an asset that was not checked (${unchecked})`)
  }
  let job: VideoJob
  try {
    const task = await ctx.upstream.createVideoTask(upstreamRequest, { signal: request.signal })
    job = toVideoJob(task, input)
  } catch (error) {
    if (certainlyNotCreated(error)) {
      await ctx.store.releaseIdempotencyKey(userId, key)
      throw error
    }
    // It is unknown whether EasyRouter created the task: the key is spent, so a retry with it
    // can never bill twice, and the person is told to look before submitting anew. Should this
    // write fail too, the key's lease runs out and it turns unknown by itself.
    await ctx.store.completeIdempotencyKey(userId, key, { state: 'unknown' }).catch(() => undefined)
    // ctx.upstream fails with the error mapped for the browser, EasyRouter's own as its cause;
    // anything else failed after EasyRouter answered, and the task exists.
    throw error instanceof LikenessError
      ? unknownOutcome(error.code, error.cause)
      : unknownOutcome('unknown', error)
  }
  await record(ctx, userId, key, input, job)
  ctx.audit({ type: 'video.created', userId, id: job.id })
  return job
}

// Writes down a task EasyRouter created: the job, then the key that made it. Tried a few times,
// since a lost record is a billed video nobody can see; past that, `UnrecordedTask`.
async function record(
  ctx: HandlerContext,
  userId: string,
  key: string,
  input: VideoJobInput,
  job: VideoJob,
): Promise<void> {
  const now = ctx.now()
  const row: JobRecord = {
    id: job.id,
    userId,
    input,
    snapshot: job,
    createdAt: now,
    updatedAt: now,
  }
  let failure: unknown
  for (const delay of RECORD_RETRY_DELAYS_MS) {
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
    try {
      await ctx.store.putJob(row)
      await ctx.store.completeIdempotencyKey(userId, key, { state: 'completed', jobId: job.id })
      return
    } catch (error) {
      failure = error
    }
  }
  throw new UnrecordedTask(job.id, failure)
}

/**
 * `GET /videos/{id}`: the caller's job. While it runs, browsers polling the same job share one
 * upstream request at a time and its answer for a short while.
 */
export async function getVideoJob(ctx: HandlerContext, userId: string, id: string) {
  const record = await ownJob(ctx, userId, id)
  if (isTerminalVideoJobStatus(record.snapshot.status)) return json(200, record.snapshot)
  return json(200, await pollJob(ctx, record))
}

function pollJob(ctx: HandlerContext, record: JobRecord): Promise<VideoJob> {
  const now = ctx.now()
  const { jobPollCacheMs } = ctx.options.limits
  const shared = ctx.jobPolls.get(record.id)
  if (shared && (shared.settledAt === undefined || now - shared.settledAt < jobPollCacheMs)) {
    return shared.result
  }
  if (ctx.jobPolls.size > 1000) {
    for (const [id, entry] of ctx.jobPolls) {
      if (entry.settledAt !== undefined && now - entry.settledAt >= jobPollCacheMs)
        ctx.jobPolls.delete(id)
    }
  }
  const entry: { result: Promise<VideoJob>; settledAt?: number } = {
    result: Promise.resolve(record.snapshot),
  }
  entry.result = (async () => {
    try {
      // Not tied to one browser's request: others are waiting on the same answer.
      const job = toVideoJob(await ctx.upstream.getVideoTask(record.id), record.input)
      await ctx.store.updateJobSnapshot(record.id, job, ctx.now())
      return job
    } finally {
      entry.settledAt = ctx.now()
    }
  })()
  ctx.jobPolls.set(record.id, entry)
  return entry.result
}

/** `GET /videos`: the caller's recent jobs, newest first. */
export async function listVideoJobs(ctx: HandlerContext, userId: string) {
  const records = await ctx.store.listJobs(userId, ctx.options.limits.recentJobs)
  return json(200, { items: records.map((record) => record.snapshot) })
}
