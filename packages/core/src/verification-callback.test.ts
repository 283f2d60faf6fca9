import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseVerificationCallback } from './verification-callback.ts'

const TOKEN = '202603311449168C23BA26AB12CD34EF56'
const documented = `https://host.example/cb?bytedToken=${TOKEN}&resultCode=10000&algorithmBaseRespCode=0&reqMeasureInfoValue=1&verify_type=real_time`

const token = fc.stringMatching(/^[A-Za-z0-9_-]{8,128}$/)
const code = fc.oneof(
  fc.integer({ min: -99999, max: 999999 }).map(String),
  fc.constantFrom('10000', '-1003', '-1006', '0', '210312'),
)

describe('parseVerificationCallback', () => {
  it('accepts the documented success redirect', () => {
    const result = parseVerificationCallback(documented)
    expect(result).toMatchObject({
      outcome: 'passed',
      bytedToken: TOKEN,
      resultCode: '10000',
      algorithmBaseRespCode: '0',
      billed: true,
      verifyType: 'real_time',
      failure: null,
      problems: [],
    })
  })

  it('reads URL, URLSearchParams and record inputs alike', () => {
    const url = new URL(documented)
    const record = Object.fromEntries(url.searchParams)
    for (const input of [url, url.searchParams, record, url.search, url.search.slice(1)]) {
      expect(parseVerificationCallback(input).outcome).toBe('passed')
    }
  })

  it('passes without the optional sub-code', () => {
    expect(parseVerificationCallback({ bytedToken: TOKEN, resultCode: '10000' }).outcome).toBe(
      'passed',
    )
  })

  it('fails a 10000 that carries a failing sub-code', () => {
    const result = parseVerificationCallback({
      bytedToken: TOKEN,
      resultCode: '10000',
      algorithmBaseRespCode: '210312',
    })
    expect(result).toMatchObject({ outcome: 'failed', failure: 'face_mismatch' })
  })

  it('reports a cancel as cancelled and a liveness failure as failed', () => {
    expect(parseVerificationCallback({ bytedToken: TOKEN, resultCode: '-1006' })).toMatchObject({
      outcome: 'cancelled',
      failure: 'cancelled',
    })
    expect(parseVerificationCallback({ bytedToken: TOKEN, resultCode: '-1003' })).toMatchObject({
      outcome: 'failed',
      failure: 'liveness_failed',
    })
  })

  it('gives unknown codes a generic failure, never success', () => {
    expect(parseVerificationCallback({ bytedToken: TOKEN, resultCode: '777' })).toMatchObject({
      outcome: 'failed',
      failure: 'unknown',
    })
  })

  it.each([
    ['a missing token', { resultCode: '10000' }, 'bytedToken is missing'],
    ['a malformed token', { bytedToken: '../x', resultCode: '10000' }, 'bytedToken is malformed'],
    ['a missing result', { bytedToken: TOKEN }, 'resultCode is missing'],
    ['a padded result', { bytedToken: TOKEN, resultCode: ' 10000' }, 'resultCode is not a number'],
    [
      'another verify type',
      { bytedToken: TOKEN, resultCode: '10000', verify_type: 'offline' },
      'verify_type is not real_time',
    ],
    [
      'a bad billing flag',
      { bytedToken: TOKEN, resultCode: '10000', reqMeasureInfoValue: 'yes' },
      'reqMeasureInfoValue is neither 0 nor 1',
    ],
    [
      'a duplicated result',
      { bytedToken: TOKEN, resultCode: ['-1003', '10000'] },
      'resultCode appears 2 times',
    ],
  ])('treats %s as invalid', (_name, query, problem) => {
    const result = parseVerificationCallback(query)
    expect(result.outcome).toBe('invalid')
    expect(result.failure).toBe('invalid_callback')
    expect(result.problems).toContain(problem)
  })

  it('says passed exactly when the documented rules hold (property)', () => {
    fc.assert(
      fc.property(
        token,
        code,
        fc.option(code, { nil: undefined }),
        fc.option(fc.constantFrom('0', '1'), { nil: undefined }),
        (bytedToken, resultCode, sub, measure) => {
          const query: Record<string, string> = { bytedToken, resultCode, verify_type: 'real_time' }
          if (sub !== undefined) query.algorithmBaseRespCode = sub
          if (measure !== undefined) query.reqMeasureInfoValue = measure
          const result = parseVerificationCallback(query)
          const shouldPass = resultCode === '10000' && (sub === undefined || sub === '0')
          expect(result.outcome === 'passed').toBe(shouldPass)
          expect(result.failure === null).toBe(shouldPass)
          expect(result.bytedToken).toBe(bytedToken)
        },
      ),
    )
  })

  it('never passes arbitrary query strings that lack the exact success code (property)', () => {
    fc.assert(
      fc.property(fc.string(), (query) => {
        const result = parseVerificationCallback(query)
        if (result.outcome === 'passed') {
          expect(new URLSearchParams(query.split('#')[0]).getAll('resultCode')).toEqual(['10000'])
          expect(result.bytedToken).not.toBeNull()
        }
      }),
    )
  })

  it('survives any record of strings without throwing (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string()), (record) => {
        const result = parseVerificationCallback(record)
        expect(['passed', 'failed', 'cancelled', 'invalid']).toContain(result.outcome)
      }),
    )
  })
})
