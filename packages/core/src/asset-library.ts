import {
  InfiniteQueryObserver,
  QueryObserver,
  type InfiniteQueryObserverResult,
  type QueryKey,
} from '@tanstack/query-core'
import {
  addToAssetLists,
  assetsOf,
  editAssetLists,
  putBackInAssetLists,
  removeFromAssetLists,
  settleInAssetLists,
  type AssetListData,
} from './asset-cache.ts'
import { isAssetSettling, type Asset, type AssetListQuery, type AssetPage } from './asset.ts'
import { toLikenessError, type LikenessError } from './errors.ts'
import { checkFile, type FileRules } from './file-checks.ts'
import { Observable } from './observable.ts'
import { pollDelayForAge } from './polling.ts'
import { retryPolicy, type LikenessRuntime } from './runtime.ts'
import { createUploadQueue, type UploadQueue } from './upload-queue.ts'
import { verificationQuery } from './verification-query.ts'
import type { VerificationSession } from './verification.ts'

/**
 * Which assets an {@link AssetListController} lists: filters, search, order and page size.
 *
 * @example
 * ```ts
 * const query: AssetListOptions = { statuses: ['active'], name: 'beach', pageSize: 48 }
 * ```
 */
export type AssetListOptions = Omit<AssetListQuery, 'page'>

/**
 * Everything an {@link AssetListController} knows at one moment.
 *
 * @example
 * ```ts
 * const { assets, total, hasNextPage }: AssetListSnapshot = list.getSnapshot()
 * ```
 */
export interface AssetListSnapshot {
  /** Every asset of the pages loaded so far, in list order, each once. */
  readonly assets: readonly Asset[]
  /** How many assets match the filters on the server, loaded or not. */
  readonly total: number
  /** True until it is known whether the person is verified and, if so, the first page came. */
  readonly isLoading: boolean
  /** Why the list (or the verification status) could not be read, if so. */
  readonly error: LikenessError | null
  /** More pages are on the server. */
  readonly hasNextPage: boolean
  readonly isFetchingNextPage: boolean
  /** Whether the person is verified; the list is only asked for when they are. */
  readonly isVerified: boolean
}

const DEFAULT_PAGE_SIZE = 24

/**
 * A filtered, paged list of the person's assets, without React. It asks for the list only
 * once the person is verified, and follows each loaded asset that is still processing by
 * reading that asset alone (slower as it ages, not while the tab is hidden), never the whole
 * list: when one settles, its copy changes in every cached list, and only lists filtered by
 * status are read again. Nothing runs until someone subscribes.
 *
 * @example
 * ```ts
 * const list = new AssetListController(runtime, { statuses: ['active'] })
 * const stop = list.subscribe(() => render(list.getSnapshot().assets))
 * ```
 */
export class AssetListController extends Observable<AssetListSnapshot> {
  readonly #runtime: LikenessRuntime
  #query: AssetListOptions
  readonly #verification: QueryObserver<VerificationSession | null>
  readonly #list: InfiniteQueryObserver<AssetPage, Error, AssetListData, QueryKey, number>
  /** Stops the observer of each loaded asset that is still settling (it reads that asset alone). */
  readonly #settling = new Map<string, () => void>()
  #stops: (() => void)[] = []
  #data: { from: AssetListData | undefined; assets: readonly Asset[] } = {
    from: undefined,
    assets: [],
  }

  constructor(runtime: LikenessRuntime, query: AssetListOptions = {}) {
    super(EMPTY)
    this.#runtime = runtime
    this.#query = query
    this.#verification = new QueryObserver(runtime.client, verificationQuery(runtime))
    this.#list = new InfiniteQueryObserver(runtime.client, this.#listOptions())
    this.#update()
  }

  /** Lists other assets (new filters, search or order); the pages start again. */
  readonly setQuery = (query: AssetListOptions): void => {
    if (JSON.stringify(query) === JSON.stringify(this.#query)) return
    this.#query = query
    this.#list.setOptions(this.#listOptions())
    this.#update()
  }

  /** Loads the next page (infinite scroll, a "Show more" button). */
  readonly fetchNextPage = (): Promise<unknown> => this.#list.fetchNextPage()

  /** Reads the loaded pages again. */
  readonly refetch = (): Promise<unknown> => this.#list.refetch()

  /** After an error: reads the verification and, once verified, the list again. */
  readonly retry = (): void => {
    void this.#verification.refetch()
    if (this.#isVerified()) void this.#list.refetch()
  }

  protected override onSubscribe(): void {
    const update = () => {
      this.#update()
    }
    this.#stops = [this.#verification.subscribe(update), this.#list.subscribe(update)]
    this.#update()
  }

  protected override onUnsubscribe(): void {
    for (const stop of this.#stops) stop()
    this.#stops = []
    for (const stop of this.#settling.values()) stop()
    this.#settling.clear()
  }

  #isVerified() {
    return this.#verification.getCurrentResult().data?.status === 'verified'
  }

  #listOptions() {
    const { adapter, keys } = this.#runtime
    const query = { ...this.#query, pageSize: this.#query.pageSize ?? DEFAULT_PAGE_SIZE }
    return {
      queryKey: keys.assetList(query) as QueryKey,
      queryFn: ({ pageParam, signal }: { pageParam: number; signal: AbortSignal }) =>
        adapter.listAssets({ ...query, page: pageParam }, { signal }),
      initialPageParam: 1,
      getNextPageParam: (last: AssetPage) =>
        last.page * last.pageSize < last.total ? last.page + 1 : undefined,
      enabled: this.#isVerified(),
      ...retryPolicy(this.#runtime),
    }
  }

  #update() {
    const verification = this.#verification.getCurrentResult()
    const verified = verification.data?.status === 'verified'
    if (this.#list.options.enabled !== verified) this.#list.setOptions(this.#listOptions())
    const list: InfiniteQueryObserverResult<AssetListData> = this.#list.getCurrentResult()
    if (this.#data.from !== list.data) this.#data = { from: list.data, assets: assetsOf(list.data) }
    const { assets } = this.#data
    if (this.isWatched) this.#follow(assets, list.dataUpdatedAt)
    const error = list.error ?? verification.error
    const previous = this.getSnapshot()
    const next: AssetListSnapshot = {
      assets,
      total: list.data?.pages[0]?.total ?? 0,
      isLoading: verification.isPending || (verified && list.isPending),
      error: error ? toLikenessError(error) : null,
      hasNextPage: list.hasNextPage,
      isFetchingNextPage: list.isFetchingNextPage,
      isVerified: verified,
    }
    const same = (Object.keys(next) as (keyof AssetListSnapshot)[]).every((key) =>
      key === 'error'
        ? next.error?.message === previous.error?.message
        : next[key] === previous[key],
    )
    if (!same) this.publish(next)
  }

  // Reads each settling asset on its own until it settles.
  #follow(assets: readonly Asset[], listedAt: number) {
    const { client, adapter, keys, polling } = this.#runtime
    const waiting = new Set(assets.filter(isAssetSettling).map((asset) => asset.id))
    for (const [id, stop] of this.#settling) {
      if (waiting.has(id)) continue
      stop()
      this.#settling.delete(id)
    }
    for (const asset of assets) {
      if (!waiting.has(asset.id) || this.#settling.has(asset.id)) continue
      const observer = new QueryObserver<Asset, Error>(client, {
        queryKey: keys.asset(asset.id),
        queryFn: () => adapter.getAsset(asset.id),
        // The list just read it: the first read waits for the first poll.
        initialData: asset,
        initialDataUpdatedAt: listedAt,
        staleTime: Infinity,
        ...retryPolicy(this.#runtime),
        // A pure function of the shared query state, so every list following the asset asks
        // at the same moments (one request).
        refetchInterval: ({ state: { data, dataUpdatedAt: at } }) =>
          data && isAssetSettling(data)
            ? pollDelayForAge(at - Date.parse(data.createdAt), polling, {
                random: () => (at % 1000) / 1000,
              })
            : false,
      })
      const stop = observer.subscribe(({ data }) => {
        if (data && data.status !== asset.status) settleInAssetLists(this.#runtime, data)
      })
      this.#settling.set(asset.id, stop)
    }
  }
}

const EMPTY: AssetListSnapshot = {
  assets: [],
  total: 0,
  isLoading: true,
  error: null,
  hasNextPage: false,
  isFetchingNextPage: false,
  isVerified: false,
}

/**
 * Options of {@link createAssetUploads}.
 *
 * @example
 * ```ts
 * const options: AssetUploadsOptions = { rules: () => ({ accept: ['image'] }), concurrency: 2 }
 * ```
 */
export interface AssetUploadsOptions {
  /** What files must be like before they are sent, read for each file (see `checkFile`). */
  rules?: (() => FileRules | undefined) | undefined
  /** How many files are sent at once. Default 4. */
  concurrency?: number | undefined
}

/**
 * The person's upload queue: checks files, sends them through the runtime's adapter, and
 * puts each new asset into the cached lists it heads (the others read again), where the
 * lists then follow it until it settles.
 *
 * @example
 * ```ts
 * const uploads = createAssetUploads(runtime, { rules: () => ({ accept: ['image'] }) })
 * uploads.add(input.files ?? [])
 * ```
 */
export function createAssetUploads(
  runtime: LikenessRuntime,
  { rules, concurrency }: AssetUploadsOptions = {},
): UploadQueue {
  return createUploadQueue({
    upload: (input, options) => runtime.adapter.uploadAsset(input, options),
    check: (file) => checkFile(file, rules?.()),
    concurrency,
    onUploaded: (asset) => {
      addToAssetLists(runtime, asset)
    },
  })
}

/**
 * Everything an {@link AssetDeletionController} knows at one moment.
 *
 * @example
 * ```ts
 * const { deleting, error }: AssetDeletionSnapshot = deletion.getSnapshot()
 * ```
 */
export interface AssetDeletionSnapshot {
  /** Ids of the assets being deleted now. */
  readonly deleting: readonly string[]
  /** "Delete everything" is in flight. */
  readonly isDeletingAll: boolean
  /** The last deletion that failed: the asset (or `null` for "delete everything") and why. */
  readonly failure: { readonly asset: Asset | null; readonly error: LikenessError } | null
}

const IDLE: AssetDeletionSnapshot = { deleting: [], isDeletingAll: false, failure: null }

/**
 * Deleting the person's assets, without React: one at a time or all at once, irreversibly.
 * An asset leaves every cached list at once; if the server refuses, it comes back and
 * `failure` says which and why. Deleting everything also ends the person's verification.
 *
 * @example
 * ```ts
 * const deletion = new AssetDeletionController(runtime)
 * if (!(await deletion.remove(asset))) alert(deletion.getSnapshot().failure?.error.message)
 * ```
 */
export class AssetDeletionController extends Observable<AssetDeletionSnapshot> {
  readonly #runtime: LikenessRuntime

  constructor(runtime: LikenessRuntime) {
    super(IDLE)
    this.#runtime = runtime
  }

  /** Deletes one asset; resolves `true` once the server did, `false` if it refused. */
  readonly remove = async (asset: Asset): Promise<boolean> => {
    const runtime = this.#runtime
    const { client, keys, adapter } = runtime
    this.#set({ deleting: [...this.getSnapshot().deleting, asset.id], failure: null })
    // Reads in flight are not cancelled (that would send a first page back to loading); the
    // lists they were reading are read again once the server has deleted it.
    const before = removeFromAssetLists(runtime, asset.id)
    try {
      await adapter.deleteAsset(asset.id)
      removeFromAssetLists(runtime, asset.id)
      client.removeQueries({ queryKey: keys.asset(asset.id), exact: true })
      // A read in flight may have been answered before the deletion: read those lists again.
      void client.invalidateQueries({
        queryKey: keys.assets,
        predicate: (query) => query.state.fetchStatus === 'fetching',
      })
      return true
    } catch (error) {
      putBackInAssetLists(runtime, asset, before)
      this.#set({ failure: { asset, error: toLikenessError(error) } })
      return false
    } finally {
      this.#set({ deleting: this.getSnapshot().deleting.filter((id) => id !== asset.id) })
      // Pages shifted on the server: read them again when next shown.
      void client.invalidateQueries({ queryKey: keys.assets, refetchType: 'none' })
    }
  }

  /**
   * Deletes every asset and the person's asset group; their verification ends and the lists
   * empty. Resolves `true` once done, `false` if the server refused.
   */
  readonly removeAll = async (): Promise<boolean> => {
    const runtime = this.#runtime
    const { client, keys, adapter } = runtime
    this.#set({ isDeletingAll: true, failure: null })
    try {
      await adapter.deleteAllAssets()
      editAssetLists(runtime, () => ({ pages: [], pageParams: [] }))
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.verification }),
        // Stale but not read now: without a verification the server would refuse. The lists
        // load again once the person is verified again.
        client.invalidateQueries({ queryKey: keys.assets, refetchType: 'none' }),
      ])
      return true
    } catch (error) {
      this.#set({ failure: { asset: null, error: toLikenessError(error) } })
      return false
    } finally {
      this.#set({ isDeletingAll: false })
    }
  }

  /** Forgets the last failure. */
  readonly dismissFailure = (): void => {
    this.#set({ failure: null })
  }

  #set(change: Partial<AssetDeletionSnapshot>) {
    this.publish({ ...this.getSnapshot(), ...change })
  }
}
