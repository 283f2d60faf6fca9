import { decodeUnicodeEscapes } from './h5-link.ts'
import {
  array,
  errorDetail,
  isObject,
  malformed,
  number,
  object,
  optionalNumber,
  optionalString,
  presentString,
  string,
  type Json,
} from './read.ts'
import type { AssetList, EasyRouterAsset, EasyRouterSession, VideoTask } from './types.ts'

// `raw_response` is never read: it carries the provider's temporary credentials (an H5 link
// with `secretAccessKey` and `sessionToken`), which must not leave the server, and nothing here
// needs it. Picking fields one by one, rather than spreading `data`, keeps it out.
export function parseSession(data: Json): EasyRouterSession {
  const bytedToken = string(data, 'byted_token', 'session')
  const rawLink = presentString(data, 'h5_link')
  const h5Link = rawLink === undefined ? undefined : decodeUnicodeEscapes(rawLink)
  if (h5Link !== undefined && !/^https?:\/\//i.test(h5Link)) {
    throw malformed('session.h5_link is not an http(s) URL')
  }
  return {
    sessionId: presentString(data, 'session_id') ?? bytedToken,
    bytedToken,
    h5Link,
    callbackUrl: presentString(data, 'callback_url'),
    channelId: optionalNumber(data, 'channel_id'),
    status: presentString(data, 'status') ?? 'pending',
    groupId: presentString(data, 'group_id'),
    resultCode: presentString(data, 'result_code'),
    expiresAt: presentString(data, 'expires_at'),
    createdAt: presentString(data, 'created_at'),
    updatedAt: presentString(data, 'updated_at'),
  }
}

export function parseAsset(value: unknown): EasyRouterAsset {
  const data = object(value, 'asset')
  return {
    id: string(data, 'id', 'asset'),
    groupId: presentString(data, 'group_id'),
    name: optionalString(data, 'name') ?? '',
    url: presentString(data, 'url'),
    assetType: string(data, 'asset_type', 'asset'),
    status: string(data, 'status', 'asset'),
    error: errorDetail(data.error),
    createTime: presentString(data, 'create_time'),
    updateTime: presentString(data, 'update_time'),
  }
}

export function parseAssetList(data: Json): AssetList {
  const items = array(data, 'items', 'list').map(parseAsset)
  return {
    items,
    totalCount: optionalNumber(data, 'total_count') ?? items.length,
    pageNumber: optionalNumber(data, 'page_number') ?? 1,
    pageSize: optionalNumber(data, 'page_size') ?? items.length,
  }
}

export function parseDeleted(data: Json, key: 'asset_id' | 'group_id'): void {
  if (data.deleted !== true) throw malformed(`the deletion of ${key} was not confirmed`)
}

export function parseVideoTask(data: Json): VideoTask {
  const id = presentString(data, 'id') ?? presentString(data, 'task_id')
  if (id === undefined) throw malformed('video task has no id')
  const metadata = isObject(data.metadata) ? data.metadata : {}
  const progress = Math.min(
    100,
    Math.max(0, number({ progress: data.progress ?? 0 }, 'progress', 'video task')),
  )
  return {
    id,
    model: presentString(data, 'model'),
    status: string(data, 'status', 'video task'),
    progress,
    createdAt: optionalNumber(data, 'created_at'),
    completedAt: optionalNumber(data, 'completed_at'),
    videoUrl: presentString(metadata, 'url') ?? presentString(data, 'url'),
    error: errorDetail(data.error),
  }
}
