import { LIKENESS_REQUEST_HEADER } from '@likeness/core'
import { createManualClock } from '@likeness/easyrouter-sim'
import { startSimulatorServer } from '@likeness/easyrouter-sim/node'
import { afterEach, describe, expect, it } from 'vitest'
import { createLikenessHandler, type LikenessHandler } from '../src/handler.ts'
import { API_KEY, PNG, SECRET, T0 } from './harness.ts'
import { listenOnLoopback } from './loopback.ts'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

async function listen(handler: () => LikenessHandler): Promise<string> {
  // The handler is made once the simulator's address is known, after the server listens.
  const { url, close } = await listenOnLoopback((request) => handler()(request))
  closers.push(close)
  return url
}

describe('over loopback: Node http adapter and the standalone simulator', () => {
  it('runs the journey across real sockets', async () => {
    const clock = createManualClock(T0)
    const sim = await startSimulatorServer({
      apiKeys: [API_KEY],
      clock,
      timings: { assetProcessingMs: 1000, videoQueuedMs: 1000, videoGenerationMs: 5000 },
    })
    closers.push(() => sim.close())
    const ref: { handler?: LikenessHandler } = {}
    const app = await listen(() => ref.handler as LikenessHandler)
    ref.handler = createLikenessHandler({
      publicUrl: app,
      easyrouter: { apiKey: API_KEY, baseUrl: sim.url },
      secret: SECRET,
      getUserId: (request) => request.headers.get('x-test-user'),
      now: () => clock.now(),
      limits: { maxUploadBytes: 4096 },
    })
    const base = `${app}/api/likeness`
    const headers = { 'x-test-user': 'alice', [LIKENESS_REQUEST_HEADER]: '1' }

    const started = await fetch(`${base}/verification`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ returnTo: '/done' }),
    })
    expect(started.status).toBe(201)
    const { url } = (await started.json()) as { url: string }
    const h5 = new URL(url)
    h5.searchParams.set('outcome', 'pass')
    const toCallback = await fetch(h5, { redirect: 'manual' })
    // The browser comes back with the binding cookie the start set (through the adapter).
    const binding = started.headers.getSetCookie()[0]?.split(';')[0] ?? ''
    expect(binding).toMatch(/^likeness_binding=[\w-]{20,}$/)
    const back = await fetch(toCallback.headers.get('location') ?? '', {
      redirect: 'manual',
      headers: { cookie: binding },
    })
    expect(back.status).toBe(303)
    expect(back.headers.get('location')).toBe(`${app}/done?likeness_verification=verified`)

    // The upload streams through the adapter; the simulator fetches the staged copy over HTTP.
    const upload = await fetch(`${base}/assets?name=me.png`, {
      method: 'POST',
      headers,
      body: PNG,
    })
    expect(upload.status).toBe(201)
    const asset = (await upload.json()) as { id: string }
    await sim.simulator.settle()
    clock.advance(1000)
    const read = await fetch(`${base}/assets/${asset.id}`, { headers })
    expect(((await read.json()) as { status: string }).status).toBe('active')

    const tooBig = await fetch(`${base}/assets`, {
      method: 'POST',
      headers,
      body: new ReadableStream({
        start(controller) {
          // A PNG by its first bytes, so it is refused for its size, which shows only later.
          const first = new Uint8Array(3000)
          first.set(PNG)
          controller.enqueue(first)
          controller.enqueue(new Uint8Array(3000))
          controller.close()
        },
      }),
      duplex: 'half',
    } as RequestInit)
    expect(tooBig.status).toBe(413)

    const job = await fetch(`${base}/videos`, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/json',
        'idempotency-key': 'loopback-0001',
      },
      body: JSON.stringify({
        model: 'dreamina-seedance-2-0',
        prompt: 'me',
        references: [{ assetId: asset.id }],
      }),
    })
    expect(job.status).toBe(201)
    const { id } = (await job.json()) as { id: string }
    clock.advance(10_000)
    const done = (await (await fetch(`${base}/videos/${id}`, { headers })).json()) as {
      videoUrl: string
    }
    const video = await fetch(done.videoUrl)
    expect(video.status).toBe(200)
    expect((await video.arrayBuffer()).byteLength).toBeGreaterThan(1000)

    const gone = await fetch(`${base}/assets`, { method: 'DELETE', headers })
    expect(gone.status).toBe(204)
    expect(await gone.text()).toBe('')
  })
})
