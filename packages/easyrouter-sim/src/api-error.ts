/**
 * A failure the simulator reports to the caller. Handlers throw it; the router turns it into the
 * error body of the API family the request belongs to (management envelope or video error).
 */
export class ApiError extends Error {
  readonly status: number
  /** Machine-readable code for the video API's `error.code`; derived from `status` if absent. */
  readonly code: string | undefined
  readonly headers: Record<string, string>

  constructor(
    status: number,
    message: string,
    options: { code?: string; headers?: Record<string, string> } = {},
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = options.code
    this.headers = options.headers ?? {}
  }
}

/** 400 with a message that names the offending field. */
export function badRequest(message: string, code?: string): ApiError {
  return new ApiError(400, message, code === undefined ? {} : { code })
}

/** 404 for an id the caller cannot see (missing, deleted or another account's). */
export function notFound(message: string): ApiError {
  return new ApiError(404, message)
}
