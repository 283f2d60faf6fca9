import { describe, expect, it } from 'vitest'
import { call, createTestBed, KEY_A, KEY_B, PREFIX } from '../test/support.ts'

const MANAGEMENT_CALLS = [
  ['POST', `${PREFIX}/sessions`],
  ['GET', `${PREFIX}/sessions/x`],
  ['POST', `${PREFIX}/assets`],
  ['POST', `${PREFIX}/assets/list`],
  ['GET', `${PREFIX}/assets/x`],
  ['DELETE', `${PREFIX}/assets/x`],
  ['DELETE', `${PREFIX}/asset-groups/x`],
] as const

const VIDEO_CALLS = [
  ['POST', '/v1/video/generations'],
  ['GET', '/v1/video/generations/task_x'],
] as const

/** Sends `method path` to a fresh simulator with no Authorization header. */
function withoutKey(method: string, path: string) {
  const { sim } = createTestBed()
  return call(sim, method, path, { key: null, body: method === 'GET' ? undefined : {} })
}

describe('authentication', () => {
  it.each(MANAGEMENT_CALLS)(
    '%s %s without a key is 401 in the management envelope',
    async (method, path) => {
      const result = await withoutKey(method, path)
      expect(result.status).toBe(401)
      expect(result.headers.get('www-authenticate')).toBe('Bearer')
      expect(result.json).toEqual({
        success: false,
        message: expect.stringContaining('Authorization'),
      })
    },
  )

  it.each(VIDEO_CALLS)(
    '%s %s without a key is 401 with an OpenAI-style error',
    async (method, path) => {
      const result = await withoutKey(method, path)
      expect(result.status).toBe(401)
      expect(result.json).toEqual({
        error: {
          message: expect.any(String),
          type: 'authentication_error',
          code: 'missing_api_key',
        },
      })
    },
  )

  it.each([
    ['an empty bearer', 'Bearer '],
    ['another scheme', `Basic ${btoa('user:pass')}`],
    ['a bare key', KEY_A],
  ])('refuses %s', async (_name, authorization) => {
    const { sim } = createTestBed()
    const result = await call(sim, 'POST', `${PREFIX}/sessions`, {
      key: null,
      headers: { authorization },
    })
    expect(result.status).toBe(401)
  })

  it('accepts any non-empty bearer key when no apiKeys are configured', async () => {
    const { sim } = createTestBed()
    const result = await call(sim, 'POST', `${PREFIX}/sessions`, { key: 'sk-anything' })
    expect(result.status).toBe(200)
  })

  it('accepts only the configured apiKeys, and never echoes a refused key', async () => {
    const { sim } = createTestBed({ apiKeys: [KEY_A] })
    expect((await call(sim, 'POST', `${PREFIX}/sessions`, { key: KEY_A })).status).toBe(200)
    const refused = await call(sim, 'POST', `${PREFIX}/sessions`, { key: KEY_B })
    expect(refused.status).toBe(401)
    expect(refused.json).toEqual({ success: false, message: 'Invalid API key.' })
    expect(refused.text).not.toContain(KEY_B)
    const video = await call(sim, 'GET', '/v1/video/generations/task_x', { key: KEY_B })
    expect(video.json.error).toEqual({
      message: 'Invalid API key.',
      type: 'authentication_error',
      code: 'invalid_api_key',
    })
  })

  it('checks the key before validating the body', async () => {
    const { sim } = createTestBed()
    const result = await call(sim, 'POST', `${PREFIX}/assets`, { key: null, rawBody: 'not json' })
    expect(result.status).toBe(401)
  })

  it("answers unknown API paths with 404 in the family's error shape", async () => {
    const { sim } = createTestBed()
    const management = await call(sim, 'GET', `${PREFIX}/nothing`)
    expect(management.status).toBe(404)
    expect(management.json.success).toBe(false)
    const video = await call(sim, 'GET', '/v1/models')
    expect(video.status).toBe(404)
    expect(video.json.error.code).toBe('not_found')
  })
})
