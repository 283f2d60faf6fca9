export {
  LikenessProvider,
  useLikeness,
  type LikenessProviderProps,
  type JobIdStorage,
} from './provider.tsx'
export { likenessKeys, type LikenessKeys } from './query-keys.ts'
export {
  useVerificationSession,
  type UseVerificationSessionOptions,
  type VerificationSessionState,
  type VerificationHookStatus,
} from './use-verification-session.ts'
export { useAssets, type UseAssetsOptions, type AssetsState } from './use-assets.ts'
export {
  useVideoJob,
  useVideoJobs,
  type UseVideoJobOptions,
  type VideoJobState,
  type VideoJobHookStatus,
  type VideoJobList,
} from './use-video-job.ts'
