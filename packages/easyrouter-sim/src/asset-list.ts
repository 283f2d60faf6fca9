import { badRequest } from './api-error.ts'
import { assetState, assetView, requireOwnGroup, type AssetStatus } from './assets.ts'
import type { Owner, SimContext } from './context.ts'
import { managementOk } from './envelope.ts'
import type { JsonObject } from './http.ts'
import type { AssetRecord } from './state.ts'
import { oneOf, optionalArray, optionalInteger, optionalString } from './validate.ts'

const STATUSES: readonly AssetStatus[] = ['Active', 'Processing', 'Failed']
const GROUP_TYPES = ['LivenessFace'] as const
const SORT_FIELDS = ['CreateTime', 'UpdateTime', 'GroupId'] as const
const SORT_ORDERS = ['Desc', 'Asc'] as const
const MAX_GROUP_IDS = 100
const MAX_PAGE_SIZE = 100

type SortField = (typeof SORT_FIELDS)[number]

interface ListQuery {
  groupIds: string[] | undefined
  statuses: AssetStatus[] | undefined
  name: string | undefined
  pageNumber: number
  pageSize: number
  sortBy: SortField
  descending: boolean
}

function parseQuery(body: JsonObject): ListQuery {
  const groupIds = optionalArray(body['group_ids'], 'group_ids')?.map((value, i) => {
    if (typeof value !== 'string' || value === '') {
      throw badRequest(`group_ids[${i}] must be a non-empty string.`)
    }
    return value
  })
  if (groupIds && groupIds.length > MAX_GROUP_IDS) {
    throw badRequest(`group_ids accepts at most ${MAX_GROUP_IDS} groups, got ${groupIds.length}.`)
  }
  if (body['group_type'] !== undefined) oneOf(body['group_type'], GROUP_TYPES, 'group_type')
  const statuses = optionalArray(body['statuses'], 'statuses')?.map((value, i) =>
    oneOf(value, STATUSES, `statuses[${i}]`),
  )
  const sortBy =
    body['sort_by'] === undefined ? 'CreateTime' : oneOf(body['sort_by'], SORT_FIELDS, 'sort_by')
  const sortOrder =
    body['sort_order'] === undefined ? 'Desc' : oneOf(body['sort_order'], SORT_ORDERS, 'sort_order')
  return {
    groupIds,
    statuses,
    name: optionalString(body['name'], 'name'),
    pageNumber:
      optionalInteger(body['page_number'], 'page_number', {
        min: 1,
        max: Number.MAX_SAFE_INTEGER,
      }) ?? 1,
    pageSize: optionalInteger(body['page_size'], 'page_size', { min: 1, max: MAX_PAGE_SIZE }) ?? 20,
    sortBy,
    descending: sortOrder === 'Desc',
  }
}

function sortKey(
  ctx: SimContext,
  asset: AssetRecord,
  field: SortField,
  nowMs: number,
): string | number {
  switch (field) {
    case 'CreateTime':
      return asset.createdAt
    case 'UpdateTime':
      return assetState(ctx, asset, nowMs).updatedAt
    case 'GroupId':
      return asset.groupId
  }
}

function compare(a: string | number, b: string | number): number {
  if (a < b) return -1
  return a > b ? 1 : 0
}

/**
 * `POST {prefix}/assets/list` (2.4). Only the caller's assets; `name` is a case-insensitive
 * substring match; ties are broken by creation order in the requested direction, so paging is
 * stable. Naming a group the caller does not own is a 404, like every other group lookup.
 */
export async function listAssets(
  ctx: SimContext,
  owner: Owner,
  body: JsonObject,
): Promise<Response> {
  const query = parseQuery(body)
  const groups = query.groupIds ? new Set(query.groupIds) : undefined
  for (const groupId of groups ?? []) requireOwnGroup(ctx, owner, groupId)

  const now = ctx.clock.now()
  const needle = query.name?.toLowerCase()
  const matches = [...ctx.state.assets.values()].filter(
    (asset) =>
      asset.owner === owner &&
      (!groups || groups.has(asset.groupId)) &&
      (!query.statuses || query.statuses.includes(assetState(ctx, asset, now).status)) &&
      (needle === undefined || asset.name.toLowerCase().includes(needle)),
  )
  const direction = query.descending ? -1 : 1
  matches.sort(
    (a, b) =>
      direction *
      (compare(sortKey(ctx, a, query.sortBy, now), sortKey(ctx, b, query.sortBy, now)) ||
        a.seq - b.seq),
  )
  const start = (query.pageNumber - 1) * query.pageSize
  const page = matches.slice(start, start + query.pageSize)
  return managementOk({
    items: await Promise.all(page.map((asset) => assetView(ctx, asset))),
    total_count: matches.length,
    page_number: query.pageNumber,
    page_size: query.pageSize,
  })
}
