import { describe, expect, it } from 'vitest'
import {
  classifyVerificationResult,
  VERIFICATION_FAILURE_MESSAGES,
} from './verification-failure.ts'

describe('classifyVerificationResult', () => {
  it.each([
    ['10000', undefined, null],
    ['10000', '0', null],
    ['10000', '', null],
    ['10000', '210312', 'face_mismatch'],
    ['10000', '210313', 'face_mismatch'],
    ['10000', '210701', 'face_quality_too_low'],
    ['10000', '999', 'unknown'],
    ['-1003', undefined, 'liveness_failed'],
    ['-1006', undefined, 'cancelled'],
    ['-1101', undefined, 'too_many_attempts'],
    ['-3003', undefined, 'camera_unavailable'],
    ['-5021', undefined, 'face_mismatch'],
    ['50200', undefined, 'invalid_request'],
    ['50214', undefined, 'invalid_request'],
    ['50215', undefined, 'unknown'],
    ['50400', undefined, 'provider_auth_failed'],
    ['50429', undefined, 'rate_limited'],
    ['50500', undefined, 'provider_error'],
    ['50501', undefined, 'provider_error'],
    ['-9', '-1003', 'liveness_failed'],
    ['12345', undefined, 'unknown'],
    [null, undefined, 'invalid_callback'],
    ['', undefined, 'invalid_callback'],
  ])('classifies resultCode %s with sub-code %s as %s', (code, sub, expected) => {
    expect(classifyVerificationResult(code, sub)).toBe(expected)
  })

  it('has a non-empty message for every code', () => {
    for (const message of Object.values(VERIFICATION_FAILURE_MESSAGES)) {
      expect(message.length).toBeGreaterThan(10)
    }
  })
})
