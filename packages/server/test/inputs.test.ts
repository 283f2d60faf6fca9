import { LIKENESS_REQUEST_HEADER } from '@likeness/core'
import { describe, expect, it } from 'vitest'
import { createMemoryBlobStore } from '../src/blob/memory-blob-store.ts'
import type { BlobStore } from '../src/blob/types.ts'
import type { LikenessHandlerOptions } from '../src/options.ts'
import {
  activeAsset,
  APP,
  BASE,
  harness,
  PNG,
  verify,
  VIDEO_INPUT,
  type Harness,
} from './harness.ts'

const TEXT = new TextEncoder().encode('just some notes, not a picture\n')
const GIF = Uint8Array.from([
  ...new TextEncoder().encode('GIF89a'),
  1,
  0,
  1,
  0,
  0x80,
  0,
  0,
  0,
  0,
  0,
  0xff,
  0xff,
  0xff,
  0x21,
  0xf9,
  4,
  1,
  0,
  0,
  0,
  0,
  0x2c,
  0,
  0,
  0,
  0,
  1,
  0,
  1,
  0,
  0,
  2,
  2,
  0x44,
  1,
  0,
  0x3b,
])

/**
 * A blob store that remembers which keys it holds, so a test can say "nothing is stored". A put
 * counts once it has stored something (an upload streams in, so a refused one may start one).
 */
function countedBlobs(): BlobStore & { keys: Set<string>; puts: number } {
  const inner = createMemoryBlobStore()
  const keys = new Set<string>()
  const counted = {
    keys,
    puts: 0,
    async put(...args: Parameters<BlobStore['put']>) {
      await inner.put(...args)
      counted.puts += 1
      keys.add(args[0])
    },
    get: (key: string) => inner.get(key),
    list: (query: Parameters<BlobStore['list']>[0]) => inner.list(query),
    async delete(key: string) {
      keys.delete(key)
      await inner.delete(key)
    },
  }
  return counted
}

function setup(overrides: Partial<LikenessHandlerOptions> = {}) {
  const blobs = countedBlobs()
  const h = harness({ blobStore: blobs, ...overrides })
  return { h, blobs }
}

const uploadsUpstream = (h: Harness) =>
  h.sim.requests.filter((r) => r.method === 'POST' && /\/assets$/.test(r.path)).length

async function expectNothingStored(h: Harness, blobs: ReturnType<typeof countedBlobs>) {
  expect(await h.store.listStagedAssets(Number.MAX_SAFE_INTEGER)).toEqual([])
  expect(blobs.puts).toBe(0)
  expect(blobs.keys.size).toBe(0)
  expect(uploadsUpstream(h)).toBe(0)
}

/** A request the way a browser's fetch would send it, with any body and headers. */
function request(method: string, path: string, init: RequestInit = {}, user = 'alice') {
  return new Request(path.startsWith('http') ? path : `${BASE}${path}`, {
    method,
    ...init,
    headers: {
      'x-test-user': user,
      origin: APP,
      [LIKENESS_REQUEST_HEADER]: '1',
      ...(init.headers as Record<string, string> | undefined),
    },
  })
}

async function send(h: Harness, req: Request) {
  const response = await h.handle(req)
  const body = await response.json()
  return { status: response.status, headers: response.headers, body }
}

describe('uploads that are refused store nothing', () => {
  it('refuses a body larger than the limit by its Content-Length, before reading it', async () => {
    const { h, blobs } = setup({ limits: { maxUploadBytes: 1000 } })
    await verify(h, 'alice')
    let pulled = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1
        controller.enqueue(new Uint8Array(500))
        if (pulled === 4) controller.close()
      },
    })
    const reply = await send(
      h,
      request('POST', '/assets?name=big.png', {
        body,
        duplex: 'half',
        headers: { 'content-type': 'application/octet-stream', 'content-length': '2000' },
      } as RequestInit),
    )
    expect(reply.status).toBe(413)
    expect(reply.body.error).toMatchObject({
      code: 'payload_too_large',
      status: 413,
      details: { maxBytes: 1000 },
    })
    // Only what the stream queued up front was pulled; the handler never read the body.
    expect(pulled).toBeLessThanOrEqual(1)
    await expectNothingStored(h, blobs)

    // A plain upload whose length is known is refused the same way.
    const plain = await h.as('alice').upload(new Uint8Array(1001))
    expect(plain.status).toBe(413)
    expect(plain.body.error.code).toBe('payload_too_large')
    await expectNothingStored(h, blobs)
  })

  it('refuses a streamed body without Content-Length once it passes the limit, and stops reading', async () => {
    const { h, blobs } = setup({ limits: { maxUploadBytes: 1000 } })
    await verify(h, 'alice')
    let pulled = 0
    let cancelled = false
    // An endless stream that starts like a PNG: only the cap can end it.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1
        controller.enqueue(pulled === 1 ? PNG.slice() : new Uint8Array(256))
      },
      cancel() {
        cancelled = true
      },
    })
    const req = request('POST', '/assets?name=stream.png', {
      body,
      duplex: 'half',
      headers: { 'content-type': 'application/octet-stream' },
    } as RequestInit)
    expect(req.headers.get('content-length')).toBeNull()
    const reply = await send(h, req)
    expect(reply.status).toBe(413)
    expect(reply.body.error.code).toBe('payload_too_large')
    expect(cancelled).toBe(true)
    expect(pulled).toBeLessThan(10)
    await expectNothingStored(h, blobs)

    // A Content-Length that lies (small) does not help a large body through.
    const liar = await send(
      h,
      request('POST', '/assets?name=liar.png', {
        body: new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(PNG.slice())
            controller.enqueue(new Uint8Array(2000))
            controller.close()
          },
        }),
        duplex: 'half',
        headers: { 'content-type': 'application/octet-stream', 'content-length': '10' },
      } as RequestInit),
    )
    expect(liar.status).toBe(413)
    await expectNothingStored(h, blobs)
  })

  it('refuses an empty body', async () => {
    const { h, blobs } = setup()
    await verify(h, 'alice')
    const empty = await h.as('alice').upload(new Uint8Array(0))
    expect(empty.status).toBe(400)
    expect(empty.body.error).toMatchObject({ code: 'invalid_request', details: { field: 'file' } })
    const none = await send(h, request('POST', '/assets?name=nothing.png'))
    expect(none.status).toBe(400)
    expect(none.body.error.code).toBe('invalid_request')
    await expectNothingStored(h, blobs)
  })

  it('recognises files by their bytes, not their name or declared type', async () => {
    const { h, blobs } = setup()
    await verify(h, 'alice')
    const alice = h.as('alice')

    const text = await alice.upload(TEXT, 'name=portrait.png&type=image', {
      'content-type': 'image/png',
    })
    expect(text.status).toBe(415)
    expect(text.body.error.code).toBe('unsupported_media')

    const pngAsVideo = await alice.upload(PNG, 'name=clip.mp4&type=video', {
      'content-type': 'video/mp4',
    })
    expect(pngAsVideo.status).toBe(415)
    expect(pngAsVideo.body.error.code).toBe('unsupported_media')
    expect(pngAsVideo.body.error.message).toBe('The file is an image, not a video.')
    const pngAsAudio = await alice.upload(PNG, 'name=song.mp3&type=audio')
    expect(pngAsAudio.status).toBe(415)
    expect(pngAsAudio.body.error.message).toBe('The file is an image, not audio.')

    const gif = await alice.upload(GIF, 'name=animated.gif', { 'content-type': 'image/gif' })
    expect(gif.status).toBe(415)
    expect(gif.body.error.code).toBe('unsupported_media')

    const svg = await alice.upload(
      new TextEncoder().encode(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      ),
      'name=vector.png&type=image',
      { 'content-type': 'image/png' },
    )
    expect(svg.status).toBe(415)

    // Markup with an image name: never stored, so never served back as HTML.
    const html = await alice.upload(
      new TextEncoder().encode('<html><script>alert(1)</script></html>'),
      'name=photo.jpg',
    )
    expect(html.status).toBe(415)

    const badType = await alice.upload(PNG, 'name=x.png&type=document')
    expect(badType.status).toBe(400)
    expect(badType.body.error.details.field).toBe('type')

    await expectNothingStored(h, blobs)
  })

  it('refuses uploads from a person who is not verified', async () => {
    const { h, blobs } = setup()
    const reply = await h.as('mallory').upload(PNG)
    expect(reply.status).toBe(403)
    expect(reply.body.error.code).toBe('not_verified')
    await expectNothingStored(h, blobs)
  })
})

describe('JSON bodies', () => {
  const routes = [
    ['/verification', {}],
    ['/videos', { 'idempotency-key': 'json-tests-0001' }],
  ] as const

  it('refuses malformed JSON, other content types and bodies that are not objects', async () => {
    const { h, blobs } = setup()
    await verify(h, 'alice')
    const asset = await activeAsset(h, 'alice')
    const verification = await h.store.latestVerification('alice')
    // Bob starts from nothing, so a start that got through would show.
    h.sim.requests.reset()

    for (const [path, extra] of routes) {
      const cases: [string, string, number, string][] = [
        ['application/json', '{"prompt": ', 400, 'invalid_request'],
        ['application/json', "{ prompt: 'single quotes' }", 400, 'invalid_request'],
        ['application/json', JSON.stringify([VIDEO_INPUT]), 400, 'invalid_request'],
        ['application/json', '"a string"', 400, 'invalid_request'],
        ['application/json', 'null', 400, 'invalid_request'],
        ['application/json', '42', 400, 'invalid_request'],
        ['text/plain', JSON.stringify(VIDEO_INPUT), 415, 'unsupported_media'],
        ['application/x-www-form-urlencoded', 'model=x&prompt=y', 415, 'unsupported_media'],
        ['multipart/form-data; boundary=x', '--x--', 415, 'unsupported_media'],
      ]
      for (const [type, body, status, code] of cases) {
        for (const user of ['alice', 'bob']) {
          const reply = await send(
            h,
            request('POST', path, { body, headers: { 'content-type': type, ...extra } }, user),
          )
          expect({ path, type, body, status: reply.status, code: reply.body.error?.code }).toEqual({
            path,
            type,
            body,
            status,
            code,
          })
        }
      }
      // No content type at all (bytes, so fetch adds none).
      const untyped = request('POST', path, {
        body: new TextEncoder().encode(JSON.stringify(VIDEO_INPUT)),
        headers: { ...extra },
      })
      expect(untyped.headers.get('content-type')).toBeNull()
      expect((await send(h, untyped)).status).toBe(415)
    }

    expect(h.sim.requests.length).toBe(0)
    expect(await h.store.latestVerification('alice')).toEqual(verification)
    expect(await h.store.latestVerification('bob')).toBeUndefined()
    expect((await h.as('alice').get('/videos')).body.items).toEqual([])
    expect((await h.as('bob').get('/videos')).body.items).toEqual([])
    expect(blobs.keys.size).toBe(0)

    // None of it spent the idempotency key or the verification allowance.
    const ok = await h
      .as('alice')
      .post(
        '/videos',
        { ...VIDEO_INPUT, references: [{ assetId: asset.id }] },
        { 'idempotency-key': 'json-tests-0001' },
      )
    expect(ok.status).toBe(201)
    expect((await h.as('bob').post('/verification', {})).status).toBe(201)
  })

  it('refuses a JSON body larger than 64 KiB', async () => {
    const { h } = setup()
    await verify(h, 'alice')
    h.sim.requests.reset()
    const big = JSON.stringify({ ...VIDEO_INPUT, prompt: 'x'.repeat(70 * 1024) })
    for (const [path, extra] of routes) {
      const reply = await send(
        h,
        request('POST', path, {
          body: big,
          headers: { 'content-type': 'application/json', ...extra },
        }),
      )
      expect({ path, status: reply.status }).toEqual({ path, status: 413 })
      expect(reply.body.error.code).toBe('payload_too_large')
    }
    expect(h.sim.requests.length).toBe(0)
  })

  it('refuses a hostile asset reference before anything goes upstream', async () => {
    const { h } = setup()
    await verify(h, 'alice')
    h.sim.requests.reset()
    for (const assetId of [
      '../asset-groups/x',
      'asset-1/../../asset-groups/group-1',
      'asset-%2E%2E',
      'asset-1?x=1',
      `asset-${'a'.repeat(300)}`,
      'asset://asset-1',
    ]) {
      const reply = await h
        .as('alice')
        .post(
          '/videos',
          { ...VIDEO_INPUT, references: [{ assetId }] },
          { 'idempotency-key': 'hostile-ref-0001' },
        )
      expect({ assetId, status: reply.status }).toEqual({ assetId, status: 400 })
      expect(reply.body.error.details.issues[0].field).toBe('references[0].assetId')
    }
    expect(h.sim.requests.length).toBe(0)
  })
})

describe('ids', () => {
  const HOSTILE = [
    '../x',
    '..%2F..%2Fsessions',
    '%2F',
    'asset-%2E%2E',
    'asset-1%00',
    `asset-${'a'.repeat(294)}`,
    'task_../x',
    '%2E%2E',
    'asset-1%2F..%2F..%2Fasset-groups%2Fgroup-1',
    'asset-1;x',
    'asset-1%0D%0Ax-injected:1',
  ]

  it('refuses hostile ids on every id route with 404, sending nothing upstream', async () => {
    const { h, blobs } = setup()
    await verify(h, 'alice')
    const asset = await activeAsset(h, 'alice')
    const before = await h.as('alice').get(`/assets/${asset.id}`)
    const keysBefore = blobs.keys.size
    h.sim.requests.reset()

    expect(HOSTILE.find((id) => id.length === 300)).toBeDefined()
    for (const id of HOSTILE) {
      for (const [method, prefix] of [
        ['GET', '/assets/'],
        ['DELETE', '/assets/'],
        ['GET', '/videos/'],
      ] as const) {
        const reply = await send(h, request(method, `${prefix}${id}`))
        expect({ method, id, status: reply.status, code: reply.body.error?.code }).toEqual({
          method,
          id,
          status: 404,
          code: 'not_found',
        })
      }
    }

    expect(h.sim.requests.length).toBe(0)
    for (const entry of h.sim.requests) {
      for (const id of HOSTILE) expect(entry.path).not.toContain(id)
    }
    expect(blobs.keys.size).toBe(keysBefore)
    expect((await h.as('alice').get(`/assets/${asset.id}`)).body).toEqual(before.body)
  })
})

describe('list queries', () => {
  it.each([
    ['status=weird', 'status'],
    ['status=active,weird', 'status'],
    ['status=Active', 'status'],
    ['pageSize=101', 'pageSize'],
    ['pageSize=0', 'pageSize'],
    ['pageSize=1e2', 'pageSize'],
    ['page=0', 'page'],
    ['page=-1', 'page'],
    ['page=1.5', 'page'],
    ['page=99999999999999999999', 'page'],
    ['sort=name', 'sort'],
    ['sort=', 'sort'],
    ['order=up', 'order'],
    ['order=DESC', 'order'],
    [`name=${'n'.repeat(201)}`, 'name'],
  ])('refuses %s naming the field', async (query, field) => {
    const { h } = setup()
    await verify(h, 'alice')
    h.sim.requests.reset()
    const reply = await h.as('alice').get(`/assets?${query}`)
    expect(reply.status).toBe(400)
    expect(reply.body.error).toMatchObject({ code: 'invalid_request', details: { field } })
    expect(h.sim.requests.length).toBe(0)
  })

  it('accepts the edges of every range', async () => {
    const { h } = setup()
    await verify(h, 'alice')
    for (const query of [
      'status=processing,active,failed',
      'status=active&status=failed',
      'pageSize=100&page=1',
      'pageSize=1',
      'sort=updatedAt&order=asc',
      `name=${'n'.repeat(200)}`,
    ]) {
      expect({ query, status: (await h.as('alice').get(`/assets?${query}`)).status }).toEqual({
        query,
        status: 200,
      })
    }
  })
})

describe('routes', () => {
  it('answers an unknown route with 404 and a wrong method with 400', async () => {
    const { h } = setup()
    await verify(h, 'alice')
    h.sim.requests.reset()
    for (const path of [
      '/',
      '/nope',
      '/assets/x/y',
      '/assets/',
      '/videos//',
      '/verification/other',
      '/uploads',
      `${APP}/api/other/assets`,
      `${APP}/api/likenessassets`,
    ]) {
      const reply = await send(h, request('GET', path))
      expect({ path, status: reply.status, code: reply.body.error?.code }).toEqual({
        path,
        status: 404,
        code: 'not_found',
      })
    }
    for (const [method, path] of [
      ['PUT', '/assets'],
      ['PATCH', '/verification'],
      ['POST', '/assets/asset-20260521164235-zggcb'],
      ['PUT', '/videos/task_abc'],
      ['DELETE', '/videos'],
      ['DELETE', '/videos/task_abc'],
      ['OPTIONS', '/videos'],
      ['HEAD', '/assets'],
    ] as const) {
      const response = await h.handle(request(method, path))
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 400 })
      if (method !== 'HEAD') {
        expect((await response.json()).error.code).toBe('invalid_request')
      }
    }
    expect(h.sim.requests.length).toBe(0)
  })
})
