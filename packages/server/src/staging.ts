import type { EasyRouterAsset } from '@likeness/easyrouter'
import { publicRoute, type HandlerContext } from './context.ts'

const BLOB_PURPOSE = 'likeness-staged-upload'
const SWEEP_EVERY_MS = 60_000

// Once EasyRouter has taken an asset (it left Processing), our staged copy is not needed.
export async function releaseStaged(ctx: HandlerContext, asset: EasyRouterAsset): Promise<void> {
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

export async function stagedUrl(ctx: HandlerContext, key: string): Promise<string> {
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
