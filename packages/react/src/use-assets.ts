import type { LikenessError } from '@likeness/core'
import {
  checkFile,
  createUploadQueue,
  pollDelayForAge,
  type Asset,
  type AssetPage,
  type AssetListQuery,
  type FileRules,
  type UploadItem,
  type UploadProgress,
  type UploadQueue,
} from '@likeness/core'
import {
  useInfiniteQuery,
  useMutation,
  useQueryClient,
  type InfiniteData,
} from '@tanstack/react-query'
import { useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { errorOf, useLikeness, useVerification } from './provider.tsx'

/**
 * Options of {@link useAssets}: which assets to list, and how to upload.
 *
 * @example
 * ```ts
 * useAssets({ statuses: ['active'], name: search, pageSize: 48, rules: { accept: ['image'] } })
 * ```
 */
export interface UseAssetsOptions extends Omit<AssetListQuery, 'page'> {
  /** Assets per page, 1 to 100. Default 24. */
  pageSize?: number | undefined
  /** How many files are sent at once; read when the hook mounts. Default 4. */
  concurrency?: number | undefined
  /** What files must be like before they are sent (see `checkFile`). */
  rules?: FileRules | undefined
}

/** What {@link useAssets} returns. */
export interface AssetsState {
  /** Every asset of the pages loaded so far, in list order. */
  assets: Asset[]
  /** How many assets match the filters on the server, loaded or not. */
  total: number
  /** True until it is known whether the person is verified and, if so, the first page came. */
  isLoading: boolean
  /** Why the list (or the verification status) could not be read, if so. */
  error: LikenessError | null
  /** More pages are on the server. */
  hasNextPage: boolean
  /** Loads the next page (infinite scroll, a "Show more" button). */
  fetchNextPage: () => Promise<unknown>
  isFetchingNextPage: boolean
  /** Whether the person is verified; the list is only asked for when they are. */
  isVerified: boolean
  /** Files sent from this hook, in the order they were added, finished ones included. */
  uploads: readonly UploadItem[]
  /** Bytes of the current batch of uploads; `{ loaded: 0, total: 0 }` when idle. */
  uploadProgress: UploadProgress
  /** Some file is being checked, waits, or is being sent. */
  isUploading: boolean
  /**
   * Checks and uploads files (a `FileList` works); returns their upload ids. A file the
   * `rules` refuse becomes `rejected` with a `rejection` and is never sent.
   */
  upload: UploadQueue['add']
  /** Stops one upload; it becomes `aborted`. */
  abortUpload: (id: string) => void
  /** Sends a `failed` or `aborted` upload again. */
  retryUpload: (id: string) => void
  /** Removes a finished upload from `uploads`. */
  dismissUpload: (id: string) => void
  /** Removes every finished upload from `uploads`. */
  clearUploads: () => void
  /**
   * Deletes an asset, irreversibly. It leaves every cached list at once; if the server
   * refuses, it comes back, `removeError` is set, and the promise rejects.
   */
  remove: (id: string) => Promise<void>
  /**
   * Deletes every asset and the person's asset group, irreversibly. Their verification ends
   * (`isVerified` becomes false) and the list empties; they may verify again afterwards.
   */
  removeAll: () => Promise<void>
  /** Why the last `remove` or `removeAll` failed, if it did. */
  removeError: LikenessError | null
  /** Reads the loaded pages again. */
  refetch: () => Promise<unknown>
}

type Lists = InfiniteData<AssetPage> | Asset

/**
 * The verified person's portrait assets: a filtered, paged list that follows processing
 * assets until they settle, plus an upload queue and deletion. The list polls only while a
 * loaded asset is `processing`, slower as that asset ages (the provider's `polling`), and,
 * as TanStack Query does by default (`refetchIntervalInBackground: false`), not while the tab
 * is hidden. Uploads run in a queue owned by this hook; they keep going if the component
 * unmounts, and each one refreshes the lists when it is done.
 *
 * @example
 * ```tsx
 * const { assets, upload, uploads, remove, hasNextPage, fetchNextPage } = useAssets({
 *   rules: { accept: ['image'] },
 * })
 * return (
 *   <>
 *     <input type="file" multiple onChange={(event) => upload(event.target.files ?? [])} />
 *     {assets.map((asset) => (
 *       <button key={asset.id} data-status={asset.status} onClick={() => remove(asset.id)}>
 *         {asset.name}
 *       </button>
 *     ))}
 *     {hasNextPage && <button onClick={() => fetchNextPage()}>Show more</button>}
 *   </>
 * )
 * ```
 */
export function useAssets(options: UseAssetsOptions = {}): AssetsState {
  const { adapter, keys, polling } = useLikeness()
  const queryClient = useQueryClient()
  const latest = useRef({ adapter, keys, queryClient, rules: options.rules })
  latest.current = { adapter, keys, queryClient, rules: options.rules }

  const verification = useVerification()
  const isVerified = verification.data?.status === 'verified'

  const { statuses, name, sort, order, pageSize = 24 } = options
  const query = { statuses, name, sort, order, pageSize }
  const list = useInfiniteQuery({
    queryKey: keys.assetList(query),
    queryFn: async ({ pageParam, signal, queryKey }) => {
      const page = await adapter.listAssets({ ...query, page: pageParam }, { signal })
      // Only lists holding a processing asset poll: when one settles here, lists filtered by
      // status (which may not hold it yet) read again.
      const seen = queryClient.getQueryData<InfiniteData<AssetPage>>(queryKey)
      if (
        seen?.pages.some((old) =>
          old.items.some(
            (a) =>
              a.status === 'processing' &&
              page.items.some((b) => b.id === a.id && b.status !== a.status),
          ),
        )
      )
        void queryClient.invalidateQueries({
          queryKey: keys.assets,
          predicate: (other) => other.queryKey !== queryKey,
        })
      return page
    },
    initialPageParam: 1,
    getNextPageParam: (last: AssetPage) =>
      last.page * last.pageSize < last.total ? last.page + 1 : undefined,
    enabled: isVerified,
    refetchInterval: ({ state }) => {
      // `unknown` is a status newer than this version: treat it as still processing.
      const newest = Math.max(
        ...(state.data?.pages ?? [])
          .flatMap((page) => page.items)
          .filter((asset) => asset.status === 'processing' || asset.status === 'unknown')
          .map((asset) => Date.parse(asset.createdAt) || 0),
      )
      return newest > -Infinity && pollDelayForAge(Date.now() - newest, polling)
    },
  })
  const assets = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data])

  // Created once per hook, also under StrictMode; reads the latest adapter and rules per call.
  const [queue] = useState(() =>
    createUploadQueue({
      upload: (input, callOptions) => latest.current.adapter.uploadAsset(input, callOptions),
      check: (file) => checkFile(file, latest.current.rules),
      concurrency: options.concurrency,
      onUploaded: () => {
        void latest.current.queryClient.invalidateQueries({ queryKey: latest.current.keys.assets })
      },
    }),
  )
  const uploads = useSyncExternalStore(queue.subscribe, queue.getSnapshot, queue.getSnapshot)

  // Rewrites every cached asset list (detail entries are left alone).
  const editLists = (edit: (data: InfiniteData<AssetPage>) => InfiniteData<AssetPage>) => {
    queryClient.setQueriesData<Lists>({ queryKey: keys.assets }, (data) =>
      data && 'pages' in data ? edit(data) : data,
    )
  }

  const removal = useMutation({
    mutationFn: (id: string) => adapter.deleteAsset(id),
    onMutate: async (id) => {
      await queryClient.cancelQueries({ queryKey: keys.assets })
      const saved = queryClient.getQueriesData<Lists>({ queryKey: keys.assets })
      editLists((data) => {
        const gone = data.pages.flatMap((page) => page.items).filter((a) => a.id === id).length
        return {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.filter((asset) => asset.id !== id),
            total: page.total - gone,
          })),
        }
      })
      return saved
    },
    onError: (_error, _id, saved) => {
      for (const [key, data] of saved ?? []) queryClient.setQueryData(key, data)
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.assets }),
  })

  const removalOfAll = useMutation({
    mutationFn: () => adapter.deleteAllAssets(),
    onSuccess: () => {
      editLists(() => ({ pages: [], pageParams: [] }))
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.verification }),
        // Stale but not refetched now: without a verification the server would refuse. The
        // lists load again once the person is verified again.
        queryClient.invalidateQueries({ queryKey: keys.assets, refetchType: 'none' }),
      ])
    },
  })

  return {
    assets,
    total: list.data?.pages[0]?.total ?? 0,
    isLoading: verification.isPending || (isVerified && list.isPending),
    error: errorOf(list.error ?? verification.error),
    hasNextPage: list.hasNextPage,
    fetchNextPage: list.fetchNextPage,
    isFetchingNextPage: list.isFetchingNextPage,
    isVerified,
    uploads: uploads.items,
    uploadProgress: uploads.total,
    isUploading: uploads.isUploading,
    upload: queue.add,
    abortUpload: queue.abort,
    retryUpload: queue.retry,
    dismissUpload: queue.dismiss,
    clearUploads: queue.clear,
    remove: removal.mutateAsync,
    removeAll: removalOfAll.mutateAsync,
    removeError: errorOf(removal.error ?? removalOfAll.error),
    refetch: list.refetch,
  }
}
