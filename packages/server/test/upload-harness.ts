// Helpers for the upload and staging tests: a harness that records the staged-file URLs
// EasyRouter was handed, a disk store that goes with the test, and uploads whose body the test
// holds open.
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LIKENESS_REQUEST_HEADER } from '@likeness/core'
import { onTestFinished } from 'vitest'
import type { LikenessHandler } from '../src/handler.ts'
import { createDiskBlobStore } from '../src/node/disk-blob-store.ts'
import type { LikenessHandlerOptions } from '../src/options.ts'
import { API_KEY, APP, BASE, harness, PNG, SIM_URL, type Harness, type Reply } from './harness.ts'

/**
 * A harness that also records the staged-file URL each upload handed to EasyRouter, the way
 * EasyRouter itself received it. `beforeUpstream` runs on each create-asset call before the
 * simulator sees it (with the JSON body sent); a promise it returns that never settles plays
 * a server that died during the call.
 */
export function stagingHarness(
  overrides: Partial<LikenessHandlerOptions> = {},
  beforeUpstream?: (body: { url: string; name?: string }) => Promise<void> | void,
) {
  const stagedUrls: string[] = []
  const holder: { h?: Harness } = {}
  const h = harness({
    easyrouter: {
      apiKey: API_KEY,
      baseUrl: SIM_URL,
      fetch: async (input, init) => {
        const request = new Request(input, init)
        if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/assets')) {
          const body = (await request.clone().json()) as { url: string; name?: string }
          stagedUrls.push(body.url)
          await beforeUpstream?.(body)
        }
        return holder.h!.sim.fetch(request)
      },
    },
    ...overrides,
  })
  holder.h = h
  return { h, stagedUrls }
}

/**
 * A disk blob store in a folder of its own under the system's temporary one, removed when the
 * test ends; `files()` lists the files it keeps.
 */
export async function temporaryDiskStore() {
  const folder = await mkdtemp(join(tmpdir(), 'likeness-staged-'))
  onTestFinished(() => rm(folder, { recursive: true, force: true }))
  const directory = join(folder, 'uploads')
  const files = () => readdir(directory).catch(() => [] as string[])
  return { store: createDiskBlobStore({ directory }), files }
}

/** The blob key in a staged-file URL. */
export const keyOf = (stagedUrl: string) => new URL(stagedUrl).pathname.split('/').at(-1)!

/** Create-asset calls that reached the simulator. */
export const uploadsUpstream = (h: Harness) =>
  h.sim.requests.filter((r) => r.method === 'POST' && /\/assets$/.test(r.path)).length

/** A promise with its settle functions outside. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((yes, no) => {
    resolve = yes
    reject = no
  })
  return { promise, resolve, reject }
}

/** The parts of a response the tests look at; JSON bodies parsed. */
export async function replyOf(response: Response): Promise<Reply> {
  const text = await response.text()
  const json = (response.headers.get('content-type') ?? '').includes('json')
  return {
    status: response.status,
    headers: response.headers,
    body: json ? JSON.parse(text) : text,
  }
}

/** A raw upload request, as the browser adapter sends it. */
export function uploadRequest(
  user: string,
  body: BodyInit | null,
  {
    query = 'name=portrait.png',
    headers = {},
  }: { query?: string; headers?: Record<string, string> } = {},
) {
  return new Request(`${BASE}/assets?${query}`, {
    method: 'POST',
    headers: {
      'x-test-user': user,
      origin: APP,
      [LIKENESS_REQUEST_HEADER]: '1',
      'content-type': 'application/octet-stream',
      ...headers,
    },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  })
}

/**
 * An upload whose body the test holds open: it sends `head` (a PNG by default) once the handler
 * starts reading, then waits until the test calls `finish` (the rest arrives and the body
 * ends) or `fail` (the connection breaks). `reading` resolves once the handler has begun to
 * read the body, which it does only after admitting the upload.
 */
export function heldUpload(
  handle: LikenessHandler,
  user: string,
  { head = PNG, headers = {} }: { head?: Uint8Array; headers?: Record<string, string> } = {},
) {
  const reading = deferred()
  const release = deferred<Error | undefined>()
  let pulls = 0
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        pulls += 1
        if (pulls === 1) {
          reading.resolve()
          controller.enqueue(head.slice())
          return
        }
        const error = await release.promise
        if (error) controller.error(error)
        else controller.close()
      },
    },
    // Nothing is pulled before the handler reads.
    { highWaterMark: 0 },
  )
  const reply = handle(uploadRequest(user, body, { headers })).then(replyOf)
  return {
    reply,
    reading: reading.promise,
    finish: () => {
      release.resolve(undefined)
      return reply
    },
    fail: (error = new Error('connection reset')) => {
      release.resolve(error)
      return reply
    },
  }
}

/** A PNG-headed body of `size` bytes in `chunk`-byte pieces, as a stream without a length. */
export function pngStream(size: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= size) {
          controller.close()
          return
        }
        const piece = new Uint8Array(Math.min(chunk, size - sent))
        for (let i = 0; i < piece.length; i += 1) piece[i] = (sent + i) % 251
        if (sent === 0) piece.set(PNG.subarray(0, Math.min(PNG.length, piece.length)))
        sent += piece.length
        controller.enqueue(piece)
      },
    },
    { highWaterMark: 0 },
  )
}

/** The bytes {@link pngStream} sends. */
export function pngBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size)
  for (let i = 0; i < size; i += 1) bytes[i] = i % 251
  bytes.set(PNG.subarray(0, Math.min(PNG.length, size)))
  return bytes
}
