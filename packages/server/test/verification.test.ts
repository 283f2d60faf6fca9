import { VERIFICATION_MESSAGE_TYPE } from '@likeness/core'
import { describe, expect, it } from 'vitest'
import type { LikenessEvent } from '../src/events.ts'
import { APP, BASE, harness, liveness, onlyRateLimited, verify, type Harness } from './harness.ts'

async function start(
  h: Harness,
  user = 'alice',
  body: Record<string, unknown> = { returnTo: '/studio' },
) {
  const started = await h.as(user).post('/verification', body)
  expect(started.status).toBe(201)
  return started.body as { session: { id: string }; url: string }
}

/** The callback URL EasyRouter would redirect to, without following it. */
async function callbackFor(
  h: Harness,
  url: string,
  outcome: 'pass' | 'fail' | 'mismatch' | 'cancel' = 'pass',
) {
  const link = new URL(url)
  link.searchParams.set('outcome', outcome)
  const page = await h.sim.fetch(link, { redirect: 'manual' })
  return new URL(page.headers.get('location') ?? '')
}

/** The callback, delivered to the browser that started the verification (with its cookie). */
const inStartingBrowser = (h: Harness, url: string, callback: URL) =>
  new Request(callback, { headers: { cookie: h.browserOf(url) ?? '' } })

const page = async (response: Response) => ({
  status: response.status,
  html: await response.text(),
})

describe('verification', () => {
  it.each([
    ['fail', 'liveness_failed', '-1003'],
    ['mismatch', 'face_mismatch', '10000'],
    ['cancel', 'cancelled', '-1006'],
  ] as const)('records a %s outcome as failed with a reason', async (outcome, code, resultCode) => {
    const h = harness()
    const { url } = await start(h)
    const { response } = await liveness(h, url, outcome)
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`${APP}/studio?likeness_verification=failed`)
    const { session } = (await h.as('alice').get('/verification')).body
    expect(session).toMatchObject({ status: 'failed', failure: { code, resultCode } })
    expect(session.failure.message.length).toBeGreaterThan(10)
    expect((await h.as('alice').get('/assets')).body.error.code).toBe('not_verified')
    // A failed verification may be tried again.
    expect((await h.as('alice').post('/verification', {})).status).toBe(201)
  })

  it('refuses to start again while verified, and supersedes a pending start', async () => {
    const h = harness()
    const first = await start(h)
    const second = await start(h)
    expect((await h.store.getVerification(first.session.id))?.status).toBe('expired')
    // The superseded link's callback changes nothing.
    const stale = await h.handle(new Request(await callbackFor(h, first.url)))
    expect(stale.status).toBe(409)
    const { response } = await liveness(h, second.url, 'pass')
    expect(response.status).toBe(303)
    const again = await h.as('alice').post('/verification', {})
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('conflict')
  })

  it('cancels a pending verification, and nothing else', async () => {
    const h = harness()
    const { url } = await start(h)
    const cancelled = await h.as('alice').del('/verification')
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.session).toMatchObject({
      status: 'failed',
      failure: { code: 'cancelled' },
    })
    // Its callback no longer counts.
    expect((await liveness(h, url, 'pass')).response.status).toBe(409)
    expect((await h.as('alice').get('/verification')).body.session.status).toBe('failed')
    // A verified person is not un-verified by a cancel.
    await verify(h, 'bob')
    expect((await h.as('bob').del('/verification')).body.session.status).toBe('verified')
    expect((await h.as('carol').del('/verification')).body).toEqual({ session: null })
  })

  it('reports a verification that was never finished as expired', async () => {
    const h = harness()
    await start(h)
    h.clock.advance(30 * 60_000 + 1)
    const { session } = (await h.as('alice').get('/verification')).body
    expect(session).toMatchObject({ status: 'expired', failure: { code: 'expired' } })
  })

  describe('callbacks that change nothing', () => {
    it('refuses a forged or tampered state', async () => {
      const h = harness()
      const { url } = await start(h)
      const callback = await callbackFor(h, url)
      const state = callback.searchParams.get('state') ?? ''
      for (const forged of [
        '',
        'abc',
        `${state}x`,
        `${state.split('.')[0]}.AAAA`,
        `${state}.extra`,
      ]) {
        const tampered = new URL(callback)
        tampered.searchParams.set('state', forged)
        const { status, html } = await page(await h.handle(new Request(tampered)))
        expect(status).toBe(400)
        expect(html).toContain('not issued by this app')
      }
      expect((await h.as('alice').get('/verification')).body.session.status).toBe('pending')
    })

    it('refuses an expired state', async () => {
      const h = harness()
      const { url } = await start(h)
      const callback = await callbackFor(h, url)
      h.clock.advance(30 * 60_000 + 1)
      const { status, html } = await page(await h.handle(new Request(callback)))
      expect(status).toBe(410)
      expect(html).toContain('expired')
    })

    it('is single-use: a replay is refused', async () => {
      const h = harness()
      const { url } = await start(h)
      const callback = await callbackFor(h, url)
      expect((await h.handle(inStartingBrowser(h, url, callback))).status).toBe(303)
      const replay = await page(await h.handle(inStartingBrowser(h, url, callback)))
      expect(replay.status).toBe(409)
      expect(replay.html).toContain('already been completed')
      expect((await h.as('alice').get('/verification')).body.session.status).toBe('verified')
    })

    it('refuses a bytedToken that is not the session’s, and another user’s session', async () => {
      const h = harness()
      const alice = await start(h, 'alice')
      const bob = await start(h, 'bob')
      const aliceCallback = await callbackFor(h, alice.url)
      const bobCallback = await callbackFor(h, bob.url)
      // Alice's state with Bob's token.
      const swapped = new URL(aliceCallback)
      swapped.searchParams.set('bytedToken', bobCallback.searchParams.get('bytedToken') ?? '')
      expect((await h.handle(new Request(swapped))).status).toBe(400)
      // Alice's callback opened while Bob is signed in.
      const asBob = await h.handle(
        new Request(aliceCallback, { headers: { 'x-test-user': 'bob' } }),
      )
      expect(asBob.status).toBe(403)
      expect((await h.as('alice').get('/verification')).body.session.status).toBe('pending')
      expect((await h.as('bob').get('/verification')).body.session.status).toBe('pending')
    })

    it('refuses a success that the codes do not support, or a malformed result', async () => {
      const h = harness()
      const { url } = await start(h)
      const callback = await callbackFor(h, url, 'fail')
      const faked = new URL(callback)
      faked.searchParams.set('resultCode', '10000')
      faked.searchParams.append('resultCode', '10000')
      expect((await h.handle(new Request(faked))).status).toBe(400)
      const noCode = new URL(callback)
      noCode.searchParams.delete('resultCode')
      expect((await h.handle(new Request(noCode))).status).toBe(400)
      expect((await h.as('alice').get('/verification')).body.session.status).toBe('pending')
    })

    it('does not trust a faked success code: EasyRouter must confirm it', async () => {
      const h = harness()
      const { url } = await start(h)
      const callback = await callbackFor(h, url, 'fail')
      callback.searchParams.set('resultCode', '10000')
      callback.searchParams.set('algorithmBaseRespCode', '0')
      expect((await h.handle(inStartingBrowser(h, url, callback))).status).toBe(303)
      const { session } = (await h.as('alice').get('/verification')).body
      expect(session).toMatchObject({ status: 'failed', failure: { code: 'not_confirmed' } })
    })
  })

  it('stays pending when EasyRouter cannot confirm, and confirms on a later read', async () => {
    const h = harness()
    const { url } = await start(h)
    h.sim.faults.add({ method: 'GET', path: '/api/*/sessions/*', status: 503 })
    const { response } = await liveness(h, url, 'pass')
    expect(response.headers.get('location')).toBe(`${APP}/studio?likeness_verification=pending`)
    expect((await h.as('alice').get('/verification')).body.session.status).toBe('pending')
    h.sim.faults.clear()
    expect((await h.as('alice').get('/verification')).body.session.status).toBe('verified')
  })

  describe('returnTo', () => {
    it.each([
      'https://evil.example/',
      '//evil.example/path',
      '/\\evil.example',
      'javascript:alert(1)',
      'https://app.example.evil.example/',
      'http://app.example/',
      'data:text/html,hi',
    ])('refuses %s', async (returnTo) => {
      const h = harness()
      const result = await h.as('alice').post('/verification', { returnTo })
      expect(result.status).toBe(400)
      expect(result.body.error).toMatchObject({
        code: 'invalid_request',
        details: { field: 'returnTo' },
      })
      expect(h.sim.requests).toHaveLength(0)
    })

    it('accepts allowed origins and path prefixes', async () => {
      const h = harness({
        allowedReturnTo: ['https://app.example/studio', 'https://admin.example'],
      })
      expect((await h.as('a').post('/verification', { returnTo: '/studio/x?y=1' })).status).toBe(
        201,
      )
      expect(
        (await h.as('b').post('/verification', { returnTo: 'https://admin.example/z' })).status,
      ).toBe(201)
      expect((await h.as('c').post('/verification', { returnTo: '/elsewhere' })).status).toBe(400)
    })
  })

  it.each([
    ['zh-CN', 'zh'],
    ['zh', 'zh'],
    ['zh-TW', 'zh-Hant'],
    ['en', 'en'],
    ['fr-FR', 'en'],
  ])('passes locale %s to the liveness page as lng=%s', async (locale, lng) => {
    const h = harness()
    const { url } = await start(h, 'alice', { locale })
    expect(new URL(url).searchParams.get('lng')).toBe(lng)
  })

  it('in popup mode, posts the result to the exact opener origin under a strict CSP', async () => {
    const h = harness({ allowedOrigins: [APP, 'https://studio.example'] })
    const started = await h
      .as('alice')
      .post('/verification', { mode: 'popup' }, { origin: 'https://studio.example' })
    const { response } = await liveness(h, started.body.url, 'pass')
    expect(response.status).toBe(200)
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe')
    const html = await response.text()
    expect(html).toContain('data-likeness-origin="https://studio.example"')
    expect(html).toContain(`data-likeness-session="${started.body.session.id}"`)
    expect(html).toContain('data-likeness-status="verified"')
    expect(html).not.toMatch(/<script>[^<]/)
    const script = await h.handle(new Request(`${BASE}/verification/popup.js`))
    expect(script.headers.get('content-type')).toMatch(/javascript/)
    const source = await script.text()
    expect(source).toContain(VERIFICATION_MESSAGE_TYPE)
    expect(source).toContain('data.likenessOrigin')
    expect(source).not.toContain("'*'")
  })

  it('ignores an opener origin that is not allowed', async () => {
    const h = harness()
    const started = await h.as('alice').post('/verification', { mode: 'popup' }, { origin: APP })
    const { response } = await liveness(h, started.body.url, 'cancel')
    expect(await response.text()).toContain(`data-likeness-origin="${APP}"`)
  })

  it('rate-limits starts per user', async () => {
    const h = harness(onlyRateLimited('verification', 2))
    await start(h)
    await start(h)
    const third = await h.as('alice').post('/verification', {})
    expect(third.status).toBe(429)
    expect(third.headers.get('retry-after')).toBe('60')
    expect((await h.as('bob').post('/verification', {})).status).toBe(201)
    h.clock.advance(60_000)
    expect((await h.as('alice').post('/verification', {})).status).toBe(201)
  })

  it('emits audit events without secrets', async () => {
    const events: { type: string }[] = []
    const h = harness({ onEvent: (event) => void events.push(event) })
    await verify(h, 'alice')
    expect(events.map((event) => event.type)).toEqual([
      'verification.started',
      'verification.verified',
    ])
    expect(JSON.stringify(events)).not.toMatch(/group-|access_key|sk-/)
  })
})

describe('the callback is bound to the browser that started the verification', () => {
  it('sets an HttpOnly, SameSite=Lax cookie for the verification routes only', async () => {
    const h = harness()
    const started = await h.as('alice').post('/verification', {})
    const [cookie, ...others] = started.headers.getSetCookie()
    expect(others).toEqual([])
    const [pair, ...attributes] = (cookie ?? '').split('; ')
    expect(pair).toMatch(/^likeness_binding=[\w-]{40,}$/)
    expect(attributes.sort()).toEqual(
      [
        'HttpOnly',
        'Max-Age=1800',
        'Path=/api/likeness/verification',
        'SameSite=Lax',
        'Secure',
      ].sort(),
    )
    // Nothing in what the page or EasyRouter sees holds the nonce.
    const nonce = (pair ?? '').split('=')[1] ?? ''
    expect(JSON.stringify(started.body)).not.toContain(nonce)
    expect((await callbackFor(h, started.body.url)).toString()).not.toContain(nonce)
  })

  it('leaves out Secure only where the app itself is served over plain http', async () => {
    const h = harness({ publicUrl: 'http://localhost:4010' })
    const started = await h
      .as('alice')
      .post('/verification', {}, { origin: 'http://localhost:4010' })
    expect(started.headers.getSetCookie()[0]).not.toMatch(/Secure/)
  })

  it('completes nothing for a forwarded link, and says to finish on the starting device', async () => {
    const events: LikenessEvent[] = []
    const h = harness({ onEvent: (event) => void events.push(event) })
    const { url } = await start(h)
    const callback = await callbackFor(h, url)
    const before = h.sim.requests.length
    // Opened in another browser: no cookies at all, not even a sign-in.
    const elsewhere = await page(await h.handle(new Request(callback)))
    expect(elsewhere.status).toBe(403)
    expect(elsewhere.html).toContain('device you started it on')
    expect(elsewhere.html).not.toContain('verified')
    // Nothing was asked of EasyRouter, nothing was recorded: still pending, still open.
    expect(h.sim.requests.length).toBe(before)
    const record = await h.store.latestVerification('alice')
    expect(record).toMatchObject({ status: 'pending' })
    expect(record?.callback).toBeUndefined()
    expect((await h.as('alice').get('/verification')).body.session.status).toBe('pending')
    expect(events.at(-1)).toMatchObject({
      type: 'verification.callback_rejected',
      reason: 'unbound',
    })
    // The browser that started it can still finish it.
    expect((await h.handle(inStartingBrowser(h, url, callback))).status).toBe(303)
    expect((await h.as('alice').get('/verification')).body.session.status).toBe('verified')
  })

  it("refuses another verification's cookie, and a tampered one", async () => {
    const h = harness()
    const alice = await start(h, 'alice')
    const bob = await start(h, 'bob')
    const callback = await callbackFor(h, alice.url)
    const bobs = h.browserOf(bob.url) ?? ''
    const tampered = `${(h.browserOf(alice.url) ?? '').slice(0, -2)}xx`
    for (const cookie of [bobs, tampered, 'likeness_binding=', 'likeness_binding']) {
      const response = await h.handle(new Request(callback, { headers: { cookie } }))
      expect({ cookie, status: response.status }).toEqual({ cookie, status: 403 })
    }
    expect((await h.as('alice').get('/verification')).body.session.status).toBe('pending')
    // Among other cookies, the right one is found.
    const jar = `theme=dark; ${h.browserOf(alice.url) ?? ''}; other=1`
    expect((await h.handle(new Request(callback, { headers: { cookie: jar } }))).status).toBe(303)
  })

  it('clears the cookie once the callback has come back', async () => {
    const h = harness()
    const { url } = await start(h)
    const { response } = await liveness(h, url, 'pass')
    expect(response.status).toBe(303)
    const cleared = response.headers.getSetCookie()
    expect(cleared).toHaveLength(1)
    expect(cleared[0]).toMatch(/^likeness_binding=; Path=\/api\/likeness\/verification; Max-Age=0;/)
  })

  it('keeps popup mode working: the popup is a window of the same browser', async () => {
    const h = harness()
    const { url } = await start(h, 'alice', { mode: 'popup' })
    const { response } = await liveness(h, url, 'pass')
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('data-likeness-status="verified"')
    const elsewhere = await start(h, 'bob', { mode: 'popup' })
    const forwarded = await liveness(h, elsewhere.url, 'pass', { cookie: null })
    expect(forwarded.response.status).toBe(403)
  })

  it('can be turned off where no cookie can travel (a handler inside the page)', async () => {
    const h = harness({ bindVerificationToBrowser: false })
    const started = await h.as('alice').post('/verification', {})
    expect(started.headers.getSetCookie()).toEqual([])
    const { response } = await liveness(h, started.body.url, 'pass', { cookie: null })
    expect(response.status).toBe(303)
  })
})
