import { afterEach, describe, expect, it, vi } from 'vitest'
import { until } from '../../test/support.ts'
import { MANAGEMENT_PREFIX } from '../router.ts'
import { startSimulatorServer, type SimulatorServer } from './server.ts'

const KEY = 'sk-loopback'
const CONTROL = { headers: { 'x-sim-control': '1' } }
const servers: SimulatorServer[] = []

async function start(
  options: Parameters<typeof startSimulatorServer>[0] = {},
): Promise<SimulatorServer> {
  const server = await startSimulatorServer({ port: 0, ...options })
  servers.push(server)
  return server
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

// Real sockets on a busy machine can take a while: the tests wait for events (an answer, a
// rejection, a close), and the generous limit only keeps a hang from holding the run.
describe('startSimulatorServer', { timeout: 60_000 }, () => {
  it('listens on a free loopback port and serves the API over real HTTP', async () => {
    const server = await start()
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(server.simulator.baseUrl).toBe(server.url)

    const created = await fetch(`${server.url}${MANAGEMENT_PREFIX}/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ callback_url: 'https://host.example/cb' }),
    })
    expect(created.status).toBe(200)
    const { data } = (await created.json()) as { data: { h5_link: string; byted_token: string } }
    const link = data.h5_link.replaceAll('\\u0026', '&')
    expect(link.startsWith(`${server.url}/h5/liveness?`)).toBe(true)

    const page = await fetch(link, { redirect: 'manual' })
    expect(page.status).toBe(200)
    const html = await page.text()
    const attempt = /name="attempt" value="([^"]+)"/.exec(html)?.[1] ?? ''
    const submitted = await fetch(`${server.url}/h5/liveness`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ attempt, outcome: 'pass', lng: 'en' }),
    })
    expect(submitted.status).toBe(302)
    expect(submitted.headers.get('location')).toContain(`bytedToken=${data.byted_token}`)
    expect(server.simulator.requests.map((entry) => entry.method)).toEqual(['POST'])
  })

  it('streams request bodies in and media bodies out', async () => {
    const server = await start({ timings: { videoQueuedMs: 0, videoGenerationMs: 0 } })
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const text = JSON.stringify({ model: 'dreamina-seedance-2-0', prompt: 'streamed' })
        controller.enqueue(new TextEncoder().encode(text.slice(0, 10)))
        controller.enqueue(new TextEncoder().encode(text.slice(10)))
        controller.close()
      },
    })
    const submitted = await fetch(`${server.url}/v1/video/generations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}` },
      body,
      duplex: 'half',
    } as RequestInit)
    const task = (await submitted.json()) as { status: string; metadata: { url: string } }
    expect(task.status).toBe('completed')
    const video = await fetch(task.metadata.url)
    expect(video.headers.get('content-type')).toBe('video/webm')
    const bytes = new Uint8Array(await video.arrayBuffer())
    expect([...bytes.slice(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3])
    expect(Number(video.headers.get('content-length'))).toBe(bytes.length)
  })

  it('destroys the socket for a drop fault, so fetch fails with a network error', async () => {
    const server = await start()
    server.simulator.faults.add({ drop: true, times: 1 })
    const dropped = fetch(`${server.url}/v1/video/generations/task_x`, {
      headers: { authorization: `Bearer ${KEY}` },
    })
    await expect(dropped).rejects.toThrow(TypeError)
    const after = await fetch(`${server.url}/v1/video/generations/task_x`, {
      headers: { authorization: `Bearer ${KEY}` },
    })
    expect(after.status).toBe(404)
  })

  it('aborts the simulated request when the client goes away during latency', async () => {
    const server = await start()
    server.simulator.faults.add({ latencyMs: 10_000 })
    const handle = vi.spyOn(server.simulator, 'handle')
    const controller = new AbortController()
    const pending = fetch(`${server.url}/v1/video/generations/task_x`, {
      headers: { authorization: `Bearer ${KEY}` },
      signal: controller.signal,
    })
    // Logged as it arrives, just before the latency wait starts: the client leaves mid-wait.
    await until(() => server.simulator.requests.length === 1)
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    // On the server the wait ends too: the simulator rejects instead of answering after 10 s.
    const served = handle.mock.results[0]?.value as Promise<Response>
    await expect(served).rejects.toMatchObject({ name: 'AbortError' })
    // The server is still healthy.
    expect((await fetch(`${server.url}/__sim/health`, CONTROL)).status).toBe(200)
  })

  it('uses a given baseUrl for links and honours the simulator options', async () => {
    const server = await start({ baseUrl: 'https://sim.example/er', apiKeys: [KEY] })
    expect(server.simulator.baseUrl).toBe('https://sim.example/er')
    const refused = await fetch(`${server.url}${MANAGEMENT_PREFIX}/sessions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-other' },
    })
    expect(refused.status).toBe(401)
    const created = await fetch(`${server.url}${MANAGEMENT_PREFIX}/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}` },
    })
    const { data } = (await created.json()) as { data: { h5_link: string } }
    expect(data.h5_link.startsWith('https://sim.example/er/h5/liveness?')).toBe(true)
  })

  it('closes, after which the port refuses connections', async () => {
    const server = await startSimulatorServer({ port: 0 })
    expect((await fetch(`${server.url}/__sim/health`, CONTROL)).status).toBe(200)
    await server.close()
    await expect(fetch(`${server.url}/__sim/health`, CONTROL)).rejects.toThrow(TypeError)
  })

  it('serves the control endpoints over HTTP only to requests with x-sim-control: 1', async () => {
    const server = await start()
    server.simulator.faults.add({ status: 503 })
    const formPost = await fetch(`${server.url}/__sim/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    })
    expect(formPost.status).toBe(403)
    expect(((await formPost.json()) as { error: string }).error).toContain('x-sim-control: 1')
    expect(server.simulator.faults.list()).toHaveLength(1)
    const reset = await fetch(`${server.url}/__sim/reset`, { method: 'POST', ...CONTROL })
    expect(reset.status).toBe(200)
    expect(server.simulator.faults.list()).toHaveLength(0)
  })

  it('rejects when the port is taken', async () => {
    const server = await start()
    const port = Number(new URL(server.url).port)
    await expect(startSimulatorServer({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' })
  })
})
