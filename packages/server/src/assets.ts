import {
  isAssetId,
  sniffMedia,
  type Asset,
  type AssetListQuery,
  type AssetStatus,
} from '@likeness/core'
import {
  toAsset,
  toEasyRouterAssetType,
  toListAssetsRequest,
  type EasyRouterAsset,
} from '@likeness/easyrouter'
import { publicRoute, takeAllowance, type HandlerContext } from './context.ts'
import { fail, fromUpstream, json, noContent, readCapped } from './http.ts'
import { randomToken } from './signing.ts'
import type { AssetRecord } from './store/types.ts'
import { requireGroup } from './verification.ts'

const BLOB_PURPOSE = 'likeness-staged-upload'
const STATUSES: readonly AssetStatus[] = ['processing', 'active', 'failed']
const SWEEP_EVERY_MS = 60_000

function requireAssetId(id: string): string {
  if (!isAssetId(id)) throw fail('not_found', 'No such asset.')
  return id
}

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

// Once EasyRouter has taken an asset (it left Processing), our staged copy is not needed.
async function releaseStaged(ctx: HandlerContext, asset: EasyRouterAsset): Promise<void> {
  if (asset.status === 'Processing') return
  const record = await ctx.store.getAsset(asset.id)
  if (!record?.blobKey) return
  await ctx.blobs.delete(record.blobKey)
  await ctx.store.clearAssetBlob(asset.id)
}

/** Removes staged uploads older than their time to live; runs at most once a minute. */
export async function sweepStaged(ctx: HandlerContext): Promise<void> {
  const now = ctx.now()
  if (now - ctx.lastSweep.at < SWEEP_EVERY_MS) return
  ctx.lastSweep.at = now
  const stale = await ctx.store.listStagedAssets(now - ctx.options.limits.stagedUploadTtlMs)
  for (const record of stale) {
    if (record.blobKey) await ctx.blobs.delete(record.blobKey)
    await ctx.store.clearAssetBlob(record.id)
  }
}

/**
 * The caller's asset, or `not_found` exactly as for a missing one. Assets uploaded through the
 * handler are known with their owner; others count as the caller's when EasyRouter places them
 * in the caller's group.
 */
export async function ownAsset(
  ctx: HandlerContext,
  userId: string,
  groupId: string,
  assetId: string,
  signal: AbortSignal,
): Promise<EasyRouterAsset> {
  requireAssetId(assetId)
  const record = await ctx.store.getAsset(assetId)
  if (record && record.userId !== userId) throw fail('not_found', 'No such asset.')
  let asset: EasyRouterAsset
  try {
    asset = await ctx.easyrouter.getAsset(assetId, { signal })
  } catch (error) {
    const mapped = fromUpstream(error)
    // Word for word the refusal above: a different message would tell "someone else's" from
    // "nobody's".
    if (mapped.code === 'not_found') throw fail('not_found', 'No such asset.')
    throw mapped
  }
  if (asset.groupId !== groupId) throw fail('not_found', 'No such asset.')
  await releaseStaged(ctx, asset)
  return asset
}

/** `GET /assets`: one page of the caller's assets. */
export async function listAssets(ctx: HandlerContext, request: Request, url: URL, userId: string) {
  const query = parseQuery(url)
  const groupId = await requireGroup(ctx, userId)
  let page
  try {
    page = await ctx.easyrouter.listAssets(toListAssetsRequest(query, [groupId]), {
      signal: request.signal,
    })
  } catch (error) {
    throw fromUpstream(error)
  }
  // The group filter above is the ownership check; enforce it again in case EasyRouter ignored
  // it, and leave out anything whose group is not stated.
  const items = page.items.filter((item) => item.groupId === groupId)
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

function uploadName(url: URL): string {
  const raw = url.searchParams.get('name') ?? ''
  // Control characters and surrounding space never belong in a display name.
  const name = raw.replace(/\p{Cc}/gu, '').trim()
  if (name.length > 200)
    throw fail('invalid_request', 'The name is longer than 200 characters.', { field: 'name' })
  return name
}

/**
 * `POST /assets?name=...&type=image`: the file is the raw request body. It is read with a
 * size cap, recognised from its bytes, staged under an unguessable key, and handed to
 * EasyRouter by a signed, expiring URL.
 */
export async function uploadAsset(ctx: HandlerContext, request: Request, url: URL, userId: string) {
  const { maxUploadBytes } = ctx.options.limits
  const name = uploadName(url)
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
  const declaredLength = Number(request.headers.get('content-length') ?? Number.NaN)
  if (declaredLength > maxUploadBytes) {
    throw fail('payload_too_large', `Files may be at most ${maxUploadBytes} bytes.`, {
      maxBytes: maxUploadBytes,
    })
  }
  takeAllowance(ctx, 'upload', userId)
  const bytes = request.body ? await readCapped(request.body, maxUploadBytes) : new Uint8Array()
  if (!bytes) {
    throw fail('payload_too_large', `Files may be at most ${maxUploadBytes} bytes.`, {
      maxBytes: maxUploadBytes,
    })
  }
  if (bytes.byteLength === 0) throw fail('invalid_request', 'The file is empty.', { field: 'file' })
  const media = sniffMedia(bytes.subarray(0, 64))
  if (!media) {
    throw fail(
      'unsupported_media',
      'This file is not a JPEG, PNG or WebP image, an MP4, MOV or WebM video, or MP3, WAV or M4A audio.',
    )
  }
  if (declaredType !== null && declaredType !== media.type) {
    throw fail(
      'unsupported_media',
      `The file is ${describeType(media.type)}, not ${describeType(declaredType)}.`,
    )
  }

  const blobKey = randomToken(24)
  await ctx.blobs.put(blobKey, bytes, media.mime)
  let uploaded: EasyRouterAsset
  try {
    uploaded = await ctx.easyrouter.uploadAsset(
      {
        groupId,
        url: await stagedUrl(ctx, blobKey),
        assetType: toEasyRouterAssetType(media.type),
        ...(name ? { name } : {}),
      },
      { signal: request.signal },
    )
  } catch (error) {
    await ctx.blobs.delete(blobKey)
    throw fromUpstream(error)
  }
  const record: AssetRecord = {
    id: uploaded.id,
    userId,
    groupId,
    name: uploaded.name || name,
    type: media.type,
    blobKey,
    createdAt: ctx.now(),
  }
  await ctx.store.putAsset(record)
  ctx.audit({ type: 'asset.uploaded', userId, id: uploaded.id })
  await sweepStaged(ctx)
  const asset: Asset = toAsset({ ...uploaded, url: undefined })
  return json(201, asset)
}

function describeType(type: string): string {
  return type === 'audio' ? 'audio' : type === 'image' ? 'an image' : `a ${type}`
}

async function stagedUrl(ctx: HandlerContext, key: string): Promise<string> {
  const expires = ctx.now() + ctx.options.limits.stagedUploadTtlMs
  const url = publicRoute(ctx, `/uploads/${key}`)
  url.searchParams.set('expires', String(expires))
  url.searchParams.set('signature', await ctx.signer.sign(BLOB_PURPOSE, `${key}\n${expires}`))
  return url.toString()
}

/** `GET /uploads/{key}`: the staged file, for EasyRouter to fetch. Needs a valid signature. */
export async function serveStaged(ctx: HandlerContext, request: Request, url: URL, key: string) {
  const expires = url.searchParams.get('expires') ?? ''
  const signature = url.searchParams.get('signature') ?? ''
  const genuine =
    /^[A-Za-z0-9_-]{16,128}$/.test(key) &&
    /^\d{1,16}$/.test(expires) &&
    (await ctx.signer.verify(BLOB_PURPOSE, `${key}\n${expires}`, signature))
  if (!genuine || Number(expires) < ctx.now()) {
    return new Response('Not found.', { status: 404, headers: { 'cache-control': 'no-store' } })
  }
  const blob = await ctx.blobs.get(key)
  if (!blob)
    return new Response('Not found.', { status: 404, headers: { 'cache-control': 'no-store' } })
  const headers = {
    'content-type': blob.contentType,
    'content-length': String(blob.bytes.byteLength),
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
  }
  return new Response(request.method === 'HEAD' ? null : blob.bytes.slice(), { headers })
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
  try {
    await ctx.easyrouter.deleteAsset(id, { signal: request.signal })
  } catch (error) {
    throw fromUpstream(error)
  }
  const record = await ctx.store.getAsset(id)
  if (record?.blobKey) await ctx.blobs.delete(record.blobKey)
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
  try {
    await ctx.easyrouter.deleteAssetGroup(groupId, { signal: request.signal })
  } catch (error) {
    const mapped = fromUpstream(error)
    // Already gone upstream: finish the local side so the person is not stuck.
    if (mapped.code !== 'not_found') throw mapped
  }
  const staged = await ctx.store.listStagedAssets(Number.MAX_SAFE_INTEGER)
  for (const record of staged) {
    if (record.groupId === groupId && record.blobKey) await ctx.blobs.delete(record.blobKey)
  }
  await ctx.store.deleteAssetsOfGroup(groupId)
  const verification = await ctx.store.latestVerification(userId)
  if (verification) {
    await ctx.store.updateVerification(verification.id, {
      endedAt: ctx.now(),
      updatedAt: ctx.now(),
    })
  }
  ctx.audit({ type: 'asset.group_deleted', userId })
  return noContent()
}
