import { notFound } from './api-error.ts'
import { startProcessing } from './asset-processing.ts'
import type { Owner, SimContext } from './context.ts'
import { managementOk } from './envelope.ts'
import type { JsonObject } from './http.ts'
import { newAssetId, uniqueId } from './ids.ts'
import type { MediaKind } from './media-sniff.ts'
import { signUrl } from './signed-url.ts'
import type { AssetError, AssetRecord, GroupRecord } from './state.ts'
import { formatUpstreamIso } from './time-format.ts'
import { oneOf, optionalString, requireHttpUrl, requireString } from './validate.ts'

/** Asset statuses, as the upstream spells them. */
export type AssetStatus = 'Processing' | 'Active' | 'Failed'

/** The accepted `asset_type` values. */
export const ASSET_TYPES: readonly MediaKind[] = ['Image', 'Video', 'Audio']

const UPLOAD_WARNING =
  'Asset upload is processed asynchronously. The asset can be used only after a later read ' +
  'shows status Active.'

/** Status, error and last change of an asset at `nowMs`. */
export interface AssetState {
  status: AssetStatus
  error: AssetError | undefined
  updatedAt: number
}

/**
 * An asset is `Processing` until its download has finished AND `assetProcessingMs` has passed
 * since creation; from then on its result is fixed.
 */
export function assetState(ctx: SimContext, asset: AssetRecord, nowMs: number): AssetState {
  const readyAt = asset.createdAt + ctx.timings.assetProcessingMs
  const { result } = asset
  if (!result || nowMs < readyAt) {
    return { status: 'Processing', error: undefined, updatedAt: asset.createdAt }
  }
  const updatedAt = Math.max(readyAt, result.finishedAt)
  return result.ok
    ? { status: 'Active', error: undefined, updatedAt }
    : { status: 'Failed', error: result.error, updatedAt }
}

/** The path (under the base URL) that serves an asset's stored bytes. */
export function assetMediaPath(assetId: string): string {
  return `/tos/${encodeURIComponent(assetId)}`
}

/** The asset as 2.5 (and the items of 2.4) return it, with a freshly signed `url`. */
export async function assetView(ctx: SimContext, asset: AssetRecord): Promise<JsonObject> {
  const now = ctx.clock.now()
  const { status, error, updatedAt } = assetState(ctx, asset, now)
  const url = await signUrl({
    signer: ctx.signer,
    baseUrl: ctx.baseUrl,
    path: assetMediaPath(asset.id),
    nowMs: now,
    ttlMs: ctx.timings.signedUrlTtlMs,
  })
  return {
    id: asset.id,
    name: asset.name,
    url,
    group_id: asset.groupId,
    asset_type: asset.assetType,
    status,
    ...(error ? { error: { ...error } } : {}),
    create_time: formatUpstreamIso(asset.createdAt),
    update_time: formatUpstreamIso(updatedAt),
  }
}

/** The caller's group, or a 404 that does not reveal whether another account has it. */
export function requireOwnGroup(ctx: SimContext, owner: Owner, groupId: string): GroupRecord {
  const group = ctx.state.groups.get(groupId)
  if (group?.owner !== owner) throw notFound(`Asset group not found: ${groupId}`)
  return group
}

function requireOwnAsset(ctx: SimContext, owner: Owner, assetId: string): AssetRecord {
  const asset = ctx.state.assets.get(assetId)
  if (asset?.owner !== owner) throw notFound(`Asset not found: ${assetId}`)
  return asset
}

/** `POST {prefix}/assets` (2.3). */
export function uploadAsset(ctx: SimContext, owner: Owner, body: JsonObject): Response {
  const groupId = requireString(body['group_id'], 'group_id')
  const sourceUrl = requireHttpUrl(body['url'], 'url')
  const assetType = oneOf(body['asset_type'], ASSET_TYPES, 'asset_type')
  const name = optionalString(body['name'], 'name') ?? ''
  requireOwnGroup(ctx, owner, groupId)

  const now = ctx.clock.now()
  const id = uniqueId(
    () => newAssetId(now),
    (candidate) => ctx.state.assets.has(candidate),
  )
  const asset: AssetRecord = {
    id,
    seq: ctx.state.nextSeq++,
    owner,
    groupId,
    name,
    sourceUrl,
    assetType,
    createdAt: now,
    result: undefined,
  }
  ctx.state.assets.set(id, asset)
  startProcessing(ctx, asset)

  return managementOk(
    {
      id,
      group_id: groupId,
      name,
      url: sourceUrl,
      asset_type: assetType,
      status: 'Processing',
      create_time: formatUpstreamIso(now),
    },
    { warning: UPLOAD_WARNING },
  )
}

/** `GET {prefix}/assets/{asset_id}` (2.5). */
export async function getAsset(ctx: SimContext, owner: Owner, assetId: string): Promise<Response> {
  return managementOk(await assetView(ctx, requireOwnAsset(ctx, owner, assetId)))
}

/** `DELETE {prefix}/assets/{asset_id}` (2.6): irreversible, a second delete is a 404. */
export function deleteAsset(ctx: SimContext, owner: Owner, assetId: string): Response {
  requireOwnAsset(ctx, owner, assetId)
  ctx.state.assets.delete(assetId)
  return managementOk({ asset_id: assetId, deleted: true })
}

/**
 * `DELETE {prefix}/asset-groups/{group_id}` (2.7): removes the group and its assets. The session
 * that created it stays `verified` and keeps reporting the (now gone) `group_id`.
 */
export function deleteGroup(ctx: SimContext, owner: Owner, groupId: string): Response {
  requireOwnGroup(ctx, owner, groupId)
  ctx.state.groups.delete(groupId)
  for (const [id, asset] of ctx.state.assets) {
    if (asset.groupId === groupId) ctx.state.assets.delete(id)
  }
  return managementOk({ group_id: groupId, deleted: true })
}
