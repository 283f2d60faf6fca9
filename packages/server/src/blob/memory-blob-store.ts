import type { BlobStore, StoredBlob } from './types.ts'

/**
 * Creates a {@link BlobStore} that keeps uploads in this process's memory: for tests, demos and
 * single-instance development. Bytes are copied in and out, so a caller reusing its buffer never
 * changes a stored blob. Everything is lost when the process exits; use the disk blob store from
 * `@likeness/server/node` when staged uploads must survive a restart.
 *
 * @example
 * ```ts
 * const blobs = createMemoryBlobStore()
 * await blobs.put('k7Qh2mW9xR4tB8nZ', bytes, 'image/png')
 * (await blobs.get('k7Qh2mW9xR4tB8nZ'))?.contentType // 'image/png'
 * ```
 */
export function createMemoryBlobStore(): BlobStore {
  const blobs = new Map<string, StoredBlob>()
  return {
    put(key, bytes, contentType) {
      // `new Uint8Array` copies; `slice` would not for a Buffer, whose `slice` is a view.
      blobs.set(key, { bytes: new Uint8Array(bytes), contentType })
      return Promise.resolve()
    },
    get(key) {
      const blob = blobs.get(key)
      return Promise.resolve(
        blob && { bytes: new Uint8Array(blob.bytes), contentType: blob.contentType },
      )
    },
    delete(key) {
      blobs.delete(key)
      return Promise.resolve()
    },
  }
}
