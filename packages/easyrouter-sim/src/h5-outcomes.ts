import type { H5Outcome } from './state.ts'

/** The session status each outcome leads to. */
export type CompletedSessionStatus = 'verified' | 'failed' | 'cancelled'

/** What the H5 page reports for one outcome. */
export interface OutcomeCodes {
  resultCode: string
  algorithmBaseRespCode: string
  /** `reqMeasureInfoValue`: 1 when the check ran (and would be billed), 0 when it did not. */
  billed: boolean
  status: CompletedSessionStatus
}

// Codes from the provider's documentation. "mismatch" is the tricky one: resultCode 10000 looks
// like success, but the sub-code 210312 (motion liveness mismatch) makes it a failure.
const CODES: Record<H5Outcome, OutcomeCodes> = {
  pass: { resultCode: '10000', algorithmBaseRespCode: '0', billed: true, status: 'verified' },
  fail: { resultCode: '-1003', algorithmBaseRespCode: '-1003', billed: true, status: 'failed' },
  mismatch: {
    resultCode: '10000',
    algorithmBaseRespCode: '210312',
    billed: true,
    status: 'failed',
  },
  cancel: {
    resultCode: '-1006',
    algorithmBaseRespCode: '-1006',
    billed: false,
    status: 'cancelled',
  },
}

/** Every outcome the H5 page offers, in the order it shows them. */
export const H5_OUTCOMES: readonly H5Outcome[] = ['pass', 'fail', 'mismatch', 'cancel']

/** The codes an outcome reports. */
export function outcomeCodes(outcome: H5Outcome): OutcomeCodes {
  return CODES[outcome]
}

/** Narrows a query or form value to an outcome. */
export function isH5Outcome(value: unknown): value is H5Outcome {
  return typeof value === 'string' && (H5_OUTCOMES as readonly string[]).includes(value)
}
