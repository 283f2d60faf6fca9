import type { EasyRouterAsset } from '@likeness/easyrouter'
import { isAssetId } from '@likeness/core'
import type { HandlerContext } from './context.ts'
import { fail, fromUpstream } from './http.ts'
import { releaseStaged } from './staging.ts'

/** A well-formed asset id, or `not_found` as for any asset that is not the caller's. */
export function requireAssetId(id: string): string {
  if (!isAssetId(id)) throw fail('not_found', 'No such asset.')
  return id
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
