import type { BlobBody } from './types.ts'

/** How much a blob stream hands out per read: small enough to keep memory flat. */
export const BLOB_CHUNK_BYTES = 64 * 1024

/**
 * Reads a blob body whole into a fresh array (never a view of the caller's buffer). Rejects
 * with the stream's error if it errors.
 */
export async function readBlobBody(body: BlobBody): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return new Uint8Array(body)
  return new Uint8Array(await new Response(body).arrayBuffer())
}

/** A stream of copies of `bytes`, a piece at a time, so a reader can never change them. */
export function streamBytes(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (offset >= bytes.byteLength) {
          controller.close()
          return
        }
        const end = Math.min(offset + BLOB_CHUNK_BYTES, bytes.byteLength)
        controller.enqueue(bytes.slice(offset, end))
        offset = end
      },
    },
    { highWaterMark: 0 },
  )
}
