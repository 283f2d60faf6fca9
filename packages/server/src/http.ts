import { LikenessError, type LikenessErrorCode } from '@likeness/core'

const STATUS_FOR_CODE: Record<LikenessErrorCode, number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media: 415,
  not_verified: 403,
  rate_limited: 429,
  upstream_error: 502,
  upstream_unavailable: 503,
  malformed_response: 502,
  timeout: 504,
  network: 502,
  aborted: 499,
  unknown: 500,
}

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
}

/** A JSON response that no cache keeps. */
export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } })
}

/** An empty success. */
export function noContent(): Response {
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } })
}

/**
 * The protocol's error response: the status for the code, `{ error: { code, message,
 * retryable, requestId, ... } }`, and `Retry-After` when the client should wait.
 */
export function errorResponse(error: LikenessError, requestId: string): Response {
  const status = STATUS_FOR_CODE[error.code]
  const headers: Record<string, string> = {}
  if (error.retryAfterMs !== undefined) {
    headers['retry-after'] = String(Math.max(0, Math.ceil(error.retryAfterMs / 1000)))
  }
  const body = error.toJSON()
  return json(status, { error: { ...body, status, requestId } }, headers)
}

/** Shorthand for a refused request. */
export function fail(
  code: LikenessErrorCode,
  message: string,
  details?: Record<string, unknown>,
): LikenessError {
  return new LikenessError(code, { message, details })
}

/** Reads a request body as JSON, with a size cap; a body that is not a JSON object is refused. */
export async function readJsonObject(
  request: Request,
  limit = 64 * 1024,
): Promise<Record<string, unknown>> {
  const type = request.headers.get('content-type') ?? ''
  if (!/^application\/json\b/i.test(type)) {
    throw fail('unsupported_media', 'Send the body as application/json.')
  }
  const bytes = request.body ? await readCapped(request.body, limit) : new Uint8Array()
  if (!bytes) throw fail('payload_too_large', `The body is larger than ${limit} bytes.`)
  const text = new TextDecoder().decode(bytes)
  if (text.trim() === '') return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw fail('invalid_request', 'The body is not valid JSON.')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fail('invalid_request', 'The body must be a JSON object.')
  }
  return value as Record<string, unknown>
}

/**
 * Reads a stream whole, or stops and cancels it once it passes `limit` bytes (returning
 * `undefined`), so an oversized upload is never buffered past the limit.
 */
export async function readCapped(
  body: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array | undefined> {
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      return undefined
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}
