/**
 * Edits of the cached asset lists, so a change the person made (an upload, a deletion) or an
 * asset that settled shows at once without reading every loaded page again. One place knows
 * how lists are keyed and paged.
 */
import type { InfiniteData, QueryKey } from '@tanstack/query-core'
import type { Asset, AssetListQuery, AssetPage } from './asset.ts'
import type { LikenessRuntime } from './runtime.ts'

/** The cached pages of one asset list. */
export type AssetListData = InfiniteData<AssetPage, number>

// Lists and single assets share the `assets` prefix; only lists have pages.
const isList = (data: unknown): data is AssetListData =>
  typeof data === 'object' && data !== null && 'pages' in data

/** The query a list key was made from (`keys.assetList(query)`). */
const queryOf = (key: QueryKey) => (key[4] ?? {}) as AssetListQuery

/** Rewrites every cached list of `runtime`'s scope; returns what they held, to put back. */
export function editAssetLists(
  { client, keys }: LikenessRuntime,
  edit: (data: AssetListData, query: AssetListQuery) => AssetListData,
): Array<[QueryKey, unknown]> {
  const saved = client.getQueriesData({ queryKey: keys.assets })
  for (const [key, data] of saved) {
    if (isList(data)) client.setQueryData(key, edit(data, queryOf(key)))
  }
  return saved
}

/** Replaces the copy of `asset` in every list that holds it. */
export function replaceInAssetLists(runtime: LikenessRuntime, asset: Asset): void {
  editAssetLists(runtime, (data) =>
    data.pages.some((page) => page.items.some((item) => item.id === asset.id))
      ? mapPages(data, (page) => ({
          ...page,
          items: page.items.map((item) => (item.id === asset.id ? asset : item)),
        }))
      : data,
  )
  runtime.client.setQueryData(runtime.keys.asset(asset.id), asset)
}

/** Takes an asset out of every list (and their totals); returns what they held before. */
export function removeFromAssetLists(
  runtime: LikenessRuntime,
  assetId: string,
): Array<[QueryKey, unknown]> {
  return editAssetLists(runtime, (data) => {
    const gone = data.pages.flatMap((page) => page.items).filter((a) => a.id === assetId).length
    return gone === 0
      ? data
      : mapPages(data, (page) => ({
          ...page,
          items: page.items.filter((item) => item.id !== assetId),
          total: page.total - gone,
        }))
  })
}

/**
 * Puts an asset back where it was in each list `before` held it (a deletion the server
 * refused), leaving every other change made since alone.
 */
export function putBackInAssetLists(
  { client }: LikenessRuntime,
  asset: Asset,
  before: ReadonlyArray<[QueryKey, unknown]>,
): void {
  const has = (data: AssetListData) =>
    data.pages.some((page) => page.items.some((item) => item.id === asset.id))
  for (const [key, old] of before) {
    if (!isList(old)) continue
    const pageIndex = old.pages.findIndex((page) => page.items.some((item) => item.id === asset.id))
    const now = client.getQueryData(key)
    if (pageIndex < 0 || !isList(now) || has(now)) continue
    const oldItems = old.pages[pageIndex]?.items ?? []
    const newItems = now.pages[pageIndex]?.items ?? []
    // After the neighbours that were before it and are still there.
    const kept = new Set(newItems.map((item) => item.id))
    const at = oldItems
      .slice(
        0,
        oldItems.findIndex((item) => item.id === asset.id),
      )
      .filter((item) => kept.has(item.id)).length
    client.setQueryData(
      key,
      mapPages(now, (page, index) => ({
        ...page,
        items: index === pageIndex ? page.items.toSpliced(at, 0, asset) : page.items,
        total: page.total + 1,
      })),
    )
  }
}

/**
 * A new asset (just uploaded, so the newest and `processing`): put first in the lists it
 * heads (newest first, not searched by name, showing processing ones); every other list is
 * read again, since only the server knows where it falls there.
 */
export function addToAssetLists(runtime: LikenessRuntime, asset: Asset): void {
  const stale: AssetListQuery[] = []
  editAssetLists(runtime, (data, query) => {
    const shown = !query.statuses || query.statuses.includes(asset.status)
    if (!shown) return data
    if (query.name || query.order === 'asc' || data.pages.length === 0) {
      stale.push(query)
      return data
    }
    return mapPages(data, (page, index) => ({
      ...page,
      items: index === 0 ? [asset, ...page.items] : page.items,
      total: page.total + 1,
    }))
  })
  runtime.client.setQueryData(runtime.keys.asset(asset.id), asset)
  for (const query of stale) {
    void runtime.client.invalidateQueries({ queryKey: runtime.keys.assetList(query), exact: true })
  }
}

/**
 * An asset left `processing`: its copy changes everywhere, and lists filtered by status,
 * which may have to gain or lose it, are read again.
 */
export function settleInAssetLists(runtime: LikenessRuntime, asset: Asset): void {
  replaceInAssetLists(runtime, asset)
  void runtime.client.invalidateQueries({
    queryKey: runtime.keys.assets,
    predicate: ({ queryKey, state }) => isList(state.data) && !!queryOf(queryKey).statuses,
  })
}

/** The assets of the loaded pages in order, each once (pages shift as assets come and go). */
export function assetsOf(data: AssetListData | undefined): Asset[] {
  const seen = new Set<string>()
  return (data?.pages ?? [])
    .flatMap((page) => page.items)
    .filter((asset) => !seen.has(asset.id) && Boolean(seen.add(asset.id)))
}

function mapPages(
  data: AssetListData,
  map: (page: AssetPage, index: number) => AssetPage,
): AssetListData {
  return { ...data, pages: data.pages.map(map) }
}
