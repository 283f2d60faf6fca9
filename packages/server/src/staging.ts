import type { EasyRouterAsset } from '@likeness/easyrouter'
import type { BlobBody } from './blob/types.ts'
import { publicRoute, type HandlerContext } from './context.ts'
import { randomToken } from './signing.ts'
import type { AssetRecord } from './store/types.ts'

const BLOB_PURPOSE = 'likeness-staged-upload'
const SWEEP_EVERY_MS = 60_000
// At most this many old files are removed per sweep (in batches), so the request that happens
// to run the sweep stays quick; the next sweep takes the rest.
const SWEEP_BATCH_SIZE = 100
const SWEEP_BATCHES = 10

/** An upload waiting for EasyRouter: its key in the blob store and the URL EasyRouter fetches. */
export interface StagedUpload {
  key: string
  url: string
}

/**
 * Stages an upload for EasyRouter to fetch: stored under a fresh unguessable key, and reachable
 * at a signed URL that expires with the staged file's time to live.
 */
export async function stageUpload(
  ctx: HandlerContext,
  body: BlobBody,
  contentType: string,
): Promise<StagedUpload> {
  const key = randomToken(24)
  await ctx.blobs.put(key, body, { contentType, createdAt: ctx.now() })
  try {
    return { key, url: await stagedUrl(ctx, key) }
  } catch (error) {
    await ctx.blobs.delete(key)
    throw error
  }
}

/** Removes a staged upload EasyRouter will not fetch: the upload was refused. */
export async function discardStaged(ctx: HandlerContext, key: string): Promise<void> {
  await ctx.blobs.delete(key)
}

/** Removes the staged copy of an asset about to be forgotten, if it still has one. */
export async function discardStagedAsset(ctx: HandlerContext, assetId: string): Promise<void> {
  const record = await ctx.store.getAsset(assetId)
  if (record?.blobKey) await ctx.blobs.delete(record.blobKey)
}

/** Removes the staged copies of the assets of a group about to be deleted. */
export async function discardStagedGroup(ctx: HandlerContext, groupId: string): Promise<void> {
  const staged = await ctx.store.listStagedAssets(Number.MAX_SAFE_INTEGER)
  for (const record of staged) {
    if (record.groupId === groupId && record.blobKey) await ctx.blobs.delete(record.blobKey)
  }
}

// Once EasyRouter has taken an asset (it left Processing), our staged copy is not needed.
// `known` is the asset's record when the caller has already read it, so it is not read twice.
export async function releaseStaged(
  ctx: HandlerContext,
  asset: EasyRouterAsset,
  known?: { record: AssetRecord | undefined },
): Promise<void> {
  if (asset.status === 'Processing') return
  const record = known ? known.record : await ctx.store.getAsset(asset.id)
  if (!record?.blobKey) return
  await ctx.blobs.delete(record.blobKey)
  await ctx.store.clearAssetBlob(asset.id)
}

/**
 * Removes staged uploads older than their time to live; runs at most once a minute. It finds
 * them two ways: by the asset records that still point at a staged copy, and by asking the
 * blob store itself, which also finds the files no record points at (the server stopped
 * between staging a file and recording its asset).
 */
export async function sweepStaged(ctx: HandlerContext): Promise<void> {
  const now = ctx.now()
  if (now - ctx.lastSweep.at < SWEEP_EVERY_MS) return
  ctx.lastSweep.at = now
  const cutoff = now - ctx.options.limits.stagedUploadTtlMs
  const staged = await ctx.store.listStagedAssets(Number.MAX_SAFE_INTEGER)
  const recordOf = new Map(staged.map((record) => [record.blobKey, record.id]))
  for (const record of staged) {
    if (record.createdAt >= cutoff) continue
    if (record.blobKey) await ctx.blobs.delete(record.blobKey)
    await ctx.store.clearAssetBlob(record.id)
  }
  // A record is made after its file, so a file can pass its TTL before its record does.
  for (let batch = 0; batch < SWEEP_BATCHES; batch += 1) {
    const old = await ctx.blobs.list({ createdBefore: cutoff, limit: SWEEP_BATCH_SIZE })
    for (const { key } of old) {
      await ctx.blobs.delete(key)
      const id = recordOf.get(key)
      if (id !== undefined) await ctx.store.clearAssetBlob(id)
    }
    if (old.length < SWEEP_BATCH_SIZE) break
  }
}

// The signed, expiring address EasyRouter fetches a staged file from; `serveStaged` checks it.
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
    'content-length': String(blob.size),
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
  }
  if (request.method === 'HEAD') {
    await blob.body.cancel()
    return new Response(null, { headers })
  }
  // Streamed from the store as EasyRouter reads it; never in memory whole.
  return new Response(blob.body, { headers })
}
