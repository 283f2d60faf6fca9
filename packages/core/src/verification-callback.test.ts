import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  parseVerificationCallback,
  type VerificationCallbackInput,
} from './verification-callback.ts'

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

// The five parameters the parser reads, and values a hostile redirect might carry.
const FIELDS = [
  'bytedToken',
  'resultCode',
  'algorithmBaseRespCode',
  'reqMeasureInfoValue',
  'verify_type',
] as const
const NEAR_SUCCESS = [
  '10000',
  '１００００',
  '10000\u200B',
  '\u200B10000',
  '１0000',
  '10000 ',
  ' 10000',
  '010000',
  '+10000',
  '10000.0',
  '1e4',
  '10\u00000',
  '٬10000',
  '١٠٠٠٠',
  '𝟏𝟎𝟎𝟎𝟎',
  '10000\n',
  '10000%00',
]
const hostile = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(...NEAR_SUCCESS, '0', '-0', '00', 'real_time', 'REAL_TIME', '1', TOKEN),
  fc.string({ unit: fc.constantFrom('1', '0', '-', '%', '&', '=', '#', '?', '+'), maxLength: 40 }),
  fc.integer({ min: 1000, max: 20_000 }).map((length) => '1'.repeat(length)),
)
// A query built from chosen parameters, in any order, some repeated.
const query = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...FIELDS), fc.string()), hostile), { maxLength: 12 })
  .map((pairs) => new URLSearchParams(pairs))

/** What the documented rules say about a set of parameters. */
function shouldPass(params: URLSearchParams): boolean {
  const one = (name: string) => {
    const all = params.getAll(name)
    return all.length <= 1 ? (all[0] ?? null) : undefined
  }
  const [token, result, sub, measure, type] = FIELDS.map(one)
  return (
    typeof token === 'string' &&
    /^[A-Za-z0-9_-]{8,128}$/.test(token) &&
    result === '10000' &&
    (sub === null || sub === '0') &&
    (measure === null || measure === '0' || measure === '1') &&
    (type === null || type === 'real_time')
  )
}

describe('parseVerificationCallback (hostile input properties)', () => {
  it('passes exactly when the rules hold, read from any form of the query', () => {
    fc.assert(
      fc.property(query, (params) => {
        const expected = shouldPass(params)
        const text = params.toString()
        const record: Record<string, string[]> = Object.create(null)
        for (const [key, value] of params) (record[key] ??= []).push(value)
        for (const input of [
          params,
          text,
          `?${text}`,
          `https://host.example/cb?${text}#ignored`,
          new URL(`https://host.example/cb?${text}`),
          record,
        ]) {
          const result = parseVerificationCallback(input)
          expect(result.outcome === 'passed').toBe(expected)
          expect(result.failure === null).toBe(expected)
          expect(result.problems.length === 0 || result.outcome === 'invalid').toBe(true)
        }
      }),
    )
  })

  it('never passes a success code written any other way than 10000', () => {
    fc.assert(
      fc.property(
        token,
        fc.oneof(fc.constantFrom(...NEAR_SUCCESS.slice(1)), hostile),
        (bytedToken, resultCode) => {
          fc.pre(resultCode !== '10000')
          const result = parseVerificationCallback({ bytedToken, resultCode })
          expect(result.outcome).not.toBe('passed')
          // The same, written in a query with its escapes.
          const text = new URLSearchParams({ bytedToken, resultCode }).toString()
          expect(parseVerificationCallback(text).outcome).not.toBe('passed')
        },
      ),
    )
  })

  it('never passes when any parameter it reads is repeated', () => {
    fc.assert(
      fc.property(
        token,
        fc.constantFrom(...FIELDS),
        fc.constantFrom(TOKEN, '10000', '0', '1', 'real_time'),
        fc.boolean(),
        (bytedToken, repeated, again, before) => {
          const pairs: [string, string][] = [
            ['bytedToken', bytedToken],
            ['resultCode', '10000'],
            ['algorithmBaseRespCode', '0'],
            ['reqMeasureInfoValue', '1'],
            ['verify_type', 'real_time'],
          ]
          if (before) pairs.unshift([repeated, again])
          else pairs.push([repeated, again])
          const params = new URLSearchParams(pairs)
          for (const input of [params, params.toString()]) {
            const result = parseVerificationCallback(input)
            expect(result.outcome).toBe('invalid')
            expect(result.problems).toContain(`${repeated} appears 2 times`)
          }
        },
      ),
    )
  })

  it('reads the query of a URL, never its fragment (regression)', () => {
    const success = `bytedToken=${TOKEN}&resultCode=10000`
    for (const url of [
      `https://host.example/cb#?${success}`,
      `https://host.example/cb#x?${success}`,
      `https://host.example/cb?resultCode=-1006#&${success}`,
    ]) {
      expect(parseVerificationCallback(url).outcome).toBe(
        parseVerificationCallback(new URL(url)).outcome,
      )
      expect(parseVerificationCallback(url).outcome).not.toBe('passed')
    }
  })

  it('never throws, and never echoes a value into its problems, whatever the record holds', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.oneof(fc.constantFrom(...FIELDS, '__proto__', 'constructor'), fc.string()),
          fc.anything(),
        ),
        (record) => {
          const result = parseVerificationCallback(record as VerificationCallbackInput)
          expect(['passed', 'failed', 'cancelled', 'invalid']).toContain(result.outcome)
          if (result.outcome === 'passed') expect(result.resultCode).toBe('10000')
          for (const problem of result.problems) expect(problem.length).toBeLessThan(80)
        },
      ),
    )
  })

  it('treats a field that is not text as a problem, not a success (regression)', () => {
    // A record from a framework's query parser: `resultCode[a]=1`, `resultCode[]=...`.
    for (const resultCode of [
      10000,
      [10000],
      { toString: () => '10000' },
      ['10000', null],
      [['10000']],
      null,
    ]) {
      const record = { bytedToken: TOKEN, resultCode } as unknown as VerificationCallbackInput
      const result = parseVerificationCallback(record)
      expect(result.outcome).toBe('invalid')
      expect(result.problems).toContain('resultCode is not text')
    }
    // Other keys are not read, so what they hold does not matter.
    const extra = { bytedToken: TOKEN, resultCode: '10000', utm: { a: 1 } }
    expect(parseVerificationCallback(extra as unknown as VerificationCallbackInput).outcome).toBe(
      'passed',
    )
  })
})
