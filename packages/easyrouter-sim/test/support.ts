// Shared fixtures for the simulator's tests, which sit beside the code in src/: tiny real media
// files, an in-process "internet" that serves them, and helpers that speak raw HTTP to the
// simulator. Not part of the build.
import { createManualClock, type ManualClock } from '../src/clock.ts'
import type { SimulatorOptions } from '../src/options.ts'
import { MANAGEMENT_PREFIX } from '../src/router.ts'
import { createSimulator, type Simulator } from '../src/simulator.ts'

/** The upstream example's moment: 2026-05-21 16:29:15 Beijing time. */
export const T0 = Date.parse('2026-05-21T16:29:15+08:00')
export const BASE_URL = 'http://127.0.0.1:4010'
/** The HMAC secret test beds sign with, so tests can sign links themselves. */
export const TEST_SECRET = 'test-secret'
export const KEY_A = 'sk-test-account-a'
export const KEY_B = 'sk-test-account-b'
export const PREFIX = MANAGEMENT_PREFIX

const ascii = (text: string): number[] => Array.from(text, (char) => char.charCodeAt(0))
const fromBase64 = (base64: string): Uint8Array =>
  Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))

/** Real, tiny media files (or their real headers), one per supported format. */
export const MEDIA = {
  // A complete 1x1 PNG and GIF.
  png: fromBase64(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  ),
  gif: fromBase64('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'),
  jpeg: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, ...ascii('JFIF'), 0, 1, 1, 0, 0xff, 0xd9]),
  webp: new Uint8Array([...ascii('RIFF'), 26, 0, 0, 0, ...ascii('WEBPVP8L'), 13, 0, 0, 0]),
  mp4: new Uint8Array([0, 0, 0, 0x18, ...ascii('ftypisom'), 0, 0, 2, 0, ...ascii('isommp41')]),
  mov: new Uint8Array([0, 0, 0, 0x14, ...ascii('ftypqt  '), 0, 0, 2, 0, ...ascii('qt  ')]),
  m4a: new Uint8Array([0, 0, 0, 0x18, ...ascii('ftypM4A '), 0, 0, 2, 0, ...ascii('M4A isom')]),
  // The ftyp box of an iPhone photo, and of an AVIF still (which the upstream does not accept).
  heic: new Uint8Array([0, 0, 0, 0x18, ...ascii('ftypheic'), 0, 0, 0, 0, ...ascii('mif1heic')]),
  avif: new Uint8Array([0, 0, 0, 0x1c, ...ascii('ftypavif'), 0, 0, 0, 0, ...ascii('avifmif1miaf')]),
  webm: new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84, ...ascii('webm')]),
  mkv: new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88, ...ascii('matroska')]),
  mp3: new Uint8Array([...ascii('ID3'), 4, 0, 0, 0, 0, 0, 0]),
  mp3Frame: new Uint8Array([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0]),
  wav: new Uint8Array([...ascii('RIFF'), 36, 0, 0, 0, ...ascii('WAVEfmt '), 16, 0, 0, 0]),
} as const

/** `bytes` followed by the face-mismatch marker, e.g. a PNG with trailing data. */
export function withMarker(bytes: Uint8Array, marker = 'SIM-FACE-MISMATCH'): Uint8Array {
  return new Uint8Array([...bytes, ...ascii(marker)])
}

interface HostedFile {
  status: number
  body: Uint8Array | string
  contentType: string
}

/** An in-process stand-in for the public internet the simulator downloads assets from. */
export interface MediaHost {
  readonly origin: string
  /** Serves `body` at `path` (which starts with `/`); returns the absolute URL. */
  put(
    path: string,
    body: Uint8Array | string,
    options?: { status?: number; contentType?: string },
  ): string
  /** Makes `path` fail at the network level. */
  breakPath(path: string): string
  /** Makes `path` never answer (until the request's signal aborts). */
  hangPath(path: string): string
  /** Serves `body` at `path` only once the returned function is called. */
  hold(path: string, body: Uint8Array): () => void
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>
  /** URLs requested so far. */
  readonly requested: string[]
}

/** Creates an empty media host at `https://media.example`. */
export function createMediaHost(): MediaHost {
  const origin = 'https://media.example'
  const files = new Map<string, HostedFile>()
  const broken = new Set<string>()
  const hanging = new Set<string>()
  const held = new Map<string, Promise<void>>()
  const requested: string[] = []
  return {
    origin,
    requested,
    put(path, body, options = {}) {
      files.set(path, {
        status: options.status ?? 200,
        body,
        contentType: options.contentType ?? 'application/octet-stream',
      })
      return `${origin}${path}`
    },
    breakPath(path) {
      broken.add(path)
      return `${origin}${path}`
    },
    hangPath(path) {
      hanging.add(path)
      return `${origin}${path}`
    },
    hold(path, body) {
      files.set(path, { status: 200, body, contentType: 'application/octet-stream' })
      let release = (): void => undefined
      held.set(
        path,
        new Promise<void>((resolve) => {
          release = resolve
        }),
      )
      return () => {
        release()
      }
    },
    async fetch(input, init) {
      const url = new URL(input instanceof Request ? input.url : input)
      requested.push(url.href)
      await held.get(url.pathname)
      if (broken.has(url.pathname)) throw new TypeError('fetch failed')
      if (hanging.has(url.pathname)) {
        return new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => {
            reject(init.signal?.reason as Error)
          })
        })
      }
      const file = url.origin === origin ? files.get(url.pathname) : undefined
      if (!file) return new Response('Not Found', { status: 404 })
      const body = typeof file.body === 'string' ? file.body : file.body.slice()
      return new Response(body, {
        status: file.status,
        headers: { 'content-type': file.contentType },
      })
    },
  }
}

/** A simulator on a manual clock at {@link T0} that downloads from a {@link MediaHost}. */
export interface TestBed {
  sim: Simulator
  clock: ManualClock
  media: MediaHost
}

/** Builds a {@link TestBed}; `options` override the defaults. */
export function createTestBed(options: Partial<SimulatorOptions> = {}): TestBed {
  const clock = createManualClock(T0)
  const media = createMediaHost()
  const sim = createSimulator({
    baseUrl: BASE_URL,
    clock,
    fetch: media.fetch,
    secret: TEST_SECRET,
    ...options,
  })
  return { sim, clock, media }
}

/** Parsed JSON of a test response; tests read fields freely and assert on them. */
export type Json = any

/** A response with its body already read. */
export interface ApiResult {
  status: number
  headers: Headers
  text: string
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  json: Json
}

async function readResult(response: Response): Promise<ApiResult> {
  const text = await response.text()
  let json: Json = undefined
  try {
    json = JSON.parse(text)
  } catch {
    // Not JSON: tests look at `text`.
  }
  return { status: response.status, headers: response.headers, text, json }
}

/** Sends one raw request to the simulator. `key: null` sends no Authorization header. */
export async function call(
  sim: Simulator,
  method: string,
  path: string,
  options: {
    key?: string | null
    body?: unknown
    rawBody?: string
    headers?: Record<string, string>
  } = {},
): Promise<ApiResult> {
  const headers: Record<string, string> = { ...options.headers }
  const key = options.key === undefined ? KEY_A : options.key
  if (key !== null) headers['authorization'] = `Bearer ${key}`
  let body: string | undefined = options.rawBody
  if (options.body !== undefined) {
    body = JSON.stringify(options.body)
    headers['content-type'] = 'application/json'
  }
  const init: RequestInit = { method, headers }
  if (body !== undefined) init.body = body
  return readResult(await sim.fetch(path.startsWith('http') ? path : `${BASE_URL}${path}`, init))
}

/** Reads any URL (media, H5 page) through the simulator without credentials. */
export async function get(
  sim: Simulator,
  url: string,
  headers: Record<string, string> = {},
): Promise<ApiResult> {
  return readResult(await sim.fetch(url, { headers }))
}

/** The upstream's `h5_link` with its `\u0026` escapes decoded, as a client must do. */
export function decodeH5Link(link: string): string {
  return link.replaceAll('\\u0026', '&')
}

/** Opens a session's H5 link as a browser does (escapes decoded), `query` appended (`&lng=en`). */
export async function openH5(
  sim: Simulator,
  session: { h5_link: string },
  query = '',
): Promise<ApiResult> {
  return get(sim, `${decodeH5Link(session.h5_link)}${query}`)
}

/** `data` of a session response, as the tests read it. */
export interface SessionData {
  session_id: string
  byted_token: string
  h5_link: string
  callback_url: string
  channel_id: number
  status: string
  group_id: string
  raw_response: string
  expires_at: string
  created_at: string
  updated_at: string
}

/** `data` of an asset upload response. */
export interface UploadedAsset {
  id: string
  group_id: string
  name: string
  url: string
  asset_type: string
  status: string
  create_time: string
}

/** Creates a session for `key`; returns the response data. */
export async function createSession(
  sim: Simulator,
  options: { key?: string; callbackUrl?: string } = {},
): Promise<SessionData> {
  const body = options.callbackUrl === undefined ? {} : { callback_url: options.callbackUrl }
  const result = await call(sim, 'POST', `${PREFIX}/sessions`, {
    key: options.key ?? KEY_A,
    body,
  })
  if (result.status !== 200) throw new Error(`createSession failed: ${result.text}`)
  return result.json.data as SessionData
}

/** Runs the whole liveness flow with a passing outcome; returns the new group id. */
export async function verifiedGroup(sim: Simulator, key: string = KEY_A): Promise<string> {
  const session = await createSession(sim, { key, callbackUrl: 'https://host.example/cb' })
  const visit = await openH5(sim, session, '&outcome=pass')
  if (visit.status !== 302) throw new Error(`H5 pass failed with ${visit.status}`)
  const result = await call(sim, 'GET', `${PREFIX}/sessions/${session.byted_token}`, {
    key,
  })
  return result.json.data.group_id as string
}

/** Uploads an asset hosted on the media host; returns the upload response data. */
export async function uploadAsset(
  bed: TestBed,
  options: {
    groupId: string
    bytes?: Uint8Array
    assetType?: string
    name?: string
    path?: string
    key?: string
  },
): Promise<UploadedAsset> {
  const path = options.path ?? `/files/${crypto.randomUUID()}`
  const url = bed.media.put(path, options.bytes ?? MEDIA.png)
  const body: Record<string, unknown> = {
    group_id: options.groupId,
    url,
    asset_type: options.assetType ?? 'Image',
  }
  if (options.name !== undefined) body['name'] = options.name
  const result = await call(bed.sim, 'POST', `${PREFIX}/assets`, {
    key: options.key ?? KEY_A,
    body,
  })
  if (result.status !== 200) throw new Error(`upload failed: ${result.text}`)
  return result.json.data as UploadedAsset
}

/** Uploads and waits (download settled, processing time elapsed) until the asset is final. */
export async function activeAsset(
  bed: TestBed,
  options: Parameters<typeof uploadAsset>[1],
): Promise<UploadedAsset> {
  const uploaded = await uploadAsset(bed, options)
  await bed.sim.settle()
  bed.clock.advance(3_000)
  return uploaded
}

/**
 * Resolves once `condition()` holds, looking again after each turn of the event loop. It has no
 * time limit of its own: the test's timeout only stops a wait that would never end. Works under
 * fake timers that leave `setImmediate` real.
 */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve))
}
