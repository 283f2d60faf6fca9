import type { Asset, AssetListQuery, AssetPage, UploadProgress } from './asset.ts'
import { LikenessError, isLikenessErrorCode, errorCodeForStatus } from './errors.ts'
import type { HostAdapter } from './host-adapter.ts'
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
  const doFetch = (...args: Parameters<typeof fetch>) =>
    (options.fetch ?? globalThis.fetch)(...args)
  const credentials = options.credentials ?? 'same-origin'

  async function headers(extra: Record<string, string>): Promise<Record<string, string>> {
    const custom = typeof options.headers === 'function' ? await options.headers() : options.headers
    return { accept: 'application/json', ...custom, ...extra }
  }

  async function call<T>(
    method: string,
    path: string,
    init: {
      body?: unknown
      headers?: Record<string, string>
      signal?: AbortSignal | undefined
    } = {},
  ): Promise<T> {
    if (init.signal?.aborted) throw transportError(undefined, init.signal)
    const changes = method !== 'GET'
    const extra: Record<string, string> = { ...init.headers }
    if (changes) extra[LIKENESS_REQUEST_HEADER] = '1'
    if (init.body !== undefined) extra['content-type'] = 'application/json'
    let response: Response
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers: await headers(extra),
        credentials,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        ...(init.signal ? { signal: init.signal } : {}),
      })
    } catch (error) {
      throw transportError(error, init.signal)
    }
    return read<T>(response.status, response.headers.get('retry-after'), () => response.text())
  }

  return {
    startVerification: (input, callOptions) =>
      call<StartedVerification>('POST', '/verification', {
        body: input,
        signal: callOptions?.signal,
      }),
    getVerification: async (callOptions) =>
      (
        await call<{ session: VerificationSession | null }>('GET', '/verification', {
          signal: callOptions?.signal,
        })
      ).session,
    cancelVerification: async (callOptions) =>
      (
        await call<{ session: VerificationSession | null }>('DELETE', '/verification', {
          signal: callOptions?.signal,
        })
      ).session,
    listAssets: (query = {}, callOptions) =>
      call<AssetPage>('GET', `/assets${listQuery(query)}`, { signal: callOptions?.signal }),
    getAsset: (id, callOptions) =>
      call<Asset>('GET', `/assets/${encodeURIComponent(id)}`, { signal: callOptions?.signal }),
    deleteAsset: async (id, callOptions) => {
      await call('DELETE', `/assets/${encodeURIComponent(id)}`, { signal: callOptions?.signal })
    },
    deleteAllAssets: async (callOptions) => {
      await call('DELETE', '/assets', { signal: callOptions?.signal })
    },
    createVideoJob: (input, callOptions) =>
      call<VideoJob>('POST', '/videos', {
        body: input,
        headers: { [IDEMPOTENCY_KEY_HEADER]: callOptions.idempotencyKey },
        signal: callOptions.signal,
      }),
    getVideoJob: (id, callOptions) =>
      call<VideoJob>('GET', `/videos/${encodeURIComponent(id)}`, { signal: callOptions?.signal }),
    listVideoJobs: async (callOptions) =>
      (await call<{ items: VideoJob[] }>('GET', '/videos', { signal: callOptions?.signal })).items,
    uploadAsset: async (input, callOptions = {}) => {
      const params = new URLSearchParams()
      const name = input.name ?? (input.file as Blob & { name?: string }).name
      if (name) params.set('name', name)
      if (input.type) params.set('type', input.type)
      const url = `${base}/assets${params.size > 0 ? `?${params.toString()}` : ''}`
      const extra = await headers({
        [LIKENESS_REQUEST_HEADER]: '1',
        'content-type': 'application/octet-stream',
      })
      const createXhr =
        options.createXhr ??
        (typeof XMLHttpRequest === 'function' ? () => new XMLHttpRequest() : false)
      const { onProgress, signal } = callOptions
      const total = input.file.size
      if (createXhr)
        return xhrUpload<Asset>(
          createXhr(),
          url,
          input.file,
          extra,
          credentials,
          onProgress,
          signal,
        )
      if (signal?.aborted) throw transportError(undefined, signal)
      onProgress?.({ loaded: 0, total })
      let response: Response
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: extra,
          credentials,
          body: input.file,
          ...(signal ? { signal } : {}),
        })
      } catch (error) {
        throw transportError(error, signal)
      }
      const asset = await read<Asset>(response.status, response.headers.get('retry-after'), () =>
        response.text(),
      )
      onProgress?.({ loaded: total, total })
      return asset
    },
  }
}

function listQuery(query: AssetListQuery): string {
  const params = new URLSearchParams()
  for (const status of query.statuses ?? []) params.append('status', status)
  if (query.name) params.set('name', query.name)
  if (query.sort) params.set('sort', query.sort)
  if (query.order) params.set('order', query.order)
  if (query.page !== undefined) params.set('page', String(query.page))
  if (query.pageSize !== undefined) params.set('pageSize', String(query.pageSize))
  const text = params.toString()
  return text === '' ? '' : `?${text}`
}

// Turns a protocol answer into a value or a LikenessError, from any transport.
async function read<T>(
  status: number,
  retryAfter: string | null,
  text: () => Promise<string>,
): Promise<T> {
  const body = await text().catch(() => '')
  let value: unknown
  try {
    value = body === '' ? undefined : JSON.parse(body)
  } catch {
    value = undefined
  }
  if (status >= 200 && status < 300) {
    if (status === 204) return undefined as T
    if (value === undefined) {
      throw new LikenessError('malformed_response', {
        message: 'The server sent a response that is not JSON.',
        status,
      })
    }
    return value as T
  }
  const error = (value as { error?: Record<string, unknown> } | undefined)?.error
  const code = isLikenessErrorCode(error?.code) ? error.code : errorCodeForStatus(status)
  throw new LikenessError(code, {
    status,
    ...(typeof error?.message === 'string' ? { message: error.message } : {}),
    ...(typeof error?.retryable === 'boolean' ? { retryable: error.retryable } : {}),
    retryAfterMs:
      typeof error?.retryAfterMs === 'number' ? error.retryAfterMs : parseRetryAfter(retryAfter),
    ...(typeof error?.details === 'object' && error.details !== null
      ? { details: error.details as Record<string, unknown> }
      : {}),
  })
}

function transportError(error: unknown, signal: AbortSignal | undefined): LikenessError {
  if (signal?.aborted) return new LikenessError('aborted', { cause: signal.reason })
  return new LikenessError('network', { message: 'Could not reach the server.', cause: error })
}

function xhrUpload<T>(
  xhr: XMLHttpRequest,
  url: string,
  file: Blob,
  headers: Record<string, string>,
  credentials: RequestCredentials,
  onProgress: ((progress: UploadProgress) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new LikenessError('aborted', { cause: signal.reason }))
      return
    }
    const abort = () => {
      xhr.abort()
    }
    signal?.addEventListener('abort', abort, { once: true })
    xhr.open('POST', url)
    xhr.withCredentials = credentials === 'include'
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value)
    xhr.upload.onprogress = (event) => {
      onProgress?.({
        loaded: event.loaded,
        total: event.lengthComputable ? event.total : file.size,
      })
    }
    xhr.onload = () => {
      signal?.removeEventListener('abort', abort)
      onProgress?.({ loaded: file.size, total: file.size })
      read<T>(xhr.status, xhr.getResponseHeader('retry-after'), () =>
        Promise.resolve(xhr.responseText),
      ).then(resolve, reject)
    }
    xhr.onerror = () => {
      signal?.removeEventListener('abort', abort)
      reject(new LikenessError('network', { message: 'Could not reach the server.' }))
    }
    xhr.onabort = () => {
      signal?.removeEventListener('abort', abort)
      reject(new LikenessError('aborted', { cause: signal?.reason }))
    }
    onProgress?.({ loaded: 0, total: file.size })
    xhr.send(file)
  })
}
