import { describe, expect, it } from 'vitest'
import {
  call,
  createSession,
  createTestBed,
  decodeH5Link,
  KEY_A,
  KEY_B,
  openH5,
  PREFIX,
} from '../test/support.ts'

const CANARY = 'sessions-test-canary-0123456789'
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/

describe('POST /sessions (2.1)', () => {
  it('returns the documented fields in the management envelope', async () => {
    const { sim } = createTestBed()
    const result = await call(sim, 'POST', `${PREFIX}/sessions`, {
      body: { callback_url: 'https://host.example/verified' },
    })
    expect(result.status).toBe(200)
    expect(result.headers.get('content-type')).toContain('application/json')
    expect(result.json.success).toBe(true)
    expect(result.json.message).toBe('')
    const data = result.json.data
    expect(Object.keys(data as object).sort()).toEqual(
      [
        'byted_token',
        'callback_url',
        'channel_id',
        'created_at',
        'expires_at',
        'group_id',
        'h5_link',
        'raw_response',
        'session_id',
        'status',
        'updated_at',
      ].sort(),
    )
    expect(data.byted_token).toMatch(/^20260521162915[0-9A-F]{20}$/)
    expect(data.session_id).toBe(data.byted_token)
    expect(data.callback_url).toBe('https://host.example/verified')
    expect(typeof data.channel_id).toBe('number')
    expect(data.status).toBe('pending')
    expect(data.group_id).toBe('')
    expect(data.created_at).toBe('2026-05-21T16:29:15+08:00')
    expect(data.updated_at).toMatch(ISO_WITH_OFFSET)
    expect(data.expires_at).toBe('2026-05-21T16:59:15+08:00')
  })

  it('returns raw_response shaped like the provider answer, credentials in its H5Link', async () => {
    const { sim } = createTestBed({ credentialCanary: CANARY })
    const data = await createSession(sim, { callbackUrl: 'https://host.example/verified' })
    // Go-style escaping, as the h5_link quirk suggests: `&` is `\u0026` in the JSON text.
    expect(data.raw_response).toContain('\\u0026secretAccessKey=')
    const raw = JSON.parse(data.raw_response)
    expect(raw.ResponseMetadata).toEqual({
      RequestId: expect.stringMatching(/^20260521162915[0-9A-F]{18}$/),
      Action: 'CreateVisualValidateSession',
      Version: '2024-01-01',
      Service: 'ark',
      Region: 'ap-southeast-1',
    })
    expect(Object.keys(raw.Result as object)).toEqual(['BytedToken', 'CallbackURL', 'H5Link'])
    expect(raw.Result.BytedToken).toBe(data.byted_token)
    expect(raw.Result.CallbackURL).toBe('https://host.example/verified')
    const link = new URL(raw.Result.H5Link as string)
    expect(link.protocol).toBe('https:')
    expect([...link.searchParams.keys()]).toEqual([
      'accessKeyId',
      'secretAccessKey',
      'sessionToken',
      'configId',
      'bytedToken',
    ])
    expect(link.searchParams.get('accessKeyId')).toMatch(/^AKLT\w+$/)
    expect(link.searchParams.get('secretAccessKey')).toMatch(new RegExp(`^${CANARY}\\w+$`))
    expect(link.searchParams.get('sessionToken')).toMatch(new RegExp(`^${CANARY}\\w+$`))
    expect(link.searchParams.get('configId')).toMatch(/^[0-9a-f]{32}$/)
    expect(link.searchParams.get('bytedToken')).toBe(data.byted_token)
    // The link the browser is sent to carries the simulator's own credentials, never these.
    expect(data.h5_link).not.toContain(CANARY)
    expect(decodeH5Link(data.h5_link)).not.toContain(link.searchParams.get('accessKeyId'))
  })

  it('gives every session its own provider credentials', async () => {
    const { sim } = createTestBed({ credentialCanary: CANARY })
    const links = await Promise.all(
      [1, 2].map(async () => {
        const raw = JSON.parse((await createSession(sim)).raw_response)
        return new URL(raw.Result.H5Link as string).searchParams
      }),
    )
    for (const name of ['accessKeyId', 'secretAccessKey', 'sessionToken', 'configId']) {
      expect(links[0]?.get(name)).not.toBe(links[1]?.get(name))
    }
    expect(JSON.parse((await createSession(sim)).raw_response).Result.CallbackURL).toBe('')
  })

  it('writes & in h5_link as a literal \\u0026 escape that survives JSON.parse', async () => {
    const { sim } = createTestBed()
    const result = await call(sim, 'POST', `${PREFIX}/sessions`, { body: {} })
    // In the raw JSON text the backslash itself is escaped...
    expect(result.text).toContain('\\\\u0026access_key=')
    const link: string = result.json.data.h5_link
    // ...so after parsing the six characters are still there, and there is no real `&`.
    expect(link).toContain('\\u0026access_key=')
    expect(link).toContain('\\u0026sig=')
    expect(link).not.toContain('&')
    const decoded = new URL(decodeH5Link(link))
    expect(decoded.origin + decoded.pathname).toBe('http://127.0.0.1:4010/h5/liveness')
    expect(decoded.searchParams.get('token')).toBe(result.json.data.byted_token)
    expect(decoded.searchParams.get('access_key')).toMatch(/^AKLT\w+$/)
    expect(decoded.searchParams.get('sig')).toMatch(/^[0-9a-f]{64}$/)
  })

  it('accepts a bare POST (no body) and reports an empty callback_url', async () => {
    const { sim } = createTestBed()
    const result = await call(sim, 'POST', `${PREFIX}/sessions`)
    expect(result.status).toBe(200)
    expect(result.json.data.callback_url).toBe('')
  })

  it.each([
    ['relative', '/verified'],
    ['not http', 'ftp://host.example/x'],
    ['javascript', 'javascript:alert(1)'],
    ['not a string', 42],
  ])('rejects a %s callback_url with 400', async (_name, callbackUrl) => {
    const { sim } = createTestBed()
    const result = await call(sim, 'POST', `${PREFIX}/sessions`, {
      body: { callback_url: callbackUrl },
    })
    expect(result.status).toBe(400)
    expect(result.json).toEqual({
      success: false,
      message: expect.stringContaining('callback_url'),
    })
  })

  it('rejects a body that is not JSON, or not an object, with 400', async () => {
    const { sim } = createTestBed()
    const bad = await call(sim, 'POST', `${PREFIX}/sessions`, { rawBody: '{"callback_url":' })
    expect(bad.status).toBe(400)
    expect(bad.json.success).toBe(false)
    expect(bad.json.message).toMatch(/not valid JSON/)
    const array = await call(sim, 'POST', `${PREFIX}/sessions`, { rawBody: '[1]' })
    expect(array.status).toBe(400)
    expect(array.json.message).toMatch(/JSON object/)
  })
})

describe('GET /sessions/{id} (2.2)', () => {
  it('reports a pending session by byted_token', async () => {
    const { sim } = createTestBed()
    const session = await createSession(sim)
    const result = await call(sim, 'GET', `${PREFIX}/sessions/${session.byted_token}`)
    expect(result.status).toBe(200)
    expect(result.json.data).toMatchObject({
      session_id: session.byted_token,
      byted_token: session.byted_token,
      group_id: '',
      status: 'pending',
      result_code: '',
      channel_id: session.channel_id,
      created_at: '2026-05-21T16:29:15+08:00',
    })
    expect(result.json.data).not.toHaveProperty('h5_link')
  })

  it('repeats the provider link of creation, credentials and all, in raw_response', async () => {
    const { sim } = createTestBed({ credentialCanary: CANARY })
    const session = await createSession(sim)
    const created = JSON.parse(session.raw_response)
    const result = await call(sim, 'GET', `${PREFIX}/sessions/${session.byted_token}`)
    const raw = JSON.parse(result.json.data.raw_response as string)
    expect(raw.ResponseMetadata.Action).toBe('GetVisualValidateResult')
    expect(raw.Result).toEqual({
      BytedToken: session.byted_token,
      Status: 'pending',
      H5Link: created.Result.H5Link,
    })
    expect(result.json.data.raw_response).toContain(CANARY)
  })

  it('reissues session_id when the H5 step completes; byted_token keeps finding it', async () => {
    const { sim, clock } = createTestBed()
    const session = await createSession(sim, { callbackUrl: 'https://host.example/cb' })
    clock.advance(42_000)
    expect((await openH5(sim, session, '&outcome=pass')).status).toBe(302)

    const byToken = await call(sim, 'GET', `${PREFIX}/sessions/${session.byted_token}`)
    const data = byToken.json.data
    expect(data.byted_token).toBe(session.byted_token)
    expect(data.session_id).not.toBe(session.session_id)
    expect(data.session_id).toMatch(/^20260521162957[0-9A-F]{20}$/)
    expect(data.status).toBe('verified')
    expect(data.result_code).toBe('10000')
    expect(data.group_id).toMatch(/^group-20260521162957-[a-z]{5}$/)
    expect(data.updated_at).toBe('2026-05-21T16:29:57+08:00')
    const raw = JSON.parse(data.raw_response as string)
    expect(raw.ResponseMetadata.Action).toBe('GetVisualValidateResult')
    expect(raw.Result).toMatchObject({
      BytedToken: session.byted_token,
      Status: 'verified',
      ResultCode: 10000,
      AlgorithmBaseRespCode: 0,
      ReqMeasureInfoValue: 1,
      VerifyType: 'real_time',
    })

    // The new session_id works too, and so does the first one (it equals the byted_token).
    const byNewId = await call(sim, 'GET', `${PREFIX}/sessions/${data.session_id}`)
    expect(byNewId.json.data.byted_token).toBe(session.byted_token)
    const byFirstId = await call(sim, 'GET', `${PREFIX}/sessions/${session.session_id}`)
    expect(byFirstId.status).toBe(200)
  })

  it.each([
    ['fail', 'failed', '-1003'],
    ['mismatch', 'failed', '10000'],
    ['cancel', 'cancelled', '-1006'],
  ])('after outcome %s: status %s, result_code %s, no group', async (outcome, status, code) => {
    const { sim } = createTestBed()
    const session = await createSession(sim, { callbackUrl: 'https://host.example/cb' })
    await openH5(sim, session, `&outcome=${outcome}`)
    const result = await call(sim, 'GET', `${PREFIX}/sessions/${session.byted_token}`)
    expect(result.json.data).toMatchObject({ status, result_code: code, group_id: '' })
  })

  it('ignores a result_code query that lies about the outcome', async () => {
    const { sim } = createTestBed()
    const session = await createSession(sim, { callbackUrl: 'https://host.example/cb' })
    await openH5(sim, session, '&outcome=fail')
    const result = await call(
      sim,
      'GET',
      `${PREFIX}/sessions/${session.byted_token}?result_code=10000`,
    )
    expect(result.json.data).toMatchObject({ status: 'failed', result_code: '-1003', group_id: '' })
  })

  it('turns expired after the session lifetime', async () => {
    const { sim, clock } = createTestBed({ timings: { sessionTtlMs: 60_000 } })
    const session = await createSession(sim)
    clock.advance(59_999)
    expect(
      (await call(sim, 'GET', `${PREFIX}/sessions/${session.byted_token}`)).json.data.status,
    ).toBe('pending')
    clock.advance(1)
    const expired = await call(sim, 'GET', `${PREFIX}/sessions/${session.byted_token}`)
    expect(expired.json.data.status).toBe('expired')
    expect(expired.json.data.updated_at).toBe('2026-05-21T16:30:15+08:00')
  })

  it('answers 404 for unknown ids and for another account', async () => {
    const { sim } = createTestBed()
    const session = await createSession(sim, { key: KEY_A })
    const unknown = await call(sim, 'GET', `${PREFIX}/sessions/20260521162915FFFFFFFFFFFFFFFFFFFF`)
    expect(unknown.status).toBe(404)
    expect(unknown.json).toEqual({ success: false, message: expect.stringContaining('not found') })
    const other = await call(sim, 'GET', `${PREFIX}/sessions/${session.byted_token}`, {
      key: KEY_B,
    })
    expect(other.status).toBe(404)
  })

  it('answers 405 for a method the path does not take', async () => {
    const { sim } = createTestBed()
    const result = await call(sim, 'PUT', `${PREFIX}/sessions/abc`)
    expect(result.status).toBe(405)
    expect(result.headers.get('allow')).toBe('GET')
    expect(result.json.success).toBe(false)
  })
})
