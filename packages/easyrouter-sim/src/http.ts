import { ApiError, badRequest } from './api-error.ts'

/** Largest JSON request body accepted; the real API's bodies are a few hundred bytes. */
const MAX_JSON_BODY_BYTES = 1024 * 1024

/** A JSON response with `Cache-Control: no-store`, since every answer reflects live state. */
export function jsonResponse(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...init.headers,
    },
  })
}

/**
 * Reads a stream whole, or stops and cancels it as soon as it passes `limit` bytes (returning
 * `undefined`), so an oversized body is never buffered.
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

/** Reads a body as text, refusing more than `limit` bytes without buffering the excess. */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  if (!request.body) return ''
  const bytes = await readCapped(request.body, limit)
  if (!bytes) throw new ApiError(413, `The request body is larger than ${limit} bytes.`)
  return new TextDecoder().decode(bytes)
}

/** A plain JSON object, as every POST body of the API must be. */
export type JsonObject = Record<string, unknown>

/**
 * Parses the body as a JSON object. An empty body counts as `{}` so that endpoints whose fields
 * are all optional (create session, list assets) accept a bare POST.
 */
export async function readJsonObject(request: Request): Promise<JsonObject> {
  const text = await readBodyText(request, MAX_JSON_BODY_BYTES)
  if (text.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw badRequest('The request body is not valid JSON.', 'invalid_json')
  }
  if (!isJsonObject(parsed)) throw badRequest('The request body must be a JSON object.')
  return parsed
}

/** Whether `value` is a plain object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
