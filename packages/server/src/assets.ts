import {
  sniffMedia,
  type Asset,
  type AssetListQuery,
  type AssetStatus,
  type LikenessError,
  type SniffedMedia,
} from '@likeness/core'
import {
  toAsset,
  toEasyRouterAssetType,
  toListAssetsRequest,
  type EasyRouterAsset,
} from '@likeness/easyrouter'
import { takeAllowance, type HandlerContext } from './context.ts'
import { endVerification, requireGroup } from './current-verification.ts'
import { fail, json, noContent } from './http.ts'
import type { AssetRecord } from './store/types.ts'
import { ownAsset, ownItems } from './ownership.ts'
import {
  discardStaged,
  discardStagedAsset,
  discardStagedGroup,
  releaseStaged,
  stageUpload,
  sweepStaged,
} from './staging.ts'
import { receiveUpload, tooLarge, type IncomingUpload } from './upload-body.ts'
import { uploadName } from './upload-name.ts'
import { unlessMissing } from './upstream.ts'

const STATUSES: readonly AssetStatus[] = ['processing', 'active', 'failed']

function parseQuery(url: URL): AssetListQuery {
  const params = url.searchParams
  const statuses = params.getAll('status').flatMap((value) => value.split(','))
  for (const status of statuses) {
    if (!STATUSES.includes(status as AssetStatus)) {
      throw fail('invalid_request', `status must be processing, active or failed.`, {
        field: 'status',
      })
    }
  }
  const sort = params.get('sort')
  if (sort !== null && sort !== 'createdAt' && sort !== 'updatedAt') {
    throw fail('invalid_request', 'sort must be createdAt or updatedAt.', { field: 'sort' })
  }
  const order = params.get('order')
  if (order !== null && order !== 'asc' && order !== 'desc') {
    throw fail('invalid_request', 'order must be asc or desc.', { field: 'order' })
  }
  const page = intParam(params, 'page', 1, 1_000_000)
  const pageSize = intParam(params, 'pageSize', 1, 100)
  const name = params.get('name')
  if (name !== null && name.length > 200) {
    throw fail('invalid_request', 'name is too long.', { field: 'name' })
  }
  return {
    ...(statuses.length > 0 ? { statuses: statuses as AssetStatus[] } : {}),
    ...(name ? { name } : {}),
    ...(sort ? { sort: sort } : {}),
    ...(order ? { order: order } : {}),
    ...(page === undefined ? {} : { page }),
    ...(pageSize === undefined ? {} : { pageSize }),
  }
}

function intParam(
  params: URLSearchParams,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = params.get(name)
  if (raw === null) return undefined
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw fail('invalid_request', `${name} must be a whole number from ${min} to ${max}.`, {
      field: name,
    })
  }
  return value
}

/** `GET /assets`: one page of the caller's assets. */
export async function listAssets(ctx: HandlerContext, request: Request, url: URL, userId: string) {
  const query = parseQuery(url)
  const groupId = await requireGroup(ctx, userId)
  const page = await ctx.upstream.listAssets(toListAssetsRequest(query, [groupId]), {
    signal: request.signal,
  })
  const items = ownItems(page.items, groupId)
  for (const item of items) await releaseStaged(ctx, item)
  await sweepStaged(ctx)
  return json(200, {
    items: items.map(toAsset),
    total: page.totalCount,
    page: page.pageNumber,
    pageSize: page.pageSize,
  })
}

/** `GET /assets/{id}`. */
export async function getAsset(ctx: HandlerContext, request: Request, userId: string, id: string) {
  const groupId = await requireGroup(ctx, userId)
  return json(200, toAsset(await ownAsset(ctx, userId, groupId, id, request.signal)))
}

/**
 * `POST /assets?name=...&type=image`: the file is the raw request body. An upload is admitted
 * first (per person and per process), then streamed into the blob store under a size cap and
 * an unguessable key, recognised from its first bytes on the way, and handed to EasyRouter by
 * a signed, expiring URL. Only a chunk or two of it is ever in memory.
 */
export async function uploadAsset(ctx: HandlerContext, request: Request, url: URL, userId: string) {
  const { maxUploadBytes } = ctx.options.limits
  const name = uploadName(url.searchParams.get('name') ?? '')
  const declaredType = url.searchParams.get('type')
  if (
    declaredType !== null &&
    declaredType !== 'image' &&
    declaredType !== 'video' &&
    declaredType !== 'audio'
  ) {
    throw fail('invalid_request', 'type must be image, video or audio.', { field: 'type' })
  }
  const groupId = await requireGroup(ctx, userId)
  const declaredLength = contentLength(request)
  if (declaredLength !== undefined && declaredLength > maxUploadBytes) {
    throw tooLarge(maxUploadBytes)
  }
  if (!request.body || declaredLength === 0) throw emptyFile()

  const leave = ctx.uploads.enter(userId, declaredLength ?? maxUploadBytes)
  try {
    takeAllowance(ctx, 'upload', userId)
    const upload = await receiveUpload(request.body, maxUploadBytes)
    const media = await recognise(upload, declaredType)
    const staged = await stageUpload(ctx, upload.body, media.mime)
    let uploaded: EasyRouterAsset
    try {
      uploaded = await ctx.upstream.uploadAsset(
        {
          groupId,
          url: staged.url,
          assetType: toEasyRouterAssetType(media.type),
          ...(name ? { name } : {}),
        },
        { signal: request.signal },
      )
    } catch (error) {
      await discardStaged(ctx, staged.key)
      throw error
    }
    const record: AssetRecord = {
      id: uploaded.id,
      userId,
      groupId,
      name: uploaded.name || name,
      type: media.type,
      blobKey: staged.key,
      createdAt: ctx.now(),
    }
    await ctx.store.putAsset(record)
    ctx.audit({ type: 'asset.uploaded', userId, id: uploaded.id })
    await sweepStaged(ctx)
    const asset: Asset = toAsset({ ...uploaded, url: undefined })
    return json(201, asset)
  } finally {
    leave()
  }
}

function contentLength(request: Request): number | undefined {
  const header = request.headers.get('content-length')
  return header !== null && /^\d{1,16}$/.test(header.trim()) ? Number(header) : undefined
}

function emptyFile() {
  return fail('invalid_request', 'The file is empty.', { field: 'file' })
}

// What the file is, from its first bytes; a refused file's body is cancelled unread.
async function recognise(
  upload: IncomingUpload,
  declaredType: string | null,
): Promise<SniffedMedia> {
  const refuse = async (error: LikenessError) => {
    await upload.body.cancel(error).catch(() => undefined)
    return error
  }
  if (upload.head.byteLength === 0) throw await refuse(emptyFile())
  const media = sniffMedia(upload.head)
  if (!media) {
    throw await refuse(
      fail(
        'unsupported_media',
        'This file is not a JPEG, PNG, WebP or HEIC image, an MP4, MOV or WebM video, or MP3, WAV or M4A audio.',
      ),
    )
  }
  if (declaredType !== null && declaredType !== media.type) {
    throw await refuse(
      fail(
        'unsupported_media',
        `The file is ${describeType(media.type)}, not ${describeType(declaredType)}.`,
      ),
    )
  }
  return media
}

function describeType(type: string): string {
  return type === 'audio' ? 'audio' : type === 'image' ? 'an image' : `a ${type}`
}

/** `DELETE /assets/{id}`: irreversible upstream. */
export async function deleteAsset(
  ctx: HandlerContext,
  request: Request,
  userId: string,
  id: string,
) {
  const groupId = await requireGroup(ctx, userId)
  await ownAsset(ctx, userId, groupId, id, request.signal)
  await ctx.upstream.deleteAsset(id, { signal: request.signal })
  await discardStagedAsset(ctx, id)
  await ctx.store.deleteAsset(id)
  ctx.audit({ type: 'asset.deleted', userId, id })
  return noContent()
}

/**
 * `DELETE /assets`: deletes the caller's whole group at EasyRouter, and with it every asset.
 * Their verification ends; they may verify again.
 */
export async function deleteAllAssets(ctx: HandlerContext, request: Request, userId: string) {
  const groupId = await requireGroup(ctx, userId)
  // Already gone upstream: finish the local side so the person is not stuck.
  await unlessMissing(ctx.upstream.deleteAssetGroup(groupId, { signal: request.signal }))
  await discardStagedGroup(ctx, groupId)
  await ctx.store.deleteAssetsOfGroup(groupId)
  await endVerification(ctx, userId)
  ctx.audit({ type: 'asset.group_deleted', userId })
  return noContent()
}
