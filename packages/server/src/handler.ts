import { LIKENESS_REQUEST_HEADER, LikenessError } from '@likeness/core'
import { createEasyRouterClient, type EasyRouterClient } from '@likeness/easyrouter'
import { deleteAllAssets, deleteAsset, getAsset, listAssets, uploadAsset } from './assets.ts'
import type { AuditEvent } from './audit.ts'
import { createMemoryBlobStore } from './blob/memory-blob-store.ts'
import type { HandlerContext } from './context.ts'
import { errorResponse, fail } from './http.ts'
import { resolveOptions, type LikenessHandlerOptions } from './options.ts'
import { popupScript } from './pages.ts'
import { createRateLimiter } from './rate-limit.ts'
import { createSigner } from './signing.ts'
import { serveStaged } from './staging.ts'
import { createMemoryStore } from './store/memory-store.ts'
import { createUploadGate } from './upload-gate.ts'
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
 */
export type LikenessHandler = (request: Request) => Promise<Response>

type Authed = (
  ctx: HandlerContext,
  request: Request,
  url: URL,
  userId: string,
  id: string,
) => Promise<Response>

interface Route {
  method: string
  /** Path below the base path; `:id` matches one segment. */
  path: string
  /** Whether the route changes state (then the CSRF rules apply). */
  changes: boolean
  handle: Authed
}

const ROUTES: Route[] = [
  {
    method: 'POST',
    path: '/verification',
    changes: true,
    handle: (c, r, _u, user) => startVerification(c, r, user),
  },
  {
    method: 'DELETE',
    path: '/verification',
    changes: true,
    handle: (c, r, _u, user) => cancelVerification(c, r, user),
  },
  {
    method: 'GET',
    path: '/verification',
    changes: false,
    handle: (c, r, _u, user) => readVerification(c, r, user),
  },
  {
    method: 'GET',
    path: '/assets',
    changes: false,
    handle: (c, r, u, user) => listAssets(c, r, u, user),
  },
  {
    method: 'POST',
    path: '/assets',
    changes: true,
    handle: (c, r, u, user) => uploadAsset(c, r, u, user),
  },
  {
    method: 'DELETE',
    path: '/assets',
    changes: true,
    handle: (c, r, _u, user) => deleteAllAssets(c, r, user),
  },
  {
    method: 'GET',
    path: '/assets/:id',
    changes: false,
    handle: (c, r, _u, user, id) => getAsset(c, r, user, id),
  },
  {
    method: 'DELETE',
    path: '/assets/:id',
    changes: true,
    handle: (c, r, _u, user, id) => deleteAsset(c, r, user, id),
  },
  {
    method: 'POST',
    path: '/videos',
    changes: true,
    handle: (c, r, _u, user) => createVideoJob(c, r, user),
  },
  {
    method: 'GET',
    path: '/videos',
    changes: false,
    handle: (c, _r, _u, user) => listVideoJobs(c, user),
  },
  {
    method: 'GET',
    path: '/videos/:id',
    changes: false,
    handle: (c, _r, _u, user, id) => getVideoJob(c, user, id),
  },
]

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
  const onAudit = options.onAudit
  const ctx: HandlerContext = {
    options: resolved,
    easyrouter,
    store: options.store ?? createMemoryStore(),
    blobs: options.blobStore ?? createMemoryBlobStore(),
    signer: createSigner(options.secret),
    limiter: createRateLimiter(),
    uploads: createUploadGate(resolved.limits),
    now,
    audit: (event) => {
      if (!onAudit) return
      const full: AuditEvent = { ...event, at: now() }
      try {
        void Promise.resolve(onAudit(full)).catch(() => undefined)
      } catch {
        // An audit sink must never break a request.
      }
    },
    jobPolls: new Map(),
    creates: new Map(),
    lastSweep: { at: 0 },
  }

  return async (request) => {
    const url = new URL(request.url)
    const path = below(resolved.basePath, url.pathname)
    try {
      if (path === undefined) throw fail('not_found', 'No such route.')
      if (request.method === 'GET' || request.method === 'HEAD') {
        if (path === '/verification/callback' && request.method === 'GET') {
          return await verificationCallback(ctx, request, url, await identify(request, false))
        }
        if (path === '/verification/popup.js') return popupScript()
        const staged = /^\/uploads\/([^/]+)$/.exec(path)
        if (staged?.[1]) return await serveStaged(ctx, request, url, staged[1])
      }
      const { route, id } = match(request.method, path)
      if (route.changes) guardCsrf(ctx, request)
      const userId = await identify(request, true)
      return await route.handle(ctx, request, url, userId, id)
    } catch (error) {
      return errorResponse(
        error instanceof LikenessError
          ? error
          : new LikenessError('unknown', {
              message: 'Something went wrong on the server.',
              cause: error,
            }),
      )
    }
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
    const pattern = route.path.split('/')
    if (pattern.length !== segments.length) continue
    let id = ''
    const fits = pattern.every((part, i) => {
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
    )
  }
  const origin = request.headers.get('origin')
  if (origin !== null && !ctx.options.allowedOrigins.has(origin)) {
    throw fail('forbidden', 'Requests from this origin are not allowed.')
  }
}
