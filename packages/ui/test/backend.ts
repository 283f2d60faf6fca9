/**
 * The whole Likeness stack inside one page, for stories and component tests: the HTTP adapter
 * talks to the real handler (memory store, memory blob store), which talks to the EasyRouter
 * simulator, all in-process. Nothing leaves the page.
 */
import {
  createHttpAdapter,
  type Asset,
  type HostAdapter,
  type PollingSchedule,
  type VideoJob,
} from '@likeness/core'
import {
  createSimulator,
  type SimClock,
  type Simulator,
  type SimulatorTimings,
} from '@likeness/easyrouter-sim'
import {
  createLikenessHandler,
  createMemoryBlobStore,
  createMemoryStore,
  type LikenessHandler,
} from '@likeness/server'

export const APP = 'https://app.example'
export const BASE = `${APP}/api/likeness`
const SIM_URL = 'https://easyrouter.sim'
const API_KEY = 'sk-sim-in-page-0000000000000000'
const SECRET = 'in-page-secret-that-is-at-least-32-characters'

/** Polls every 50 ms, so stories and tests move on quickly. */
export const FAST_POLLING: PollingSchedule = { initialMs: 50, factor: 1, maxMs: 50, jitter: 0 }

/** A 64x64 PNG portrait stand-in (a solid warm square), real bytes the checks accept. */
export const PORTRAIT_PNG = pngOfSize(64, 64)

export interface InPageBackend {
  sim: Simulator
  handler: LikenessHandler
  /** An adapter for one signed-in user, media links turned into `blob:` URLs. */
  adapterFor(user: string, decorate?: (adapter: HostAdapter) => HostAdapter): HostAdapter
  /**
   * Plays the liveness page with an outcome and delivers its redirect to the handler, as the
   * browser would after the person finishes.
   */
  completeLiveness(url: string, outcome: 'pass' | 'fail' | 'mismatch' | 'cancel'): Promise<void>
  /** Verifies a user end to end, without the UI. */
  verify(user: string): Promise<void>
  /** Uploads a portrait for a verified user (without the UI) and returns the asset. */
  upload(user: string, name?: string, bytes?: Uint8Array<ArrayBuffer>): Promise<Asset>
  /** Creates a video job for a verified user (without the UI). */
  createJob(user: string, prompt?: string): Promise<VideoJob>
}

/**
 * Builds a fresh in-page stack. Timings default to a few seconds so states can be watched. A
 * `clock` (e.g. `createManualClock()`) puts the simulator's timeline in the caller's hands:
 * processing and video jobs then end when the caller moves it, however fast the machine is.
 */
export function createInPageBackend(
  options: { timings?: SimulatorTimings; clock?: SimClock } = {},
): InPageBackend {
  const ref: { handler?: LikenessHandler } = {}
  const sim = createSimulator({
    baseUrl: SIM_URL,
    apiKeys: [API_KEY],
    ...(options.clock ? { clock: options.clock } : {}),
    fetch: (input, init) => {
      if (!ref.handler) throw new Error('handler not ready')
      return ref.handler(new Request(input, init))
    },
    timings: {
      assetProcessingMs: 1200,
      videoQueuedMs: 1000,
      videoGenerationMs: 4000,
      ...options.timings,
    },
  })
  const handler = createLikenessHandler({
    publicUrl: APP,
    easyrouter: { apiKey: API_KEY, baseUrl: SIM_URL, fetch: sim.fetch },
    secret: SECRET,
    getUserId: (request) => request.headers.get('x-demo-user'),
    store: createMemoryStore(),
    blobStore: createMemoryBlobStore(),
    // The page plays browser, network and server at once, and a page cannot carry cookies to a
    // handler it calls itself (browsers drop Set-Cookie from a Response made in script). The
    // binding of the callback to the starting browser is proven by the server's tests and the
    // demo's browser journeys.
    bindVerificationToBrowser: false,
  })
  ref.handler = handler

  const media = new Map<string, Promise<string>>()
  // Media links point at the simulator's storage, which only exists in this page: fetch each
  // once through it and hand the element a blob: URL instead.
  const localUrl = (url: string | undefined) => {
    if (!url) return Promise.resolve(url)
    const key = url.split('?')[0] ?? url
    let found = media.get(key)
    if (!found) {
      found = sim
        .fetch(url)
        .then((response) => response.blob())
        .then((blob) => URL.createObjectURL(blob))
      media.set(key, found)
    }
    return found
  }
  const withAsset = async (asset: Asset): Promise<Asset> => {
    const previewUrl = await localUrl(asset.previewUrl)
    return previewUrl ? { ...asset, previewUrl } : asset
  }
  const withJob = async (job: VideoJob): Promise<VideoJob> => {
    const videoUrl = await localUrl(job.videoUrl)
    return videoUrl ? { ...job, videoUrl } : job
  }

  const adapterFor = (user: string, decorate = (adapter: HostAdapter) => adapter): HostAdapter => {
    const http = createHttpAdapter({
      baseUrl: BASE,
      fetch: (input, init) => handler(new Request(input, init)),
      headers: { 'x-demo-user': user },
      createXhr: false,
    })
    const inner = decorate(http)
    return {
      ...inner,
      listAssets: async (query, callOptions) => {
        const page = await inner.listAssets(query, callOptions)
        return { ...page, items: await Promise.all(page.items.map(withAsset)) }
      },
      getAsset: async (id, callOptions) => withAsset(await inner.getAsset(id, callOptions)),
      uploadAsset: async (input, callOptions) =>
        withAsset(await inner.uploadAsset(input, callOptions)),
      createVideoJob: async (input, callOptions) =>
        withJob(await inner.createVideoJob(input, callOptions)),
      getVideoJob: async (id, callOptions) => withJob(await inner.getVideoJob(id, callOptions)),
      listVideoJobs: async (callOptions) =>
        Promise.all((await inner.listVideoJobs(callOptions)).map(withJob)),
    } satisfies HostAdapter
  }

  const completeLiveness: InPageBackend['completeLiveness'] = async (url, outcome) => {
    const link = new URL(url)
    link.searchParams.set('outcome', outcome)
    const page = await sim.fetch(link, { redirect: 'manual' })
    const callback = page.headers.get('location')
    if (!callback) throw new Error(`the liveness page answered ${page.status} without a redirect`)
    await handler(new Request(callback, { redirect: 'manual' }))
  }

  return {
    sim,
    handler,
    adapterFor,
    completeLiveness,
    verify: async (user) => {
      const adapter = adapterFor(user)
      const { url } = await adapter.startVerification({ mode: 'redirect', returnTo: APP })
      await completeLiveness(url, 'pass')
    },
    upload: async (user, name = 'portrait.png', bytes = PORTRAIT_PNG) =>
      adapterFor(user).uploadAsset({ file: new Blob([bytes], { type: 'image/png' }), name }),
    createJob: async (user, prompt = 'A short walk on a beach at sunset') => {
      const adapter = adapterFor(user)
      return adapter.createVideoJob(
        { model: 'dreamina-seedance-2-0-fast', prompt },
        { idempotencyKey: crypto.getRandomValues(new Uint32Array(4)).join('-') },
      )
    },
  }
}

/** A solid-colour PNG of the given size, built in the page (zlib "stored" blocks). */
function pngOfSize(width: number, height: number): Uint8Array<ArrayBuffer> {
  const row = 1 + width * 3
  const raw = new Uint8Array(row * height)
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0
    for (let x = 0; x < width; x++) raw.set([214, 160, 120], y * row + 1 + x * 3)
  }
  const chunks: Uint8Array[] = []
  const blocks = Math.ceil(raw.length / 65535) || 1
  chunks.push(Uint8Array.of(0x78, 0x01))
  for (let i = 0; i < blocks; i++) {
    const part = raw.subarray(i * 65535, (i + 1) * 65535)
    chunks.push(
      Uint8Array.of(i === blocks - 1 ? 1 : 0, part.length & 255, part.length >> 8),
      Uint8Array.of(~part.length & 255, (~part.length >> 8) & 255),
      part,
    )
  }
  let a = 1
  let b = 0
  for (const byte of raw) {
    a = (a + byte) % 65521
    b = (b + a) % 65521
  }
  chunks.push(u32((b << 16) | a))
  const idat = concat(chunks)
  const ihdr = concat([u32(width), u32(height), Uint8Array.of(8, 2, 0, 0, 0)])
  return concat([
    Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array()),
  ])
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const body = concat([new TextEncoder().encode(type), data])
  return concat([u32(data.length), body, u32(crc32(body))])
}

function u32(value: number): Uint8Array {
  return Uint8Array.of(value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255)
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

function crc32(bytes: Uint8Array): number {
  let crc = ~0
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1))
  }
  return ~crc >>> 0
}
