import type { EasyRouterAsset } from '@likeness/easyrouter'
import { isAssetId } from '@likeness/core'
import type { HandlerContext } from './context.ts'
import { fail } from './http.ts'
import { releaseStaged } from './staging.ts'
import type { JobRecord } from './store/types.ts'
import { unlessMissing } from './upstream.ts'

const JOB_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/

/** A well-formed asset id, or `not_found` as for any asset that is not the caller's. */
function requireAssetId(id: string): string {
  if (!isAssetId(id)) throw fail('not_found', 'No such asset.')
  return id
}

/**
 * The caller's asset, or `not_found` exactly as for a missing one: the same message, and the
 * same path, since both read the store and ask EasyRouter before deciding, so neither the
 * answer nor its cost or timing tells "someone else's" from "nobody's". Assets uploaded
 * through the handler are known with their owner; others count as the caller's when EasyRouter
 * places them in the caller's group. Someone else's asset is reported to `onEvent`
 * (`request.refused`, `not_owner`).
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
  const asset = await unlessMissing(ctx.upstream.getAsset(assetId, { signal }))
  if (!asset) throw fail('not_found', 'No such asset.')
  if ((record && record.userId !== userId) || asset.groupId !== groupId) {
    ctx.audit({ type: 'request.refused', id: assetId, code: 'not_found', reason: 'not_owner' })
    throw fail('not_found', 'No such asset.')
  }
  await releaseStaged(ctx, asset, { record })
  return asset
}

/**
 * The caller's items of a list EasyRouter filtered by the caller's group. That filter is the
 * ownership check; it is applied again here in case EasyRouter ignored it, and an item whose
 * group is not stated is left out.
 */
export function ownItems<T extends { groupId?: string | undefined }>(
  items: readonly T[],
  groupId: string,
): T[] {
  return items.filter((item) => item.groupId === groupId)
}

/**
 * The caller's video job, or `not_found` exactly as for a missing one. Jobs are only made
 * through the handler, so the store knows the owner of every one.
 */
export async function ownJob(
  ctx: HandlerContext,
  userId: string,
  jobId: string,
): Promise<JobRecord> {
  if (!JOB_ID.test(jobId)) throw fail('not_found', 'No such video job.')
  const record = await ctx.store.getJob(jobId)
  if (record?.userId !== userId) throw fail('not_found', 'No such video job.')
  return record
}
