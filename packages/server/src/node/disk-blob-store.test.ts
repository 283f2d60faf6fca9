import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { KEY_1, KEY_2, describeBlobStore } from '../../test/blob-store-suite.ts'
import { createDiskBlobStore } from './disk-blob-store.ts'

const roots: string[] = []

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
      store.put(KEY_1, new Uint8Array([1]), 'image/png'),
      store.put(KEY_1, new Uint8Array([2]), 'image/png'),
      store.put(KEY_2, new Uint8Array([3]), 'image/png'),
    ])
    expect((await readdir(directory)).sort()).toEqual([`${KEY_1}.blob`, `${KEY_2}.blob`].sort())
    expect([[1], [2]]).toContainEqual(Array.from((await store.get(KEY_1))!.bytes))
    await store.delete(KEY_1)
    expect(await readdir(directory)).toEqual([`${KEY_2}.blob`])
  })

  it('answers get and delete before anything was written', async () => {
    const store = createDiskBlobStore({ directory: join(await tempRoot(), 'blobs') })
    expect(await store.get(KEY_1)).toBeUndefined()
    await expect(store.delete(KEY_1)).resolves.toBeUndefined()
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
    await expect(store.put(key, new Uint8Array([1]), 'image/png')).rejects.toThrow(TypeError)
    await expect(store.get(key)).rejects.toThrow(TypeError)
    await expect(store.delete(key)).rejects.toThrow(TypeError)
    expect(await readdir(root)).toEqual([])
    expect(await readdir(tmpdir())).not.toContain('escaped-key')
  })

  it('accepts keys of 16 and of 128 characters', async () => {
    const store = createDiskBlobStore({ directory: join(await tempRoot(), 'blobs') })
    for (const key of ['a'.repeat(16), `${'Z'.repeat(63)}-_${'9'.repeat(63)}`]) {
      await store.put(key, new Uint8Array([7]), 'audio/mpeg')
      expect(await store.get(key)).toEqual({
        bytes: new Uint8Array([7]),
        contentType: 'audio/mpeg',
      })
    }
  })
})
