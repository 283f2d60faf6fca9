// Type tests: checked by `tsc` (pnpm typecheck), they pin down how the public API infers.
import { createHttpAdapter, type VideoJob } from '@likeness/core'
import { expectTypeOf } from 'vitest'
import {
  likenessKeys,
  LikenessProvider,
  useAssets,
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

  const assets = useAssets({ statuses: ['active'], sort: 'createdAt' })
  expectTypeOf(assets.remove).parameter(0).toEqualTypeOf<string>()
  // @ts-expect-error: statuses are the domain's lower-case ones
  useAssets({ statuses: ['Active'] })

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
