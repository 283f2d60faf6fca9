import { ApiError } from './api-error.ts'
import { listAssets } from './asset-list.ts'
import { deleteAsset, deleteGroup, getAsset, uploadAsset } from './assets.ts'
import type { Owner, SimContext } from './context.ts'
import { readJsonObject } from './http.ts'
import { createSession, getSession } from './sessions.ts'
import { getVideo, submitVideo } from './videos.ts'

/**
 * Prefix of every management path, as documented.
 *
 * @example
 * ```ts
 * await sim.fetch(`${MANAGEMENT_PREFIX}/assets/list`, { method: 'POST', headers, body: '{}' })
 * ```
 */
export const MANAGEMENT_PREFIX = '/api/resource-channel/byteplus/visual-validate'

/** Which error shape a path answers with. */
export type ApiFamily = 'management' | 'video'

/** The API family of a path, or `undefined` when it is not an API path. */
export function apiFamily(path: string): ApiFamily | undefined {
  if (path.startsWith('/v1/')) return 'video'
  if (path.startsWith('/api/')) return 'management'
  return undefined
}

type Handler = (
  ctx: SimContext,
  owner: Owner,
  request: Request,
  param: string,
) => Response | Promise<Response>

interface Route {
  method: string
  /** Path segments; `:id` captures one segment. */
  segments: string[]
  handler: Handler
}

function route(method: string, pattern: string, handler: Handler): Route {
  return { method, segments: pattern.split('/'), handler }
}

const M = MANAGEMENT_PREFIX
const ROUTES: Route[] = [
  route('POST', `${M}/sessions`, async (ctx, owner, request) =>
    createSession(ctx, owner, await readJsonObject(request)),
  ),
  route('GET', `${M}/sessions/:id`, (ctx, owner, _request, id) => getSession(ctx, owner, id)),
  route('POST', `${M}/assets`, async (ctx, owner, request) =>
    uploadAsset(ctx, owner, await readJsonObject(request)),
  ),
  route('POST', `${M}/assets/list`, async (ctx, owner, request) =>
    listAssets(ctx, owner, await readJsonObject(request)),
  ),
  route('GET', `${M}/assets/:id`, (ctx, owner, _request, id) => getAsset(ctx, owner, id)),
  route('DELETE', `${M}/assets/:id`, (ctx, owner, _request, id) => deleteAsset(ctx, owner, id)),
  route('DELETE', `${M}/asset-groups/:id`, (ctx, owner, _request, id) =>
    deleteGroup(ctx, owner, id),
  ),
  route('POST', '/v1/video/generations', async (ctx, owner, request) =>
    submitVideo(ctx, owner, await readJsonObject(request)),
  ),
  route('GET', '/v1/video/generations/:id', (ctx, owner, _request, id) => getVideo(ctx, owner, id)),
]

function match(route: Route, segments: string[]): string | undefined {
  if (route.segments.length !== segments.length) return undefined
  let param = ''
  for (const [i, expected] of route.segments.entries()) {
    const actual = segments[i] ?? ''
    if (expected === ':id') {
      if (actual === '') return undefined
      const decoded = safeDecode(actual)
      if (decoded === undefined) return undefined
      param = decoded
    } else if (expected !== actual) {
      return undefined
    }
  }
  return param
}

// A malformed escape (`%E0`) names no resource: a 404, not a crash.
function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

/** Dispatches an authenticated API request; unknown paths are 404, wrong methods 405. */
export async function routeApi(
  ctx: SimContext,
  owner: Owner,
  request: Request,
  path: string,
): Promise<Response> {
  const segments = path.split('/')
  const allowed: string[] = []
  for (const candidate of ROUTES) {
    const param = match(candidate, segments)
    if (param === undefined) continue
    if (candidate.method === request.method) {
      return candidate.handler(ctx, owner, request, param)
    }
    allowed.push(candidate.method)
  }
  if (allowed.length > 0) {
    throw new ApiError(405, `Method ${request.method} is not allowed on ${path}.`, {
      headers: { allow: allowed.join(', ') },
    })
  }
  throw new ApiError(404, `No API endpoint at ${path}.`)
}
