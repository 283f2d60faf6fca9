import { ApiError, badRequest } from './api-error.ts'
import { assetState } from './assets.ts'
import type { Owner, SimContext } from './context.ts'
import { jsonResponse, type JsonObject } from './http.ts'
import { newTaskId, uniqueId } from './ids.ts'
import { signUrl } from './signed-url.ts'
import type { TaskRecord } from './state.ts'
import { toUnixSeconds } from './time-format.ts'
import { parseVideoRequest, type AssetReference } from './video-request.ts'

/** The four statuses the router promises. */
export type VideoStatus = 'queued' | 'in_progress' | 'completed' | 'failed'

/**
 * A prompt containing this (any case) makes the task end `failed`, for testing failure paths.
 *
 * @example
 * ```ts
 * const prompt = `A cat surfing ${FAIL_PROMPT_MARKER}` // ends with error.code "generation_failed"
 * ```
 */
export const FAIL_PROMPT_MARKER = 'sim:fail'

interface TaskState {
  status: VideoStatus
  progress: number
  /** Set once terminal. */
  completedAt: number | undefined
}

/**
 * `queued` for `videoQueuedMs`, then `in_progress` with progress rising linearly from 1 to 99
 * over `videoGenerationMs`, then `completed` (progress 100) or, for a `sim:fail` prompt,
 * `failed` (also 100: the work is over).
 */
export function taskState(ctx: SimContext, task: TaskRecord, nowMs: number): TaskState {
  const { videoQueuedMs, videoGenerationMs } = ctx.timings
  const elapsed = nowMs - task.createdAt
  if (elapsed < videoQueuedMs) return { status: 'queued', progress: 0, completedAt: undefined }
  const generating = elapsed - videoQueuedMs
  if (generating < videoGenerationMs) {
    const progress = 1 + Math.floor((98 * generating) / videoGenerationMs)
    return { status: 'in_progress', progress, completedAt: undefined }
  }
  const completedAt = task.createdAt + videoQueuedMs + videoGenerationMs
  return { status: task.willFail ? 'failed' : 'completed', progress: 100, completedAt }
}

/** The path (under the base URL) that serves a completed task's video. */
export function videoMediaPath(taskId: string): string {
  return `/tos/videos/${encodeURIComponent(taskId)}.webm`
}

async function taskView(ctx: SimContext, task: TaskRecord): Promise<JsonObject> {
  const now = ctx.clock.now()
  const state = taskState(ctx, task, now)
  const view: JsonObject = {
    id: task.id,
    task_id: task.id,
    object: 'video',
    model: task.model,
    status: state.status,
    progress: state.progress,
    created_at: toUnixSeconds(task.createdAt),
  }
  if (state.completedAt !== undefined) view['completed_at'] = toUnixSeconds(state.completedAt)
  if (state.status === 'completed') {
    const url = await signUrl({
      signer: ctx.signer,
      baseUrl: ctx.baseUrl,
      path: videoMediaPath(task.id),
      nowMs: now,
      ttlMs: ctx.timings.signedUrlTtlMs,
    })
    view['metadata'] = { url }
  }
  if (state.status === 'failed') {
    view['error'] = {
      code: 'generation_failed',
      message: 'Video generation failed (requested with sim:fail in the prompt).',
    }
  }
  return view
}

function checkReference(ctx: SimContext, owner: Owner, reference: AssetReference): void {
  const name = `asset://${reference.assetId}`
  const asset = ctx.state.assets.get(reference.assetId)
  if (asset?.owner !== owner) {
    throw badRequest(`${name} (${reference.field}) was not found in this account.`, 'invalid_asset')
  }
  const { status } = assetState(ctx, asset, ctx.clock.now())
  if (status !== 'Active') {
    throw badRequest(
      `${name} (${reference.field}) is ${status}; only Active assets can be used.`,
      'invalid_asset',
    )
  }
  if (reference.expectedKind && asset.assetType !== reference.expectedKind) {
    throw badRequest(
      `${name} (${reference.field}) is a ${asset.assetType} asset, but the field takes a ${reference.expectedKind}.`,
      'invalid_asset',
    )
  }
}

/** `POST /v1/video/generations` (3.1). */
export async function submitVideo(
  ctx: SimContext,
  owner: Owner,
  body: JsonObject,
): Promise<Response> {
  const request = parseVideoRequest(body)
  for (const reference of request.references) checkReference(ctx, owner, reference)
  const id = uniqueId(newTaskId, (candidate) => ctx.state.tasks.has(candidate))
  const task: TaskRecord = {
    id,
    owner,
    model: request.model,
    createdAt: ctx.clock.now(),
    willFail: request.prompt.toLowerCase().includes(FAIL_PROMPT_MARKER),
  }
  ctx.state.tasks.set(id, task)
  return jsonResponse(await taskView(ctx, task))
}

/** `GET /v1/video/generations/{task_id}` (3.2). */
export async function getVideo(ctx: SimContext, owner: Owner, taskId: string): Promise<Response> {
  const task = ctx.state.tasks.get(taskId)
  if (task?.owner !== owner) throw new ApiError(404, `Video task not found: ${taskId}`)
  return jsonResponse(await taskView(ctx, task))
}
