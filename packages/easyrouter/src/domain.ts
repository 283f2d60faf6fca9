import {
  buildAssetUri,
  type Asset,
  type AssetListQuery,
  type AssetStatus,
  type AssetType,
  type VideoJob,
  type VideoJobInput,
  type VideoJobStatus,
} from '@likeness/core'
import type {
  CreateVideoTaskRequest,
  EasyRouterAsset,
  EasyRouterAssetType,
  ListAssetsRequest,
  VideoTask,
} from './types.ts'

const ASSET_STATUS: Record<string, AssetStatus> = {
  Processing: 'processing',
  Active: 'active',
  Failed: 'failed',
}
const ASSET_TYPE: Record<string, AssetType> = { Image: 'image', Video: 'video', Audio: 'audio' }
const VIDEO_STATUS: Record<string, VideoJobStatus> = {
  queued: 'queued',
  in_progress: 'in_progress',
  completed: 'completed',
  failed: 'failed',
}

/**
 * Converts an EasyRouter asset to the camelCase domain {@link Asset} the browser sees (no
 * group id). Unknown statuses become `unknown`; unknown types fall back to `image`.
 *
 * @example
 * ```ts
 * const asset = toAsset(await client.getAsset(id))
 * ```
 */
export function toAsset(asset: EasyRouterAsset): Asset {
  const createdAt = asset.createTime ?? asset.updateTime ?? new Date(0).toISOString()
  return {
    id: asset.id,
    name: asset.name,
    type: ASSET_TYPE[asset.assetType] ?? 'image',
    status: ASSET_STATUS[asset.status] ?? 'unknown',
    ...(asset.error ? { error: asset.error } : {}),
    ...(asset.url ? { previewUrl: asset.url } : {}),
    createdAt,
    updatedAt: asset.updateTime ?? createdAt,
  }
}

/**
 * The EasyRouter spelling of a domain asset type.
 *
 * @example
 * ```ts
 * toEasyRouterAssetType('image') // 'Image'
 * ```
 */
export function toEasyRouterAssetType(type: AssetType): EasyRouterAssetType {
  return type === 'image' ? 'Image' : type === 'video' ? 'Video' : 'Audio'
}

/**
 * Turns a domain list query into EasyRouter's list request for the given groups. `unknown`
 * statuses cannot be asked for upstream and are dropped.
 *
 * @example
 * ```ts
 * await client.listAssets(toListAssetsRequest(query, [groupId]))
 * ```
 */
export function toListAssetsRequest(
  query: AssetListQuery,
  groupIds: readonly string[],
): ListAssetsRequest {
  const statuses = (query.statuses ?? []).flatMap((status) =>
    status === 'active'
      ? (['Active'] as const)
      : status === 'processing'
        ? (['Processing'] as const)
        : status === 'failed'
          ? (['Failed'] as const)
          : [],
  )
  return {
    groupIds,
    ...(statuses.length > 0 ? { statuses } : {}),
    ...(query.name ? { name: query.name } : {}),
    ...(query.page === undefined ? {} : { pageNumber: query.page }),
    ...(query.pageSize === undefined ? {} : { pageSize: query.pageSize }),
    ...(query.sort === undefined
      ? {}
      : { sortBy: query.sort === 'updatedAt' ? 'UpdateTime' : 'CreateTime' }),
    ...(query.order === undefined ? {} : { sortOrder: query.order === 'asc' ? 'Asc' : 'Desc' }),
  }
}

/**
 * Converts a router video task to the domain {@link VideoJob}. Unix seconds become ISO 8601.
 *
 * @example
 * ```ts
 * const job = toVideoJob(await client.getVideoTask(id))
 * ```
 */
export function toVideoJob(task: VideoTask, input?: VideoJobInput): VideoJob {
  const status = VIDEO_STATUS[task.status] ?? 'unknown'
  return {
    id: task.id,
    status,
    progress: status === 'completed' ? 100 : task.progress,
    model: task.model ?? input?.model ?? 'unknown',
    createdAt: unixToIso(task.createdAt) ?? new Date(0).toISOString(),
    ...(task.completedAt === undefined ? {} : { completedAt: unixToIso(task.completedAt) }),
    ...(task.videoUrl === undefined ? {} : { videoUrl: task.videoUrl }),
    ...(task.error === undefined ? {} : { error: task.error }),
    ...(input === undefined ? {} : { input }),
  }
}

/**
 * Builds the Seedance request for a domain {@link VideoJobInput}: references become
 * `asset://` image items in `metadata.content`. It does not check ownership; the server must.
 *
 * @example
 * ```ts
 * await client.createVideoTask(toVideoTaskRequest(input))
 * ```
 */
export function toVideoTaskRequest(input: VideoJobInput): CreateVideoTaskRequest {
  const content = (input.references ?? []).map((reference) => ({
    type: 'image_url' as const,
    imageUrl: buildAssetUri(reference.assetId),
    ...(reference.role === undefined ? {} : { role: reference.role }),
  }))
  return {
    model: input.model,
    prompt: input.prompt,
    ...(input.durationSeconds === undefined ? {} : { duration: input.durationSeconds }),
    ...(content.length > 0 ? { content } : {}),
    ...(input.resolution === undefined ? {} : { resolution: input.resolution }),
    ...(input.ratio === undefined ? {} : { ratio: input.ratio }),
    ...(input.seed === undefined ? {} : { seed: input.seed }),
    ...(input.generateAudio === undefined ? {} : { generateAudio: input.generateAudio }),
    ...(input.watermark === undefined ? {} : { watermark: input.watermark }),
  }
}

function unixToIso(seconds: number | undefined): string | undefined {
  if (seconds === undefined) return undefined
  const date = new Date(seconds * 1000)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}
