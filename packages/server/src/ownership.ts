import type { EasyRouterAsset } from '@likeness/easyrouter'
import { isAssetId } from '@likeness/core'
import type { HandlerContext } from './context.ts'
import { fail } from './http.ts'
import { releaseStaged } from './staging.ts'
import { unlessMissing } from './upstream.ts'

/** A well-formed asset id, or `not_found` as for any asset that is not the caller's. */
export function requireAssetId(id: string): string {
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
  await releaseStaged(ctx, asset)
  return asset
}
