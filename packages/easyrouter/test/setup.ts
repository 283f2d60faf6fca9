import { createManualClock, createSimulator } from '@likeness/easyrouter-sim'
import { createEasyRouterClient, type EasyRouterClientOptions } from '../src/index.ts'

export const SIM_URL = 'http://sim.test'
export const MEDIA_URL = 'http://media.test'
export const KEY_A = 'sk-test-account-a'
export const KEY_B = 'sk-test-account-b'

/** A 1x1 PNG. */
export const PNG = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
)

// The media host EasyRouter fetches uploads from: a tiny in-process server.
const media = new Map<string, { bytes: Uint8Array; type: string }>([
  ['/portrait.png', { bytes: PNG, type: 'image/png' }],
  ['/mismatch-portrait.png', { bytes: PNG, type: 'image/png' }],
  ['/notes.txt', { bytes: new TextEncoder().encode('not a picture'), type: 'text/plain' }],
])

const mediaFetch: typeof fetch = (input, init) => {
  const request = new Request(input, init)
  const entry = media.get(new URL(request.url).pathname)
  if (!entry) return Promise.resolve(new Response('missing', { status: 404 }))
  return Promise.resolve(
    new Response(entry.bytes.slice(), { headers: { 'content-type': entry.type } }),
  )
}

/** Retries at once, so fault tests stay fast. */
export const FAST_RETRY = { initialMs: 1, factor: 1, maxMs: 2, jitter: 0 }

export function setup(clientOptions: Partial<EasyRouterClientOptions> = {}) {
  const clock = createManualClock(Date.parse('2026-05-21T16:29:15+08:00'))
  const sim = createSimulator({
    baseUrl: SIM_URL,
    apiKeys: [KEY_A, KEY_B],
    clock,
    fetch: mediaFetch,
    timings: { assetProcessingMs: 3000, videoQueuedMs: 2000, videoGenerationMs: 10_000 },
  })
  const clientFor = (apiKey: string, overrides: Partial<EasyRouterClientOptions> = {}) =>
    createEasyRouterClient({
      apiKey,
      baseUrl: SIM_URL,
      fetch: sim.fetch,
      retry: { retries: 2, schedule: FAST_RETRY },
      ...clientOptions,
      ...overrides,
    })
  return { sim, clock, client: clientFor(KEY_A), other: clientFor(KEY_B), clientFor }
}

export type Setup = ReturnType<typeof setup>

/** Runs the fake liveness page with a given outcome and returns the callback query. */
export async function completeLiveness(
  { sim }: Setup,
  h5Link: string,
  outcome: 'pass' | 'fail' | 'mismatch' | 'cancel',
): Promise<URLSearchParams> {
  const url = new URL(h5Link)
  url.searchParams.set('outcome', outcome)
  const response = await sim.fetch(url, { redirect: 'manual' })
  if (response.status !== 302) throw new Error(`liveness page answered ${response.status}`)
  return new URL(response.headers.get('location') ?? '').searchParams
}

/** A verified account with its group id. */
export async function verified(ctx: Setup, client = ctx.client) {
  const session = await client.createSession({ callbackUrl: 'https://host.example/callback' })
  const query = await completeLiveness(ctx, session.h5Link ?? '', 'pass')
  const confirmed = await client.getSession(session.bytedToken, {
    resultCode: query.get('resultCode') ?? '',
  })
  if (!confirmed.groupId) throw new Error('no group after a passed verification')
  return { session: confirmed, groupId: confirmed.groupId }
}

export async function activeAsset(ctx: Setup, groupId: string, client = ctx.client) {
  const asset = await client.uploadAsset({
    groupId,
    url: `${MEDIA_URL}/portrait.png`,
    assetType: 'Image',
    name: 'Portrait',
  })
  await ctx.sim.settle()
  ctx.clock.advance(3000)
  return client.getAsset(asset.id)
}

/**
 * Resolves once `condition()` holds, looking again after each turn of the event loop. It has no
 * time limit of its own: the test's timeout only stops a wait that would never end. Works under
 * fake timers that leave `setImmediate` real.
 */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve))
}
