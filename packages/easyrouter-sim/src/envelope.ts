import type { ApiError } from './api-error.ts'
import { jsonResponse } from './http.ts'

// The management API's envelope, exactly as documented:
// `{ "success": true, "message": "", "data": { ... } }`, sometimes with a top-level `warning`;
// failures are `{ "success": false, "message": "..." }` with a non-2xx status.

/** A successful management response. */
export function managementOk(
  data: unknown,
  options: { status?: number; warning?: string } = {},
): Response {
  const body: Record<string, unknown> = { success: true, message: '', data }
  if (options.warning !== undefined) body['warning'] = options.warning
  return jsonResponse(body, { status: options.status ?? 200 })
}

/** A failed management response. */
export function managementError(error: ApiError): Response {
  return jsonResponse(
    { success: false, message: error.message },
    { status: error.status, headers: error.headers },
  )
}
