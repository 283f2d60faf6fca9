import type { ApiError } from './api-error.ts'
import { jsonResponse } from './http.ts'

// The upstream documents no error body for the video API. EasyRouter is an OpenAI-compatible
// router, so the simulator answers the way OpenAI-style APIs do:
// `{ "error": { "message": "...", "type": "...", "code": "..." } }`.

function errorType(status: number): string {
  if (status === 401) return 'authentication_error'
  if (status === 403) return 'permission_error'
  if (status === 429) return 'rate_limit_error'
  if (status >= 500) return 'server_error'
  return 'invalid_request_error'
}

function defaultCode(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request'
    case 401:
      return 'invalid_api_key'
    case 403:
      return 'permission_denied'
    case 404:
      return 'not_found'
    case 405:
      return 'method_not_allowed'
    case 413:
      return 'request_too_large'
    case 429:
      return 'rate_limit_exceeded'
    case 503:
      return 'service_unavailable'
    default:
      return status >= 500 ? 'server_error' : 'invalid_request'
  }
}

/** A failed video API response. */
export function videoError(error: ApiError): Response {
  return jsonResponse(
    {
      error: {
        message: error.message,
        type: errorType(error.status),
        code: error.code ?? defaultCode(error.status),
      },
    },
    { status: error.status, headers: error.headers },
  )
}
