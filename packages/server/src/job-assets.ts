import {
  buildAssetUri,
  findAssetReferences,
  LikenessError,
  type VideoJobInput,
} from '@likeness/core'
import type { HandlerContext } from './context.ts'
import { requireGroup } from './current-verification.ts'
import { fail } from './http.ts'
import { ownAsset } from './ownership.ts'

// Seedance 2.0 takes at most 12 files in one video (9 images, 3 videos, 3 audio); a job that
// names more distinct assets, anywhere, is refused before any of them is looked up.
const MAX_ASSETS_PER_JOB = 12

/** One asset a job names: where it was named first, and how it was written. */
interface NamedAsset {
  field: string
  reference: string
}

/** Every asset a job names, by id. */
export type NamedAssets = ReadonlyMap<string, NamedAsset>

/**
 * Every asset a job names, once each, by id: the `references`, then every `asset://` token in
 * any string or key of the body as sent (the prompt, and any field a client adds, whether or
 * not the server knows it). Refuses, before anything is looked up, a token that names no
 * well-formed id, a body too large or too deep to read to the end, and more assets than a
 * video can take.
 */
export function namedAssets(body: Record<string, unknown>, input: VideoJobInput): NamedAssets {
  const named = new Map<string, NamedAsset>()
  for (const [index, reference] of (input.references ?? []).entries()) {
    named.set(reference.assetId, {
      field: `references[${index}].assetId`,
      reference: buildAssetUri(reference.assetId),
    })
  }
  const found = findAssetReferences(body)
  if (found.incomplete) {
    throw fail('invalid_request', 'The request names too many assets to check.', {
      reason: found.incomplete,
    })
  }
  for (const token of found.references) {
    const where = { field: token.path, reference: shown(token.token) }
    if (token.assetId === null) throw refusedReference(where, 'is not a reference to an asset.')
    if (!named.has(token.assetId)) named.set(token.assetId, where)
  }
  if (named.size > MAX_ASSETS_PER_JOB) {
    throw fail('invalid_request', `A video can use at most ${MAX_ASSETS_PER_JOB} assets.`, {
      issues: [
        {
          field: 'references',
          code: 'out_of_range',
          message: `Use at most ${MAX_ASSETS_PER_JOB} assets.`,
        },
      ],
    })
  }
  return named
}

/**
 * Checks that every asset the job names is one of the caller's own, and Active. Another
 * person's asset is refused exactly like one that does not exist: same answer, same lookups.
 */
export async function checkNamedAssets(
  ctx: HandlerContext,
  userId: string,
  named: NamedAssets,
  signal: AbortSignal,
): Promise<void> {
  if (named.size === 0) return
  const groupId = await requireGroup(ctx, userId)
  for (const [assetId, where] of named) {
    let status: string
    try {
      status = (await ownAsset(ctx, userId, groupId, assetId, signal)).status
    } catch (error) {
      if (error instanceof LikenessError && error.code === 'not_found') {
        throw refusedReference(where, 'is not one of your portraits.')
      }
      throw error
    }
    if (status !== 'Active') {
      throw refusedReference(where, 'is not ready to use yet.')
    }
  }
}

/**
 * Where the request built for EasyRouter names an asset that was not checked, if anywhere.
 * Whatever the mapping puts in the request, nothing may reach EasyRouter that was not checked:
 * the check guards what is sent, not what was parsed.
 */
export function uncheckedAsset(sent: unknown, named: NamedAssets): string | undefined {
  const found = findAssetReferences(sent)
  const unchecked = found.references.find(
    (token) => token.assetId === null || !named.has(token.assetId),
  )
  return found.incomplete ? (unchecked?.path ?? found.incomplete) : unchecked?.path
}

// A token as the client wrote it, made safe to show: without the invisible characters that
// disguised it (which could also reorder the text around it) and of a bounded length.
function shown(token: string): string {
  const visible = token.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
  return visible.length > 80 ? `${visible.slice(0, 79)}…` : visible
}

function refusedReference(named: NamedAsset, problem: string): LikenessError {
  return fail('invalid_request', `${named.reference} ${problem}`, {
    field: named.field,
    reference: named.reference,
    issues: [{ field: named.field, code: 'invalid', message: `${named.reference} ${problem}` }],
  })
}
