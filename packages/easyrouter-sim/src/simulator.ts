import { ApiError } from './api-error.ts'
import { authenticate } from './auth.ts'
import { createSystemClock, type SimClock } from './clock.ts'
import type { SimContext } from './context.ts'
import { handleControl } from './control.ts'
import { managementError } from './envelope.ts'
import { playFault } from './fault-response.ts'
import { createFaultEngine, SimulatedDropError, type FaultRegistry } from './faults.ts'
import { h5Stylesheet, openH5Page, submitH5Page } from './h5-page.ts'
import { createHmacSigner } from './hmac.ts'
import {
  DEFAULT_MAX_ASSET_BYTES,
  parseBaseUrl,
  resolveCredentialCanary,
  resolveTimings,
  type SimulatorOptions,
} from './options.ts'
import { randomHex } from './random.ts'
import { createRequestRecorder, type RequestLog } from './request-log.ts'
import { apiFamily, routeApi, type ApiFamily } from './router.ts'
import { clearState, createState } from './state.ts'
import { serveStorage } from './tos.ts'
import { videoError } from './video-error.ts'

/**
 * An in-process EasyRouter: the management (real-person and asset) API, the Seedance video API,
 * the hosted H5 liveness page and signed media links, behind one fetch-style function.
 *
 * @example
 * ```ts
 * const sim = createSimulator({ baseUrl: 'http://127.0.0.1:4010' })
 * const response = await sim.fetch('http://127.0.0.1:4010/v1/video/generations/task_x', {
 *   headers: { authorization: 'Bearer sk-test' },
 * })
 * response.status // 404
 * ```
 */
export interface Simulator {
  /** The base URL links are built from (no trailing slash). */
  readonly baseUrl: string
  /** The clock in use. */
  readonly clock: SimClock
  /**
   * The fake secret that appears only in `raw_response` (see
   * {@link SimulatorOptions.credentialCanary}); search a host's output for it to find a leak.
   */
  readonly credentialCanary: string
  /** Fault injection for API requests. */
  readonly faults: FaultRegistry
  /** The API requests received (method, path, time; never headers or keys). */
  readonly requests: RequestLog
  /** Answers one request. Rejects only for a `drop` fault (`TypeError`) or an abort. */
  readonly handle: (request: Request) => Promise<Response>
  /**
   * `handle` with fetch's signature, to pass wherever a `fetch` is expected. A path-only URL
   * (`/v1/...`) is resolved against `baseUrl`.
   */
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>
  /** Resolves once every asset download in flight has finished. */
  settle(): Promise<void>
  /** Forgets all sessions, groups, assets, tasks, fault rules and logged requests. */
  reset(): void
}

function plainText(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  })
}

function errorResponse(family: ApiFamily, error: ApiError): Response {
  return family === 'video' ? videoError(error) : managementError(error)
}

function internalError(family: ApiFamily | undefined, error: unknown): Response {
  console.error('easyrouter-sim: unexpected error', error)
  const problem = new ApiError(500, 'The simulator failed unexpectedly; see its console.')
  return family ? errorResponse(family, problem) : plainText(500, problem.message)
}

/**
 * Creates a simulator. All state lives in memory and every transition is computed from
 * `clock.now()` when read, so a manual clock drives the whole timeline.
 *
 * @example
 * ```ts
 * import { createManualClock, createSimulator } from '@likeness/easyrouter-sim'
 *
 * const clock = createManualClock(Date.parse('2026-05-21T16:29:15+08:00'))
 * const sim = createSimulator({ baseUrl: 'http://127.0.0.1:4010', clock })
 * const created = await sim.fetch('/api/resource-channel/byteplus/visual-validate/sessions', {
 *   method: 'POST',
 *   headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json' },
 *   body: JSON.stringify({ callback_url: 'https://host.example/verified' }),
 * })
 * ```
 */
export function createSimulator(options: SimulatorOptions): Simulator {
  const { baseUrl, basePath } = parseBaseUrl(options.baseUrl)
  const clock = options.clock ?? createSystemClock()
  const apiKeys = options.apiKeys ? new Set(options.apiKeys) : undefined
  const fetchAsset =
    options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init))
  const controlEnabled = options.control ?? true
  const faults = createFaultEngine()
  const recorder = createRequestRecorder()
  const inFlight = new Set<Promise<void>>()
  const state = createState()

  const ctx: SimContext = {
    state,
    clock,
    baseUrl,
    basePath,
    timings: resolveTimings(options.timings),
    maxAssetBytes: options.maxAssetBytes ?? DEFAULT_MAX_ASSET_BYTES,
    signer: createHmacSigner(options.secret ?? randomHex(32)),
    credentialCanary: resolveCredentialCanary(options.credentialCanary),
    fetch: fetchAsset,
    track(work) {
      const tracked: Promise<void> = work
        .then(
          () => undefined,
          (error: unknown) => {
            console.error('easyrouter-sim: background work failed', error)
          },
        )
        .finally(() => inFlight.delete(tracked))
      inFlight.add(tracked)
    },
  }

  const reset = (): void => {
    clearState(state)
    faults.clear()
    recorder.log.reset()
  }

  async function handleApi(request: Request, path: string, family: ApiFamily): Promise<Response> {
    recorder.record({ method: request.method, path, at: clock.now() })
    try {
      const rule = faults.take(request.method, path)
      const faulted = rule ? await playFault(rule, request) : undefined
      if (faulted) return faulted
      const owner = authenticate(request, apiKeys)
      return await routeApi(ctx, owner, request, path)
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(family, error)
      // A dropped connection and an aborted request reject, as they do with a real fetch.
      if (error instanceof SimulatedDropError || request.signal.aborted) throw error
      return internalError(family, error)
    }
  }

  async function handleOther(request: Request, url: URL, path: string): Promise<Response> {
    const { method } = request
    if (path === '/h5/liveness') {
      if (method === 'GET') return openH5Page(ctx, url)
      if (method === 'POST') return submitH5Page(ctx, request)
      return plainText(405, 'Use GET or POST.')
    }
    if (path === '/h5/liveness.css' && (method === 'GET' || method === 'HEAD')) {
      return h5Stylesheet()
    }
    if (path.startsWith('/tos/')) {
      if (method === 'GET' || method === 'HEAD') {
        return serveStorage(ctx, request, path, url.searchParams)
      }
      return plainText(405, 'Use GET or HEAD.')
    }
    if (controlEnabled && (path === '/__sim' || path.startsWith('/__sim/'))) {
      return handleControl({ clock, state, faults, requests: recorder.log, reset }, request, path)
    }
    return plainText(404, `Nothing at ${path}.`)
  }

  const handle = async (request: Request): Promise<Response> => {
    if (request.signal.aborted) throw request.signal.reason as Error
    const url = new URL(request.url)
    // Requests may arrive under the base URL's path prefix or, when a client was configured with
    // the real origin and handed `sim.fetch`, without it.
    const path =
      basePath !== '' && (url.pathname === basePath || url.pathname.startsWith(`${basePath}/`))
        ? url.pathname.slice(basePath.length) || '/'
        : url.pathname
    const family = apiFamily(path)
    if (family) return handleApi(request, path, family)
    try {
      return await handleOther(request, url, path)
    } catch (error) {
      if (error instanceof ApiError) return plainText(error.status, error.message)
      return internalError(undefined, error)
    }
  }

  // Async so that a Request the constructor refuses becomes a rejection, as with fetch.
  const simFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const target = typeof input === 'string' && input.startsWith('/') ? `${baseUrl}${input}` : input
    return handle(new Request(target, init))
  }

  return {
    baseUrl,
    clock,
    credentialCanary: ctx.credentialCanary,
    faults,
    requests: recorder.log,
    handle,
    fetch: simFetch,
    async settle() {
      while (inFlight.size > 0) await Promise.all(inFlight)
    },
    reset,
  }
}
