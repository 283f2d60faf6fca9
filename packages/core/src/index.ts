export {
  LikenessError,
  LIKENESS_ERROR_CODES,
  isLikenessError,
  isLikenessErrorCode,
  toLikenessError,
  errorCodeForStatus,
  type LikenessErrorCode,
  type LikenessErrorOptions,
  type SerializedLikenessError,
} from './errors.ts'
export {
  ASSET_URI_PREFIX,
  buildAssetUri,
  parseAssetUri,
  isAssetUri,
  isAssetId,
  findAssetReferences,
  type AssetUri,
  type AssetReference,
  type AssetReferenceSearch,
  type FindAssetReferencesOptions,
} from './asset-uri.ts'
export {
  parseVerificationCallback,
  type VerificationCallback,
  type VerificationCallbackInput,
} from './verification-callback.ts'
export {
  classifyVerificationResult,
  VERIFICATION_FAILURE_MESSAGES,
  type VerificationFailureCode,
} from './verification-failure.ts'
export {
  DEFAULT_POLLING_SCHEDULE,
  DEFAULT_RETRY_SCHEDULE,
  pollDelay,
  pollDelayForAge,
  parseRetryAfter,
  type PollingSchedule,
  type PollDelayOptions,
} from './polling.ts'
export type {
  VerificationStatus,
  VerificationSession,
  VerificationFailure,
  VerificationMode,
  StartVerificationInput,
  StartedVerification,
} from './verification.ts'
export { isAssetSettling } from './asset.ts'
export type {
  Asset,
  AssetType,
  AssetStatus,
  AssetError,
  AssetSort,
  AssetListQuery,
  AssetPage,
  UploadAssetInput,
  UploadProgress,
} from './asset.ts'
export {
  VIDEO_MODELS,
  VIDEO_RESOLUTIONS,
  VIDEO_RATIOS,
  VIDEO_REFERENCE_ROLES,
  VIDEO_LIMITS,
  isTerminalVideoJobStatus,
  type VideoModel,
  type VideoResolution,
  type VideoRatio,
  type VideoReferenceRole,
  type VideoReference,
  type VideoJobInput,
  type VideoJobStatus,
  type VideoJob,
} from './video.ts'
export type {
  HostAdapter,
  CallOptions,
  UploadOptions,
  CreateVideoJobOptions,
} from './host-adapter.ts'
export { sniffMedia, ACCEPTED_MEDIA_TYPES, SNIFF_BYTES, type SniffedMedia } from './media-type.ts'
export {
  validateVideoJobInput,
  modelSupports,
  promptLength,
  type VideoInputIssue,
  type VideoInputValidation,
} from './video-input.ts'
export {
  LIKENESS_REQUEST_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  VERIFICATION_MESSAGE_TYPE,
  isIdempotencyKey,
  type VerificationMessage,
} from './protocol.ts'
export { createHttpAdapter, type HttpAdapterOptions } from './http-adapter.ts'
export { checkFile, type FileRules, type FileCheck, type FileCheckCode } from './file-checks.ts'
export {
  createUploadQueue,
  type UploadQueue,
  type UploadQueueOptions,
  type UploadItem,
  type UploadStatus,
  type UploadSnapshot,
} from './upload-queue.ts'
export { Observable } from './observable.ts'
export { systemClock, type Clock } from './clock.ts'
export { shouldRetry, retryDelay, MAX_RETRIES, MAX_RETRY_AFTER_MS } from './retry.ts'
export { likenessKeys, type LikenessKeys } from './query-keys.ts'
export { sessionJobIdStorage, type JobIdStorage } from './job-id-storage.ts'
export {
  createLikenessRuntime,
  retryPolicy,
  type LikenessRuntime,
  type LikenessRuntimeOptions,
} from './runtime.ts'
export {
  createVideoJobDraft,
  videoJobInputOf,
  changeVideoJobDraft,
  type VideoJobDraft,
} from './video-draft.ts'
export {
  VideoJobController,
  DEFAULT_JOB_STORAGE_KEY,
  type VideoJobControllerOptions,
  type VideoJobSnapshot,
  type VideoJobHookStatus,
} from './video-job-controller.ts'
export { verificationQuery } from './verification-query.ts'
export {
  AssetListController,
  AssetDeletionController,
  createAssetUploads,
  type AssetListOptions,
  type AssetListSnapshot,
  type AssetDeletionSnapshot,
  type AssetUploadsOptions,
} from './asset-library.ts'
export {
  VerificationController,
  type VerificationControllerOptions,
  type VerificationSnapshot,
  type VerificationHookStatus,
} from './verification-controller.ts'
