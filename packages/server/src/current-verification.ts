import { LikenessError } from '@likeness/core'
import type { HandlerContext } from './context.ts'
import type { VerificationRecord } from './store/types.ts'

/** The user's verification that counts now, if any (a deleted group ends it). */
export async function currentVerification(
  ctx: HandlerContext,
  userId: string,
): Promise<VerificationRecord | undefined> {
  const record = await ctx.store.latestVerification(userId)
  return record && record.endedAt === undefined ? record : undefined
}

/** The user's asset group, or a `not_verified` refusal. */
export async function requireGroup(ctx: HandlerContext, userId: string): Promise<string> {
  const record = await currentVerification(ctx, userId)
  if (record?.status !== 'verified' || !record.groupId) {
    throw new LikenessError('not_verified', {
      message: 'Verify that you are a real person before managing your likeness.',
    })
  }
  return record.groupId
}

/**
 * Ends the user's latest verification once their group is gone: it no longer counts, and they
 * may verify again.
 */
export async function endVerification(ctx: HandlerContext, userId: string): Promise<void> {
  const verification = await ctx.store.latestVerification(userId)
  if (verification) {
    await ctx.store.updateVerification(verification.id, {
      endedAt: ctx.now(),
      updatedAt: ctx.now(),
    })
  }
}
