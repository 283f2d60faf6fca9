/**
 * The kind of media a portrait asset holds.
 *
 * @example
 * ```ts
 * const kinds: AssetType[] = ['image', 'video', 'audio']
 * ```
 */
export type AssetType = 'image' | 'video' | 'audio'

/**
 * Where an asset stands: `processing` right after upload, `active` once it may be used in a
 * video, `failed` when EasyRouter rejected it (see `Asset.error`). `unknown` stands for a
 * status string EasyRouter added after this version; treat it like `processing`.
 */
export type AssetStatus = 'processing' | 'active' | 'failed' | 'unknown'

/**
 * One portrait asset of the verified person.
 *
 * @example
 * ```ts
 * const usable = assets.filter((asset) => asset.status === 'active')
 * ```
 */
export interface Asset {
  /** EasyRouter's id, e.g. `asset-20260521164235-zggcb`; reference it as `asset://{id}`. */
  id: string
  name: string
  type: AssetType
  status: AssetStatus
  /** Why EasyRouter rejected it; present when `status` is `failed`. */
  error?: AssetError | undefined
  /** A temporary link to the media for previews; it expires (about 12 hours upstream). */
  previewUrl?: string | undefined
  /** ISO 8601. */
  createdAt: string
  /** ISO 8601. */
  updatedAt: string
}

/**
 * Why an asset failed. `FaceMismatch` means the face is not the verified person's.
 *
 * @example
 * ```ts
 * if (asset.error?.code === 'FaceMismatch') explainMismatch()
 * ```
 */
export interface AssetError {
  code: 'FaceMismatch' | (string & {})
  message: string
}

/** How to order a list of assets. */
export type AssetSort = 'createdAt' | 'updatedAt'

/**
 * Filters, search and paging for listing the person's assets.
 *
 * @example
 * ```ts
 * const query: AssetListQuery = { statuses: ['active'], name: 'beach', pageSize: 50 }
 * ```
 */
export interface AssetListQuery {
  statuses?: readonly AssetStatus[] | undefined
  /** Fuzzy (substring) match on the asset name. */
  name?: string | undefined
  sort?: AssetSort | undefined
  order?: 'asc' | 'desc' | undefined
  /** 1-based. */
  page?: number | undefined
  /** 1 to 100; 20 by default. */
  pageSize?: number | undefined
}

/** One page of assets. */
export interface AssetPage {
  items: Asset[]
  total: number
  page: number
  pageSize: number
}

/**
 * A file to upload as a portrait asset.
 *
 * @example
 * ```ts
 * await adapter.uploadAsset({ file, name: 'Portrait, front' }, { onProgress })
 * ```
 */
export interface UploadAssetInput {
  file: Blob
  /** Defaults to the file's name when it has one. */
  name?: string | undefined
  /** Defaults to the type detected from the file's bytes. */
  type?: AssetType | undefined
}

/** Bytes of an upload that have left the browser so far. */
export interface UploadProgress {
  loaded: number
  total: number
}

/**
 * Whether an asset may still change on its own: `processing`, or a status newer than this
 * version knows (`unknown`), which is treated the same way. Lists follow such assets until
 * they settle.
 *
 * @example
 * ```ts
 * const waiting = assets.filter(isAssetSettling).length
 * ```
 */
export function isAssetSettling(asset: Pick<Asset, 'status'>): boolean {
  return asset.status === 'processing' || asset.status === 'unknown'
}
