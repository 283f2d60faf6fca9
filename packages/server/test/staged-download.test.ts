import { request as httpRequest } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import type { BlobStore } from '../src/blob/types.ts'
import { createLikenessHandler } from '../src/handler.ts'
import { verify } from './harness.ts'
import { listenOnLoopback } from './loopback.ts'
import {
  deferred,
  pngBytes,
  pngStream,
  replyOf,
  stagingHarness,
  temporaryDiskStore,
  uploadRequest,
} from './upload-harness.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()))
})

/** A disk blob store that reports when a body it gave out is cancelled by its reader. */
async function watchedDiskStore() {
  const { store: disk } = await temporaryDiskStore()
  const cancelled = deferred()
  const store: BlobStore = {
    ...disk,
    async get(key) {
      const blob = await disk.get(key)
      if (!blob) return blob
      const reader = blob.body.getReader()
      const body = new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            const { done, value } = await reader.read()
            if (done) controller.close()
            else controller.enqueue(value)
          },
          async cancel(reason) {
            await reader.cancel(reason)
            cancelled.resolve()
          },
        },
        { highWaterMark: 0 },
      )
      return { ...blob, body }
    },
  }
  return { store, cancelled: cancelled.promise }
}

async function listen(handle: (request: Request) => Promise<Response>): Promise<string> {
  const { url, close } = await listenOnLoopback(handle)
  cleanups.push(close)
  return url
}

describe('staged files over Node http', () => {
  it('serves a staged file whole with its length, and lets go of it when the download stops', async () => {
    const { store, cancelled } = await watchedDiskStore()
    const { h, stagedUrls } = stagingHarness({ blobStore: store })
    await verify(h, 'alice')
    const size = 4 * 1024 * 1024
    expect((await replyOf(await h.handle(uploadRequest('alice', pngStream(size))))).status).toBe(
      201,
    )
    // The handler itself: the harness's `handle` keeps a copy of every response (a tee), which
    // would hold the body open on its own.
    const origin = await listen(createLikenessHandler(h.options))
    const staged = new URL(stagedUrls[0]!)
    const path = `${staged.pathname}${staged.search}`

    const whole = await fetch(`${origin}${path}`)
    expect(whole.headers.get('content-length')).toBe(String(size))
    expect(Buffer.from(await whole.arrayBuffer()).equals(pngBytes(size))).toBe(true)

    // EasyRouter gives up after the first bytes: the store's body is cancelled, not left open.
    await new Promise<void>((resolve, reject) => {
      const download = httpRequest(`${origin}${path}`, (response) => {
        response.once('data', () => {
          download.destroy()
          resolve()
        })
      })
      download.once('error', (error) => {
        if (!download.destroyed) reject(error)
      })
      download.end()
    })
    await cancelled
  })
})
