import {
  DEFAULT_RETRY_SCHEDULE,
  errorCodeForStatus,
  isLikenessError,
  LikenessError,
  parseRetryAfter,
  pollDelay,
  type PollingSchedule,
} from '@likeness/core'
import { isObject, malformed, optionalString, type Json } from './read.ts'

/**
 * When a call may be sent again after a failure. Reads are safe to repeat; a delete only when
 * the router refused it outright (429); a create never, so nothing is ever billed twice.
 */
export type RetryPolicy = 'idempotent' | 'refused-only' | 'never'

/** Retry settings of the client. */
export interface RetryOptions {
  /** Further attempts after the first, for calls that may be retried. Default 2. */
  retries?: number | undefined
  /** Backoff between attempts; full jitter by default. */
  schedule?: PollingSchedule | undefined
  /** Give up instead of waiting when `Retry-After` asks for longer than this. Default 30 s. */
  maxRetryAfterMs?: number | undefined
}

export interface ResolvedRetry {
  retries: number
  schedule: PollingSchedule
  maxRetryAfterMs: number
}

export interface TransportOptions {
  apiKey: string
  baseUrl: string
  fetch: typeof fetch
  timeoutMs: number
  retry: ResolvedRetry
  random: () => number
  now: () => number
}

export interface CallSettings {
  /** Aborts the call; it then rejects with code `aborted`. */
  signal?: AbortSignal | undefined
  /** Per-attempt limit in milliseconds; overrides the client's. */
  timeoutMs?: number | undefined
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'DELETE'
  path: string
  query?: Record<string, string | undefined> | undefined
  body?: unknown
  policy: RetryPolicy
  /** Management routes wrap data in `{ success, message, data }`; video routes do not. */
  envelope: boolean
}

export interface Reply {
  data: Json
  /** The envelope's top-level `warning`, when any. */
  warning: string | undefined
}

export async function send(
  options: TransportOptions,
  spec: RequestSpec,
  settings: CallSettings = {},
): Promise<Reply> {
  const maxAttempts = spec.policy === 'never' ? 1 : 1 + Math.max(0, options.retry.retries)
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await attemptOnce(options, spec, settings)
    } catch (error) {
      if (!isLikenessError(error) || attempt + 1 >= maxAttempts || !mayRetry(spec.policy, error)) {
        throw error
      }
      if ((error.retryAfterMs ?? 0) > options.retry.maxRetryAfterMs) throw error
      const delay = pollDelay(attempt, options.retry.schedule, {
        retryAfterMs: error.retryAfterMs,
        random: options.random,
      })
      await sleep(delay, settings.signal)
    }
  }
}

function mayRetry(policy: RetryPolicy, error: LikenessError): boolean {
  if (policy === 'never') return false
  if (policy === 'refused-only') return error.code === 'rate_limited'
  return error.retryable
}

async function attemptOnce(
  options: TransportOptions,
  spec: RequestSpec,
  settings: CallSettings,
): Promise<Reply> {
  if (settings.signal?.aborted) throw aborted(settings.signal)
  const timeoutMs = settings.timeoutMs ?? options.timeoutMs
  const timeout = AbortSignal.timeout(timeoutMs)
  const signal = settings.signal ? AbortSignal.any([settings.signal, timeout]) : timeout
  const url = new URL(spec.path, options.baseUrl)
  for (const [key, value] of Object.entries(spec.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, value)
  }
  const headers: Record<string, string> = {
    authorization: `Bearer ${options.apiKey}`,
    accept: 'application/json',
  }
  if (spec.body !== undefined) headers['content-type'] = 'application/json'

  let response: Response
  let text: string
  try {
    response = await options.fetch(url, {
      method: spec.method,
      headers,
      body: spec.body === undefined ? null : JSON.stringify(spec.body),
      signal,
      redirect: 'error',
    })
    text = await response.text()
  } catch (error) {
    if (settings.signal?.aborted) throw aborted(settings.signal)
    if (timeout.aborted) {
      throw new LikenessError('timeout', {
        message: `EasyRouter did not answer within ${timeoutMs} ms.`,
        cause: error,
      })
    }
    throw new LikenessError('network', {
      message: 'Could not reach EasyRouter.',
      cause: error,
    })
  }

  const body = parseJson(text)
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), options.now())
  if (!response.ok) throw httpError(response.status, body, retryAfterMs)
  if (body === undefined || !isObject(body)) throw malformed('the body is not a JSON object')
  if (!spec.envelope) return { data: body, warning: undefined }

  if (body.success !== true) {
    const message = optionalString(body, 'message')
    throw new LikenessError('upstream_error', {
      message: message ? `EasyRouter: ${message}` : 'EasyRouter reported a failure.',
      status: response.status,
      retryable: false,
      details: message ? { upstreamMessage: message } : undefined,
    })
  }
  if (!isObject(body.data)) throw malformed('the envelope has no data object')
  return { data: body.data, warning: optionalString(body, 'warning') || undefined }
}

function httpError(status: number, body: unknown, retryAfterMs: number | undefined): LikenessError {
  const code = errorCodeForStatus(status)
  const upstream = upstreamMessage(body)
  return new LikenessError(code, {
    message: upstream ? `EasyRouter: ${upstream.message}` : defaultHttpMessage(status),
    status,
    retryAfterMs,
    details: {
      ...(upstream ? { upstreamMessage: upstream.message } : {}),
      ...(upstream?.code ? { upstreamCode: upstream.code } : {}),
    },
  })
}

// Management routes answer `{ success: false, message }`; video routes an OpenAI-style
// `{ error: { message, code } }`. Anything else (an HTML error page) gives no message.
function upstreamMessage(body: unknown): { message: string; code?: string } | undefined {
  if (!isObject(body)) return undefined
  if (isObject(body.error)) {
    const message = optionalString(body.error, 'message')
    const code = optionalString(body.error, 'code')
    if (message) return code ? { message, code } : { message }
  }
  const message = optionalString(body, 'message')
  return message ? { message } : undefined
}

function defaultHttpMessage(status: number): string {
  if (status === 401) return 'EasyRouter refused the API key.'
  if (status === 403)
    return 'EasyRouter refused access; verification may not be enabled for this account.'
  if (status === 404) return 'EasyRouter has no such item.'
  if (status === 429) return 'EasyRouter is rate limiting requests.'
  if (status >= 500) return `EasyRouter failed with HTTP ${status}.`
  return `EasyRouter rejected the request with HTTP ${status}.`
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function aborted(signal: AbortSignal): LikenessError {
  return new LikenessError('aborted', { cause: signal.reason })
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(aborted(signal))
      return
    }
    const onAbort = () => {
      clearTimeout(timer)
      reject(aborted(signal as AbortSignal))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

export const DEFAULT_RETRY: ResolvedRetry = {
  retries: 2,
  schedule: DEFAULT_RETRY_SCHEDULE,
  maxRetryAfterMs: 30_000,
}
