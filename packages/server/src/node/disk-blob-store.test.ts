import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  CREATED,
  KEY_1,
  KEY_2,
  chunked,
  contents,
  describeBlobStore,
  readAll,
} from '../../test/blob-store-suite.ts'
import { createDiskBlobStore } from './disk-blob-store.ts'

const roots: string[] = []
const info = (contentType = 'image/png', createdAt = CREATED) => ({ contentType, createdAt })

/** A fresh temporary root; the store's directory is `blobs` inside it, not yet created. */
async function tempRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'likeness-blobs-'))
  roots.push(root)
  return root
}

afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })))
})

describeBlobStore('createDiskBlobStore', async () => {
  const directory = join(await tempRoot(), 'blobs')
  return {
    store: createDiskBlobStore({ directory }),
    reopen: () => Promise.resolve(createDiskBlobStore({ directory })),
  }
})

describe('createDiskBlobStore on disk', () => {
  it('creates its directory and leaves one file per blob, no temporary files', async () => {
    const directory = join(await tempRoot(), 'nested', 'blobs')
    const store = createDiskBlobStore({ directory })
    await Promise.all([
      store.put(KEY_1, new Uint8Array([1]), info()),
      store.put(KEY_1, chunked(new Uint8Array([2]), 1), info()),
      store.put(KEY_2, new Uint8Array([3]), info()),
    ])
    expect((await readdir(directory)).sort()).toEqual([`${KEY_1}.blob`, `${KEY_2}.blob`].sort())
    expect([[1], [2]]).toContainEqual(Array.from((await contents(await store.get(KEY_1)))!.bytes))
    await store.delete(KEY_1)
    expect(await readdir(directory)).toEqual([`${KEY_2}.blob`])
  })

  it('answers get and delete before anything was written', async () => {
    const store = createDiskBlobStore({ directory: join(await tempRoot(), 'blobs') })
    expect(await store.get(KEY_1)).toBeUndefined()
    await expect(store.delete(KEY_1)).resolves.toBeUndefined()
    expect(await store.list({ createdBefore: Infinity, limit: 10 })).toEqual([])
  })

  const hostileKeys = [
    '../x',
    'a/b',
    '..',
    '',
    'short',
    '../../../../tmp/escaped-key',
    'aaaaaaaaaaaaaaaa/../../escaped',
    '/absolute/path/key',
    'with.dot.0123456789',
    'nul\u0000byte-0123456789',
    'ünïcode-0123456789',
    'a'.repeat(129),
  ]

  it.each(hostileKeys)('refuses the key %j and writes nothing anywhere', async (key) => {
    const root = await tempRoot()
    const store = createDiskBlobStore({ directory: join(root, 'blobs') })
    await expect(store.put(key, new Uint8Array([1]), info())).rejects.toThrow(TypeError)
    await expect(store.get(key)).rejects.toThrow(TypeError)
    await expect(store.delete(key)).rejects.toThrow(TypeError)
    expect(await readdir(root)).toEqual([])
    expect(await readdir(tmpdir())).not.toContain('escaped-key')
  })

  it('accepts keys of 16 and of 128 characters', async () => {
    const store = createDiskBlobStore({ directory: join(await tempRoot(), 'blobs') })
    for (const key of ['a'.repeat(16), `${'Z'.repeat(63)}-_${'9'.repeat(63)}`]) {
      await store.put(key, new Uint8Array([7]), info('audio/mpeg'))
      expect(await contents(await store.get(key))).toEqual({
        bytes: new Uint8Array([7]),
        size: 1,
        contentType: 'audio/mpeg',
        createdAt: CREATED,
      })
    }
  })

  it('leaves no file behind when a body errors or the key is refused', async () => {
    const directory = join(await tempRoot(), 'blobs')
    const store = createDiskBlobStore({ directory })
    const broken = new Error('connection reset')
    const body = chunked(new Uint8Array(300_000), 64 * 1024, { afterChunks: 2, error: broken })
    await expect(store.put(KEY_1, body, info())).rejects.toBe(broken)
    expect(await readdir(directory)).toEqual([])
  })

  it('refuses a creation time that is not unix milliseconds', async () => {
    const root = await tempRoot()
    const store = createDiskBlobStore({ directory: join(root, 'blobs') })
    for (const createdAt of [Number.NaN, -1, 1.5, Infinity]) {
      await expect(
        store.put(KEY_1, new Uint8Array([1]), info('image/png', createdAt)),
      ).rejects.toThrow(TypeError)
    }
    expect(await readdir(root)).toEqual([])
  })

  it('clears the temporary files of writes a crash interrupted, once older than asked', async () => {
    const directory = join(await tempRoot(), 'blobs')
    await mkdir(directory)
    const uuid = '0f8fad5b-d9cb-469f-a165-70867728950e'
    const old = `.${KEY_1}.${CREATED}.${uuid}.tmp`
    const young = `.${KEY_2}.${CREATED + 5000}.${uuid}.tmp`
    await writeFile(join(directory, old), '{"contentType":"image/png"')
    await writeFile(join(directory, young), '')
    const store = createDiskBlobStore({ directory })
    expect(await store.list({ createdBefore: CREATED + 1000, limit: 10 })).toEqual([])
    expect(await readdir(directory)).toEqual([young])
  })

  it('never lets a concurrent list remove a write in progress', async () => {
    const directory = join(await tempRoot(), 'blobs')
    const store = createDiskBlobStore({ directory })
    let release!: () => void
    let writing!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const started = new Promise<void>((resolve) => (writing = resolve))
    let pulls = 0
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          pulls += 1
          if (pulls === 2) {
            // The first chunk is written: the temporary file exists.
            writing()
            await held
          }
          if (pulls === 3) controller.close()
          else controller.enqueue(new Uint8Array([pulls]))
        },
      },
      { highWaterMark: 0 },
    )
    const put = store.put(KEY_1, body, info())
    await started
    expect(await readdir(directory)).toHaveLength(1)
    expect(await store.list({ createdBefore: Infinity, limit: 10 })).toEqual([])
    release()
    await put
    expect((await contents(await store.get(KEY_1)))?.bytes).toEqual(new Uint8Array([1, 2]))
  })

  it('errors a body whose file was deleted or replaced before it was read', async () => {
    const store = createDiskBlobStore({ directory: join(await tempRoot(), 'blobs') })
    await store.put(KEY_1, new Uint8Array([1, 2, 3]), info())
    const deleted = await store.get(KEY_1)
    await store.delete(KEY_1)
    await expect(readAll(deleted!.body)).rejects.toThrow()

    await store.put(KEY_2, new Uint8Array([1, 2, 3]), info())
    const replaced = await store.get(KEY_2)
    await store.put(KEY_2, new Uint8Array([4, 5, 6, 7]), info())
    await expect(readAll(replaced!.body)).rejects.toThrow(/replaced/)
  })

  it('reads files written before creation times were stored', async () => {
    const directory = join(await tempRoot(), 'blobs')
    await mkdir(directory)
    await writeFile(join(directory, `${KEY_1}.blob`), '{"contentType":"image/png"}\n\u0001\u0002')
    const store = createDiskBlobStore({ directory })
    const blob = await contents(await store.get(KEY_1))
    expect(blob).toMatchObject({ bytes: new Uint8Array([1, 2]), size: 2, contentType: 'image/png' })
    expect(blob?.createdAt).toBeGreaterThan(0)
  })
})
