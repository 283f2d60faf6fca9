import { ApiError } from './api-error.ts'
import { isAdjustableClock, type SimClock } from './clock.ts'
import type { FaultEngine } from './faults.ts'
import { jsonResponse, readJsonObject, type JsonObject } from './http.ts'
import type { RequestLog } from './request-log.ts'
import type { SimState } from './state.ts'
import { formatUpstreamIso } from './time-format.ts'

// Unauthenticated test hooks under `/__sim`, JSON in and out. They exist for tests and demos
// against a standalone simulator; `control: false` turns them off.

/**
 * The request header every control endpoint requires, with the value `1`. A page on another
 * site cannot send a custom header without a CORS preflight, which the simulator never grants,
 * so a plain form post or link elsewhere cannot inject faults, reset or move the clock.
 *
 * @example
 * ```ts
 * await fetch(`${simUrl}/__sim/reset`, { method: 'POST', headers: { [SIM_CONTROL_HEADER]: '1' } })
 * ```
 */
export const SIM_CONTROL_HEADER = 'x-sim-control'

/** What the control endpoints act on. */
export interface ControlTarget {
  clock: SimClock
  state: SimState
  faults: FaultEngine
  requests: RequestLog
  reset(): void
}

function error(status: number, message: string): Response {
  return jsonResponse({ error: message }, { status })
}

function clockView(clock: SimClock): JsonObject {
  const nowMs = clock.now()
  return { now: formatUpstreamIso(nowMs), nowMs }
}

function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value !== 'string') return undefined
  const parsed = Date.parse(value)
  return Number.isNaN(parsed) ? undefined : parsed
}

function moveClock(target: ControlTarget, body: JsonObject): Response {
  const { clock } = target
  if (!isAdjustableClock(clock)) {
    return error(
      409,
      'This simulator runs on a clock that cannot be moved (a custom SimClock without advance/set).',
    )
  }
  if (body['advanceMs'] !== undefined) {
    const ms = body['advanceMs']
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      return error(400, 'advanceMs must be a number >= 0.')
    }
    clock.advance(ms)
  } else if (body['now'] !== undefined) {
    const ms = parseTime(body['now'])
    if (ms === undefined) return error(400, 'now must be an ISO 8601 date or epoch milliseconds.')
    clock.set(ms)
  } else {
    return error(400, 'Send { "advanceMs": number } or { "now": iso-or-ms }.')
  }
  return jsonResponse(clockView(clock))
}

async function addFault(target: ControlTarget, request: Request): Promise<Response> {
  const body = await readJsonObject(request)
  try {
    const remove = target.faults.add(body)
    const info = target.faults.list().find((rule) => rule.id === remove.id)
    return jsonResponse({ id: remove.id, rule: info }, { status: 201 })
  } catch (problem) {
    if (problem instanceof TypeError) return error(400, problem.message)
    throw problem
  }
}

async function route(target: ControlTarget, request: Request, path: string): Promise<Response> {
  const { method } = request
  const endpoint = `${method} ${path}`
  switch (endpoint) {
    case 'GET /__sim/health':
      return jsonResponse({
        ok: true,
        ...clockView(target.clock),
        clockAdjustable: isAdjustableClock(target.clock),
        counts: {
          sessions: target.state.sessions.size,
          groups: target.state.groups.size,
          assets: target.state.assets.size,
          tasks: target.state.tasks.size,
          faults: target.faults.list().length,
          requests: target.requests.length,
        },
      })
    case 'GET /__sim/faults':
      return jsonResponse({ faults: target.faults.list() })
    case 'POST /__sim/faults':
      return addFault(target, request)
    case 'DELETE /__sim/faults': {
      const cleared = target.faults.list().length
      target.faults.clear()
      return jsonResponse({ cleared })
    }
    case 'POST /__sim/clock':
      return moveClock(target, await readJsonObject(request))
    case 'POST /__sim/reset':
      target.reset()
      return jsonResponse({ reset: true })
    case 'GET /__sim/requests':
      return jsonResponse({ requests: [...target.requests] })
    case 'DELETE /__sim/requests': {
      const cleared = target.requests.length
      target.requests.reset()
      return jsonResponse({ cleared })
    }
  }
  const faultId = /^\/__sim\/faults\/([^/]+)$/.exec(path)?.[1]
  if (method === 'DELETE' && faultId !== undefined) {
    const id = decodeURIComponent(faultId)
    return target.faults.remove(id)
      ? jsonResponse({ id, removed: true })
      : error(404, `No fault rule with id ${id}.`)
  }
  return error(404, `No control endpoint ${endpoint}.`)
}

/** Serves `/__sim/...` to requests with {@link SIM_CONTROL_HEADER}; `path` is relative to the base URL. */
export async function handleControl(
  target: ControlTarget,
  request: Request,
  path: string,
): Promise<Response> {
  if (request.headers.get(SIM_CONTROL_HEADER) !== '1') {
    return error(
      403,
      `Control endpoints need the request header "${SIM_CONTROL_HEADER}: 1" (it keeps other sites from using them).`,
    )
  }
  try {
    return await route(target, request, path)
  } catch (problem) {
    if (problem instanceof ApiError) return error(problem.status, problem.message)
    throw problem
  }
}
