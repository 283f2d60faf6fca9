// The behaviour every BlobStore must show, run against each implementation by its own test file.
// Not part of the build.
import { beforeEach, describe, expect, it } from 'vitest'
import type { BlobStore } from '../src/blob/types.ts'

/** What a test file hands the suite: a fresh, empty store, and a way to reopen its storage. */
export interface BlobStoreUnderTest {
  store: BlobStore
  /** A new store on the same storage (a handler restart). */
  reopen?: () => Promise<BlobStore>
}

/** Keys of the shape the handler makes: long, random-looking, URL-safe. */
export const KEY_1 = 'k7Qh2mW9xR4tB8nZ'
export const KEY_2 = 'Zp_3-vL0aYc6sE1uQw8r'

/** Every byte value, newline and NUL included, a few times over. */
const BINARY = Uint8Array.from({ length: 64 * 1024 }, (_, index) => (index * 7) % 256)

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

    beforeEach(async () => {
      ;({ store, reopen } = await create())
    })

    it('gives back the bytes and the content type it was given', async () => {
      await store.put(KEY_1, BINARY, 'image/png')
      await store.put(KEY_2, new Uint8Array([1, 2, 3]), 'text/plain; charset=utf-8')
      expect(await store.get(KEY_1)).toEqual({ bytes: BINARY, contentType: 'image/png' })
      expect(await store.get(KEY_2)).toEqual({
        bytes: new Uint8Array([1, 2, 3]),
        contentType: 'text/plain; charset=utf-8',
      })
    })

    it('keeps an empty blob', async () => {
      await store.put(KEY_1, new Uint8Array(), 'application/octet-stream')
      expect(await store.get(KEY_1)).toEqual({
        bytes: new Uint8Array(),
        contentType: 'application/octet-stream',
      })
    })

    it('returns undefined for a key it does not hold', async () => {
      await store.put(KEY_1, new Uint8Array([1]), 'image/png')
      expect(await store.get(KEY_2)).toBeUndefined()
    })

    it('replaces bytes and content type when a key is put again', async () => {
      await store.put(KEY_1, BINARY, 'image/png')
      await store.put(KEY_1, new Uint8Array([9, 8]), 'video/mp4')
      expect(await store.get(KEY_1)).toEqual({
        bytes: new Uint8Array([9, 8]),
        contentType: 'video/mp4',
      })
    })

    it('deletes one blob, and deleting a missing one is fine', async () => {
      await store.put(KEY_1, new Uint8Array([1]), 'image/png')
      await store.put(KEY_2, new Uint8Array([2]), 'image/png')
      await store.delete(KEY_1)
      await store.delete(KEY_1)
      expect(await store.get(KEY_1)).toBeUndefined()
      expect((await store.get(KEY_2))?.bytes).toEqual(new Uint8Array([2]))
    })

    it('copies bytes in and out, so a caller reusing its buffer changes nothing', async () => {
      const input = Buffer.from([1, 2, 3])
      await store.put(KEY_1, input, 'image/png')
      input[0] = 99
      const first = await store.get(KEY_1)
      first!.bytes[1] = 99
      expect(first!.bytes.buffer.byteLength).toBe(3)
      expect((await store.get(KEY_1))?.bytes).toEqual(new Uint8Array([1, 2, 3]))
    })

    it('keeps blobs when reopened (a restart), else shares nothing', async () => {
      await store.put(KEY_1, BINARY, 'video/mp4')
      if (!reopen) {
        // Nothing to reopen (memory): each store is its own state, never module-wide state.
        const other = (await create()).store
        expect(await other.get(KEY_1)).toBeUndefined()
        return
      }
      const reopened = await reopen()
      expect(await reopened.get(KEY_1)).toEqual({ bytes: BINARY, contentType: 'video/mp4' })
    })
  })
}
