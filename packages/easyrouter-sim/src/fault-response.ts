import { ApiError } from './api-error.ts'
import { SimulatedDropError, type FaultRule } from './faults.ts'

// Bytes that start like a management answer and stop mid-way, as a truncated proxy reply would.
const MALFORMED_BODY = '{"success":true,"message":"","data":{"id":'

/** Waits `ms` of real time; rejects with the abort reason if `signal` aborts first. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error)
      return
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal.reason as Error)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

function defaultMessage(status: number): string {
  if (status === 429) return 'Too many requests. Please retry later.'
  if (status >= 500) return `The upstream service failed (HTTP ${status}).`
  return `The request failed (HTTP ${status}).`
}

/**
 * Plays a fault: waits, then drops (throws), answers garbage, or throws an {@link ApiError} the
 * router formats in the API's own error shape. Returns `undefined` when only latency was asked
 * for, so the request proceeds normally.
 */
export async function playFault(rule: FaultRule, request: Request): Promise<Response | undefined> {
  if (rule.latencyMs !== undefined && rule.latencyMs > 0)
    await delay(rule.latencyMs, request.signal)
  if (rule.drop === true) throw new SimulatedDropError()

  const headers: Record<string, string> = {}
  const retryAfter = rule.retryAfterSeconds ?? (rule.status === 429 ? 1 : undefined)
  if (retryAfter !== undefined) headers['retry-after'] = String(Math.ceil(retryAfter))

  if (rule.malformed === true) {
    return new Response(MALFORMED_BODY, {
      status: rule.status ?? 200,
      headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
    })
  }
  if (rule.status !== undefined) {
    throw new ApiError(rule.status, rule.message ?? defaultMessage(rule.status), { headers })
  }
  return undefined
}
