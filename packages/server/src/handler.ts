import { LIKENESS_REQUEST_HEADER, LikenessError } from '@likeness/core'
import { createEasyRouterClient, type EasyRouterClient } from '@likeness/easyrouter'
import { deleteAllAssets, deleteAsset, getAsset, listAssets, uploadAsset } from './assets.ts'
import { createMemoryBlobStore } from './blob/memory-blob-store.ts'
import type { HandlerContext } from './context.ts'
import { errorResponse, fail } from './http.ts'
import { resolveOptions, type LikenessHandlerOptions } from './options.ts'
import { popupScript } from './pages.ts'
import { createRateLimiter } from './rate-limit.ts'
import { createSigner, randomToken } from './signing.ts'
import { serveStaged } from './staging.ts'
import { createMemoryStore } from './store/memory-store.ts'
import { createUploadGate } from './upload-gate.ts'
import { mapUpstreamErrors } from './upstream.ts'
import {
  cancelVerification,
  readVerification,
  startVerification,
  verificationCallback,
} from './verification.ts'
import { createVideoJob, getVideoJob, listVideoJobs } from './videos.ts'

/**
 * A Web-standard request handler: give it every request under its base path, get the
 * response. Requests outside the base path answer 404.
 *
 * @example
 * ```ts
 * const likeness: LikenessHandler = createLikenessHandler(options)
 * const response = await likeness(new Request('https://app.example/api/likeness/verification'))
 * ```
 */
export type LikenessHandler = (request: Request) => Promise<Response>

type Authed = (
  ctx: HandlerContext,
  request: Request,
  url: URL,
  userId: string,
  id: string,
) => Promise<Response>

/**
 * The signed-in routes, as `METHOD /path` below the base path (`:id` matches one segment), which
 * is also how events name them. Every method but GET changes state: the CSRF rules apply.
 */
const ROUTE_TABLE: Record<string, Authed> = {
  'POST /verification': (c, r, _u, user) => startVerification(c, r, user),
  'DELETE /verification': (c, r, _u, user) => cancelVerification(c, r, user),
  'GET /verification': (c, r, _u, user) => readVerification(c, r, user),
  'GET /assets': (c, r, u, user) => listAssets(c, r, u, user),
  'POST /assets': (c, r, u, user) => uploadAsset(c, r, u, user),
  'DELETE /assets': (c, r, _u, user) => deleteAllAssets(c, r, user),
  'GET /assets/:id': (c, r, _u, user, id) => getAsset(c, r, user, id),
  'DELETE /assets/:id': (c, r, _u, user, id) => deleteAsset(c, r, user, id),
  'POST /videos': (c, r, _u, user) => createVideoJob(c, r, user),
  'GET /videos': (c, _r, _u, user) => listVideoJobs(c, user),
  'GET /videos/:id': (c, _r, _u, user, id) => getVideoJob(c, user, id),
}

interface Route {
  /** `METHOD /path`, as in {@link ROUTE_TABLE}. */
  name: string
  method: string
  segments: string[]
  changes: boolean
  handle: Authed
}

/** The table's routes, split for matching. */
const ROUTES: Route[] = Object.entries(ROUTE_TABLE).map(([name, handle]) => {
  const [method = '', path = ''] = name.split(' ')
  return { name, method, segments: path.split('/'), changes: method !== 'GET', handle }
})

/**
 * Creates the Likeness backend: one handler that starts and confirms verifications, stages
 * uploads for EasyRouter, manages the person's assets and video jobs, and keeps the EasyRouter
 * key on the server. Mount it under `basePath` in any framework that speaks `Request` and
 * `Response` (Next.js, Hono, Bun, Deno, workers), or through `toNodeHandler` from
 * `@likeness/server/node` in Node's `http`, Express or Connect.
 *
 * @example
 * ```ts
 * const likeness = createLikenessHandler({
 *   publicUrl: 'https://app.example',
 *   easyrouter: { apiKey: process.env.EASYROUTER_API_KEY! },
 *   secret: process.env.LIKENESS_SECRET!,
 *   getUserId: async (request) => (await auth(request))?.userId ?? null,
 * })
 * export { likeness as GET, likeness as POST, likeness as DELETE }
 * ```
 */
export function createLikenessHandler(options: LikenessHandlerOptions): LikenessHandler {
  const resolved = resolveOptions(options)
  const easyrouter: EasyRouterClient =
    'client' in options.easyrouter
      ? options.easyrouter.client
      : createEasyRouterClient({
          apiKey: options.easyrouter.apiKey,
          baseUrl: options.easyrouter.baseUrl,
          fetch: options.easyrouter.fetch,
          timeoutMs: options.easyrouter.timeoutMs,
        })
  const now = options.now ?? Date.now
  const base: Omit<HandlerContext, 'request' | 'audit' | 'reportError'> = {
    options: resolved,
    upstream: mapUpstreamErrors(easyrouter),
    store: options.store ?? createMemoryStore(),
    blobs: options.blobStore ?? createMemoryBlobStore(),
    signer: createSigner(options.secret),
    limiter: createRateLimiter(),
    uploads: createUploadGate(resolved.limits),
    now,
    jobPolls: new Map(),
    creates: new Map(),
    lastSweep: { at: 0 },
  }

  return async (request) => {
    const url = new URL(request.url)
    const path = below(resolved.basePath, url.pathname)
    const scope = {
      id: requestIdOf(request),
      route: `${METHODS.has(request.method) ? request.method : 'OTHER'} *`,
      userId: undefined as string | undefined,
    }
    /** An event or error report with this request's id, route and user, and the time. */
    const stamped = <T extends { userId?: string | undefined }>(value: T) => ({
      ...value,
      requestId: scope.id,
      route: scope.route,
      userId: value.userId ?? scope.userId,
      at: now(),
    })
    const ctx: HandlerContext = {
      ...base,
      request: scope,
      audit: (event) => {
        notify(options.onEvent, stamped(event))
      },
      reportError: (report) => {
        notify(options.onError, stamped(report))
      },
    }
    let response: Response
    try {
      response = await serve(ctx, request, url, path)
    } catch (thrown) {
      const error =
        thrown instanceof LikenessError
          ? thrown
          : new LikenessError('unknown', {
              message: 'Something went wrong on the server.',
              cause: thrown,
            })
      response = errorResponse(error, scope.id)
      if (isOwnRefusal(error)) {
        ctx.audit({
          type: 'request.refused',
          code: error.code,
          reason: typeof error.details?.reason === 'string' ? error.details.reason : error.code,
        })
      }
      if (response.status >= 500) {
        ctx.reportError({
          code: error.code,
          status: response.status,
          message: error.message,
          error: error.cause ?? error,
        })
      }
    }
    return withRequestId(response, scope.id)
  }

  async function serve(
    ctx: HandlerContext,
    request: Request,
    url: URL,
    path: string | undefined,
  ): Promise<Response> {
    const scope = ctx.request
    if (path === undefined) throw fail('not_found', 'No such route.')
    if (request.method === 'GET' || request.method === 'HEAD') {
      if (path === '/verification/callback' && request.method === 'GET') {
        scope.route = 'GET /verification/callback'
        const userId = await identify(request, false)
        scope.userId = userId ?? undefined
        return verificationCallback(ctx, request, url, userId)
      }
      if (path === '/verification/popup.js') {
        scope.route = `${request.method} /verification/popup.js`
        return popupScript()
      }
      const staged = /^\/uploads\/([^/]+)$/.exec(path)
      if (staged?.[1]) {
        scope.route = `${request.method} /uploads/:key`
        return serveStaged(ctx, request, url, staged[1])
      }
    }
    const { route, id } = match(request.method, path)
    scope.route = route.name
    if (route.changes) guardCsrf(ctx, request)
    const userId = await identify(request, true)
    scope.userId = userId
    return route.handle(ctx, request, url, userId, id)
  }

  async function identify(request: Request, required: true): Promise<string>
  async function identify(request: Request, required: false): Promise<string | null>
  async function identify(request: Request, required: boolean): Promise<string | null> {
    const userId = await options.getUserId(request)
    if (typeof userId === 'string' && userId !== '') return userId
    if (required) throw fail('unauthorized', 'Sign in to continue.')
    return null
  }
}

function below(basePath: string, pathname: string): string | undefined {
  if (basePath === '') return pathname
  if (pathname === basePath) return '/'
  return pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : undefined
}

function match(method: string, path: string): { route: Route; id: string } {
  const segments = path.split('/')
  let allowed = false
  for (const route of ROUTES) {
    if (route.segments.length !== segments.length) continue
    let id = ''
    const fits = route.segments.every((part, i) => {
      const actual = segments[i] ?? ''
      if (part !== ':id') return part === actual
      id = actual
      return actual !== ''
    })
    if (!fits) continue
    if (route.method === method) return { route, id }
    allowed = true
  }
  if (allowed) throw fail('invalid_request', `${method} is not allowed here.`)
  throw fail('not_found', 'No such route.')
}

// State-changing requests must carry the protocol header (which a cross-site form or image
// cannot send without a CORS preflight) and, when the browser names its origin, come from an
// allowed one.
function guardCsrf(ctx: HandlerContext, request: Request): void {
  if (request.headers.get(LIKENESS_REQUEST_HEADER) !== '1') {
    throw fail(
      'forbidden',
      `State-changing requests need the ${LIKENESS_REQUEST_HEADER}: 1 header.`,
      { reason: 'csrf_header' },
    )
  }
  const origin = request.headers.get('origin')
  if (origin !== null && !ctx.options.allowedOrigins.has(origin)) {
    throw fail('forbidden', 'Requests from this origin are not allowed.', {
      reason: 'csrf_origin',
    })
  }
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

// A request id a proxy in front of us already gave the request is kept, so log lines join up;
// anything else (too long, odd characters that could forge log lines) is replaced.
const FORWARDED_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/

function requestIdOf(request: Request): string {
  const forwarded = request.headers.get('x-request-id')
  return forwarded !== null && FORWARDED_REQUEST_ID.test(forwarded) ? forwarded : randomToken(12)
}

function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set('x-request-id', requestId)
    return response
  } catch {
    // A response whose headers are immutable (one passed through from fetch) is copied.
    const copy = new Response(response.body, response)
    copy.headers.set('x-request-id', requestId)
    return copy
  }
}

// A refusal of our own that guards the boundary (anti-CSRF, rate limits), as opposed to the same
// codes relayed from EasyRouter (those carry EasyRouter's error as their cause).
function isOwnRefusal(error: LikenessError): boolean {
  return (
    (error.code === 'forbidden' || error.code === 'rate_limited') &&
    !(error.cause instanceof LikenessError)
  )
}

// Hands an event or report to the host's hook; a hook that throws or rejects never breaks a
// request.
function notify<T>(hook: ((value: T) => unknown) | undefined, value: T): void {
  if (!hook) return
  try {
    void Promise.resolve(hook(value)).catch(() => undefined)
  } catch {
    // Ignored, as above.
  }
}
