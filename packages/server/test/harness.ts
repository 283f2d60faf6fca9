import { LIKENESS_REQUEST_HEADER, type VideoJobInput } from '@likeness/core'
import { createManualClock, createSimulator } from '@likeness/easyrouter-sim'
import { createMemoryBlobStore } from '../src/blob/memory-blob-store.ts'
import { createLikenessHandler, type LikenessHandler } from '../src/handler.ts'
import type { LikenessHandlerOptions, LikenessLimits } from '../src/options.ts'
import { createMemoryStore } from '../src/store/memory-store.ts'

export const APP = 'https://app.example'
export const BASE = `${APP}/api/likeness`
export const SIM_URL = 'https://easyrouter.sim'
export const API_KEY = 'sk-sim-7f3a9c1e5b2d4f6a8c0e'
export const SECRET = 'test-secret-that-is-at-least-32-characters'
export const T0 = Date.parse('2026-05-21T16:29:15+08:00')

/** A 1x1 PNG, a real portrait stand-in. */
export const PNG = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
)

/** A video job the simulator accepts. */
export const VIDEO_INPUT = {
  model: 'dreamina-seedance-2-0',
  prompt: 'me, walking on the moon',
  durationSeconds: 5,
} satisfies VideoJobInput

/**
 * Options under which only `kind` is rate-limited, to `max` a minute; the other limits stay
 * out of the way (nine within a millisecond).
 */
export function onlyRateLimited(
  kind: keyof LikenessLimits['rateLimits'],
  max: number,
): Partial<LikenessHandlerOptions> {
  const open = { max: 9, windowMs: 1 }
  const rateLimits = { verification: open, upload: open, video: open }
  return { limits: { rateLimits: { ...rateLimits, [kind]: { max, windowMs: 60_000 } } } }
}

/**
 * The handler wired to an in-process simulator, on one manual clock. EasyRouter's downloads
 * of staged uploads go back into the handler, as they would over the internet. The host's
 * authentication is played by an `x-test-user` header.
 */
export function harness(overrides: Partial<LikenessHandlerOptions> = {}, startMs = T0) {
  const clock = createManualClock(startMs)
  const store = createMemoryStore()
  const blobStore = createMemoryBlobStore()
  const responses: Response[] = []
  const ref: { handler?: LikenessHandler } = {}
  const sim = createSimulator({
    baseUrl: SIM_URL,
    apiKeys: [API_KEY],
    clock,
    fetch: (input, init) => {
      if (!ref.handler) throw new Error('handler not ready')
      return ref.handler(new Request(input, init))
    },
    timings: { assetProcessingMs: 1000, videoQueuedMs: 1000, videoGenerationMs: 5000 },
  })
  const options: LikenessHandlerOptions = {
    publicUrl: APP,
    easyrouter: { apiKey: API_KEY, baseUrl: SIM_URL, fetch: sim.fetch },
    secret: SECRET,
    getUserId: (request) => request.headers.get('x-test-user'),
    store,
    blobStore,
    now: () => clock.now(),
    ...overrides,
  }
  const created = createLikenessHandler(options)
  ref.handler = created
  // The binding cookie each started verification's browser holds, by its liveness link: the
  // browser that started it is the one that comes back from the liveness page.
  const browsers = new Map<string, string>()
  // Every response the handler gives is kept, so tests can check none leaks a secret.
  const handle = async (request: Request) => {
    const response = await created(request)
    responses.push(response.clone())
    const cookies = response.headers.getSetCookie()
    if (request.method === 'POST' && response.status === 201 && cookies.length > 0) {
      const { url } = (await response.clone().json()) as { url?: string }
      if (url) browsers.set(url, cookies.map((cookie) => cookie.split(';')[0]).join('; '))
    }
    return response
  }
  return {
    sim,
    clock,
    store,
    blobStore,
    handle,
    responses,
    as: (user: string) => client(handle, user),
    /** The `Cookie` header of the browser that started the verification with this link. */
    browserOf: (url: string) => browsers.get(url),
    options,
  }
}

export type Harness = ReturnType<typeof harness>

/** Create-video calls that reached the simulator. */
export const videosUpstream = (h: Harness) =>
  h.sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/video/generations').length

export interface Reply<T = any> {
  status: number
  headers: Headers
  body: T
}

async function reply(response: Response): Promise<Reply> {
  const text = await response.text()
  let body: unknown = text
  if ((response.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text)
  return { status: response.status, headers: response.headers, body }
}

/** Requests as one signed-in user, the way the browser adapter sends them. */
export function client(handle: (request: Request) => Promise<Response>, user: string | null) {
  const headers = (extra: Record<string, string> = {}) => ({
    ...(user === null ? {} : { 'x-test-user': user }),
    origin: APP,
    ...extra,
  })
  const send = async (path: string, init: RequestInit = {}) =>
    reply(await handle(new Request(path.startsWith('http') ? path : `${BASE}${path}`, init)))
  return {
    get: (path: string, extra?: Record<string, string>) => send(path, { headers: headers(extra) }),
    post: (path: string, body: unknown, extra?: Record<string, string>) =>
      send(path, {
        method: 'POST',
        headers: headers({
          'content-type': 'application/json',
          [LIKENESS_REQUEST_HEADER]: '1',
          ...extra,
        }),
        body: JSON.stringify(body),
      }),
    del: (path: string, extra?: Record<string, string>) =>
      send(path, {
        method: 'DELETE',
        headers: headers({ [LIKENESS_REQUEST_HEADER]: '1', ...extra }),
      }),
    upload: (
      bytes: Uint8Array<ArrayBuffer>,
      query = 'name=portrait.png',
      extra?: Record<string, string>,
    ) =>
      send(`/assets?${query}`, {
        method: 'POST',
        headers: headers({
          'content-type': 'application/octet-stream',
          [LIKENESS_REQUEST_HEADER]: '1',
          ...extra,
        }),
        body: bytes,
      }),
    raw: send,
  }
}

/**
 * Runs the liveness page with an outcome and follows its redirect to the callback, in the
 * browser that started the verification (with its cookies) unless `cookie` says otherwise
 * (`null`: a browser with none, as when the link was forwarded to someone else).
 */
export async function liveness(
  h: Harness,
  url: string,
  outcome: 'pass' | 'fail' | 'mismatch' | 'cancel',
  { cookie = h.browserOf(url) }: { cookie?: string | null | undefined } = {},
): Promise<{ callbackUrl: string; response: Response }> {
  const link = new URL(url)
  link.searchParams.set('outcome', outcome)
  const page = await h.sim.fetch(link, { redirect: 'manual' })
  const callbackUrl = page.headers.get('location')
  if (page.status !== 302 || !callbackUrl) throw new Error(`liveness page answered ${page.status}`)
  const headers: Record<string, string> = cookie ? { cookie } : {}
  return { callbackUrl, response: await h.handle(new Request(callbackUrl, { headers })) }
}

/** Verifies a user end to end and returns the started verification's reply. */
export async function verify(h: Harness, user: string) {
  const started = await h.as(user).post('/verification', { returnTo: '/studio' })
  if (started.status !== 201) throw new Error(`start answered ${started.status}`)
  const { response } = await liveness(h, started.body.url, 'pass')
  if (response.status !== 303) throw new Error(`callback answered ${response.status}`)
  return started
}

/** Uploads the PNG and lets EasyRouter process it; returns the Active asset. */
export async function activeAsset(h: Harness, user: string, name = 'portrait.png') {
  const uploaded = await h.as(user).upload(PNG, `name=${encodeURIComponent(name)}`)
  if (uploaded.status !== 201)
    throw new Error(`upload answered ${uploaded.status}: ${JSON.stringify(uploaded.body)}`)
  await h.sim.settle()
  h.clock.advance(1000)
  const asset = await h.as(user).get(`/assets/${uploaded.body.id}`)
  return asset.body
}
