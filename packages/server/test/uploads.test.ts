import { describe, expect, it } from 'vitest'
import type { BlobStore } from '../src/blob/types.ts'
import { createLikenessHandler } from '../src/handler.ts'
import { DEFAULT_LIMITS, type LikenessHandlerOptions } from '../src/options.ts'
import { BASE, client, onlyRateLimited, PNG, verify, type Harness } from './harness.ts'
import {
  deferred,
  heldUpload,
  keyOf,
  pngBytes,
  pngStream,
  replyOf,
  stagingHarness,
  temporaryDiskStore,
  uploadRequest,
} from './upload-harness.ts'

const TTL = DEFAULT_LIMITS.stagedUploadTtlMs
// The sweep runs at most once a minute.
const SWEEP_EVERY_MS = 60_000

const setup = (overrides: Partial<LikenessHandlerOptions> = {}) => stagingHarness(overrides)

async function upload(h: Harness, stagedUrls: string[], user = 'alice', name = 'portrait.png') {
  const reply = await h.as(user).upload(PNG, `name=${name}`)
  expect(reply.status).toBe(201)
  const record = await h.store.getAsset(reply.body.id)
  expect(record?.blobKey).toBeDefined()
  const url = stagedUrls.at(-1)!
  return { id: reply.body.id as string, key: record!.blobKey!, url }
}

/** The staged copy of alice's upload was swept; the asset itself is still known, with its owner. */
async function expectOnlyStagedCopyGone(h: Harness, uploaded: { id: string; key: string }) {
  expect(await h.blobStore.get(uploaded.key)).toBeUndefined()
  const record = await h.store.getAsset(uploaded.id)
  expect(record).toMatchObject({ id: uploaded.id, userId: 'alice' })
  expect(record?.blobKey).toBeUndefined()
}

/** Fetches a staged file the way EasyRouter does: no login, no cookies, no protocol header. */
const fetchStaged = (h: Harness, url: string | URL, method = 'GET') =>
  h.handle(new Request(url, { method }))

const stagedCount = async (h: Harness) =>
  (await h.store.listStagedAssets(Number.MAX_SAFE_INTEGER)).length

describe('staged uploads', () => {
  it('serves the staged file at its signed URL, to nobody in particular, as inert bytes', async () => {
    const { h, stagedUrls } = setup()
    await verify(h, 'alice')
    const { key, url } = await upload(h, stagedUrls)

    const signed = new URL(url)
    expect(`${signed.origin}${signed.pathname}`).toBe(`${BASE}/uploads/${key}`)
    expect(Number(signed.searchParams.get('expires'))).toBe(h.clock.now() + TTL)
    expect(key).toMatch(/^[A-Za-z0-9_-]{32,}$/)

    const response = await fetchStaged(h, url)
    expect(response.status).toBe(200)
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(PNG)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-security-policy')).toContain('sandbox')
    expect(response.headers.get('cache-control')).toContain('no-store')
    expect(response.headers.get('content-length')).toBe(String(PNG.byteLength))
    const head = await fetchStaged(h, url, 'HEAD')
    expect(head.status).toBe(200)
    expect((await head.arrayBuffer()).byteLength).toBe(0)
  })

  it('refuses a staged URL whose signature, expiry or key was changed', async () => {
    const { h, stagedUrls } = setup()
    await verify(h, 'alice')
    const first = await upload(h, stagedUrls)
    const second = await upload(h, stagedUrls, 'alice', 'second.png')
    const signature = new URL(first.url).searchParams.get('signature')!
    const flip = (text: string, at: number) =>
      `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`
    // The last character of a 32-byte signature carries two unused bits: toggling one spells
    // the same bytes differently. Only the one spelling the server made may pass.
    const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const respelled = `${signature.slice(0, -1)}${BASE64URL[BASE64URL.indexOf(signature.at(-1)!) ^ 1]}`

    const edits: [string, string | null][] = [
      ['signature', flip(signature, 0)],
      ['signature', flip(signature, signature.length - 1)],
      ['signature', respelled],
      ['signature', signature.slice(0, -2)],
      ['signature', ''],
      ['signature', null],
      ['signature', `${signature}=`],
      ['expires', String(h.clock.now() + TTL * 100)],
      ['expires', null],
    ]
    const tampered = edits.map(([name, value]) => {
      const url = new URL(first.url)
      if (value === null) url.searchParams.delete(name)
      else url.searchParams.set(name, value)
      return url
    })
    // The second upload's key with the first one's signature, and the other way round.
    const swapped = new URL(first.url)
    swapped.pathname = swapped.pathname.replace(first.key, second.key)
    tampered.push(swapped)
    tampered.push(
      new URL(
        `${BASE}/uploads/${first.key}?${new URLSearchParams({
          expires: new URL(second.url).searchParams.get('expires')!,
          signature: new URL(second.url).searchParams.get('signature')!,
        }).toString()}`,
      ),
    )

    for (const url of tampered) {
      const response = await fetchStaged(h, url)
      expect({ url: url.toString(), status: response.status }).toEqual({
        url: url.toString(),
        status: 404,
      })
      expect(await response.text()).not.toContain('PNG')
    }
    // The genuine ones still work.
    expect((await fetchStaged(h, first.url)).status).toBe(200)
    expect((await fetchStaged(h, second.url)).status).toBe(200)
  })

  it('stops serving the staged file once its URL expires', async () => {
    const { h, stagedUrls } = setup()
    await verify(h, 'alice')
    const { key, url } = await upload(h, stagedUrls)
    h.clock.advance(TTL)
    expect((await fetchStaged(h, url)).status).toBe(200)
    h.clock.advance(1)
    const expired = await fetchStaged(h, url)
    expect(expired.status).toBe(404)
    // Refused for its age alone: the bytes are still stored, as no sweep has run.
    expect(await h.blobStore.get(key)).toBeDefined()
  })

  it('deletes the staged copy once EasyRouter has taken the asset', async () => {
    const { h, stagedUrls } = setup()
    await verify(h, 'alice')
    const alice = h.as('alice')
    const read = await upload(h, stagedUrls)
    const listed = await upload(h, stagedUrls, 'alice', 'listed.png')
    await h.sim.settle()

    // Still processing: the staged copy stays, EasyRouter may still need it.
    expect((await alice.get(`/assets/${read.id}`)).body.status).toBe('processing')
    expect(await h.blobStore.get(read.key)).toBeDefined()
    expect((await h.store.getAsset(read.id))?.blobKey).toBe(read.key)

    h.clock.advance(1000)
    // Taken, seen by reading the asset...
    expect((await alice.get(`/assets/${read.id}`)).body.status).toBe('active')
    expect(await h.blobStore.get(read.key)).toBeUndefined()
    expect((await h.store.getAsset(read.id))?.blobKey).toBeUndefined()
    expect((await fetchStaged(h, read.url)).status).toBe(404)
    // ...or by listing it.
    expect(await h.blobStore.get(listed.key)).toBeDefined()
    expect((await alice.get('/assets')).body.items).toHaveLength(2)
    expect(await h.blobStore.get(listed.key)).toBeUndefined()
    expect((await h.store.getAsset(listed.id))?.blobKey).toBeUndefined()
    expect(await stagedCount(h)).toBe(0)
  })

  it('deletes the staged copy when EasyRouter rejects the asset, and when the person deletes it', async () => {
    const { h, stagedUrls } = setup()
    await verify(h, 'alice')
    const alice = h.as('alice')
    // The simulator fails images named with "mismatch" (FaceMismatch).
    const failed = await upload(h, stagedUrls, 'alice', 'face-mismatch.png')
    const deleted = await upload(h, stagedUrls, 'alice', 'deleted.png')
    await h.sim.settle()
    h.clock.advance(1000)
    expect((await alice.get(`/assets/${failed.id}`)).body.status).toBe('failed')
    expect(await h.blobStore.get(failed.key)).toBeUndefined()
    expect((await alice.del(`/assets/${deleted.id}`)).status).toBe(204)
    expect(await h.blobStore.get(deleted.key)).toBeUndefined()
    expect(await h.store.getAsset(deleted.id)).toBeUndefined()
  })

  it('sweeps a staged copy EasyRouter never finished with after its TTL, on a later upload', async () => {
    const { h, stagedUrls } = setup()
    await verify(h, 'alice')
    const old = await upload(h, stagedUrls)
    // Nobody reads it: the handler never learns that EasyRouter took it.
    h.clock.advance(TTL / 2)
    const younger = await upload(h, stagedUrls, 'alice', 'younger.png')
    expect(await h.blobStore.get(old.key)).toBeDefined()

    h.clock.advance(TTL / 2 + SWEEP_EVERY_MS)
    await upload(h, stagedUrls, 'alice', 'later.png')
    await expectOnlyStagedCopyGone(h, old)
    // Younger than the TTL: kept.
    expect(await h.blobStore.get(younger.key)).toBeDefined()
    expect((await h.store.getAsset(younger.id))?.blobKey).toBe(younger.key)
  })

  it('sweeps on a later list too, even when the list does not include the asset', async () => {
    const { h, stagedUrls } = setup()
    await verify(h, 'alice')
    const old = await upload(h, stagedUrls, 'alice', 'forgotten.png')
    h.clock.advance(TTL + SWEEP_EVERY_MS)
    const listed = await h.as('alice').get('/assets?name=no-such-name')
    expect(listed.body.items).toEqual([])
    expect(await h.blobStore.get(old.key)).toBeUndefined()
    expect(await stagedCount(h)).toBe(0)
  })

  it('keeps nothing staged when EasyRouter fails the upload, and says so as 502', async () => {
    const { h, stagedUrls } = setup()
    await verify(h, 'alice')
    h.sim.faults.add({ method: 'POST', path: '/api/*/assets', status: 500 })
    const reply = await h.as('alice').upload(PNG)
    expect(reply.status).toBe(502)
    expect(reply.body.error).toMatchObject({ code: 'upstream_error', status: 502 })
    expect(await stagedCount(h)).toBe(0)
    // EasyRouter was handed a URL; it no longer serves anything.
    expect(stagedUrls).toHaveLength(1)
    const key = new URL(stagedUrls[0]!).pathname.split('/').at(-1)!
    expect(await h.blobStore.get(key)).toBeUndefined()
    expect((await fetchStaged(h, stagedUrls[0]!)).status).toBe(404)
    // A POST is never retried: one upstream attempt.
    expect(
      h.sim.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/assets')),
    ).toHaveLength(1)
  })

  it('keeps nothing staged when EasyRouter cannot be reached during the upload', async () => {
    const { h, stagedUrls } = setup()
    await verify(h, 'alice')
    h.sim.faults.add({ method: 'POST', path: '/api/*/assets', drop: true })
    const reply = await h.as('alice').upload(PNG)
    expect(reply.status).toBe(502)
    expect(reply.body.error.code).toBe('network')
    expect(await stagedCount(h)).toBe(0)
    const key = new URL(stagedUrls[0]!).pathname.split('/').at(-1)!
    expect(await h.blobStore.get(key)).toBeUndefined()
  })

  it('rate-limits uploads per user with Retry-After, leaving others alone', async () => {
    const { h, stagedUrls } = setup(onlyRateLimited('upload', 2))
    await verify(h, 'alice')
    await verify(h, 'bob')
    const alice = h.as('alice')
    expect((await alice.upload(PNG)).status).toBe(201)
    h.clock.advance(20_000)
    expect((await alice.upload(PNG)).status).toBe(201)
    const uploadsBefore = stagedUrls.length

    const limited = await alice.upload(PNG)
    expect(limited.status).toBe(429)
    expect(limited.body.error).toMatchObject({ code: 'rate_limited', retryable: true })
    expect(limited.headers.get('retry-after')).toBe('40')
    // Refused before anything was staged or sent.
    expect(stagedUrls).toHaveLength(uploadsBefore)
    expect(await stagedCount(h)).toBe(2)

    // Bob has his own allowance.
    expect((await h.as('bob').upload(PNG)).status).toBe(201)
    expect((await h.as('bob').upload(PNG)).status).toBe(201)
    expect((await h.as('bob').upload(PNG)).status).toBe(429)

    h.clock.advance(39_000)
    expect((await alice.upload(PNG)).headers.get('retry-after')).toBe('1')
    h.clock.advance(1000)
    expect((await alice.upload(PNG)).status).toBe(201)
  })
})

describe('staged files, streamed', () => {
  async function diskSetup(overrides: Partial<LikenessHandlerOptions> = {}) {
    const { store: blobs, files } = await temporaryDiskStore()
    return { ...stagingHarness({ blobStore: blobs, ...overrides }), blobs, files }
  }

  it('streams a large upload to disk and back out to EasyRouter, with its length and type', async () => {
    const { h, stagedUrls, blobs, files } = await diskSetup()
    await verify(h, 'alice')
    const size = 3 * 1024 * 1024 + 17
    const reply = await replyOf(await h.handle(uploadRequest('alice', pngStream(size))))
    expect(reply.status).toBe(201)
    const url = stagedUrls[0]!

    const head = await fetchStaged(h, url, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe(String(size))
    expect(head.headers.get('content-type')).toBe('image/png')
    expect((await head.arrayBuffer()).byteLength).toBe(0)

    const got = await fetchStaged(h, url)
    expect(got.headers.get('content-length')).toBe(String(size))
    expect(got.headers.get('content-type')).toBe('image/png')
    const chunks: Uint8Array[] = []
    for await (const chunk of got.body!) chunks.push(chunk)
    // It comes in pieces as it is read from disk, not as one buffer.
    expect(chunks.length).toBeGreaterThan(1)
    expect(Buffer.concat(chunks).equals(pngBytes(size))).toBe(true)

    // EasyRouter downloaded it whole (it sniffs and measures it): Active, then released.
    await h.sim.settle()
    h.clock.advance(1000)
    expect((await h.as('alice').get(`/assets/${reply.body.id}`)).body.status).toBe('active')
    expect(await blobs.get(keyOf(url))).toBeUndefined()
    expect(await files()).toEqual([])
  })

  it('refuses a streamed upload past the limit with 413, leaving nothing on disk', async () => {
    const { h, blobs, files } = await diskSetup({ limits: { maxUploadBytes: 1024 * 1024 } })
    await verify(h, 'alice')
    const request = uploadRequest('alice', pngStream(2 * 1024 * 1024))
    expect(request.headers.get('content-length')).toBeNull()
    const reply = await replyOf(await h.handle(request))
    expect(reply.status).toBe(413)
    expect(reply.body.error).toMatchObject({
      code: 'payload_too_large',
      details: { maxBytes: 1024 * 1024 },
    })
    expect(await files()).toEqual([])
    expect(await blobs.list({ createdBefore: Number.MAX_SAFE_INTEGER, limit: 100 })).toEqual([])
    expect(await stagedCount(h)).toBe(0)
  })

  it('releases the staged copy when a video job’s reference check sees the asset taken', async () => {
    const { h, stagedUrls } = setup()
    await verify(h, 'alice')
    const { id, key } = await upload(h, stagedUrls)
    await h.sim.settle()
    h.clock.advance(1000)
    expect(await h.blobStore.get(key)).toBeDefined()
    const job = await h
      .as('alice')
      .post(
        '/videos',
        { model: 'dreamina-seedance-2-0', prompt: 'me', references: [{ assetId: id }] },
        { 'idempotency-key': 'reference-check-1' },
      )
    expect(job.status).toBe(201)
    expect(await h.blobStore.get(key)).toBeUndefined()
    expect((await h.store.getAsset(id))?.blobKey).toBeUndefined()
  })
})

/** Blobs the store holds that are older than the TTL at the clock's time. */
const olderThanTtl = (blobs: BlobStore, now: number) =>
  blobs.list({ createdBefore: now - TTL, limit: 1000 })

describe('staged files nobody recorded', () => {
  it('sweeps the staged file of an upload whose server died during the EasyRouter call', async () => {
    const died = deferred()
    const { h, stagedUrls } = stagingHarness({}, (body) => {
      if (!body.name?.includes('crash')) return
      died.resolve()
      return new Promise<void>(() => undefined)
    })
    await verify(h, 'alice')
    void h.as('alice').upload(PNG, 'name=crash.png')
    await died.promise
    const key = keyOf(stagedUrls[0]!)
    // Written, handed to EasyRouter, never recorded.
    expect(await h.blobStore.get(key)).toBeDefined()
    expect(await stagedCount(h)).toBe(0)

    // A new process on the same stores. Younger than the TTL: kept, EasyRouter may be fetching it.
    const restarted = client(createLikenessHandler({ ...h.options }), 'alice')
    h.clock.advance(TTL)
    expect((await restarted.upload(PNG, 'name=first.png')).status).toBe(201)
    expect(await h.blobStore.get(key)).toBeDefined()

    h.clock.advance(SWEEP_EVERY_MS)
    expect((await restarted.upload(PNG, 'name=later.png')).status).toBe(201)
    expect(await h.blobStore.get(key)).toBeUndefined()
    expect(await olderThanTtl(h.blobStore, h.clock.now())).toEqual([])
  })

  it('clears the record of a staged file swept by its age', async () => {
    // EasyRouter took half the TTL to answer: the record is younger than its file.
    const holder: { h?: Harness } = {}
    const setup = stagingHarness({}, (body) => {
      if (body.name?.includes('slow')) holder.h!.clock.advance(TTL / 2)
    })
    const { h, stagedUrls } = setup
    holder.h = h
    await verify(h, 'alice')
    const slow = await upload(h, stagedUrls, 'alice', 'slow.png')
    h.clock.advance(TTL / 2 + SWEEP_EVERY_MS)
    await upload(h, stagedUrls, 'alice', 'later.png')
    await expectOnlyStagedCopyGone(h, slow)
  })

  it('leaves no staged file older than the TTL after many uploads with mixed outcomes', async () => {
    const users = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5']
    const crashes = users.map(() => deferred())
    let crashed = 0
    const { h, stagedUrls } = stagingHarness({ limits: { maxUploadBytes: 4096 } }, (body) => {
      if (!body.name?.includes('crash')) return
      crashes[crashed++]?.resolve()
      return new Promise<void>(() => undefined)
    })
    for (const user of users) await verify(h, user)
    const statuses: Record<string, number[]> = {}
    const note = (kind: string, status: number) => {
      ;(statuses[kind] ??= []).push(status)
    }
    const each = (run: (user: string) => Promise<void>) => Promise.all(users.map(run))

    await each(async (user) => {
      for (const name of ['ok-1.png', 'ok-2.png', 'face-mismatch.png']) {
        note(name, (await h.as(user).upload(PNG, `name=${name}`)).status)
      }
    })
    h.clock.advance(5_000)
    let remove = h.sim.faults.add({ method: 'POST', path: '/api/*/assets', status: 500 })
    await each(async (user) => {
      note('upstream-500', (await h.as(user).upload(PNG)).status)
    })
    remove()
    remove = h.sim.faults.add({ method: 'POST', path: '/api/*/assets', drop: true })
    await each(async (user) => {
      note('dropped', (await h.as(user).upload(PNG)).status)
    })
    remove()
    h.clock.advance(5_000)
    await each(async (user) => {
      void h.as(user).upload(PNG, 'name=crash.png')
      note('not-media', (await h.as(user).upload(new TextEncoder().encode('notes'))).status)
      note('too-big', (await h.handle(uploadRequest(user, pngStream(10_000)))).status)
      note('empty', (await h.as(user).upload(new Uint8Array(0))).status)
      const broken = heldUpload(h.handle, user)
      await broken.reading
      note('interrupted', (await broken.fail()).status)
    })
    await Promise.all(crashes.map((crash) => crash.promise))
    const n = users.length
    expect(statuses).toEqual({
      'ok-1.png': Array(n).fill(201),
      'ok-2.png': Array(n).fill(201),
      'face-mismatch.png': Array(n).fill(201),
      'upstream-500': Array(n).fill(502),
      dropped: Array(n).fill(502),
      'not-media': Array(n).fill(415),
      'too-big': Array(n).fill(413),
      empty: Array(n).fill(400),
      interrupted: Array(n).fill(499),
    })
    // EasyRouter finished with the good ones, but nobody looked, so they are still staged.
    await h.sim.settle()
    h.clock.advance(1000)
    expect(await stagedCount(h)).toBe(3 * n)

    // The process dies; a new one starts on the same stores, after the TTL.
    const restarted = createLikenessHandler({ ...h.options })
    h.clock.advance(TTL + SWEEP_EVERY_MS)
    const fresh = await replyOf(await restarted(uploadRequest('u0', PNG)))
    expect(fresh.status).toBe(201)
    const freshKey = (await h.store.getAsset(fresh.body.id))!.blobKey!

    for (const url of stagedUrls) {
      const key = keyOf(url)
      expect({ key, stored: (await h.blobStore.get(key)) !== undefined }).toEqual({
        key,
        stored: key === freshKey,
      })
    }
    expect(await olderThanTtl(h.blobStore, h.clock.now())).toEqual([])
    expect(await h.store.listStagedAssets(h.clock.now() - TTL)).toEqual([])
    expect(await stagedCount(h)).toBe(1)
  })
})
