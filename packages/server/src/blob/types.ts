/**
 * Where uploads wait until EasyRouter has fetched them. Keys are chosen by the handler
 * (unguessable, URL-safe); a store keeps bytes, their content type and when they were staged
 * under them. Bodies go in and come out as streams, so a store that is not in memory never
 * needs a whole file in memory.
 *
 * @example
 * ```ts
 * const handler = createLikenessHandler({ ...options, blobStore: createMemoryBlobStore() })
 * ```
 */
export interface BlobStore {
  /**
   * Stores `body` under `key`, replacing what was there once the whole body has arrived. If the
   * body stream errors (a dropped connection, an upload over the size limit), the promise
   * rejects with that error and the store keeps nothing of it: no partial blob, and an older
   * blob under the same key is left as it was.
   */
  put(key: string, body: BlobBody, info: BlobInfo): Promise<void>
  /**
   * The blob, or `undefined` when there is no such blob. Read its `body` to the end or cancel
   * it: a store may hold a file open until then.
   */
  get(key: string): Promise<StoredBlob | undefined>
  /** Removes a blob; removing a missing one is not an error. */
  delete(key: string): Promise<void>
  /**
   * Blobs staged before `createdBefore` (unix ms, exclusive), oldest first, at most `limit` of
   * them. The handler's sweep uses it to find staged files no record points at any more (the
   * server stopped between staging a file and recording it).
   */
  list(query: { createdBefore: number; limit: number }): Promise<BlobEntry[]>
}

/**
 * What {@link BlobStore.put} accepts: a stream (a request body, piped through a size limit), or
 * bytes when they are at hand anyway.
 *
 * @example
 * ```ts
 * const body: BlobBody = request.body ?? new Uint8Array()
 * ```
 */
export type BlobBody = ReadableStream<Uint8Array> | Uint8Array

/**
 * What is stored with a blob's bytes.
 *
 * @example
 * ```ts
 * await blobStore.put(key, request.body!, { contentType: 'image/png', createdAt: Date.now() })
 * ```
 */
export interface BlobInfo {
  /** Sent back as `Content-Type` when the blob is served. */
  contentType: string
  /**
   * When the blob was staged (unix ms), by the handler's clock: {@link BlobStore.list} sorts
   * and filters on it.
   */
  createdAt: number
}

/**
 * A blob as {@link BlobStore.get} returns it: its bytes as a stream, their count, and what was
 * stored with them.
 *
 * @example
 * ```ts
 * const blob = await blobStore.get(key)
 * if (blob) return new Response(blob.body, { headers: { 'content-length': String(blob.size) } })
 * ```
 */
export interface StoredBlob extends BlobInfo {
  /** The bytes, readable once. */
  body: ReadableStream<Uint8Array>
  /** How many bytes `body` gives. */
  size: number
}

/**
 * One blob in a {@link BlobStore.list} answer.
 *
 * @example
 * ```ts
 * const [oldest]: BlobEntry[] = await blobStore.list({ createdBefore: Date.now(), limit: 1 })
 * ```
 */
export interface BlobEntry {
  key: string
  createdAt: number
}
