/**
 * Where uploads wait until EasyRouter has fetched them. Keys are chosen by the handler
 * (unguessable, URL-safe); a store only keeps bytes under them.
 *
 * @example
 * ```ts
 * const handler = createLikenessHandler({ ...options, blobStore: createMemoryBlobStore() })
 * ```
 */
export interface BlobStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>
  /** The bytes and their type, or `undefined` when there is no such blob. */
  get(key: string): Promise<StoredBlob | undefined>
  /** Removes a blob; removing a missing one is not an error. */
  delete(key: string): Promise<void>
}

/** A blob as stored. */
export interface StoredBlob {
  bytes: Uint8Array
  contentType: string
}
