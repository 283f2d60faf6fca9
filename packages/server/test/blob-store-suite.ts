// The behaviour every BlobStore must show, run against each implementation by its own test file.
// Not part of the build.
import { beforeEach, describe, expect, it } from 'vitest'
import type { BlobBody, BlobStore, StoredBlob } from '../src/blob/types.ts'

/** What a test file hands the suite: a fresh, empty store, and a way to reopen its storage. */
export interface BlobStoreUnderTest {
  store: BlobStore
  /** A new store on the same storage (a handler restart). */
  reopen?: () => Promise<BlobStore>
}

/** Keys of the shape the handler makes: long, random-looking, URL-safe. */
export const KEY_1 = 'k7Qh2mW9xR4tB8nZ'
export const KEY_2 = 'Zp_3-vL0aYc6sE1uQw8r'
export const KEY_3 = 'Q1w2E3r4T5y6U7i8O9p0'

/** A creation time, unix ms. */
export const CREATED = Date.parse('2026-05-21T16:29:15+08:00')

/** Every byte value, newline and NUL included, a few times over. */
const BINARY = Uint8Array.from({ length: 64 * 1024 }, (_, index) => (index * 7) % 256)

/** Reads a stream to its end: its chunks and all its bytes. */
export async function readAll(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
  }
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0))
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { chunks, bytes }
}

/** A stored blob with its body read: what a test compares. */
export async function contents(blob: StoredBlob | undefined) {
  if (!blob) return undefined
  const { body, ...rest } = blob
  return { ...rest, bytes: (await readAll(body)).bytes }
}

/** `bytes` as a stream of `size`-byte chunks, erroring with `error` after `errorAfter` chunks. */
export function chunked(
  bytes: Uint8Array,
  size: number,
  failure?: { afterChunks: number; error: Error },
): ReadableStream<Uint8Array> {
  let offset = 0
  let sent = 0
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (failure && sent === failure.afterChunks) {
          controller.error(failure.error)
          return
        }
        if (offset >= bytes.byteLength) {
          controller.close()
          return
        }
        controller.enqueue(bytes.slice(offset, offset + size))
        offset += size
        sent += 1
      },
    },
    { highWaterMark: 0 },
  )
}

/**
 * Registers the BlobStore contract as a Vitest `describe` block. `create` is called before every
 * test and must return an empty store.
 *
 * @example
 * ```ts
 * describeBlobStore('createMemoryBlobStore', () =>
 *   Promise.resolve({ store: createMemoryBlobStore() }),
 * )
 * ```
 */
export function describeBlobStore(name: string, create: () => Promise<BlobStoreUnderTest>): void {
  describe(name, () => {
    let store: BlobStore
    let reopen: BlobStoreUnderTest['reopen']
    const put = (key: string, body: BlobBody, contentType = 'image/png', createdAt = CREATED) =>
      store.put(key, body, { contentType, createdAt })
    const read = async (key: string, from = store) => contents(await from.get(key))

    beforeEach(async () => {
      ;({ store, reopen } = await create())
    })

    it('gives back the bytes, their size, the content type and the creation time it was given', async () => {
      await put(KEY_1, BINARY, 'image/png', CREATED)
      await put(KEY_2, new Uint8Array([1, 2, 3]), 'text/plain; charset=utf-8', CREATED + 5)
      expect(await read(KEY_1)).toEqual({
        bytes: BINARY,
        size: BINARY.byteLength,
        contentType: 'image/png',
        createdAt: CREATED,
      })
      expect(await read(KEY_2)).toEqual({
        bytes: new Uint8Array([1, 2, 3]),
        size: 3,
        contentType: 'text/plain; charset=utf-8',
        createdAt: CREATED + 5,
      })
    })

    it('takes a body as a stream, chunk by chunk', async () => {
      await put(KEY_1, chunked(BINARY, 1000), 'video/mp4')
      expect(await read(KEY_1)).toEqual({
        bytes: BINARY,
        size: BINARY.byteLength,
        contentType: 'video/mp4',
        createdAt: CREATED,
      })
    })

    it('round-trips a body of several MiB, streamed in and out', async () => {
      const large = Uint8Array.from({ length: 5 * 1024 * 1024 + 3 }, (_, i) => (i * 31) % 251)
      await put(KEY_1, chunked(large, 64 * 1024), 'video/mp4')
      const blob = await store.get(KEY_1)
      expect(blob?.size).toBe(large.byteLength)
      const { chunks, bytes } = await readAll(blob!.body)
      expect(Buffer.from(bytes).equals(Buffer.from(large))).toBe(true)
      // Given back a piece at a time, never as one buffer of the whole file.
      expect(chunks.length).toBeGreaterThan(1)
      expect(Math.max(...chunks.map((chunk) => chunk.byteLength))).toBeLessThanOrEqual(1024 * 1024)
    })

    it('keeps an empty blob', async () => {
      await put(KEY_1, new Uint8Array(), 'application/octet-stream')
      await put(KEY_2, chunked(new Uint8Array(), 10), 'application/octet-stream')
      for (const key of [KEY_1, KEY_2]) {
        expect(await read(key)).toEqual({
          bytes: new Uint8Array(),
          size: 0,
          contentType: 'application/octet-stream',
          createdAt: CREATED,
        })
      }
    })

    it('returns undefined for a key it does not hold', async () => {
      await put(KEY_1, new Uint8Array([1]))
      expect(await store.get(KEY_2)).toBeUndefined()
    })

    it('replaces bytes, content type and creation time when a key is put again', async () => {
      await put(KEY_1, BINARY, 'image/png', CREATED)
      await put(KEY_1, chunked(new Uint8Array([9, 8]), 1), 'video/mp4', CREATED + 1)
      expect(await read(KEY_1)).toEqual({
        bytes: new Uint8Array([9, 8]),
        size: 2,
        contentType: 'video/mp4',
        createdAt: CREATED + 1,
      })
      expect(await store.list({ createdBefore: Infinity, limit: 10 })).toEqual([
        { key: KEY_1, createdAt: CREATED + 1 },
      ])
    })

    it('stores nothing of a body that errors, and keeps what was there', async () => {
      const broken = new Error('connection reset')
      await expect(
        put(KEY_1, chunked(BINARY, 1000, { afterChunks: 3, error: broken })),
      ).rejects.toBe(broken)
      expect(await store.get(KEY_1)).toBeUndefined()
      expect(await store.list({ createdBefore: Infinity, limit: 10 })).toEqual([])

      await put(KEY_2, new Uint8Array([1, 2]), 'image/png', CREATED)
      await expect(
        put(
          KEY_2,
          chunked(BINARY, 1000, { afterChunks: 1, error: broken }),
          'video/mp4',
          CREATED + 9,
        ),
      ).rejects.toBe(broken)
      expect(await read(KEY_2)).toEqual({
        bytes: new Uint8Array([1, 2]),
        size: 2,
        contentType: 'image/png',
        createdAt: CREATED,
      })
      // A body that errors before its first byte too.
      await expect(
        put(KEY_3, chunked(BINARY, 1000, { afterChunks: 0, error: broken })),
      ).rejects.toBe(broken)
      expect(await store.get(KEY_3)).toBeUndefined()
    })

    it('deletes one blob, and deleting a missing one is fine', async () => {
      await put(KEY_1, new Uint8Array([1]))
      await put(KEY_2, new Uint8Array([2]))
      await store.delete(KEY_1)
      await store.delete(KEY_1)
      await store.delete(KEY_3)
      expect(await store.get(KEY_1)).toBeUndefined()
      expect((await read(KEY_2))?.bytes).toEqual(new Uint8Array([2]))
    })

    it('copies bytes in and out, so a caller reusing its buffer changes nothing', async () => {
      const input = Buffer.from([1, 2, 3])
      await put(KEY_1, input)
      input[0] = 99
      const first = await readAll((await store.get(KEY_1))!.body)
      first.chunks[0]![1] = 99
      expect((await read(KEY_1))?.bytes).toEqual(new Uint8Array([1, 2, 3]))
    })

    it('lets a body go unread (cancelled), and gives it again on the next get', async () => {
      await put(KEY_1, BINARY)
      const unread = await store.get(KEY_1)
      await unread!.body.cancel()
      expect((await read(KEY_1))?.bytes).toEqual(BINARY)
    })

    it('lists the blobs made before a time, oldest first, up to a limit', async () => {
      expect(await store.list({ createdBefore: Infinity, limit: 10 })).toEqual([])
      await put(KEY_1, new Uint8Array([1]), 'image/png', CREATED + 1000)
      await put(KEY_2, chunked(new Uint8Array([2]), 1), 'image/png', CREATED + 3000)
      await put(KEY_3, new Uint8Array([3]), 'image/png', CREATED + 2000)
      expect(await store.list({ createdBefore: CREATED + 2500, limit: 10 })).toEqual([
        { key: KEY_1, createdAt: CREATED + 1000 },
        { key: KEY_3, createdAt: CREATED + 2000 },
      ])
      // `createdBefore` itself is not before.
      expect(await store.list({ createdBefore: CREATED + 2000, limit: 10 })).toEqual([
        { key: KEY_1, createdAt: CREATED + 1000 },
      ])
      expect(await store.list({ createdBefore: Infinity, limit: 2 })).toEqual([
        { key: KEY_1, createdAt: CREATED + 1000 },
        { key: KEY_3, createdAt: CREATED + 2000 },
      ])
      await store.delete(KEY_1)
      expect(await store.list({ createdBefore: Infinity, limit: 10 })).toEqual([
        { key: KEY_3, createdAt: CREATED + 2000 },
        { key: KEY_2, createdAt: CREATED + 3000 },
      ])
    })

    it('keeps blobs when reopened (a restart), else shares nothing', async () => {
      await put(KEY_1, BINARY, 'video/mp4', CREATED + 7)
      if (!reopen) {
        // Nothing to reopen (memory): each store is its own state, never module-wide state.
        const other = (await create()).store
        expect(await other.get(KEY_1)).toBeUndefined()
        expect(await other.list({ createdBefore: Infinity, limit: 10 })).toEqual([])
        return
      }
      const reopened = await reopen()
      expect(await read(KEY_1, reopened)).toEqual({
        bytes: BINARY,
        size: BINARY.byteLength,
        contentType: 'video/mp4',
        createdAt: CREATED + 7,
      })
      expect(await reopened.list({ createdBefore: Infinity, limit: 10 })).toEqual([
        { key: KEY_1, createdAt: CREATED + 7 },
      ])
    })
  })
}
