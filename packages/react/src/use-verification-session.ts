import {
  toLikenessError,
  LikenessError,
  VERIFICATION_MESSAGE_TYPE,
  type VerificationFailureCode,
  type VerificationMode,
  type VerificationSession,
} from '@likeness/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { errorOf, useLikeness, useVerification } from './provider.tsx'

/**
 * Where a person's verification stands, as the hook reports it: `idle` (never started, or
 * their data was deleted), `starting` (asking the server), `pending` (on the liveness page),
 * `verified`, `failed` (see `reason`), `expired` (start again).
 */
export type VerificationHookStatus =
  'idle' | 'starting' | 'pending' | 'verified' | 'failed' | 'expired'

/**
 * Options of {@link useVerificationSession}.
 *
 * @example
 * ```ts
 * useVerificationSession({ mode: 'popup', locale: 'zh-CN', onVerified: () => toast('Verified') })
 * ```
 */
export interface UseVerificationSessionOptions {
  /** `redirect` (default) leaves the page and comes back; `popup` keeps it open. */
  mode?: VerificationMode | undefined
  /** Language of the liveness page (`en`, `zh-CN`, ...). */
  locale?: string | undefined
  /** Where to come back to after a redirect. Default: the current page. */
  returnTo?: string | undefined
  /** Origin the popup's message must come from. Default: this page's origin. */
  popupOrigin?: string | undefined
  /**
   * How to send the browser to the liveness page in redirect mode. Default:
   * `window.location.assign`. A router or a web view can take over here.
   */
  navigate?: ((url: string) => void) | undefined
  /** Called once when the server confirms the person. */
  onVerified?: ((session: VerificationSession) => void) | undefined
  /** Called when starting fails or the verification fails or expires. */
  onError?: ((error: LikenessError) => void) | undefined
}

/** What {@link useVerificationSession} returns. */
export interface VerificationSessionState {
  status: VerificationHookStatus
  /** The server's view of the latest verification, if any. */
  session: VerificationSession | null
  /** Why it failed or expired, in words; `null` otherwise. */
  reason: string | null
  /** A stable code for `reason`. */
  reasonCode: VerificationFailureCode | LikenessError['code'] | null
  /** An error of the last action (starting, reading), if any. */
  error: LikenessError | null
  /** True until the server has answered once: `idle` may still turn out `verified`. */
  isLoading: boolean
  isVerified: boolean
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

const RETURN_PARAM = 'likeness_verification'

/**
 * The person's liveness verification: its status, and actions to start, retry or cancel it.
 * It reads the truth from the server, so a reload, a second tab or coming back from the
 * liveness page resumes where things stand, with no code from the host. `verified` only ever
 * comes from the server.
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
  const { adapter, keys } = useLikeness()
  const queryClient = useQueryClient()
  // The popup being watched: until it sends a result, closes, or the person cancels.
  const popup = useRef<Window | null>(null)
  const [now, setNow] = useState(Date.now)

  const query = useVerification()
  const session = query.data ?? null
  // Asks the server for the truth, or takes what it just said.
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.verification })
  const store = (next: VerificationSession | null) => {
    queryClient.setQueryData(keys.verification, next)
  }

  const cancelMutation = useMutation({
    mutationFn: () => adapter.cancelVerification(),
    onSuccess: store,
  })

  // Starts, then sends the popup (when one opened) or the whole page to the liveness page.
  const startMutation = useMutation({
    mutationFn: async (opened: Window | null) => {
      const { session: started, url } = await adapter.startVerification({
        mode: opened ? 'popup' : 'redirect',
        locale: options.locale,
        // The server replaces the return marker, so the address can be sent as it is.
        returnTo: options.returnTo ?? (opened ? undefined : location.href),
      })
      store(started)
      if (opened) {
        if (popup.current === opened) opened.location.href = url
      } else if (options.navigate) options.navigate(url)
      else location.assign(url)
    },
    onError: (error) => {
      popup.current?.close()
      popup.current = null
      options.onError?.(toLikenessError(error))
    },
  })

  const start = () => {
    // Opened now, inside the click, before any await: that is what popup blockers allow.
    const opened =
      (options.mode === 'popup' &&
        window.open('about:blank', 'likeness-verification', 'popup,width=480,height=760')) ||
      null
    popup.current = opened
    startMutation.mutate(opened)
  }

  const cancel = () => {
    popup.current?.close()
    popup.current = null
    cancelMutation.mutate()
  }

  // While a verification is pending: hear from the popup, notice it closing, see the time out.
  const pending = session?.status === 'pending'
  const expiresAt = pending && session.expiresAt ? Date.parse(session.expiresAt) : undefined
  useEffect(() => {
    if (!pending) return
    // The popup's page posts its result here (the popup is then done). The message carries no
    // proof; it only says "ask the server now".
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: unknown } | null
      if (
        data?.type === VERIFICATION_MESSAGE_TYPE &&
        event.origin === (options.popupOrigin ?? location.origin)
      ) {
        popup.current = null
        void refresh()
      }
    }
    // A popup closed without a result means the person gave up. The server answers a cancel
    // of a verification that already ended with that verification, as it stands.
    const closed = setInterval(() => {
      if (!popup.current?.closed) return
      popup.current = null
      cancelMutation.mutate()
    }, 500)
    // Re-render (and ask the server) when the verification runs out of time. (A wait beyond
    // 24 days overflows and fires at once: one more read, nothing else.)
    const expiry =
      expiresAt &&
      setTimeout(
        () => {
          setNow(Date.now())
          void refresh()
        },
        expiresAt - Date.now() + 50,
      )
    window.addEventListener('message', onMessage)
    return () => {
      window.removeEventListener('message', onMessage)
      clearInterval(closed)
      clearTimeout(expiry)
    }
  }, [pending, expiresAt, options.popupOrigin, queryClient, keys])

  // Coming back from the liveness page: tidy the marker off the address bar.
  useEffect(() => {
    const url = new URL(location.href)
    url.searchParams.delete(RETURN_PARAM)
    if (url.href !== location.href) history.replaceState(history.state, '', url)
  }, [])

  let status: VerificationHookStatus = session?.status ?? 'idle'
  // `expiresAt` is known only while pending.
  if (expiresAt !== undefined && now >= expiresAt) status = 'expired'
  if (startMutation.isPending) status = 'starting'
  const isVerified = status === 'verified'
  // The server says why a verification failed or expired; an expiry seen here first is
  // explained here.
  const failure =
    ((status === 'failed' || status === 'expired') && session?.failure) ||
    (status === 'expired'
      ? { code: 'expired' as const, message: 'The verification expired.' }
      : null)

  // Tell the host once about each verification that ends.
  const reported = useRef<string | null>(null)
  const outcome = session && (isVerified || failure) && `${session.id}:${status}`
  useEffect(() => {
    if (!session || !outcome || reported.current === outcome) return
    reported.current = outcome
    if (!failure) options.onVerified?.(session)
    else {
      options.onError?.(
        new LikenessError('not_verified', {
          message: failure.message,
          details: { reasonCode: failure.code },
        }),
      )
    }
  }, [outcome])

  return {
    status,
    session,
    reason: failure?.message ?? null,
    reasonCode: failure?.code ?? null,
    error: errorOf(startMutation.error ?? cancelMutation.error ?? query.error),
    isLoading: query.isPending,
    isVerified,
    start,
    retry: start,
    cancel,
  }
}
