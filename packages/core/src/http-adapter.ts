import type { Asset } from './asset.ts'
import { LikenessError, isLikenessErrorCode, errorCodeForStatus } from './errors.ts'
import type { CallOptions, HostAdapter, UploadOptions } from './host-adapter.ts'
import { parseRetryAfter } from './polling.ts'
import { IDEMPOTENCY_KEY_HEADER, LIKENESS_REQUEST_HEADER } from './protocol.ts'
import type { VerificationSession } from './verification.ts'
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
   * Makes the request object used for uploads with an `onProgress`, so progress can be
   * reported (fetch cannot report upload progress over HTTP/1.1). Default: `XMLHttpRequest`
   * where it exists; `false` uploads with `fetch` and reports progress only at the end.
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
  // A Blob payload is sent as it is, any other as JSON.
  async function send<T>(
    method: string,
    path: string,
    { signal, onProgress, idempotencyKey }: UploadOptions & { idempotencyKey?: string } = {},
    payload?: unknown,
  ): Promise<T> {
    const aborted = () => new LikenessError('aborted', { cause: signal?.reason })
    if (signal?.aborted) throw aborted()
    const { headers: custom } = options
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(typeof custom === 'function' ? await custom() : custom),
    }
    if (method !== 'GET') headers[LIKENESS_REQUEST_HEADER] = '1'
    if (idempotencyKey) headers[IDEMPOTENCY_KEY_HEADER] = idempotencyKey
    const blob = payload instanceof Blob
    if (payload !== undefined) {
      headers['content-type'] = blob ? 'application/octet-stream' : 'application/json'
    }
    const body = blob ? payload : payload === undefined ? null : JSON.stringify(payload)
    const url = base + path
    const createXhr =
      options.createXhr ?? (typeof XMLHttpRequest === 'function' && (() => new XMLHttpRequest()))
    let reply: [status: number, retryAfter: string | null, text: string]
    try {
      if (onProgress && createXhr && blob) {
        const xhr = createXhr()
        const abort = () => {
          xhr.abort()
        }
        signal?.addEventListener('abort', abort)
        reply = await new Promise((resolve, reject) => {
          xhr.open(method, url)
          xhr.withCredentials = credentials === 'include'
          for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value)
          // The body is the file, so its size is the total.
          xhr.upload.onprogress = ({ loaded }) => {
            onProgress({ loaded, total: payload.size })
          }
          // Fires after a load, an error or an abort; only a load has a status.
          xhr.onloadend = () => {
            signal?.removeEventListener('abort', abort)
            if (xhr.status)
              resolve([xhr.status, xhr.getResponseHeader('retry-after'), xhr.responseText])
            else reject(new Error())
          }
          xhr.send(payload)
        })
      } else {
        const response = await (options.fetch ?? fetch)(url, {
          method,
          headers,
          credentials,
          body,
          signal: signal ?? null,
        })
        reply = [response.status, response.headers.get('retry-after'), await response.text()]
      }
    } catch (error) {
      throw signal?.aborted ? aborted() : new LikenessError('network', { cause: error })
    }
    return read(...reply) as T
  }

  const id = encodeURIComponent
  const session = async (method: string, o?: CallOptions) =>
    (await send<{ session: VerificationSession | null }>(method, '/verification', o)).session

  return {
    startVerification: (input, o) => send('POST', '/verification', o, input),
    getVerification: (o) => session('GET', o),
    cancelVerification: (o) => session('DELETE', o),
    listAssets: ({ statuses: status, name, sort, order, page, pageSize } = {}, o) =>
      send('GET', `/assets${search({ status, name, sort, order, page, pageSize })}`, o),
    getAsset: (assetId, o) => send('GET', `/assets/${id(assetId)}`, o),
    uploadAsset: async ({ file, name = (file as Blob & { name?: string }).name, type }, o = {}) => {
      const total = file.size
      o.onProgress?.({ loaded: 0, total })
      const asset = await send<Asset>('POST', `/assets${search({ name, type })}`, o, file)
      o.onProgress?.({ loaded: total, total })
      return asset
    },
    deleteAsset: (assetId, o) => send('DELETE', `/assets/${id(assetId)}`, o),
    deleteAllAssets: (o) => send('DELETE', '/assets', o),
    createVideoJob: (input, o) => send('POST', '/videos', o, input),
    getVideoJob: (jobId, o) => send('GET', `/videos/${id(jobId)}`, o),
    listVideoJobs: async (o) => (await send<{ items: VideoJob[] }>('GET', '/videos', o)).items,
  }
}

// A query string (with its `?`) of the parameters that have a value; a list repeats its key.
function search(query: Record<string, string | number | readonly string[] | undefined>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    for (const one of [value].flat()) {
      if (one !== undefined && one !== '') params.append(key, String(one))
    }
  }
  const text = params.toString()
  return text && `?${text}`
}

// Turns a protocol answer into a value or a LikenessError, from any transport.
function read(status: number, retryAfter: string | null, body: string): unknown {
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch {
    // Not JSON (an empty body included): no value.
  }
  // Below 200 only a status-less XHR failure, which never gets here.
  if (status < 300) {
    if (value === undefined && status !== 204) {
      throw new LikenessError('malformed_response', { status })
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
