import { readBlobBody, streamBytes } from './streams.ts'
import type { BlobEntry, BlobInfo, BlobStore } from './types.ts'

/**
 * Creates a {@link BlobStore} that keeps uploads in this process's memory: for tests, demos,
 * Storybook and single-instance development. Whole files sit in memory by design; use the disk
 * blob store from `@likeness/server/node` for real uploads, and when staged files must
 * survive a restart. Bytes are copied in and out, so a caller reusing its buffer never changes
 * a stored blob.
 *
 * @example
 * ```ts
 * const blobs = createMemoryBlobStore()
 * await blobs.put('k7Qh2mW9xR4tB8nZ', bytes, { contentType: 'image/png', createdAt: Date.now() })
 * (await blobs.get('k7Qh2mW9xR4tB8nZ'))?.contentType // 'image/png'
 * ```
 */
export function createMemoryBlobStore(): BlobStore {
  const blobs = new Map<string, BlobInfo & { bytes: Uint8Array }>()
  return {
    async put(key, body, { contentType, createdAt }) {
      // Read whole before anything is stored, so a body that errors leaves nothing behind.
      const bytes = await readBlobBody(body)
      blobs.set(key, { bytes, contentType, createdAt })
    },
    get(key) {
      const blob = blobs.get(key)
      if (!blob) return Promise.resolve(undefined)
      const { bytes, contentType, createdAt } = blob
      return Promise.resolve({
        body: streamBytes(bytes),
        size: bytes.byteLength,
        contentType,
        createdAt,
      })
    },
    delete(key) {
      blobs.delete(key)
      return Promise.resolve()
    },
    list({ createdBefore, limit }) {
      const entries: BlobEntry[] = []
      for (const [key, { createdAt }] of blobs) {
        if (createdAt < createdBefore) entries.push({ key, createdAt })
      }
      entries.sort((a, b) => a.createdAt - b.createdAt)
      return Promise.resolve(entries.slice(0, limit))
    },
  }
}
