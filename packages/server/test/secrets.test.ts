import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { describe, expect, it, vi } from 'vitest'
import { createSqliteStore } from '../src/node/sqlite-store.ts'
import {
  API_KEY,
  APP,
  BASE,
  harness,
  liveness,
  PNG,
  SECRET,
  SIM_URL,
  VIDEO_INPUT,
  type Harness,
} from './harness.ts'

const WRONG_KEY = 'sk-wrong-0000000000000000000000'

interface Seen {
  status: number
  headers: string
  body: string
  /** The parsed body, when it is JSON. */
  json: any
}

/** Every response the handler gave, read once: headers as text, the body as text. */
async function seen(h: Harness): Promise<Seen[]> {
  return Promise.all(
    h.responses.map(async (response) => {
      const body = await response.clone().text()
      const json: unknown = (response.headers.get('content-type') ?? '').includes('json')
        ? JSON.parse(body)
        : undefined
      return {
        status: response.status,
        headers: [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n'),
        body,
        json,
      }
    }),
  )
}

/** A verification start's answer: the one place the liveness link may appear. */
const isStart = (entry: Seen) =>
  entry.status === 201 && typeof entry.json?.url === 'string' && entry.json.session !== undefined

/** The response with the start's `url` field taken out. */
function withoutLink(entry: Seen): string {
  if (!isStart(entry)) return `${entry.headers}\n${entry.body}`
  const { url: _url, ...rest } = entry.json as Record<string, unknown>
  return `${entry.headers}\n${JSON.stringify(rest)}`
}

async function start(h: Harness, user: string, body: Record<string, unknown>) {
  const started = await h.as(user).post('/verification', body)
  expect(started.status).toBe(201)
  const { callbackUrl, response } = await liveness(h, started.body.url, 'pass')
  return { started, callbackUrl, response }
}

/** The whole journey and its common error paths, through one handler. */
async function journey(h: Harness) {
  const alice = h.as('alice')
  expect((await alice.get('/verification')).body).toEqual({ session: null })

  const redirect = await start(h, 'alice', { returnTo: '/studio', locale: 'en' })
  expect(redirect.response.status).toBe(303)
  const popup = await start(h, 'carol', { mode: 'popup', returnTo: '/studio' })
  expect(popup.response.status).toBe(200)
  // Replaying a callback, or a forged one, shows a page: it must not echo the result either.
  expect((await h.handle(new Request(redirect.callbackUrl))).status).toBe(409)
  const forged = new URL(redirect.callbackUrl)
  forged.searchParams.set('state', 'forged.state')
  expect((await h.handle(new Request(forged))).status).toBe(400)
  expect((await alice.get('/verification')).body.session.status).toBe('verified')

  const uploaded = await alice.upload(PNG, 'name=Front%20portrait&type=image')
  expect(uploaded.status).toBe(201)
  expect((await alice.get(`/assets/${uploaded.body.id}`)).body.status).toBe('processing')
  await h.sim.settle()
  h.clock.advance(1000)
  const asset = (await alice.get(`/assets/${uploaded.body.id}`)).body
  expect(asset.status).toBe('active')
  expect((await alice.get('/assets?status=active')).body.items).toHaveLength(1)

  const job = await alice.post(
    '/videos',
    { ...VIDEO_INPUT, references: [{ assetId: asset.id }] },
    { 'idempotency-key': 'secrets-video-01' },
  )
  expect(job.status).toBe(201)
  // A replay of the same create.
  expect(
    (
      await alice.post(
        '/videos',
        { ...VIDEO_INPUT, references: [{ assetId: asset.id }] },
        { 'idempotency-key': 'secrets-video-01' },
      )
    ).status,
  ).toBe(200)
  h.clock.advance(3000)
  expect((await alice.get(`/videos/${job.body.id}`)).body.status).toBe('in_progress')
  h.clock.advance(10_000)
  expect((await alice.get(`/videos/${job.body.id}`)).body.status).toBe('completed')
  expect((await alice.get('/videos')).body.items).toHaveLength(1)

  // Error paths: nobody, nothing, refusals, and EasyRouter failing.
  expect((await h.as('').get('/assets')).status).toBe(401)
  expect((await alice.get('/assets/asset-20990101000000-ghost')).status).toBe(404)
  expect((await alice.get('/videos/task_ghost')).status).toBe(404)
  expect((await h.as('bob').get('/assets')).status).toBe(403)
  expect((await alice.post('/verification', {})).status).toBe(409)
  expect((await alice.get('/assets?status=weird')).status).toBe(400)
  const removeUpload = h.sim.faults.add({ method: 'POST', path: '/api/*/assets', status: 500 })
  const failedUpload = await alice.upload(PNG)
  removeUpload()
  expect(failedUpload.status).toBe(502)
  expect(failedUpload.body.error.code).toBe('upstream_error')
  const removeList = h.sim.faults.add({ path: '/api/*/assets/list', status: 500 })
  expect((await alice.get('/assets')).status).toBe(502)
  removeList()
  const removeMalformed = h.sim.faults.add({ path: '/api/*/assets/*', malformed: true })
  expect((await alice.get(`/assets/${asset.id}`)).body.error.code).toBe('malformed_response')
  removeMalformed()
  const removeVideo = h.sim.faults.add({ path: '/v1/video/generations', status: 500, times: 1 })
  const unclear = await alice.post('/videos', VIDEO_INPUT, {
    'idempotency-key': 'secrets-video-02',
  })
  expect(unclear.status).toBe(502)
  expect(unclear.body.error.details).toEqual({ outcome: 'unknown' })
  removeVideo()

  // Delete one, then everything.
  expect((await alice.del(`/assets/${asset.id}`)).status).toBe(204)
  expect((await alice.del('/assets')).status).toBe(204)
  expect((await alice.get('/verification')).body).toEqual({ session: null })
}

describe('secrets never reach the browser', () => {
  it('keeps the API key, link credentials, byted tokens and groups out of every response', async () => {
    const h = harness()
    await journey(h)
    const responses = await seen(h)
    expect(responses.length).toBeGreaterThanOrEqual(30)

    const alice = await h.store.latestVerification('alice')
    const carol = await h.store.latestVerification('carol')
    expect(alice?.groupId).toMatch(/^group-/)
    expect(carol?.groupId).toMatch(/^group-/)
    const tokens = [alice!.bytedToken, carol!.bytedToken]
    const groups = [alice!.groupId!, carol!.groupId!]

    // The start answers carry the liveness link, and only there its credentials.
    const starts = responses.filter(isStart)
    expect(starts).toHaveLength(2)
    const credentials = starts.flatMap((entry) => {
      const link = new URL(entry.json.url as string)
      const accessKey = link.searchParams.get('access_key')
      const sig = link.searchParams.get('sig')
      expect(accessKey).toBeTruthy()
      expect(sig).toBeTruthy()
      // The browser must have the token to open EasyRouter's page; it is part of the link.
      expect(tokens).toContain(link.searchParams.get('token'))
      return [accessKey!, sig!]
    })

    for (const entry of responses) {
      const text = withoutLink(entry)
      for (const secret of [API_KEY, SECRET, ...credentials, ...tokens, ...groups]) {
        expect(text).not.toContain(secret)
      }
      expect(text).not.toMatch(/access_key|[?&]sig=|\\u0026/)
      expect(text).not.toMatch(/authorization|bearer/i)
      expect(entry.body).not.toMatch(/group_?id|byted_?token|h5_?link/i)
    }
  })

  it('reports EasyRouter refusing the server’s key as 502 upstream_error, never 401', async () => {
    const holder: { h?: Harness } = {}
    const h = harness({
      easyrouter: {
        apiKey: WRONG_KEY,
        baseUrl: SIM_URL,
        fetch: (input, init) => holder.h!.sim.fetch(input, init),
      },
    })
    holder.h = h
    // A person verified earlier, when the key still worked.
    await h.store.createVerification({
      id: 'verification-earlier-0001',
      userId: 'alice',
      bytedToken: '20260521162915BF9DC22A7A65ADF905D8',
      status: 'verified',
      mode: 'redirect',
      groupId: 'group-20260520163350-ctpqc',
      createdAt: h.clock.now(),
      updatedAt: h.clock.now(),
      expiresAt: h.clock.now() + 60_000,
    })
    await h.store.putJob({
      id: 'task_earlier0001',
      userId: 'alice',
      input: VIDEO_INPUT,
      snapshot: {
        id: 'task_earlier0001',
        status: 'queued',
        progress: 0,
        model: VIDEO_INPUT.model,
        createdAt: new Date(h.clock.now()).toISOString(),
      },
      createdAt: h.clock.now(),
      updatedAt: h.clock.now(),
    })
    const alice = h.as('alice')
    const replies = [
      await alice.get('/videos/task_earlier0001'),
      await h.as('bob').post('/verification', {}),
      await alice.get('/assets'),
      await alice.get('/assets/asset-20260521164235-zggcb'),
      await alice.upload(PNG),
      await alice.post('/videos', VIDEO_INPUT, { 'idempotency-key': 'wrong-key-0001' }),
      await alice.del('/assets/asset-20260521164235-zggcb'),
      await alice.del('/assets'),
    ]
    for (const reply of replies) {
      expect(reply.status).toBe(502)
      expect(reply.body.error).toMatchObject({
        code: 'upstream_error',
        status: 502,
        retryable: false,
      })
      expect(reply.headers.get('www-authenticate')).toBeNull()
    }
    // EasyRouter was asked (and said 401); the browser hears only that the service refused.
    expect(h.sim.requests.length).toBeGreaterThanOrEqual(replies.length)
    // The refusal changed nothing here: still verified, nothing staged.
    expect((await alice.get('/verification')).body.session.status).toBe('verified')
    expect(await h.store.listStagedAssets(Number.MAX_SAFE_INTEGER)).toEqual([])

    for (const entry of await seen(h)) {
      const text = `${entry.headers}\n${entry.body}`
      for (const secret of [WRONG_KEY, API_KEY, SECRET, 'group-20260520163350-ctpqc']) {
        expect(text).not.toContain(secret)
      }
      expect(text).not.toContain('20260521162915BF9DC22A7A65ADF905D8')
    }
  })

  it('sends nothing secret in the pages of a popup verification', async () => {
    const h = harness()
    const { response, callbackUrl } = await start(h, 'dana', {
      mode: 'popup',
      returnTo: `${APP}/studio`,
    })
    const html = await response.text()
    const record = await h.store.latestVerification('dana')
    expect(html).toContain(`data-likeness-session="${record!.id}"`)
    for (const secret of [record!.bytedToken, record!.groupId!, API_KEY, SECRET]) {
      expect(html).not.toContain(secret)
      expect([...response.headers].join('\n')).not.toContain(secret)
    }
    // The callback URL itself carried the token; the page must not pass it on as a referrer.
    expect(new URL(callbackUrl).searchParams.get('bytedToken')).toBe(record!.bytedToken)
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    expect(callbackUrl.startsWith(`${BASE}/verification/callback?`)).toBe(true)
  })
})

describe("the liveness provider's raw_response", () => {
  it('reaches no response, page, event, error report, console line or store row', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'likeness-canary-'))
    const database = join(folder, 'likeness.db')
    const store = createSqliteStore({ path: database })
    const logged: unknown[] = []
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(args)
      }),
    )
    const events: unknown[] = []
    const errors: unknown[] = []
    try {
      const h = harness({
        store,
        onEvent: (event) => void events.push(event),
        onError: (report) => void errors.push({ ...report, error: String(report.error) }),
      })
      const canary = h.sim.credentialCanary
      expect(canary).toMatch(/^sim-canary-/)
      await journey(h)
      // EasyRouter did send it: in raw_response, on every session the handler created or read.
      const raw = await h.sim.fetch(
        `${SIM_URL}/api/resource-channel/byteplus/visual-validate/sessions`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
          body: '{}',
        },
      )
      expect(await raw.text()).toContain(canary)
      expect(errors.length).toBeGreaterThan(0)

      const places: [string, string][] = [
        ['responses', (await seen(h)).map((entry) => `${entry.headers}\n${entry.body}`).join('\n')],
        ['events', JSON.stringify(events)],
        ['error reports', JSON.stringify(errors)],
        [
          'console',
          JSON.stringify(logged, (_key, value: unknown) =>
            value instanceof Error ? String(value) : value,
          ),
        ],
        ['store rows', dumpDatabase(database)],
      ]
      for (const [place, text] of places) {
        expect({ place, leaked: text.includes(canary) }).toEqual({ place, leaked: false })
        expect({ place, leaked: /secretAccessKey|sessionToken|raw_?response/i.test(text) }).toEqual(
          {
            place,
            leaked: false,
          },
        )
      }
    } finally {
      for (const spy of spies) spy.mockRestore()
      await store.close()
      await rm(folder, { recursive: true, force: true })
    }
  })

  it('keeps the binding nonce to the start response that sets it', async () => {
    const h = harness()
    await journey(h)
    const responses = await seen(h)
    const nonces = responses
      .filter(isStart)
      .map((entry) => /likeness_binding=([\w-]+)/.exec(entry.headers)?.[1] ?? '')
    expect(nonces).toHaveLength(2)
    for (const entry of responses) {
      const text = isStart(entry) ? entry.body : `${entry.headers}\n${entry.body}`
      for (const nonce of nonces) expect(text).not.toContain(nonce)
    }
  })
})

/** Every row of every table of a SQLite file, as text. */
function dumpDatabase(path: string): string {
  const db = new DatabaseSync(path, { readOnly: true })
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string
    }[]
    return JSON.stringify(
      tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]),
    )
  } finally {
    db.close()
  }
}
