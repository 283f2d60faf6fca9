export {
  createEasyRouterClient,
  EASYROUTER_BASE_URL,
  type EasyRouterClient,
  type EasyRouterClientOptions,
  type CallOptions,
} from './client.ts'
export type { RetryOptions, RetryPolicy } from './transport.ts'
export { decodeUnicodeEscapes } from './h5-link.ts'
export {
  toAsset,
  toEasyRouterAssetType,
  toListAssetsRequest,
  toVideoJob,
  toVideoTaskRequest,
} from './domain.ts'
export type {
  EasyRouterSession,
  EasyRouterAsset,
  EasyRouterAssetType,
  EasyRouterAssetStatus,
  UploadedAsset,
  UploadAssetRequest,
  ListAssetsRequest,
  AssetList,
  VideoContentItem,
  CreateVideoTaskRequest,
  EasyRouterVideoStatus,
  VideoTask,
} from './types.ts'
