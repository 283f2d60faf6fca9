import type { Asset, AssetListQuery, AssetPage, UploadProgress } from './asset.ts'
import { LikenessError, isLikenessErrorCode, errorCodeForStatus } from './errors.ts'
import type { CallOptions, HostAdapter } from './host-adapter.ts'
import { parseRetryAfter } from './polling.ts'
import { IDEMPOTENCY_KEY_HEADER, LIKENESS_REQUEST_HEADER } from './protocol.ts'
import type { StartedVerification, VerificationSession } from './verification.ts'
import type { VideoJob } from './video.ts'

/**
 * Options of {@link createHttpAdapter}.
 *
 * @example
 * ```ts
 * const options: HttpAdapterOptions = { baseUrl: '/api/likeness' }
 * ```
 */
export interface HttpAdapterOptions {
  /** Where `@likeness/server` is mounted: a path (`/api/likeness`) or an absolute URL. */
  baseUrl: string
  /** Default `globalThis.fetch`. */
  fetch?: typeof fetch | undefined
  /** Extra headers for every request (an auth token, say), or a function returning them. */
  headers?:
    | Record<string, string>
    | (() => Record<string, string> | Promise<Record<string, string>>)
    | undefined
  /** Default `same-origin`; `include` when the server is on another origin and uses cookies. */
  credentials?: RequestCredentials | undefined
  /**
   * Makes the request object used for uploads, so progress can be reported (fetch cannot
   * report upload progress over HTTP/1.1). Default: `XMLHttpRequest` where it exists; `false`
   * uploads with `fetch` and reports progress only at the end.
   */
  createXhr?: (() => XMLHttpRequest) | false | undefined
}

/**
 * The default {@link HostAdapter}: talks to `@likeness/server` over HTTP, following its
 * documented protocol (the anti-CSRF header on every change, `Idempotency-Key` on job
 * creation, the error shape turned back into `LikenessError`s, real upload progress).
 *
 * @example
 * ```ts
 * const adapter = createHttpAdapter({ baseUrl: '/api/likeness' })
 * const { url } = await adapter.startVerification({ locale: 'en' })
 * ```
 */
export function createHttpAdapter(options: HttpAdapterOptions): HostAdapter {
  const base = options.baseUrl.replace(/\/+$/, '')
  const credentials = options.credentials ?? 'same-origin'

  // One request, by fetch or (for uploads with progress) XHR; always a value or a LikenessError.
  async function send<T>(
    method: string,
    path: string,
    init: {
      body?: BodyInit
      json?: unknown
      headers?: Record<string, string>
      signal?: AbortSignal | undefined
      onProgress?: ((progress: UploadProgress) => void) | undefined
    } = {},
  ): Promise<T> {
    const { signal, onProgress } = init
    if (signal?.aborted) throw aborted(signal)
    const custom = typeof options.headers === 'function' ? await options.headers() : options.headers
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...custom,
      ...init.headers,
    }
    if (method !== 'GET') headers[LIKENESS_REQUEST_HEADER] = '1'
    let body = init.body
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(init.json)
    }
    const url = base + path
    const createXhr =
      options.createXhr ??
      (typeof XMLHttpRequest === 'function' ? () => new XMLHttpRequest() : false)
    let reply: [status: number, retryAfter: string | null, text: string]
    if (onProgress && createXhr && body instanceof Blob) {
      reply = await xhrSend(
        createXhr(),
        method,
        url,
        body,
        headers,
        credentials,
        onProgress,
        signal,
      )
    } else {
      try {
        const response = await (options.fetch ?? globalThis.fetch)(url, {
          method,
          headers,
          credentials,
          ...(body === undefined ? {} : { body }),
          ...(signal ? { signal } : {}),
        })
        reply = [response.status, response.headers.get('retry-after'), await response.text()]
      } catch (error) {
        throw signal?.aborted ? aborted(signal) : networkError(error)
      }
    }
    return read(...reply) as T
  }

  const id = encodeURIComponent
  const get = <T>(path: string, o?: CallOptions) => send<T>('GET', path, { signal: o?.signal })
  const session = async (method: string, o?: CallOptions) =>
    (
      await send<{ session: VerificationSession | null }>(method, '/verification', {
        signal: o?.signal,
      })
    ).session

  return {
    startVerification: (input, o) =>
      send<StartedVerification>('POST', '/verification', { json: input, signal: o?.signal }),
    getVerification: (o) => session('GET', o),
    cancelVerification: (o) => session('DELETE', o),
    listAssets: (query = {}, o) => get<AssetPage>(`/assets${listQuery(query)}`, o),
    getAsset: (assetId, o) => get<Asset>(`/assets/${id(assetId)}`, o),
    uploadAsset: async ({ file, name, type }, o = {}) => {
      const params = new URLSearchParams()
      const fileName = name ?? (file as Blob & { name?: string }).name
      if (fileName) params.set('name', fileName)
      if (type) params.set('type', type)
      const total = file.size
      const onProgress = o.onProgress ?? (() => undefined)
      onProgress({ loaded: 0, total })
      const asset = await send<Asset>('POST', `/assets?${params.toString()}`, {
        body: file,
        headers: { 'content-type': 'application/octet-stream' },
        signal: o.signal,
        onProgress,
      })
      onProgress({ loaded: total, total })
      return asset
    },
    deleteAsset: (assetId, o) => send('DELETE', `/assets/${id(assetId)}`, { signal: o?.signal }),
    deleteAllAssets: (o) => send('DELETE', '/assets', { signal: o?.signal }),
    createVideoJob: (input, o) =>
      send<VideoJob>('POST', '/videos', {
        json: input,
        headers: { [IDEMPOTENCY_KEY_HEADER]: o.idempotencyKey },
        signal: o.signal,
      }),
    getVideoJob: (jobId, o) => get<VideoJob>(`/videos/${id(jobId)}`, o),
    listVideoJobs: async (o) => (await get<{ items: VideoJob[] }>('/videos', o)).items,
  }
}

function listQuery(query: AssetListQuery): string {
  const params = new URLSearchParams()
  for (const status of query.statuses ?? []) params.append('status', status)
  for (const key of ['name', 'sort', 'order', 'page', 'pageSize'] as const) {
    const value = query[key]
    if (value !== undefined && value !== '') params.set(key, String(value))
  }
  const text = params.toString()
  return text && `?${text}`
}

// Turns a protocol answer into a value or a LikenessError, from any transport.
function read(status: number, retryAfter: string | null, body: string): unknown {
  let value: unknown
  try {
    value = body ? JSON.parse(body) : undefined
  } catch {
    value = undefined
  }
  if (status >= 200 && status < 300) {
    if (value === undefined && status !== 204) {
      throw new LikenessError('malformed_response', {
        message: 'The server sent a response that is not JSON.',
        status,
      })
    }
    return value
  }
  const error = (value as { error?: Record<string, unknown> } | undefined)?.error ?? {}
  // Each field is used only when it has the protocol's type.
  const pick = (key: string, type: string) => (typeof error[key] === type ? error[key] : undefined)
  throw new LikenessError(
    isLikenessErrorCode(error.code) ? error.code : errorCodeForStatus(status),
    {
      status,
      message: pick('message', 'string') as string | undefined,
      retryable: pick('retryable', 'boolean') as boolean | undefined,
      retryAfterMs:
        (pick('retryAfterMs', 'number') as number | undefined) ?? parseRetryAfter(retryAfter),
      details: pick('details', 'object') as Record<string, unknown> | undefined,
    },
  )
}

const aborted = (signal: AbortSignal) => new LikenessError('aborted', { cause: signal.reason })
const networkError = (cause?: unknown) =>
  new LikenessError('network', { message: 'Could not reach the server.', cause })

function xhrSend(
  xhr: XMLHttpRequest,
  method: string,
  url: string,
  body: Blob,
  headers: Record<string, string>,
  credentials: RequestCredentials,
  onProgress: (progress: UploadProgress) => void,
  signal: AbortSignal | undefined,
): Promise<[number, string | null, string]> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      xhr.abort()
    }
    signal?.addEventListener('abort', abort, { once: true })
    const settle = () => signal?.removeEventListener('abort', abort)
    xhr.open(method, url)
    xhr.withCredentials = credentials === 'include'
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value)
    xhr.upload.onprogress = (event) => {
      onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : body.size })
    }
    xhr.onload = () => {
      settle()
      resolve([xhr.status, xhr.getResponseHeader('retry-after'), xhr.responseText])
    }
    xhr.onerror = () => {
      settle()
      reject(networkError())
    }
    xhr.onabort = () => {
      settle()
      reject(new LikenessError('aborted', { cause: signal?.reason }))
    }
    xhr.send(body)
  })
}
