import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createLikenessHandler } from '../src/handler.ts'
import { createDiskBlobStore, createSqliteStore } from '../src/node/index.ts'
import { client, harness, PNG, verify } from './harness.ts'

const folders: string[] = []
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })))
})

describe('state across a restart (SQLite store, disk blobs)', () => {
  it('remembers verifications, staged uploads, assets, jobs and idempotency keys', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'likeness-restart-'))
    folders.push(folder)
    const database = join(folder, 'likeness.db')
    const first = createSqliteStore({ path: database })
    const h = harness({
      store: first,
      blobStore: createDiskBlobStore({ directory: join(folder, 'uploads') }),
    })

    await verify(h, 'alice')
    const uploaded = (await h.as('alice').upload(PNG)).body
    const job = (
      await h
        .as('alice')
        .post(
          '/videos',
          { model: 'dreamina-seedance-2-0', prompt: 'me' },
          { 'idempotency-key': 'restart-key-1' },
        )
    ).body
    const pending = await h.as('bob').post('/verification', {})
    await first.close()

    // A new process: new handler, store and blob store on the same files, same secret.
    const second = createSqliteStore({ path: database })
    const restarted = createLikenessHandler({
      ...h.options,
      store: second,
      blobStore: createDiskBlobStore({ directory: join(folder, 'uploads') }),
    })
    const alice = client(restarted, 'alice')
    expect((await alice.get('/verification')).body.session.status).toBe('verified')
    expect((await client(restarted, 'bob').get('/verification')).body.session).toMatchObject({
      id: pending.body.session.id,
      status: 'pending',
    })

    // The staged copy outlives the restart, and the restarted server cleans it up once
    // EasyRouter has taken the asset.
    const blobs = createDiskBlobStore({ directory: join(folder, 'uploads') })
    const blobKey = (await second.getAsset(uploaded.id))?.blobKey ?? ''
    expect(await blobs.get(blobKey)).toMatchObject({ contentType: 'image/png' })
    await h.sim.settle()
    h.clock.advance(1000)
    expect((await alice.get(`/assets/${uploaded.id}`)).body.status).toBe('active')
    expect(await blobs.get(blobKey)).toBeUndefined()
    expect((await second.getAsset(uploaded.id))?.blobKey).toBeUndefined()

    const replay = await alice.post(
      '/videos',
      { model: 'dreamina-seedance-2-0', prompt: 'me' },
      { 'idempotency-key': 'restart-key-1' },
    )
    expect(replay).toMatchObject({ status: 200, body: { id: job.id } })
    expect((await alice.get('/videos')).body.items.map((item: { id: string }) => item.id)).toEqual([
      job.id,
    ])
    expect((await client(restarted, 'bob').get(`/videos/${job.id}`)).status).toBe(404)
    await second.close()
  })
})
