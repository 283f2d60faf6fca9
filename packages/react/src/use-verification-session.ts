import {
  VerificationController,
  type VerificationControllerOptions,
  type VerificationSnapshot,
} from '@likeness/core'
import { useEffect } from 'react'
import { useLikeness } from './provider.tsx'
import { useController, useSnapshot } from './use-controller.ts'

/**
 * Options of {@link useVerificationSession}: those of `VerificationController`, read at each
 * action, so they may change between renders.
 *
 * @example
 * ```ts
 * useVerificationSession({ mode: 'popup', locale: 'zh-CN', onVerified: () => toast('Verified') })
 * ```
 */
export type UseVerificationSessionOptions = VerificationControllerOptions

/** What {@link useVerificationSession} returns: the controller's snapshot and its actions. */
export interface VerificationSessionState extends VerificationSnapshot {
  /**
   * Starts a verification. In popup mode call it straight from a click handler: the window is
   * opened before anything is awaited, so popup blockers allow it. A blocked popup falls back
   * to a redirect.
   */
  start: () => void
  /** Starts again after a failure or expiry. */
  retry: () => void
  /** Gives up a pending verification (closes the popup, tells the server). */
  cancel: () => void
}

/**
 * The person's liveness verification: its status, and actions to start, retry or cancel it.
 * A thin adapter over `VerificationController` from `@likeness/core`: it reads the truth from
 * the server, so a reload, a second tab or coming back from the liveness page resumes where
 * things stand, with no code from the host. `verified` only ever comes from the server.
 *
 * @example
 * ```tsx
 * const { status, start, reason } = useVerificationSession({ mode: 'popup' })
 * return status === 'verified' ? <p>Verified</p> : <button onClick={start}>Verify</button>
 * ```
 */
export function useVerificationSession(
  options: UseVerificationSessionOptions = {},
): VerificationSessionState {
  const runtime = useLikeness()
  const verification = useController(() => new VerificationController(runtime, options), [runtime])
  useEffect(() => {
    verification.setOptions(options)
  })
  return useSnapshot(verification, {
    start: verification.start,
    retry: verification.retry,
    cancel: verification.cancel,
  })
}
