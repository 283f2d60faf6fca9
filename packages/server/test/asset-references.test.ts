import { describe, expect, it } from 'vitest'
import type { LikenessEvent } from '../src/events.ts'
import { createMemoryStore } from '../src/store/memory-store.ts'
import type { Store } from '../src/store/types.ts'
import {
  activeAsset,
  API_KEY,
  harness,
  PNG,
  SIM_URL,
  verify,
  type Harness,
  type Reply,
} from './harness.ts'

const INPUT = { model: 'dreamina-seedance-2-0', prompt: 'me, walking on the moon' }

/** A memory store that counts the calls made to it, by method. */
function countedStore(): { store: Store; calls: Map<string, number> } {
  const calls = new Map<string, number>()
  const inner = createMemoryStore()
  const store = new Proxy(inner, {
    get(target, name: string) {
      const value = Reflect.get(target, name) as unknown
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1)
        return (value as (...a: unknown[]) => unknown).apply(target, args)
      }
    },
  })
  return { store, calls }
}

/**
 * Alice (verified, one Active and one Processing asset) and Bob (verified, one Active asset of
 * his own), with the calls to the store and to EasyRouter counted.
 */
async function world() {
  const counted = countedStore()
  const events: LikenessEvent[] = []
  // What the handler sent EasyRouter to create videos, as sent.
  const videoRequests: unknown[] = []
  const upstream: { fetch?: typeof fetch } = {}
  const h = harness({
    store: counted.store,
    onEvent: (event) => void events.push(event),
    easyrouter: {
      apiKey: API_KEY,
      baseUrl: SIM_URL,
      fetch: async (input, init) => {
        const request = new Request(input, init)
        if (
          request.method === 'POST' &&
          new URL(request.url).pathname === '/v1/video/generations'
        ) {
          videoRequests.push(await request.clone().json())
        }
        return upstream.fetch!(request)
      },
    },
  })
  upstream.fetch = h.sim.fetch
  await verify(h, 'alice')
  await verify(h, 'bob')
  const alices = await activeAsset(h, 'alice')
  const bobs = await activeAsset(h, 'bob')
  const processing = (await h.as('alice').upload(PNG, 'name=later.png')).body
  expect(processing.status).toBe('processing')
  return {
    h,
    events,
    videoRequests,
    calls: counted.calls,
    alices,
    bobs,
    processing,
    bob: h.as('bob'),
  }
}

const creates = (h: Harness) =>
  h.sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/video/generations')

/** An id of the same shape as `id` that nobody owns. */
const madeUp = (id: string) => `${id.slice(0, -5)}${id.endsWith('zzzzz') ? 'yyyyy' : 'zzzzz'}`

/** The body with the id the caller sent replaced and without the request id, to compare by shape. */
function shapeOf(reply: Reply, id: string): unknown {
  const body = structuredClone(reply.body) as { error?: { requestId?: string } }
  delete body.error?.requestId
  return JSON.parse(JSON.stringify(body).replaceAll(id, '<id>'))
}

/** What one request cost: calls to EasyRouter (by method and path shape) and to the store. */
async function costOf(w: Awaited<ReturnType<typeof world>>, send: () => Promise<Reply>) {
  const upstreamBefore = w.h.sim.requests.length
  w.calls.clear()
  const reply = await send()
  const upstream = w.h.sim.requests
    .slice(upstreamBefore)
    .map((r) => `${r.method} ${r.path.replace(/asset-[\w-]+/, ':id')}`)
  return { reply, upstream, store: Object.fromEntries(w.calls) }
}

let keys = 0
const key = () => `ref-test-${String(++keys).padStart(6, '0')}`

describe('asset:// anywhere in a video job', () => {
  it("refuses another person's asset named in the prompt, before EasyRouter creates anything", async () => {
    const w = await world()
    const reply = await w.bob.post(
      '/videos',
      { ...INPUT, prompt: `me next to asset://${w.alices.id} on the moon` },
      { 'idempotency-key': key() },
    )
    expect(reply.status).toBe(400)
    expect(reply.body.error).toMatchObject({
      code: 'invalid_request',
      details: { field: 'prompt', reference: `asset://${w.alices.id}` },
    })
    expect(creates(w.h)).toEqual([])
    expect(w.events).toContainEqual(
      expect.objectContaining({
        type: 'request.refused',
        reason: 'not_owner',
        userId: 'bob',
        id: w.alices.id,
        route: 'POST /videos',
      }),
    )
  })

  it('answers a foreign id and a made-up one alike: status, body, and what it cost', async () => {
    const w = await world()
    for (const [field, build] of [
      ['prompt', (id: string) => ({ ...INPUT, prompt: `with asset://${id}` })],
      ['references[0].assetId', (id: string) => ({ ...INPUT, references: [{ assetId: id }] })],
    ] as const) {
      const theirs = await costOf(w, () =>
        w.bob.post('/videos', build(w.alices.id), { 'idempotency-key': key() }),
      )
      const nobodys = await costOf(w, () =>
        w.bob.post('/videos', build(madeUp(w.alices.id)), { 'idempotency-key': key() }),
      )
      expect({ field, status: theirs.reply.status }).toEqual({ field, status: 400 })
      expect(theirs.reply.body.error.details.field).toBe(field)
      expect(shapeOf(theirs.reply, w.alices.id)).toEqual(
        shapeOf(nobodys.reply, madeUp(w.alices.id)),
      )
      expect(theirs.upstream).toEqual(nobodys.upstream)
      expect(theirs.upstream).toEqual([
        'GET /api/resource-channel/byteplus/visual-validate/assets/:id',
      ])
      expect(theirs.store).toEqual(nobodys.store)
    }
    expect(creates(w.h)).toEqual([])
  })

  it('sees through disguises of the scheme, in any field the client adds', async () => {
    const w = await world()
    const id = w.alices.id
    const bodies: [field: string, body: Record<string, unknown>][] = [
      ['prompt', { ...INPUT, prompt: `me and ASSET://${id}` }],
      ['prompt', { ...INPUT, prompt: `me and ａｓｓｅｔ：／／${id}` }],
      ['prompt', { ...INPUT, prompt: `me and as\u200Bset:\u2060//${id}` }],
      ['prompt', { ...INPUT, prompt: `me and asset%3A%2F%2F${id}` }],
      ['prompt', { ...INPUT, prompt: `me and asset:\\\\${id}` }],
      [
        'metadata.content[0].image_url.url',
        {
          ...INPUT,
          metadata: { content: [{ type: 'image_url', image_url: { url: `asset://${id}` } }] },
        },
      ],
      ['extra', { ...INPUT, extra: `asset://${id}` }],
    ]
    for (const [field, body] of bodies) {
      const reply = await w.bob.post('/videos', body, { 'idempotency-key': key() })
      expect({ field, status: reply.status, at: reply.body.error?.details?.field }).toEqual({
        field,
        status: 400,
        at: field,
      })
    }
    expect(creates(w.h)).toEqual([])
  })

  it('shows a disguised token without its invisible characters', async () => {
    const w = await world()
    const reply = await w.bob.post(
      '/videos',
      { ...INPUT, prompt: `me, as\u202Eset://asset-\u200B${'x'.repeat(200)}` },
      { 'idempotency-key': key() },
    )
    expect(reply.status).toBe(400)
    const { message, details } = reply.body.error as {
      message: string
      details: { reference: string }
    }
    for (const text of [message, details.reference]) {
      expect(text).not.toMatch(/[\u202E\u200B]/)
    }
    expect(details.reference.length).toBeLessThanOrEqual(80)
    expect(details.reference.startsWith('asset://asset-')).toBe(true)
  })

  it('refuses a token that names no asset, and too many assets, without asking anyone', async () => {
    const w = await world()
    const ids = Array.from(
      { length: 13 },
      (_, i) => `asset-20260521164235-x${String(i).padStart(4, '0')}`,
    )
    for (const [name, body] of [
      ['no id', { ...INPUT, prompt: 'me, asset://' }],
      ['a path', { ...INPUT, prompt: 'me, asset://../../admin' }],
      ['a disguised id', { ...INPUT, prompt: `me, asset://asset-2026\u200B0521-zggcb` }],
      ['13 assets', { ...INPUT, prompt: ids.map((id) => `asset://${id}`).join(' ') }],
    ] as const) {
      const cost = await costOf(w, () => w.bob.post('/videos', body, { 'idempotency-key': key() }))
      expect({ name, status: cost.reply.status, upstream: cost.upstream }).toEqual({
        name,
        status: 400,
        upstream: [],
      })
    }
  })

  it("takes the caller's own Active asset in the prompt, and refuses one still processing", async () => {
    const w = await world()
    const alice = w.h.as('alice')
    const processing = await alice.post(
      '/videos',
      { ...INPUT, prompt: `me, as in asset://${w.processing.id}` },
      { 'idempotency-key': key() },
    )
    expect(processing.status).toBe(400)
    expect(processing.body.error.details).toMatchObject({ field: 'prompt' })
    expect(processing.body.error.message).toMatch(/not ready/)

    const prompt = `me, as in asset://${w.alices.id}, on the moon`
    const created = await alice.post('/videos', { ...INPUT, prompt }, { 'idempotency-key': key() })
    expect(created.status).toBe(201)
    expect(creates(w.h)).toHaveLength(1)
    expect(w.videoRequests).toEqual([expect.objectContaining({ prompt })])
  })
})

describe("another person's asset and a missing one take the same path", () => {
  it.each(['GET', 'DELETE'] as const)('%s /assets/{id}', async (method) => {
    const w = await world()
    const send = (id: string) => () =>
      method === 'GET' ? w.bob.get(`/assets/${id}`) : w.bob.del(`/assets/${id}`)
    const theirs = await costOf(w, send(w.alices.id))
    const nobodys = await costOf(w, send(madeUp(w.alices.id)))
    expect(theirs.reply.status).toBe(404)
    expect(shapeOf(theirs.reply, w.alices.id)).toEqual(shapeOf(nobodys.reply, madeUp(w.alices.id)))
    // Both read the store and ask EasyRouter (a read; nothing is deleted), the same way.
    expect(theirs.upstream).toEqual([
      'GET /api/resource-channel/byteplus/visual-validate/assets/:id',
    ])
    expect(theirs.upstream).toEqual(nobodys.upstream)
    expect(theirs.store).toEqual(nobodys.store)
    expect((await w.h.as('alice').get(`/assets/${w.alices.id}`)).status).toBe(200)
  })
})
