import { randomUUID } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { BlobStore, StoredBlob } from '../blob/types.ts'

/**
 * Where the disk blob store keeps its files.
 *
 * @example
 * ```ts
 * const options: DiskBlobStoreOptions = { directory: '/var/lib/likeness/blobs' }
 * ```
 */
export interface DiskBlobStoreOptions {
  /** Created on the first write if missing. Holds nothing but this store's files. */
  directory: string
}

/**
 * The keys a disk blob store accepts: 16 to 128 URL-safe characters. No dot and no slash, so a
 * key can never name a path outside the directory (or another store file).
 *
 * @example
 * ```ts
 * BLOB_KEY_PATTERN.test('k7Qh2mW9xR4tB8nZ') // true
 * BLOB_KEY_PATTERN.test('../../etc/passwd') // false
 * ```
 */
export const BLOB_KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/

const NEWLINE = 0x0a

/**
 * Creates a {@link BlobStore} that keeps each upload in one file, `<key>.blob`: a JSON header
 * line with the content type, then the bytes. A write goes to a temporary file that is then
 * renamed over the old one, so a reader sees the old blob or the new one, never half of one.
 * Keys that do not match {@link BLOB_KEY_PATTERN} are refused with a `TypeError`.
 *
 * @example
 * ```ts
 * const blobStore = createDiskBlobStore({ directory: '.likeness/blobs' })
 * const handler = createLikenessHandler({ ...options, blobStore })
 * ```
 */
export function createDiskBlobStore(options: DiskBlobStoreOptions): BlobStore {
  const directory = resolve(options.directory)

  return {
    async put(key, bytes, contentType) {
      const file = blobFile(directory, key)
      await mkdir(directory, { recursive: true })
      // A dot-file name no key can take, unique per write, so concurrent puts never share one.
      const temporary = join(directory, `.${key}.${randomUUID()}.tmp`)
      const header = new TextEncoder().encode(`${JSON.stringify({ contentType })}\n`)
      try {
        await writeFile(temporary, [header, bytes], { flag: 'wx' })
        // No fsync: a crash can lose only a staged upload the client sends again, and rename
        // already keeps a torn file from ever being seen under the key.
        await rename(temporary, file)
      } catch (error) {
        await rm(temporary, { force: true })
        throw error
      }
    },

    async get(key) {
      let data: Uint8Array
      try {
        data = await readFile(blobFile(directory, key))
      } catch (error) {
        if (isNotFound(error)) return undefined
        throw error
      }
      return parseBlobFile(data, key)
    },

    async delete(key) {
      await rm(blobFile(directory, key), { force: true })
    },
  }
}

function blobFile(directory: string, key: string): string {
  if (!BLOB_KEY_PATTERN.test(key)) {
    throw new TypeError(`A blob key must match ${String(BLOB_KEY_PATTERN)}`)
  }
  return join(directory, `${key}.blob`)
}

function parseBlobFile(data: Uint8Array, key: string): StoredBlob {
  const newline = data.indexOf(NEWLINE)
  if (newline < 0) throw new Error(`The file of blob ${key} has no header`)
  const header = JSON.parse(new TextDecoder().decode(data.subarray(0, newline))) as {
    contentType: string
  }
  // A plain Uint8Array copy of the payload alone (`data` is a Buffer, whose `slice` is a view), so
  // `.buffer` does not carry the header along.
  return { bytes: new Uint8Array(data.subarray(newline + 1)), contentType: header.contentType }
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT'
}
