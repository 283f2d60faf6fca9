export { createLikenessHandler, type LikenessHandler } from './handler.ts'
export {
  DEFAULT_LIMITS,
  type LikenessHandlerOptions,
  type LikenessLimits,
  type RateLimit,
  type EasyRouterOption,
} from './options.ts'
export type { LikenessEvent, LikenessErrorReport } from './events.ts'
export type {
  Store,
  VerificationRecord,
  AssetRecord,
  JobRecord,
  IdempotencyReservation,
  IdempotencyOutcome,
} from './store/types.ts'
export type { BlobStore, BlobBody, BlobInfo, BlobEntry, StoredBlob } from './blob/types.ts'
export { createMemoryStore } from './store/memory-store.ts'
export { createMemoryBlobStore } from './blob/memory-blob-store.ts'
