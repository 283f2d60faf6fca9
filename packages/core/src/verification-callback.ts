import { classifyVerificationResult, type VerificationFailureCode } from './verification-failure.ts'

/**
 * What the liveness page's redirect says, parsed and judged. `outcome` is `'passed'` only when
 * the callback is well-formed, `resultCode` is exactly `10000`, and `algorithmBaseRespCode`
 * (when present) is `0`. A passed callback is a claim, not a proof: the server must still
 * confirm it with EasyRouter (which returns the person's `group_id`) before trusting it.
 */
export interface VerificationCallback {
  /** `'invalid'` when the query is malformed, missing the token, or ambiguous. */
  outcome: 'passed' | 'failed' | 'cancelled' | 'invalid'
  /** The session's token, when present and well-formed. */
  bytedToken: string | null
  resultCode: string | null
  algorithmBaseRespCode: string | null
  /** Whether the check was billed (`reqMeasureInfoValue`: 1 yes, 0 no), when stated. */
  billed: boolean | null
  verifyType: string | null
  /** Why it did not pass; `null` when it passed. */
  failure: VerificationFailureCode | null
  /** Each reason the callback was judged invalid, for logs (never shown to users). */
  problems: string[]
}

/** Inputs accepted by {@link parseVerificationCallback}. */
export type VerificationCallbackInput =
  string | URL | URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>

// Observed tokens are 34 upper-case hex-ish characters; allow any short alphanumeric run so a
// format change upstream does not lock people out, while keeping the value safe in a URL path.
const TOKEN = /^[A-Za-z0-9_-]{8,128}$/
const CODE = /^-?\d{1,12}$/
const FIELDS = [
  'bytedToken',
  'resultCode',
  'algorithmBaseRespCode',
  'reqMeasureInfoValue',
  'verify_type',
] as const
type Field = (typeof FIELDS)[number]

/**
 * Parses the query the liveness page appends to the callback URL and decides whether it
 * claims success, following EasyRouter's rules: `resultCode` must equal the string `10000`,
 * `algorithmBaseRespCode` must be `0` when present, `verify_type` must be `real_time` when
 * present. A parameter given twice makes the callback invalid (someone appended a second
 * `resultCode`); so does a missing or malformed `bytedToken`.
 *
 * @example
 * ```ts
 * const cb = parseVerificationCallback(location.search)
 * if (cb.outcome === 'passed') await confirmWithServer(cb.bytedToken)
 * ```
 */
export function parseVerificationCallback(input: VerificationCallbackInput): VerificationCallback {
  const problems: string[] = []
  const params = toParams(input, problems)
  const value = (name: Field): string | null => {
    const all = params.getAll(name)
    if (all.length > 1) problems.push(`${name} appears ${all.length} times`)
    return all.length === 1 ? (all[0] ?? null) : null
  }

  const rawToken = value('bytedToken')
  const resultCode = value('resultCode')
  const algorithmBaseRespCode = value('algorithmBaseRespCode')
  const measure = value('reqMeasureInfoValue')
  const verifyType = value('verify_type')

  const bytedToken = rawToken !== null && TOKEN.test(rawToken) ? rawToken : null
  if (rawToken === null) problems.push('bytedToken is missing')
  else if (bytedToken === null) problems.push('bytedToken is malformed')
  if (resultCode === null) problems.push('resultCode is missing')
  else if (!CODE.test(resultCode)) problems.push('resultCode is not a number')
  if (algorithmBaseRespCode !== null && !CODE.test(algorithmBaseRespCode)) {
    problems.push('algorithmBaseRespCode is not a number')
  }
  if (measure !== null && measure !== '0' && measure !== '1') {
    problems.push('reqMeasureInfoValue is neither 0 nor 1')
  }
  if (verifyType !== null && verifyType !== 'real_time')
    problems.push('verify_type is not real_time')

  const billed = measure === '1' ? true : measure === '0' ? false : null
  const base = { bytedToken, resultCode, algorithmBaseRespCode, billed, verifyType, problems }
  if (problems.length > 0) return { ...base, outcome: 'invalid', failure: 'invalid_callback' }

  const failure = classifyVerificationResult(resultCode, algorithmBaseRespCode)
  if (failure === null) return { ...base, outcome: 'passed', failure: null }
  return { ...base, outcome: failure === 'cancelled' ? 'cancelled' : 'failed', failure }
}

function toParams(input: VerificationCallbackInput, problems: string[]): URLSearchParams {
  if (input instanceof URLSearchParams) return input
  if (input instanceof URL) return input.searchParams
  if (typeof input === 'string') {
    // The fragment goes first: a `?` inside it does not start a query.
    const [url = ''] = input.split('#')
    return new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : url)
  }
  const params = new URLSearchParams()
  for (const [key, raw] of Object.entries(input)) {
    if (raw === undefined) continue
    // Query parsers of some frameworks give numbers, objects or nested lists for crafted
    // queries (`resultCode[a]=1`): only text is a parameter, and a field given anything else
    // is a problem, not a success written another way.
    for (const item of Array.isArray(raw) ? (raw as unknown[]) : [raw]) {
      if (typeof item === 'string') params.append(key, item)
      else if (FIELDS.includes(key as Field)) problems.push(`${key} is not text`)
    }
  }
  return params
}
