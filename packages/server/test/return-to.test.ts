import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { resolveReturnTo, returnToRules } from '../src/return-to.ts'
import { harness } from './harness.ts'

const APP = 'https://app.example'
const rules = returnToRules([new URL('https://app.example/app'), new URL('https://admin.example')])
const resolve = (value: string) => resolveReturnTo(value, APP, rules)

describe('returnTo matching', () => {
  it.each([
    ['/app', 'https://app.example/app'],
    ['/app/', 'https://app.example/app/'],
    ['/app/studio?x=1#top', 'https://app.example/app/studio?x=1#top'],
    ['/app/./studio', 'https://app.example/app/studio'],
    ['https://admin.example/anything', 'https://admin.example/anything'],
  ])('allows %s', (value, expected) => {
    expect(resolve(value)).toBe(expected)
  })

  it.each([
    '/apps',
    '/application/x',
    '/app%2f..%2fadmin',
    '/app%2F..%2Fadmin',
    '/app/%2e%2e/admin',
    '/app%5c..%5cadmin',
    '/app/../admin',
    '/app/..%2fadmin',
    '/ap',
    '/',
    '//evil.example/app',
    '/\\evil.example/app',
    'https://app.example.evil.example/app',
    'https://user:pass@app.example/app',
    'http://app.example/app',
    'javascript:alert(1)//app',
    `/app/${'x'.repeat(3000)}`,
  ])('refuses %s', (value) => {
    expect(resolve(value)).toBeUndefined()
  })

  it('never lets anything out of an allowed origin and whole-segment prefix', () => {
    const segment = fc.stringMatching(/^[\w.%~\\-]{0,12}$/)
    const hostile = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.array(segment, { maxLength: 6 }).map((parts) => `/${parts.join('/')}`),
      fc
        .tuple(
          fc.constantFrom('', '/', '//', '/\\', 'https://', 'https://app.example'),
          fc.string(),
        )
        .map(([head, tail]) => `${head}${tail}`),
    )
    fc.assert(
      fc.property(hostile, (value) => {
        const result = resolve(value)
        if (result === undefined) return
        const url = new URL(result)
        const inApp =
          url.origin === APP && (url.pathname === '/app' || url.pathname.startsWith('/app/'))
        expect(inApp || url.origin === 'https://admin.example').toBe(true)
        expect(url.pathname).not.toMatch(/%(2f|5c|2e)/i)
        expect(url.username + url.password).toBe('')
      }),
      { numRuns: 2000 },
    )
  })
})

it('the handler refuses a returnTo past a path prefix, and takes one inside it', async () => {
  const h = harness({ allowedReturnTo: ['https://app.example/app'] })
  for (const [user, returnTo, status] of [
    ['a', '/apps', 400],
    ['b', '/app%2f..%2fadmin', 400],
    ['c', '/app/studio', 201],
  ] as const) {
    const reply = await h.as(user).post('/verification', { returnTo })
    expect({ returnTo, status: reply.status }).toEqual({ returnTo, status })
  }
})
