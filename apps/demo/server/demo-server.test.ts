// The demo's server over real HTTP on loopback: who a browser is, how much body it may send,
// who may drive the simulator, and the password.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startDemoServer, type DemoServer, type DemoServerOptions } from './demo-server.ts'

const running: { demo: DemoServer; dir: string }[] = []

afterEach(async () => {
  for (const { demo, dir } of running.splice(0)) {
    await demo.close()
    await rm(dir, { recursive: true, force: true })
  }
})

/** A production demo of its own on a fresh data folder, with a stand-in for the built app. */
async function start(options: Partial<DemoServerOptions> = {}): Promise<DemoServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'likeness-demo-server-'))
  const distDir = path.join(dir, 'dist')
  await mkdir(distDir)
  await writeFile(path.join(distDir, 'index.html'), '<!doctype html><title>demo</title>')
  const demo = await startDemoServer({
    port: 0,
    production: true,
    dataDir: path.join(dir, 'data'),
    distDir,
    ...options,
  })
  running.push({ demo, dir })
  return demo
}

/** What a browser keeps of a `Set-Cookie` and sends back: `name=value`. */
function cookieOf(response: Response): string {
  const [setCookie] = response.headers.getSetCookie()
  if (!setCookie) throw new Error(`no cookie set (${String(response.status)})`)
  return setCookie.split(';')[0]!
}

/** A new browser's first visit: the cookie it is given. */
async function newBrowser(demo: DemoServer): Promise<string> {
  return cookieOf(await fetch(`${demo.url}/demo/user`))
}

async function switchTo(demo: DemoServer, cookie: string, user: string): Promise<string> {
  const response = await fetch(`${demo.url}/demo/user`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'x-likeness-request': '1' },
    body: JSON.stringify({ user }),
  })
  expect(response.status).toBe(200)
  expect(await response.json()).toMatchObject({ user })
  return cookieOf(response)
}

async function verification(demo: DemoServer, cookie?: string): Promise<Response> {
  return fetch(`${demo.url}/api/likeness/verification`, { headers: cookie ? { cookie } : {} })
}

async function startVerification(demo: DemoServer, cookie: string): Promise<void> {
  const response = await fetch(`${demo.url}/api/likeness/verification`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'x-likeness-request': '1' },
    body: '{}',
  })
  expect(response.status).toBe(201)
}

async function sessionOf(demo: DemoServer, cookie: string): Promise<unknown> {
  const response = await verification(demo, cookie)
  expect(response.status).toBe(200)
  return ((await response.json()) as { session: unknown }).session
}

describe('who a browser is', () => {
  it('a first visit gets an identity of its own, as Ada, in a signed HttpOnly cookie', async () => {
    const demo = await start()
    const response = await fetch(`${demo.url}/demo/user`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ user: 'ada', users: ['ada', 'ben'] })
    const [setCookie] = response.headers.getSetCookie()
    expect(setCookie).toMatch(/^likeness_demo=[\w-]{22}\.ada\.[\w-]{43}; /)
    expect(setCookie?.split('; ')).toEqual(
      expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax']),
    )
    expect(setCookie).not.toMatch(/Secure/i)

    // Known from then on, and not issued again.
    const again = await fetch(`${demo.url}/demo/user`, { headers: { cookie: cookieOf(response) } })
    expect(await again.json()).toMatchObject({ user: 'ada' })
    expect(again.headers.getSetCookie()).toEqual([])
  })

  it('two browsers never share: what one starts, the other does not see', async () => {
    const demo = await start()
    const first = await newBrowser(demo)
    const second = await newBrowser(demo)
    expect(second).not.toBe(first)
    await startVerification(demo, first)
    expect(await sessionOf(demo, first)).toMatchObject({ status: 'pending' })
    expect(await sessionOf(demo, second)).toBeNull()
  })

  it('switching persona keeps the browser, and Ada and Ben stay apart', async () => {
    const demo = await start()
    const ada = await newBrowser(demo)
    await startVerification(demo, ada)
    const ben = await switchTo(demo, ada, 'ben')
    expect(ben.split('.')[0]).toBe(ada.split('.')[0])
    expect(await sessionOf(demo, ben)).toBeNull()
    const adaAgain = await switchTo(demo, ben, 'ada')
    expect(await sessionOf(demo, adaAgain)).toMatchObject({ status: 'pending' })
  })

  it('no cookie, the old unsigned one, or an edited one is nobody', async () => {
    const demo = await start()
    const ada = await newBrowser(demo)
    const ben = await switchTo(demo, ada, 'ben')
    await startVerification(demo, ben)
    const edited = ada.replace('.ada.', '.ben.')
    for (const cookie of [undefined, 'likeness_demo_user=ben', 'likeness_demo_user=ada', edited]) {
      expect((await verification(demo, cookie)).status, String(cookie)).toBe(401)
    }
    // The edited cookie is not Ben: the page's first request makes it a new visitor, as Ada.
    const visit = await fetch(`${demo.url}/demo/user`, { headers: { cookie: edited } })
    expect(await visit.json()).toMatchObject({ user: 'ada' })
    const fresh = cookieOf(visit)
    expect(fresh.split('.')[0]).not.toBe(ada.split('.')[0])
    expect(await sessionOf(demo, fresh)).toBeNull()
  })

  it('on an https address the cookie is Secure and __Host- prefixed', async () => {
    const demo = await start({ publicUrl: 'https://demo.example.test' })
    // The server listens on loopback; the address is where a proxy or tunnel reaches it.
    expect(demo.url).toBe('https://demo.example.test')
    const address = demo.localUrl
    const response = await fetch(`${address}/demo/user`)
    const [setCookie] = response.headers.getSetCookie()
    expect(setCookie).toMatch(/^__Host-likeness_demo=/)
    expect(setCookie?.split('; ')).toContain('Secure')
    const known = await fetch(`${address}/api/likeness/verification`, {
      headers: { cookie: cookieOf(response) },
    })
    expect(known.status).toBe(200)
  })
})

describe('bodies', () => {
  it('POST /demo/user refuses a JSON body over 1 KiB instead of reading it', async () => {
    const demo = await start()
    const response = await fetch(`${demo.url}/demo/user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-likeness-request': '1' },
      body: JSON.stringify({ user: 'ben', padding: 'x'.repeat(2000) }),
    })
    expect(response.status).toBe(413)
    expect(response.headers.getSetCookie()).toEqual([])
  })

  it('answers 413 on the declared length alone, before any of the body is sent', async () => {
    const demo = await start()
    const answer = await raw(demo, { 'content-length': String(1024 * 1024) }, () => {
      // Nothing of the body is ever written: the answer must not wait for it.
    })
    expect(answer.statusCode).toBe(413)
    expect(answer.headers.connection).toBe('close')
  })

  it('counts a streamed body and answers 413 past 1 KiB, while the rest is still to come', async () => {
    const demo = await start()
    const answer = await raw(demo, { 'transfer-encoding': 'chunked' }, (request) => {
      // 2 KiB of a body whose end never comes.
      request.write('x'.repeat(2048))
    })
    expect(answer.statusCode).toBe(413)
  })

  it('the built app reads no bodies: only GET and HEAD', async () => {
    const demo = await start()
    expect((await fetch(`${demo.url}/`)).status).toBe(200)
    const posted = await fetch(`${demo.url}/`, { method: 'POST', body: 'x'.repeat(4096) })
    expect(posted.status).toBe(405)
    expect(posted.headers.get('allow')).toBe('GET, HEAD')
  })
})

describe("the simulator's controls", () => {
  const control = (demo: DemoServer, route: string, init: RequestInit = {}) =>
    fetch(`${demo.url}/sim/__sim/${route}`, init)
  const withHeader = { 'x-sim-control': '1' }

  it('are not there unless turned on, header or not', async () => {
    const demo = await start()
    expect((await control(demo, 'health')).status).toBe(404)
    expect((await control(demo, 'health', { headers: withHeader })).status).toBe(404)
    expect((await control(demo, 'reset', { method: 'POST', headers: withHeader })).status).toBe(404)
    expect(
      (
        await control(demo, 'faults', {
          method: 'POST',
          headers: { ...withHeader, 'content-type': 'application/json' },
          body: '{"status":500}',
        })
      ).status,
    ).toBe(404)
  })

  it('when on, answer only with x-sim-control: 1, so a cross-site form changes nothing', async () => {
    const demo = await start({ simulatorControls: true })
    const added = await control(demo, 'faults', {
      method: 'POST',
      headers: { ...withHeader, 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/nothing/here', status: 500 }),
    })
    expect(added.status).toBe(201)

    // What a form on another site can send: no custom header, a simple content type.
    const reset = await control(demo, 'reset', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    })
    expect(reset.status).toBe(403)
    const forgedFault = await control(demo, 'faults', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"status":500,"x":"="}',
    })
    expect(forgedFault.status).toBe(403)
    expect((await control(demo, 'health')).status).toBe(403)

    const faults = await control(demo, 'faults', { headers: withHeader })
    expect(faults.status).toBe(200)
    expect(((await faults.json()) as { faults: unknown[] }).faults).toEqual([
      expect.objectContaining({ path: '/nothing/here', status: 500 }),
    ])
  })

  it('being off leaves the rest of the simulator working', async () => {
    const demo = await start()
    expect((await fetch(`${demo.url}/sim/h5/liveness.css`)).status).toBe(200)
  })
})

describe('DEMO_PASSWORD', () => {
  const PASSWORD = 'correct horse battery'
  const basic = (credentials: string) => ({
    authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
  })

  it('every request asks for it; any user name will do', async () => {
    const demo = await start({ password: PASSWORD })
    for (const route of [
      '/',
      '/demo/user',
      '/api/likeness/verification',
      '/sim/h5/liveness.css',
      '/assets/index.js',
    ]) {
      const refused = await fetch(`${demo.url}${route}`)
      expect(refused.status, route).toBe(401)
      expect(refused.headers.get('www-authenticate'), route).toMatch(/^Basic realm="[^"]+"/)
      expect(refused.headers.getSetCookie(), route).toEqual([])
      const wrong = await fetch(`${demo.url}${route}`, { headers: basic('ada:battery') })
      expect(wrong.status, route).toBe(401)
    }
    expect((await fetch(`${demo.url}/`, { headers: basic('anyone:' + PASSWORD) })).status).toBe(200)
    const visit = await fetch(`${demo.url}/demo/user`, { headers: basic(`:${PASSWORD}`) })
    expect(visit.status).toBe(200)
    const cookie = cookieOf(visit)
    const api = await fetch(`${demo.url}/api/likeness/verification`, {
      headers: { cookie, ...basic(`someone:${PASSWORD}`) },
    })
    expect(api.status).toBe(200)
  })

  it('is not asked of the staged-upload links EasyRouter fetches, and only for reading them', async () => {
    const demo = await start({ password: PASSWORD })
    const link = `${demo.url}/api/likeness/uploads/not-a-real-key?expires=1&signature=x`
    // The handler's own answer to a bad link, not the password's.
    const fetched = await fetch(link)
    expect(fetched.status).toBe(404)
    expect(fetched.headers.get('www-authenticate')).toBeNull()
    expect((await fetch(link, { method: 'POST', body: 'x' })).status).toBe(401)
    expect((await fetch(`${demo.url}/api/likeness/uploads/a/b`)).status).toBe(401)
    // Sent as written: the server reads the path as the handler will, dot segments resolved.
    for (const sneaky of [
      '/api/likeness/uploads/../verification',
      '/api/likeness/uploads/%2e%2e/assets',
    ]) {
      expect(await statusOfRawGet(demo, sneaky), sneaky).toBe(401)
    }
  })
})

describe('a real EasyRouter key', () => {
  it('does not start where others can reach it without a password', async () => {
    await expect(
      start({ easyrouterApiKey: 'sk-not-real', publicUrl: 'https://demo.example.test' }),
    ).rejects.toThrow(/DEMO_PASSWORD/)
  })

  it('starts behind a password, and asks for it', async () => {
    const demo = await start({
      easyrouterApiKey: 'sk-not-real',
      publicUrl: 'https://demo.example.test',
      password: 'a password',
    })
    expect(demo.mode).toBe('easyrouter')
    expect((await fetch(`${demo.localUrl}/`)).status).toBe(401)
  })
})

/** A GET of `target` exactly as written, without a client's URL normalization. */
function statusOfRawGet(demo: DemoServer, target: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(demo.localUrl, { path: target })
    request.once('response', (response) => {
      response.resume()
      resolve(response.statusCode)
    })
    request.once('error', reject)
    request.end()
  })
}

/**
 * A `POST /demo/user` whose body is written by `write` and never ended; resolves with the
 * answer, which must therefore come before the end of the body.
 */
function raw(
  demo: DemoServer,
  headers: Record<string, string>,
  write: (request: ReturnType<typeof httpRequest>) => void,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${demo.url}/demo/user`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-likeness-request': '1',
        ...headers,
      },
    })
    request.once('response', (response) => {
      response.resume()
      resolve(response)
      request.destroy()
    })
    request.once('error', reject)
    request.flushHeaders()
    write(request)
  })
}

describe('the log', () => {
  it('has one JSON line per event and server error, with the request id the browser saw', async () => {
    const lines: string[] = []
    const simulatorKey = 'sk-demo-log-test-0123456789abcdef'
    const demo = await start({
      log: (line) => lines.push(line),
      simulatorControls: true,
      simulatorKey,
    })
    const cookie = await newBrowser(demo)

    const refused = await fetch(`${demo.url}/api/likeness/verification`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    })
    expect(refused.status).toBe(403)
    const fault = await fetch(`${demo.url}/sim/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sim-control': '1' },
      body: JSON.stringify({ method: 'POST', path: '/api/*/sessions', status: 500, times: 1 }),
    })
    expect(fault.status).toBe(201)
    const failed = await fetch(`${demo.url}/api/likeness/verification`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-likeness-request': '1' },
      body: '{}',
    })
    expect(failed.status).toBeGreaterThanOrEqual(500)

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(entries).toEqual([
      expect.objectContaining({
        level: 'info',
        type: 'request.refused',
        reason: 'csrf_header',
        route: 'POST /verification',
        requestId: refused.headers.get('x-request-id'),
      }),
      expect.objectContaining({
        level: 'error',
        route: 'POST /verification',
        status: failed.status,
        requestId: failed.headers.get('x-request-id'),
        error: expect.stringContaining('LikenessError'),
      }),
    ])
    expect(lines.join('\n')).not.toContain(simulatorKey)
  })
})
