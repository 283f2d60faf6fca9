// EasyRouter's objects with camelCase keys. Values (statuses, asset types) stay as EasyRouter
// spells them, plus `(string & {})` because the router may add new ones.

/**
 * A liveness session as EasyRouter reports it (sections 2.1 and 2.2 of its API). EasyRouter's
 * `raw_response` is deliberately absent: it holds the liveness provider's temporary credentials,
 * so the client never reads it into anything it returns.
 *
 * @example
 * ```ts
 * const session = await client.createSession({ callbackUrl })
 * location.href = session.h5Link // decoded, ready to navigate
 * ```
 */
export interface EasyRouterSession {
  /** Not final until the person finishes the liveness page; key records by `bytedToken`. */
  sessionId: string
  /** Stable for the session and carried by the callback; query with it. */
  bytedToken: string
  /**
   * The hosted liveness page, with unicode escapes decoded. Present on creation. It carries
   * temporary credentials: never log or store it.
   */
  h5Link?: string | undefined
  callbackUrl?: string | undefined
  channelId?: number | undefined
  /** `pending`, `verified`, and others EasyRouter may use (`failed`, `expired`, ...). */
  status: 'pending' | 'verified' | 'failed' | 'expired' | (string & {})
  /** The person's portrait group, once verified. */
  groupId?: string | undefined
  resultCode?: string | undefined
  expiresAt?: string | undefined
  createdAt?: string | undefined
  updatedAt?: string | undefined
}

/** The kind of media in an EasyRouter asset. */
export type EasyRouterAssetType = 'Image' | 'Video' | 'Audio'

/** An asset's processing state upstream. Only `Active` assets may be used in videos. */
export type EasyRouterAssetStatus = 'Processing' | 'Active' | 'Failed' | (string & {})

/**
 * A portrait asset as EasyRouter reports it (sections 2.3 to 2.5).
 *
 * @example
 * ```ts
 * if (asset.status === 'Failed' && asset.error?.code === 'FaceMismatch') reject()
 * ```
 */
export interface EasyRouterAsset {
  id: string
  groupId?: string | undefined
  name: string
  /** For a read, a signed object-storage link that expires (12 hours in EasyRouter's example). */
  url?: string | undefined
  assetType: EasyRouterAssetType | (string & {})
  status: EasyRouterAssetStatus
  error?: { code: string; message: string } | undefined
  createTime?: string | undefined
  updateTime?: string | undefined
}

/** The answer to an upload: the asset (still `Processing`) and EasyRouter's `warning`. */
export interface UploadedAsset extends EasyRouterAsset {
  warning?: string | undefined
}

/** Input of {@link EasyRouterClient.uploadAsset}. */
export interface UploadAssetRequest {
  /** Only ever the group EasyRouter returned for a verified session. */
  groupId: string
  /** A public URL EasyRouter fetches the media from. */
  url: string
  assetType: EasyRouterAssetType
  name?: string | undefined
}

/** Input of {@link EasyRouterClient.listAssets}; every field is optional. */
export interface ListAssetsRequest {
  /** At most 100. */
  groupIds?: readonly string[] | undefined
  groupType?: 'LivenessFace' | (string & {}) | undefined
  statuses?: readonly ('Active' | 'Processing' | 'Failed')[] | undefined
  /** Fuzzy match on names. */
  name?: string | undefined
  pageNumber?: number | undefined
  /** 1 to 100. */
  pageSize?: number | undefined
  sortBy?: 'CreateTime' | 'UpdateTime' | 'GroupId' | undefined
  sortOrder?: 'Asc' | 'Desc' | undefined
}

/** One page of assets. */
export interface AssetList {
  items: EasyRouterAsset[]
  totalCount: number
  pageNumber: number
  pageSize: number
}

/** One item of the Seedance `metadata.content` array. */
export type VideoContentItem =
  | { type: 'image_url'; imageUrl: string; role?: string | undefined }
  | { type: 'video_url'; videoUrl: string; role?: string | undefined }

/**
 * A Seedance video request (section 3.1).
 *
 * @example
 * ```ts
 * await client.createVideoTask({
 *   model: 'dreamina-seedance-2-0',
 *   prompt: '画面中的我，穿着宇航服在月球上行走',
 *   duration: 5,
 *   content: [{ type: 'image_url', imageUrl: 'asset://asset-20260520153701-pgxsl' }],
 *   resolution: '720p',
 *   ratio: '16:9',
 *   seed: 42,
 * })
 * ```
 */
export interface CreateVideoTaskRequest {
  model: string
  prompt: string
  duration?: number | undefined
  image?: string | undefined
  images?: readonly string[] | undefined
  content?: readonly VideoContentItem[] | undefined
  resolution?: string | undefined
  ratio?: string | undefined
  seed?: number | undefined
  generateAudio?: boolean | undefined
  watermark?: boolean | undefined
}

/** A video task's state; the router promises only these four. */
export type EasyRouterVideoStatus =
  'queued' | 'in_progress' | 'completed' | 'failed' | (string & {})

/**
 * A Seedance task as the router reports it (sections 3.1 and 3.2).
 *
 * @example
 * ```ts
 * if (task.status === 'completed') await copyVideo(task.videoUrl)
 * ```
 */
export interface VideoTask {
  id: string
  model?: string | undefined
  status: EasyRouterVideoStatus
  /** 0 to 100. */
  progress: number
  /** Unix seconds. */
  createdAt?: number | undefined
  /** Unix seconds; only once terminal. */
  completedAt?: number | undefined
  /** The video (`metadata.url`) once completed; a temporary link. */
  videoUrl?: string | undefined
  error?: { code: string; message: string } | undefined
}
