export { LikenessProvider, useLikeness, type LikenessProviderProps } from './provider.tsx'
export {
  useVerificationSession,
  type UseVerificationSessionOptions,
  type VerificationSessionState,
} from './use-verification-session.ts'
export {
  useAssets,
  useUploads,
  useAssetDeletion,
  type UseAssetsOptions,
  type AssetsState,
  type UseUploadsOptions,
  type UploadsState,
  type AssetDeletionState,
} from './use-assets.ts'
export {
  useVideoJob,
  useVideoJobs,
  type UseVideoJobOptions,
  type VideoJobState,
  type VideoJobList,
} from './use-video-job.ts'
// Re-exported for hosts that only install the hooks (they live in @likeness/core).
export {
  likenessKeys,
  type LikenessKeys,
  type JobIdStorage,
  type VideoJobHookStatus,
  type VerificationHookStatus,
} from '@likeness/core'
