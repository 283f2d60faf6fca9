import {
  AssetDeletionController,
  AssetListController,
  createAssetUploads,
  type Asset,
  type AssetDeletionSnapshot,
  type AssetListOptions,
  type AssetListSnapshot,
  type FileRules,
  type UploadItem,
  type UploadProgress,
  type UploadQueue,
} from '@likeness/core'
import { useEffect, useMemo, useRef } from 'react'
import { useLikeness } from './provider.tsx'
import { useController, useSnapshot } from './use-controller.ts'

/**
 * Options of {@link useAssets}: which assets to list.
 *
 * @example
 * ```ts
 * useAssets({ statuses: ['active'], name: search, pageSize: 48 })
 * ```
 */
export interface UseAssetsOptions extends AssetListOptions {
  /** Assets per page, 1 to 100. Default 24. */
  pageSize?: number | undefined
}

/**
 * What {@link useAssets} returns: the list and how to page it.
 *
 * @example
 * ```ts
 * const { assets, total, hasNextPage, fetchNextPage }: AssetsState = useAssets()
 * ```
 */
export interface AssetsState extends AssetListSnapshot {
  /** Loads the next page (infinite scroll, a "Show more" button). */
  fetchNextPage: () => Promise<unknown>
  /** Reads the loaded pages again. */
  refetch: () => Promise<unknown>
  /** After an error: reads the verification and the list again. */
  retry: () => void
}

/**
 * The verified person's portrait assets: a filtered, paged list. A thin adapter over
 * `AssetListController` from `@likeness/core`: it asks for the list once the person is
 * verified, and follows each processing asset by reading that asset alone, slower as it ages
 * and not while the tab is hidden, until it settles. Uploads are {@link useUploads},
 * deletions {@link useAssetDeletion}; both show in every list at once.
 *
 * @example
 * ```tsx
 * const { assets, hasNextPage, fetchNextPage } = useAssets({ statuses: ['active'] })
 * return (
 *   <>
 *     {assets.map((asset) => <img key={asset.id} src={asset.previewUrl} alt={asset.name} />)}
 *     {hasNextPage && <button onClick={() => fetchNextPage()}>Show more</button>}
 *   </>
 * )
 * ```
 */
export function useAssets(options: UseAssetsOptions = {}): AssetsState {
  const runtime = useLikeness()
  const { statuses, name, sort, order, pageSize } = options
  const query = { statuses, name, sort, order, pageSize }
  const list = useController(() => new AssetListController(runtime, query), [runtime])
  useEffect(() => {
    list.setQuery(query)
  })
  return useSnapshot(list, {
    fetchNextPage: list.fetchNextPage,
    refetch: list.refetch,
    retry: list.retry,
  })
}

/**
 * Options of {@link useUploads}.
 *
 * @example
 * ```ts
 * useUploads({ rules: { accept: ['image'], maxBytes: 10 * 2 ** 20 }, concurrency: 2 })
 * ```
 */
export interface UseUploadsOptions {
  /** What files must be like before they are sent (see `checkFile`); read for each file. */
  rules?: FileRules | undefined
  /** How many files are sent at once; read when the hook mounts. Default 4. */
  concurrency?: number | undefined
}

/**
 * What {@link useUploads} returns.
 *
 * @example
 * ```ts
 * const { uploads, progress, isUploading, upload, abort, retry }: UploadsState = useUploads()
 * ```
 */
export interface UploadsState {
  /** Files sent from this hook, in the order they were added, finished ones included. */
  uploads: readonly UploadItem[]
  /** Bytes of the current batch; `{ loaded: 0, total: 0 }` when idle. */
  progress: UploadProgress
  /** Some file is being checked, waits, or is being sent. */
  isUploading: boolean
  /**
   * Checks and uploads files (a `FileList` works); returns their upload ids. A file the
   * `rules` refuse becomes `rejected` with a `rejection` and is never sent.
   */
  upload: UploadQueue['add']
  /** Stops one upload; it becomes `aborted`. */
  abort: (id: string) => void
  /** Sends a `failed` or `aborted` upload again. */
  retry: (id: string) => void
  /** Removes a finished upload from `uploads`. */
  dismiss: (id: string) => void
  /** Removes every finished upload from `uploads`. */
  clear: () => void
}

/**
 * Uploads portrait files: a queue that checks each file, sends a few at a time with
 * progress, and lets each be aborted, retried or dismissed. Each new asset shows in the
 * lists of {@link useAssets} at once, which follow it until it settles. The queue belongs to
 * the hook and keeps going if the component unmounts.
 *
 * @example
 * ```tsx
 * const { upload, uploads } = useUploads({ rules: { accept: ['image'] } })
 * return <input type="file" multiple onChange={(event) => upload(event.target.files ?? [])} />
 * ```
 */
export function useUploads(options: UseUploadsOptions = {}): UploadsState {
  const runtime = useLikeness()
  const rules = useRef(options.rules)
  useEffect(() => {
    rules.current = options.rules
  })
  const queue = useController(
    () =>
      createAssetUploads(runtime, { rules: () => rules.current, concurrency: options.concurrency }),
    [runtime],
  )
  const { items, total, isUploading, ...state } = useSnapshot(queue, {
    upload: queue.add,
    abort: queue.abort,
    retry: queue.retry,
    dismiss: queue.dismiss,
    clear: queue.clear,
  })
  return useMemo(
    () => ({ ...state, uploads: items, progress: total, isUploading }),
    [items, total, isUploading],
  )
}

/**
 * What {@link useAssetDeletion} returns.
 *
 * @example
 * ```ts
 * const { remove, deleting, failure }: AssetDeletionState = useAssetDeletion()
 * ```
 */
export interface AssetDeletionState extends AssetDeletionSnapshot {
  /**
   * Deletes an asset, irreversibly. It leaves every list at once; if the server refuses, it
   * comes back and `failure` says why. Resolves whether it was deleted; never rejects.
   */
  remove: (asset: Asset) => Promise<boolean>
  /**
   * Deletes every asset and the person's asset group, irreversibly. Their verification ends
   * and the lists empty; they may verify again afterwards. Resolves whether it was done.
   */
  removeAll: () => Promise<boolean>
  /** Forgets `failure`. */
  dismissFailure: () => void
}

/**
 * Deleting the person's assets, one or all, with what is in flight and the last failure in
 * one place. A thin adapter over `AssetDeletionController` from `@likeness/core`.
 *
 * @example
 * ```tsx
 * const { remove, deleting } = useAssetDeletion()
 * <button disabled={deleting.includes(asset.id)} onClick={() => void remove(asset)}>Delete</button>
 * ```
 */
export function useAssetDeletion(): AssetDeletionState {
  const runtime = useLikeness()
  const deletion = useController(() => new AssetDeletionController(runtime), [runtime])
  return useSnapshot(deletion, {
    remove: deletion.remove,
    removeAll: deletion.removeAll,
    dismissFailure: deletion.dismissFailure,
  })
}
