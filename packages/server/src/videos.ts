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
import { ownAsset } from './ownership.ts'
import { takeAllowance, type HandlerContext } from './context.ts'
import { fail, fromUpstream, json, readJsonObject } from './http.ts'
import { sha256 } from './signing.ts'
import type { JobRecord } from './store/types.ts'
import { requireGroup } from './verification.ts'

const JOB_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/
// Completes a key whose create ended without a clear answer from EasyRouter: it may or may not
// have created the task, so the key must never create another.
const UNKNOWN_OUTCOME = '?'

// After a 4xx (or a request the client refused to send) EasyRouter certainly created nothing,
// so the key may be used again. After a 5xx, a timeout or a lost connection it may have.
function certainlyNotCreated(error: unknown): boolean {
  if (!(error instanceof LikenessError)) return false
  if (error.status === undefined) return error.code === 'invalid_request'
  return error.status >= 400 && error.status < 500
}

/**
 * `POST /videos` with an `Idempotency-Key`: validates, checks that every referenced asset is
 * the caller's own `Active` one, and creates one upstream task per key, however many times
 * (or however concurrently) the same request arrives.
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
  const hash = await sha256(JSON.stringify(input))
  const slot = `${userId}\n${key}`

  // A duplicate arriving while the first is still being created waits for it, in-process.
  const inFlight = ctx.creates.get(slot)
  if (inFlight) return respond(await replayOf(inFlight, hash))

  const reservation = await ctx.store.reserveIdempotencyKey(userId, key, hash, ctx.now())
  if (reservation.state !== 'reserved') {
    if (reservation.requestHash !== hash) {
      throw fail('conflict', 'This Idempotency-Key was already used for a different video.')
    }
    if (reservation.state === 'in_progress') {
      throw new LikenessError('conflict', {
        message: 'This video is still being submitted; try again in a moment.',
        retryable: true,
        retryAfterMs: 1000,
      })
    }
    if (reservation.jobId === UNKNOWN_OUTCOME) throw unknownOutcome()
    const existing = await ctx.store.getJob(reservation.jobId)
    if (!existing) throw fail('not_found', 'No such video job.')
    return respond({ job: existing.snapshot, replayed: true })
  }

  const creation = create(ctx, request, userId, key, input)
  const shared = creation.then((job) => ({ job, replayed: false }))
  ctx.creates.set(slot, shared)
  try {
    return respond(await shared)
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
      'The video service did not answer clearly, so this video may or may not have started. Check your recent videos before submitting again.',
    retryable: false,
    details: { outcome: 'unknown' },
    cause,
  })
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
): Promise<VideoJob> {
  try {
    takeAllowance(ctx, 'video', userId)
    await checkReferences(ctx, request, userId, input)
  } catch (error) {
    await ctx.store.releaseIdempotencyKey(userId, key)
    throw error
  }
  let job: VideoJob
  try {
    const task = await ctx.easyrouter.createVideoTask(toVideoTaskRequest(input), {
      signal: request.signal,
    })
    job = toVideoJob(task, input)
  } catch (error) {
    const mapped = fromUpstream(error)
    if (certainlyNotCreated(error)) {
      await ctx.store.releaseIdempotencyKey(userId, key)
      throw mapped
    }
    // It is unknown whether EasyRouter created the task: the key is spent, so a retry with it
    // can never bill twice, and the person is told to look before submitting anew.
    await ctx.store.completeIdempotencyKey(userId, key, UNKNOWN_OUTCOME)
    throw unknownOutcome(mapped.code, error)
  }
  const now = ctx.now()
  const record: JobRecord = {
    id: job.id,
    userId,
    input,
    snapshot: job,
    createdAt: now,
    updatedAt: now,
  }
  await ctx.store.putJob(record)
  await ctx.store.completeIdempotencyKey(userId, key, job.id)
  ctx.audit({ type: 'video.created', userId, id: job.id })
  return job
}

// Every reference must be one of the caller's own assets, and Active. Another person's asset
// is reported exactly like a missing one.
async function checkReferences(
  ctx: HandlerContext,
  request: Request,
  userId: string,
  input: VideoJobInput,
): Promise<void> {
  const references = input.references ?? []
  if (references.length === 0) return
  const groupId = await requireGroup(ctx, userId)
  for (const [index, reference] of references.entries()) {
    const field = `references[${index}].assetId`
    let status: string
    try {
      status = (await ownAsset(ctx, userId, groupId, reference.assetId, request.signal)).status
    } catch (error) {
      if (error instanceof LikenessError && error.code === 'not_found') {
        throw fail('invalid_request', `Asset ${reference.assetId} was not found.`, {
          issues: [{ field, code: 'invalid', message: 'Not one of your assets.' }],
        })
      }
      throw error
    }
    if (status !== 'Active') {
      throw fail('invalid_request', `Asset ${reference.assetId} is not ready to use yet.`, {
        issues: [{ field, code: 'invalid', message: 'This asset is not Active.' }],
      })
    }
  }
}

/**
 * `GET /videos/{id}`: the caller's job. While it runs, browsers polling the same job share one
 * upstream request at a time and its answer for a short while.
 */
export async function getVideoJob(ctx: HandlerContext, userId: string, id: string) {
  if (!JOB_ID.test(id)) throw fail('not_found', 'No such video job.')
  const record = await ctx.store.getJob(id)
  if (record?.userId !== userId) throw fail('not_found', 'No such video job.')
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
      const job = toVideoJob(await ctx.easyrouter.getVideoTask(record.id), record.input)
      await ctx.store.updateJobSnapshot(record.id, job, ctx.now())
      return job
    } catch (error) {
      throw fromUpstream(error)
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
