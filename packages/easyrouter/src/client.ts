import { DEFAULT_RETRY_SCHEDULE, LikenessError } from '@likeness/core'
import { parseAsset, parseAssetList, parseDeleted, parseSession, parseVideoTask } from './parse.ts'
import {
  DEFAULT_RETRY,
  send,
  type CallSettings,
  type RequestSpec,
  type RetryOptions,
  type TransportOptions,
} from './transport.ts'
import type {
  AssetList,
  CreateVideoTaskRequest,
  EasyRouterAsset,
  EasyRouterSession,
  ListAssetsRequest,
  UploadAssetRequest,
  UploadedAsset,
  VideoTask,
} from './types.ts'

/** EasyRouter's public API origin. */
export const EASYROUTER_BASE_URL = 'https://easyrouter.io'

const PREFIX = '/api/resource-channel/byteplus/visual-validate'
const TASKS = '/v1/video/generations'
const ASSET_TYPES = new Set(['Image', 'Video', 'Audio'])
const STATUSES = new Set(['Active', 'Processing', 'Failed'])
const SORT_BY = new Set(['CreateTime', 'UpdateTime', 'GroupId'])
const SORT_ORDER = new Set(['Asc', 'Desc'])
// Ids travel in URL paths: allow only characters that cannot change the path or query.
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/

/**
 * Options of {@link createEasyRouterClient}.
 *
 * @example
 * ```ts
 * const options: EasyRouterClientOptions = { apiKey: process.env.EASYROUTER_API_KEY ?? '' }
 * ```
 */
export interface EasyRouterClientOptions {
  /** The account's API key (`sk-...`). A server secret: never send it to a browser. */
  apiKey: string
  /** Default `https://easyrouter.io`; point it at the simulator in development. */
  baseUrl?: string | undefined
  /** Default `globalThis.fetch`; pass the simulator's `fetch` to run in-process. */
  fetch?: typeof fetch | undefined
  /** Per-attempt time limit in milliseconds. Default 30 s. */
  timeoutMs?: number | undefined
  /** Retry settings for calls that are safe to repeat, or `false` to never retry. */
  retry?: RetryOptions | false | undefined
  /** Random source for backoff jitter, in [0, 1). Default `Math.random`. */
  random?: (() => number) | undefined
}

/** Per-call options: an `AbortSignal` and a time limit. */
export type CallOptions = CallSettings

/**
 * A typed client for EasyRouter's real-person verification, portrait asset and Seedance video
 * endpoints. Every method rejects with a `LikenessError` (from `@likeness/core`).
 */
export interface EasyRouterClient {
  /** 2.1: starts a liveness session. Never retried. */
  createSession(
    input?: { callbackUrl?: string | undefined },
    options?: CallOptions,
  ): Promise<EasyRouterSession>
  /**
   * 2.2: reads a session and, once verified, its `groupId`. Pass the `bytedToken` (the
   * session id is only final after the liveness page) and the callback's `resultCode`.
   */
  getSession(
    bytedTokenOrSessionId: string,
    input?: { resultCode?: string | undefined },
    options?: CallOptions,
  ): Promise<EasyRouterSession>
  /** 2.3: asks EasyRouter to fetch a portrait asset from a public URL. Never retried. */
  uploadAsset(input: UploadAssetRequest, options?: CallOptions): Promise<UploadedAsset>
  /** 2.4: lists assets with filters, fuzzy name search, sorting and paging. */
  listAssets(input?: ListAssetsRequest, options?: CallOptions): Promise<AssetList>
  /** 2.5: reads one asset, with a fresh signed `url`. */
  getAsset(assetId: string, options?: CallOptions): Promise<EasyRouterAsset>
  /** 2.6: deletes one asset, irreversibly. Retried only after a 429. */
  deleteAsset(assetId: string, options?: CallOptions): Promise<void>
  /** 2.7: deletes a group and all its assets, irreversibly. Retried only after a 429. */
  deleteAssetGroup(groupId: string, options?: CallOptions): Promise<void>
  /** 3.1: submits a Seedance video task. Never retried, so never billed twice. */
  createVideoTask(input: CreateVideoTaskRequest, options?: CallOptions): Promise<VideoTask>
  /** 3.2: reads a video task. */
  getVideoTask(taskId: string, options?: CallOptions): Promise<VideoTask>
}

/**
 * Creates an {@link EasyRouterClient}. Reads are retried with jittered backoff that honours
 * `Retry-After`; creates are never retried. The client never logs anything, so neither the
 * key nor an `h5_link` can end up in a log through it.
 *
 * @example
 * ```ts
 * const client = createEasyRouterClient({ apiKey: process.env.EASYROUTER_API_KEY! })
 * const session = await client.createSession({ callbackUrl: 'https://app.example/likeness/callback' })
 * ```
 */
export function createEasyRouterClient(options: EasyRouterClientOptions): EasyRouterClient {
  if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '') {
    throw new TypeError('createEasyRouterClient needs a non-empty apiKey.')
  }
  const baseUrl = options.baseUrl ?? EASYROUTER_BASE_URL
  if (!/^https?:\/\//i.test(baseUrl)) {
    throw new TypeError(
      `createEasyRouterClient needs an http(s) baseUrl, got ${JSON.stringify(baseUrl)}.`,
    )
  }
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis)
  const transport: TransportOptions = {
    apiKey: options.apiKey,
    baseUrl,
    fetch: fetchImpl,
    timeoutMs: options.timeoutMs ?? 30_000,
    retry:
      options.retry === false
        ? { ...DEFAULT_RETRY, retries: 0 }
        : {
            retries: options.retry?.retries ?? DEFAULT_RETRY.retries,
            schedule: options.retry?.schedule ?? DEFAULT_RETRY_SCHEDULE,
            maxRetryAfterMs: options.retry?.maxRetryAfterMs ?? DEFAULT_RETRY.maxRetryAfterMs,
          },
    random: options.random ?? Math.random,
    now: Date.now,
  }
  type Route = Omit<RequestSpec, 'envelope'>
  /** A management route (2.x), below the prefix: its data comes in `{ success, message, data }`. */
  const management = (route: Route, settings?: CallOptions) =>
    send(transport, { ...route, path: `${PREFIX}${route.path}`, envelope: true }, settings)
  /** A video route (3.x): the answer is the OpenAI-style body itself. */
  const video = (route: Route, settings?: CallOptions) =>
    send(transport, { ...route, envelope: false }, settings)
  /** Deletes what `path` names (2.6, 2.7); the answer names the id it deleted in `idField`. */
  const remove = async (path: string, idField: 'asset_id' | 'group_id', settings?: CallOptions) => {
    const { data } = await management({ method: 'DELETE', path, policy: 'refused-only' }, settings)
    parseDeleted(data, idField)
  }

  return {
    async createSession(input = {}, settings) {
      if (input.callbackUrl !== undefined) requireHttpUrl(input.callbackUrl, 'callbackUrl')
      const body = input.callbackUrl === undefined ? {} : { callback_url: input.callbackUrl }
      const { data } = await management(
        { method: 'POST', path: '/sessions', body, policy: 'never' },
        settings,
      )
      return parseSession(data)
    },

    async getSession(id, input = {}, settings) {
      requireId(id, 'bytedTokenOrSessionId')
      const query = { result_code: input.resultCode }
      const { data } = await management(
        { method: 'GET', path: `/sessions/${id}`, query, policy: 'idempotent' },
        settings,
      )
      return parseSession(data)
    },

    async uploadAsset(input, settings) {
      requireId(input.groupId, 'groupId')
      requireHttpUrl(input.url, 'url')
      if (!ASSET_TYPES.has(input.assetType)) {
        throw invalid(
          `assetType must be Image, Video or Audio, got ${JSON.stringify(input.assetType)}.`,
        )
      }
      const body = {
        group_id: input.groupId,
        url: input.url,
        asset_type: input.assetType,
        ...(input.name === undefined ? {} : { name: input.name }),
      }
      const { data, warning } = await management(
        { method: 'POST', path: '/assets', body, policy: 'never' },
        settings,
      )
      return { ...parseAsset(data), warning }
    },

    async listAssets(input = {}, settings) {
      // A read sent as POST: safe to send again.
      const body = listBody(input)
      const { data } = await management(
        { method: 'POST', path: '/assets/list', body, policy: 'idempotent' },
        settings,
      )
      return parseAssetList(data)
    },

    async getAsset(assetId, settings) {
      requireId(assetId, 'assetId')
      const { data } = await management(
        { method: 'GET', path: `/assets/${assetId}`, policy: 'idempotent' },
        settings,
      )
      return parseAsset(data)
    },

    async deleteAsset(assetId, settings) {
      requireId(assetId, 'assetId')
      await remove(`/assets/${assetId}`, 'asset_id', settings)
    },

    async deleteAssetGroup(groupId, settings) {
      requireId(groupId, 'groupId')
      await remove(`/asset-groups/${groupId}`, 'group_id', settings)
    },

    async createVideoTask(input, settings) {
      const body = videoBody(input)
      const { data } = await video({ method: 'POST', path: TASKS, body, policy: 'never' }, settings)
      return parseVideoTask(data)
    },

    async getVideoTask(taskId, settings) {
      requireId(taskId, 'taskId')
      const { data } = await video(
        { method: 'GET', path: `${TASKS}/${taskId}`, policy: 'idempotent' },
        settings,
      )
      return parseVideoTask(data)
    },
  }
}

function listBody(input: ListAssetsRequest): Record<string, unknown> {
  if (input.groupIds !== undefined) {
    if (input.groupIds.length > 100) throw invalid('groupIds may list at most 100 groups per call.')
    input.groupIds.forEach((id) => {
      requireId(id, 'groupIds[]')
    })
  }
  if (input.pageSize !== undefined && !isIntIn(input.pageSize, 1, 100)) {
    throw invalid('pageSize must be a whole number from 1 to 100.')
  }
  if (input.pageNumber !== undefined && !isIntIn(input.pageNumber, 1, Number.MAX_SAFE_INTEGER)) {
    throw invalid('pageNumber must be a whole number from 1.')
  }
  for (const status of input.statuses ?? []) {
    if (!STATUSES.has(status)) throw invalid(`Unknown asset status ${JSON.stringify(status)}.`)
  }
  if (input.sortBy !== undefined && !SORT_BY.has(input.sortBy)) {
    throw invalid('sortBy must be CreateTime, UpdateTime or GroupId.')
  }
  if (input.sortOrder !== undefined && !SORT_ORDER.has(input.sortOrder)) {
    throw invalid('sortOrder must be Asc or Desc.')
  }
  const body: Record<string, unknown> = {}
  if (input.groupIds !== undefined) body.group_ids = input.groupIds
  if (input.groupType !== undefined) body.group_type = input.groupType
  if (input.statuses !== undefined) body.statuses = input.statuses
  if (input.name !== undefined) body.name = input.name
  if (input.pageNumber !== undefined) body.page_number = input.pageNumber
  if (input.pageSize !== undefined) body.page_size = input.pageSize
  if (input.sortBy !== undefined) body.sort_by = input.sortBy
  if (input.sortOrder !== undefined) body.sort_order = input.sortOrder
  return body
}

function videoBody(input: CreateVideoTaskRequest): Record<string, unknown> {
  if (typeof input.model !== 'string' || input.model === '') throw invalid('model is required.')
  if (typeof input.prompt !== 'string' || input.prompt.trim() === '') {
    throw invalid('prompt is required.')
  }
  if (input.duration !== undefined && !isIntIn(input.duration, 1, 60)) {
    throw invalid('duration must be a whole number of seconds.')
  }
  if (input.seed !== undefined && !Number.isInteger(input.seed)) {
    throw invalid('seed must be an integer.')
  }
  const metadata: Record<string, unknown> = {}
  if (input.content !== undefined) {
    metadata.content = input.content.map((item) =>
      item.type === 'image_url'
        ? { type: 'image_url', image_url: { url: item.imageUrl }, ...role(item.role) }
        : { type: 'video_url', video_url: { url: item.videoUrl }, ...role(item.role) },
    )
  }
  if (input.resolution !== undefined) metadata.resolution = input.resolution
  if (input.ratio !== undefined) metadata.ratio = input.ratio
  if (input.seed !== undefined) metadata.seed = input.seed
  if (input.generateAudio !== undefined) metadata.generate_audio = input.generateAudio
  if (input.watermark !== undefined) metadata.watermark = input.watermark
  const body: Record<string, unknown> = { model: input.model, prompt: input.prompt }
  if (input.duration !== undefined) body.duration = input.duration
  if (input.image !== undefined) body.image = input.image
  if (input.images !== undefined) body.images = input.images
  if (Object.keys(metadata).length > 0) body.metadata = metadata
  return body
}

function role(value: string | undefined): { role?: string } {
  return value === undefined ? {} : { role: value }
}

function isIntIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max
}

function requireId(value: string, name: string): void {
  if (typeof value !== 'string' || !SAFE_ID.test(value)) {
    throw invalid(`${name} is not a valid id: ${JSON.stringify(value)}.`)
  }
}

function requireHttpUrl(value: string, name: string): void {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw invalid(`${name} must be an absolute http(s) URL.`)
  }
}

function invalid(message: string): LikenessError {
  return new LikenessError('invalid_request', { message })
}
