import {
  toLikenessError,
  LikenessError,
  VERIFICATION_MESSAGE_TYPE,
  type VerificationFailureCode,
  type VerificationMode,
  type VerificationSession,
} from '@likeness/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useLikeness } from './provider.tsx'

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

const POPUP_FEATURES = 'popup=yes,width=480,height=760'
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
  const latest = useRef(options)
  latest.current = options
  const popup = useRef<{ window: Window; done: boolean } | null>(null)
  const [now, setNow] = useState(() => Date.now())

  const query = useQuery({
    queryKey: keys.verification,
    // No abort signal on purpose: a small read that every mount shares, so StrictMode's
    // unmount-and-remount (React 18) reuses the request in flight instead of cancelling it.
    queryFn: () => adapter.getVerification(),
  })
  const session = query.data ?? null

  const cancelMutation = useMutation({
    mutationFn: () => adapter.cancelVerification(),
    onSuccess: (next) => {
      queryClient.setQueryData(keys.verification, next)
    },
  })

  const startMutation = useMutation({
    mutationFn: (mode: VerificationMode) =>
      adapter.startVerification({
        mode,
        locale: latest.current.locale,
        returnTo: latest.current.returnTo ?? (mode === 'redirect' ? currentUrl() : undefined),
      }),
    onSuccess: ({ session: started }) => {
      queryClient.setQueryData(keys.verification, started)
    },
    onError: (error) => {
      popup.current?.window.close()
      popup.current = null
      latest.current.onError?.(toLikenessError(error))
    },
  })

  const start = useCallback(() => {
    const mode = latest.current.mode ?? 'redirect'
    if (mode === 'popup') {
      // Opened now, inside the click, before any await: that is what popup blockers allow.
      const opened = window.open('about:blank', 'likeness-verification', POPUP_FEATURES)
      if (opened) {
        popup.current = { window: opened, done: false }
        startMutation.mutate('popup', {
          onSuccess: ({ url }) => {
            if (popup.current?.window === opened) opened.location.href = url
          },
        })
        return
      }
    }
    startMutation.mutate('redirect', {
      onSuccess: ({ url }) => {
        const navigate =
          latest.current.navigate ??
          ((to: string) => {
            window.location.assign(to)
          })
        navigate(url)
      },
    })
  }, [startMutation])

  const cancel = useCallback(() => {
    const open = popup.current
    popup.current = null
    open?.window.close()
    cancelMutation.mutate()
  }, [cancelMutation])

  // The popup's page posts its result here; the server is then asked for the truth.
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: unknown } | null
      if (data?.type !== VERIFICATION_MESSAGE_TYPE) return
      const expected = latest.current.popupOrigin ?? window.location.origin
      if (event.origin !== expected) return
      // The message carries no proof; it only says "ask the server now".
      if (popup.current) popup.current.done = true
      void queryClient.invalidateQueries({ queryKey: keys.verification })
    }
    window.addEventListener('message', onMessage)
    return () => {
      window.removeEventListener('message', onMessage)
    }
  }, [queryClient, keys])

  // A popup closed without a result means the person gave up.
  const pending = session?.status === 'pending'
  useEffect(() => {
    if (!pending) return
    const timer = setInterval(() => {
      const open = popup.current
      if (!open?.window.closed) return
      popup.current = null
      if (open.done) return
      void queryClient.invalidateQueries({ queryKey: keys.verification }).then(() => {
        const current = queryClient.getQueryData<VerificationSession | null>(keys.verification)
        if (current?.status === 'pending') cancelMutation.mutate()
      })
    }, 500)
    return () => {
      clearInterval(timer)
    }
  }, [pending, queryClient, keys, cancelMutation])

  // Re-render when a pending verification runs out of time.
  const expiresAt = pending && session.expiresAt ? Date.parse(session.expiresAt) : undefined
  useEffect(() => {
    if (expiresAt === undefined) return
    const wait = expiresAt - Date.now()
    const timer = setTimeout(
      () => {
        setNow(Date.now())
        void queryClient.invalidateQueries({ queryKey: keys.verification })
      },
      Math.max(0, Math.min(wait + 50, 2 ** 31 - 1)),
    )
    return () => {
      clearTimeout(timer)
    }
  }, [expiresAt, queryClient, keys])

  // Coming back from the liveness page: tidy the marker off the address bar.
  useEffect(() => {
    const url = new URL(window.location.href)
    if (!url.searchParams.has(RETURN_PARAM)) return
    url.searchParams.delete(RETURN_PARAM)
    window.history.replaceState(window.history.state, '', url.toString())
  }, [])

  let status: VerificationHookStatus = session?.status ?? 'idle'
  if (status === 'pending' && expiresAt !== undefined && now >= expiresAt) status = 'expired'
  if (startMutation.isPending) status = 'starting'

  // Tell the host once about each verification that ends.
  const reported = useRef<string | null>(null)
  useEffect(() => {
    if (!session || reported.current === `${session.id}:${status}`) return
    if (status === 'verified') {
      reported.current = `${session.id}:${status}`
      void queryClient.invalidateQueries({ queryKey: keys.assets })
      latest.current.onVerified?.(session)
    } else if (status === 'failed' || status === 'expired') {
      reported.current = `${session.id}:${status}`
      latest.current.onError?.(
        new LikenessError('not_verified', {
          message: session.failure?.message ?? 'The verification did not succeed.',
          details: { reasonCode: session.failure?.code ?? status },
        }),
      )
    }
  }, [session, status, queryClient, keys])

  const error = startMutation.error ?? cancelMutation.error ?? query.error
  const failure = status === 'failed' || status === 'expired' ? session?.failure : undefined
  return {
    status,
    session,
    reason:
      failure?.message ??
      (status === 'expired' ? 'The verification link expired. Start a new verification.' : null),
    reasonCode: failure?.code ?? (status === 'expired' ? 'expired' : null),
    error: error ? toLikenessError(error) : null,
    isLoading: query.isPending,
    isVerified: status === 'verified',
    start,
    retry: start,
    cancel,
  }
}

function currentUrl(): string {
  const url = new URL(window.location.href)
  url.searchParams.delete(RETURN_PARAM)
  return url.toString()
}
