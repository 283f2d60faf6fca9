import { describe, expect, it } from 'vitest'
import {
  errorCodeForStatus,
  isLikenessError,
  isLikenessErrorCode,
  LIKENESS_ERROR_CODES,
  LikenessError,
} from './errors.ts'

describe('LikenessError', () => {
  it('defaults the message and retry advice by code', () => {
    const error = new LikenessError('timeout')
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('LikenessError')
    expect(error.message).toBe(LIKENESS_ERROR_CODES.timeout.message)
    expect(error.retryable).toBe(true)
    expect(new LikenessError('not_found').retryable).toBe(false)
  })

  it('keeps what it is told, and serialises without cause or stack', () => {
    const cause = new Error('socket hang up')
    const error = new LikenessError('rate_limited', {
      message: 'Slow down.',
      status: 429,
      retryAfterMs: 2000,
      details: { path: '/x' },
      cause,
    })
    expect(error.cause).toBe(cause)
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'rate_limited',
      message: 'Slow down.',
      retryable: true,
      status: 429,
      retryAfterMs: 2000,
      details: { path: '/x' },
    })
  })

  it('is recognised across copies of the class', () => {
    const foreign = Object.assign(new Error('x'), { name: 'LikenessError', code: 'network' })
    expect(isLikenessError(new LikenessError('network'))).toBe(true)
    expect(isLikenessError(foreign)).toBe(true)
    expect(
      isLikenessError(Object.assign(new Error('x'), { name: 'LikenessError', code: 'x' })),
    ).toBe(false)
    expect(isLikenessError({ code: 'network' })).toBe(false)
  })

  it('knows its codes', () => {
    expect(isLikenessErrorCode('aborted')).toBe(true)
    expect(isLikenessErrorCode('toString')).toBe(false)
    expect(isLikenessErrorCode(1)).toBe(false)
  })
})

describe('errorCodeForStatus', () => {
  it.each([
    [400, 'invalid_request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [408, 'timeout'],
    [409, 'conflict'],
    [410, 'not_found'],
    [413, 'payload_too_large'],
    [415, 'unsupported_media'],
    [418, 'invalid_request'],
    [422, 'invalid_request'],
    [429, 'rate_limited'],
    [500, 'upstream_error'],
    [502, 'upstream_unavailable'],
    [503, 'upstream_unavailable'],
    [504, 'upstream_unavailable'],
    [599, 'upstream_error'],
    [302, 'unknown'],
  ])('maps %i to %s', (status, code) => {
    expect(errorCodeForStatus(status)).toBe(code)
  })
})
