import { randomUUID } from 'node:crypto'
import { mkdir, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { BLOB_CHUNK_BYTES } from '../blob/streams.ts'
import type { BlobEntry, BlobStore, StoredBlob } from '../blob/types.ts'

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
// A header is one short JSON line; anything longer is not one of ours.
const MAX_HEADER_BYTES = 64 * 1024
const BLOB_FILE = /^([A-Za-z0-9_-]{16,128})\.blob$/
// `.<key>.<createdAt>.<uuid>.tmp`: a write in progress, or left by a crash in the middle of one.
const TEMPORARY_FILE = /^\.[A-Za-z0-9_-]{16,128}\.(\d{1,16})\.[0-9a-f-]{36}\.tmp$/

interface Header {
  contentType: string
  createdAt: number
  /** Where the bytes start in the file. */
  offset: number
}

/**
 * Creates a {@link BlobStore} that keeps each upload in one file, `<key>.blob`: a JSON header
 * line with the content type and creation time, then the bytes. Bodies are streamed in and out
 * a piece at a time, so no file is ever held in memory whole. A write goes to a temporary file
 * that is renamed over the old one once the body has ended, so a reader sees the old blob or
 * the new one, never half of one, and a body that errors leaves nothing. `list` also removes
 * the temporary files of writes a crash interrupted, once they are older than its
 * `createdBefore`. Keys that do not match {@link BLOB_KEY_PATTERN} are refused with a
 * `TypeError`.
 *
 * @example
 * ```ts
 * const blobStore = createDiskBlobStore({ directory: '.likeness/blobs' })
 * const handler = createLikenessHandler({ ...options, blobStore })
 * ```
 */
export function createDiskBlobStore(options: DiskBlobStoreOptions): BlobStore {
  const directory = resolve(options.directory)
  // Temporary files of this store's own writes in progress, which `list` must leave alone.
  const writing = new Set<string>()

  return {
    async put(key, body, { contentType, createdAt }) {
      const file = blobFile(directory, key)
      if (!Number.isSafeInteger(createdAt) || createdAt < 0) {
        throw new TypeError('createdAt must be a time in unix milliseconds')
      }
      await mkdir(directory, { recursive: true })
      // A dot-file name no key can take, unique per write, so concurrent puts never share one.
      const name = `.${key}.${createdAt}.${randomUUID()}.tmp`
      const temporary = join(directory, name)
      writing.add(name)
      try {
        const handle = await open(temporary, 'wx')
        try {
          await writeAll(
            handle,
            new TextEncoder().encode(`${JSON.stringify({ contentType, createdAt })}\n`),
          )
          if (body instanceof Uint8Array) await writeAll(handle, body)
          else await writeStream(handle, body)
        } finally {
          await handle.close()
        }
        // No fsync: a crash can lose only a staged upload the client sends again, and rename
        // already keeps a torn file from ever being seen under the key.
        await rename(temporary, file)
      } catch (error) {
        await rm(temporary, { force: true })
        throw error
      } finally {
        writing.delete(name)
      }
    },

    async get(key) {
      const file = blobFile(directory, key)
      const found = await readBlobFile(file, key)
      if (!found) return undefined
      const { header, stats } = found
      const blob: StoredBlob = {
        body: streamFile(file, stats, header.offset),
        size: stats.size - header.offset,
        contentType: header.contentType,
        createdAt: header.createdAt,
      }
      return blob
    },

    async delete(key) {
      await rm(blobFile(directory, key), { force: true })
    },

    async list({ createdBefore, limit }) {
      let names: string[]
      try {
        names = await readdir(directory)
      } catch (error) {
        if (isNotFound(error)) return []
        throw error
      }
      const entries: BlobEntry[] = []
      for (const name of names) {
        const temporary = TEMPORARY_FILE.exec(name)
        if (temporary) {
          if (!writing.has(name) && Number(temporary[1]) < createdBefore) {
            await rm(join(directory, name), { force: true })
          }
          continue
        }
        const key = BLOB_FILE.exec(name)?.[1]
        if (!key) continue
        const createdAt = (await readBlobFile(join(directory, name), key))?.header.createdAt
        if (createdAt !== undefined && createdAt < createdBefore) entries.push({ key, createdAt })
      }
      entries.sort((a, b) => a.createdAt - b.createdAt)
      return entries.slice(0, limit)
    },
  }
}

function blobFile(directory: string, key: string): string {
  if (!BLOB_KEY_PATTERN.test(key)) {
    throw new TypeError(`A blob key must match ${String(BLOB_KEY_PATTERN)}`)
  }
  return join(directory, `${key}.blob`)
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0
  while (offset < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, offset)
    offset += bytesWritten
  }
}

// One chunk at a time: the next is read only once the last is written.
async function writeStream(handle: FileHandle, body: ReadableStream<Uint8Array>): Promise<void> {
  const reader = body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      await writeAll(handle, value)
    }
  } catch (error) {
    // A failed write must stop the sender too; on a body that failed itself this does nothing.
    await reader.cancel(error).catch(() => undefined)
    throw error
  }
}

async function readHeader(handle: FileHandle, key: string): Promise<Header> {
  const buffer = new Uint8Array(4096)
  let bytes = new Uint8Array(0)
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, bytes.byteLength)
    const next = new Uint8Array(bytes.byteLength + bytesRead)
    next.set(bytes)
    next.set(buffer.subarray(0, bytesRead), bytes.byteLength)
    bytes = next
    const newline = bytes.indexOf(NEWLINE)
    if (newline >= 0) {
      const parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(0, newline))) as {
        contentType: string
        createdAt?: number
      }
      // Files written before creation times were kept count as new: the sweep waits a TTL.
      const createdAt = parsed.createdAt ?? (await handle.stat()).mtimeMs
      return { contentType: parsed.contentType, createdAt, offset: newline + 1 }
    }
    if (bytesRead === 0 || bytes.byteLength >= MAX_HEADER_BYTES) {
      throw new Error(`The file of blob ${key} has no header`)
    }
  }
}

// A blob file's header and identity, or `undefined` when there is no such file (or it was
// deleted since the directory was read).
async function readBlobFile(
  file: string,
  key: string,
): Promise<{ header: Header; stats: { ino: number; size: number } } | undefined> {
  let handle: FileHandle
  try {
    handle = await open(file, 'r')
  } catch (error) {
    if (isNotFound(error)) return undefined
    throw error
  }
  try {
    return { header: await readHeader(handle, key), stats: await handle.stat() }
  } finally {
    await handle.close()
  }
}

/**
 * The bytes of a blob file from `offset`, read a piece at a time. The file is opened on the
 * first read, so a body nobody reads holds nothing open; if by then it was deleted or replaced,
 * the stream errors rather than give other bytes than `get` described.
 */
function streamFile(
  file: string,
  expected: { ino: number; size: number },
  offset: number,
): ReadableStream<Uint8Array> {
  let handle: FileHandle | undefined
  let position = offset
  const close = async () => {
    const current = handle
    handle = undefined
    await current?.close()
  }
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!handle) {
            handle = await open(file, 'r')
            const now = await handle.stat()
            if (now.ino !== expected.ino || now.size !== expected.size) {
              throw new Error('The blob was replaced while it was being read')
            }
          }
          const chunk = new Uint8Array(BLOB_CHUNK_BYTES)
          const { bytesRead } = await handle.read(chunk, 0, chunk.byteLength, position)
          if (bytesRead === 0) {
            await close()
            controller.close()
            return
          }
          position += bytesRead
          controller.enqueue(chunk.subarray(0, bytesRead))
        } catch (error) {
          await close().catch(() => undefined)
          throw error
        }
      },
      cancel: close,
    },
    { highWaterMark: 0 },
  )
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT'
}
