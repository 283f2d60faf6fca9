/**
 * Why a liveness verification did not succeed, in words a UI can translate. Derived from the
 * provider's `resultCode` and `algorithmBaseRespCode`; codes nobody documented become
 * `'unknown'` rather than an error.
 *
 * @example
 * ```ts
 * if (failure.code === 'cancelled') offerToStartAgain()
 * ```
 */
export type VerificationFailureCode =
  | 'liveness_failed'
  | 'cancelled'
  | 'too_many_attempts'
  | 'camera_unavailable'
  | 'face_mismatch'
  | 'face_quality_too_low'
  | 'invalid_request'
  | 'provider_auth_failed'
  | 'rate_limited'
  | 'provider_error'
  | 'expired'
  | 'invalid_callback'
  | 'not_confirmed'
  | 'unknown'

/**
 * A default English message for every {@link VerificationFailureCode}. UIs with their own
 * catalogs translate by code; these are for logs and hosts without a catalog.
 *
 * @example
 * ```ts
 * VERIFICATION_FAILURE_MESSAGES.camera_unavailable
 * ```
 */
export const VERIFICATION_FAILURE_MESSAGES: Readonly<Record<VerificationFailureCode, string>> = {
  liveness_failed: 'The liveness check did not pass. Try again in good light, facing the camera.',
  cancelled: 'The verification was cancelled before it finished.',
  too_many_attempts: 'There were too many attempts. Wait a while before trying again.',
  camera_unavailable: 'The camera could not be used. Allow camera access and try again.',
  face_mismatch: 'The face did not match during the check. Try again yourself, facing the camera.',
  face_quality_too_low: 'The picture of your face was not clear enough. Try again in better light.',
  invalid_request: 'The verification request was not valid.',
  provider_auth_failed: 'The verification service refused the request.',
  rate_limited: 'The verification service is busy. Try again in a moment.',
  provider_error: 'The verification service had an internal error. Try again later.',
  expired: 'The verification link expired. Start a new verification.',
  invalid_callback: 'The verification result could not be trusted.',
  not_confirmed: 'The verification service did not confirm the result.',
  unknown: 'The verification did not succeed.',
}

/**
 * Classifies a provider result into a {@link VerificationFailureCode}. `resultCode` is the
 * callback's main code and `subCode` its `algorithmBaseRespCode`. Returns `null` only for a
 * clean success (`10000` with no failing sub-code).
 *
 * @example
 * ```ts
 * classifyVerificationResult('-1006') // 'cancelled'
 * classifyVerificationResult('10000', '210312') // 'face_mismatch'
 * classifyVerificationResult('10000', '0') // null
 * ```
 */
export function classifyVerificationResult(
  resultCode: string | null | undefined,
  subCode?: string | null,
): VerificationFailureCode | null {
  const sub = subCode == null || subCode === '' ? null : subCode
  if (resultCode === '10000') {
    if (sub === null || sub === '0') return null
    return classifyCode(sub) ?? 'unknown'
  }
  if (resultCode == null || resultCode === '') return 'invalid_callback'
  return classifyCode(resultCode) ?? (sub === null ? null : classifyCode(sub)) ?? 'unknown'
}

function classifyCode(code: string): VerificationFailureCode | null {
  switch (code) {
    case '-1003':
      return 'liveness_failed'
    case '-1006':
      return 'cancelled'
    case '-1101':
      return 'too_many_attempts'
    case '-3003':
      return 'camera_unavailable'
    case '-5021':
    case '210312':
    case '210313':
      return 'face_mismatch'
    case '210701':
      return 'face_quality_too_low'
    case '50400':
      return 'provider_auth_failed'
    case '50429':
      return 'rate_limited'
    case '50500':
    case '50501':
      return 'provider_error'
  }
  if (/^502(0\d|1[0-4])$/.test(code)) return 'invalid_request'
  return null
}
