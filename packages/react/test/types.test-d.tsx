// Type tests: checked by `tsc` (pnpm typecheck), they pin down how the public API infers.
import {
  createHttpAdapter,
  type Asset,
  type LikenessError,
  type UploadItem,
  type UploadProgress,
  type VideoJob,
} from '@likeness/core'
import { expectTypeOf } from 'vitest'
import {
  likenessKeys,
  LikenessProvider,
  useAssetDeletion,
  useAssets,
  useUploads,
  useVerificationSession,
  useVideoJob,
  type VerificationHookStatus,
  type VideoJobHookStatus,
} from '../src/index.ts'

// The provider takes an adapter or a base URL, never both, never neither.
export const withBaseUrl = <LikenessProvider baseUrl="/api/likeness" />
export const withAdapter = <LikenessProvider adapter={createHttpAdapter({ baseUrl: '/api' })} />
// @ts-expect-error: one of adapter or baseUrl is required
export const withNeither = <LikenessProvider />
const adapter = createHttpAdapter({ baseUrl: '/api' })
// @ts-expect-error: not both
export const withBoth = <LikenessProvider baseUrl="/api" adapter={adapter} />

export function Checks() {
  const verification = useVerificationSession({ mode: 'popup' })
  expectTypeOf(verification.status).toEqualTypeOf<VerificationHookStatus>()
  expectTypeOf(verification.start).toEqualTypeOf<() => void>()
  // @ts-expect-error: only the two modes exist
  useVerificationSession({ mode: 'tab' })

  // The list only: uploads and deletions are hooks of their own.
  const assets = useAssets({ statuses: ['active'], sort: 'createdAt', pageSize: 48 })
  expectTypeOf(assets.assets).toEqualTypeOf<readonly Asset[]>()
  expectTypeOf(assets.error).toEqualTypeOf<LikenessError | null>()
  expectTypeOf(assets.fetchNextPage).toEqualTypeOf<() => Promise<unknown>>()
  expectTypeOf(assets).not.toHaveProperty('upload')
  expectTypeOf(assets).not.toHaveProperty('remove')
  // @ts-expect-error: statuses are the domain's lower-case ones
  useAssets({ statuses: ['Active'] })

  const uploads = useUploads({ rules: { accept: ['image'], maxBytes: 1024 }, concurrency: 2 })
  expectTypeOf(uploads.uploads).toEqualTypeOf<readonly UploadItem[]>()
  expectTypeOf(uploads.progress).toEqualTypeOf<UploadProgress>()
  expectTypeOf(uploads.isUploading).toEqualTypeOf<boolean>()
  expectTypeOf(uploads.upload).returns.toEqualTypeOf<string[]>()
  expectTypeOf(uploads.abort).toEqualTypeOf<(id: string) => void>()
  expectTypeOf(uploads.clear).toEqualTypeOf<() => void>()
  // @ts-expect-error: rules accept kinds of media, not file extensions
  useUploads({ rules: { accept: ['png'] } })
  // @ts-expect-error: listing is useAssets' job
  useUploads({ statuses: ['active'] })

  // Deleting takes the asset itself and resolves whether it was deleted; it never rejects.
  const deletion = useAssetDeletion()
  expectTypeOf(deletion.remove).parameter(0).toEqualTypeOf<Asset>()
  expectTypeOf(deletion.remove).returns.resolves.toEqualTypeOf<boolean>()
  expectTypeOf(deletion.removeAll).returns.resolves.toEqualTypeOf<boolean>()
  expectTypeOf(deletion.deleting).toEqualTypeOf<readonly string[]>()
  expectTypeOf(deletion.isDeletingAll).toEqualTypeOf<boolean>()
  expectTypeOf(deletion.failure).toEqualTypeOf<{
    readonly asset: Asset | null
    readonly error: LikenessError
  } | null>()
  expectTypeOf(deletion.dismissFailure).toEqualTypeOf<() => void>()
  // @ts-expect-error: remove takes the asset, not its id
  void deletion.remove('asset-20260521164235-zggcb')

  // A job id or options.
  const byId = useVideoJob('task_123')
  const byOptions = useVideoJob({ storageKey: false })
  expectTypeOf(byId.status).toEqualTypeOf<VideoJobHookStatus>()
  expectTypeOf(byOptions.submit).returns.resolves.toEqualTypeOf<VideoJob | null>()
  // @ts-expect-error: a model outside Seedance 2.0 is refused by the types already
  void byOptions.submit({ model: 'sora-2', prompt: 'x' })

  const keys = likenessKeys('user-1')
  expectTypeOf(keys.all).toEqualTypeOf<readonly ['likeness', string]>()
  return null
}
