import { QueryObserver } from '@tanstack/query-core'
import { LikenessError, toLikenessError } from './errors.ts'
import { Observable } from './observable.ts'
import { VERIFICATION_MESSAGE_TYPE } from './protocol.ts'
import type { LikenessRuntime } from './runtime.ts'
import type { VerificationFailureCode } from './verification-failure.ts'
import { verificationQuery } from './verification-query.ts'
import type { VerificationMode, VerificationSession } from './verification.ts'

/**
 * Where a person's verification stands: `idle` (never started, or their data was deleted),
 * `starting` (asking the server), `pending` (on the liveness page), `verified`, `failed` (see
 * `reason`), `expired` (start again).
 *
 * @example
 * ```ts
 * const label: Record<VerificationHookStatus, string> = { idle: 'Verify', ... }
 * ```
 */
export type VerificationHookStatus =
  'idle' | 'starting' | 'pending' | 'verified' | 'failed' | 'expired'

/**
 * Options of {@link VerificationController}.
 *
 * @example
 * ```ts
 * const options: VerificationControllerOptions = { mode: 'popup', locale: 'zh-CN' }
 * ```
 */
export interface VerificationControllerOptions {
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

/**
 * Everything a {@link VerificationController} knows at one moment.
 *
 * @example
 * ```ts
 * const { status, reason }: VerificationSnapshot = verification.getSnapshot()
 * ```
 */
export interface VerificationSnapshot {
  readonly status: VerificationHookStatus
  /** The server's view of the latest verification, if any. */
  readonly session: VerificationSession | null
  /** Why it failed or expired, in words; `null` otherwise. */
  readonly reason: string | null
  /** A stable code for `reason`. */
  readonly reasonCode: VerificationFailureCode | LikenessError['code'] | null
  /** An error of the last action (starting, cancelling, reading), if any. */
  readonly error: LikenessError | null
  /** True until the server has answered once: `idle` may still turn out `verified`. */
  readonly isLoading: boolean
  readonly isVerified: boolean
}

/** The query parameter the server adds to the return address; tidied away on arrival. */
const RETURN_PARAM = 'likeness_verification'
/** How often an open popup is checked for having been closed. */
const POPUP_CHECK_MS = 500

/**
 * One person's liveness verification, without React: its status (read from the server, so a
 * reload, a second tab or coming back from the liveness page resumes where things stand),
 * starting it in a popup or by redirect, hearing back from the popup, noticing it closed,
 * cancelling, and the link running out of time. `verified` only ever comes from the server.
 * Nothing runs until someone subscribes.
 *
 * @example
 * ```ts
 * const verification = new VerificationController(runtime, { mode: 'popup' })
 * const stop = verification.subscribe(() => render(verification.getSnapshot()))
 * button.onclick = verification.start
 * ```
 */
export class VerificationController extends Observable<VerificationSnapshot> {
  readonly #runtime: LikenessRuntime
  #options: VerificationControllerOptions
  readonly #query: QueryObserver<VerificationSession | null>
  #starting = false
  #actionError: LikenessError | null = null
  /** The popup being watched: until it sends a result, closes, or the person cancels. */
  #popup: Window | null = null
  /** The outcome last told to the host, `id:status`. */
  #reported: string | null = null
  #stops: (() => void)[] = []
  /** What watches a pending verification (message, closed popup, expiry), and for which. */
  #watching: { key: string; stop: () => void } | null = null

  constructor(runtime: LikenessRuntime, options: VerificationControllerOptions = {}) {
    super(IDLE)
    this.#runtime = runtime
    this.#options = options
    this.#query = new QueryObserver(runtime.client, verificationQuery(runtime))
    this.#update()
  }

  /** Replaces the options (they are read at each action). */
  setOptions(options: VerificationControllerOptions): void {
    this.#options = options
  }

  /**
   * Starts a verification. In popup mode call it straight from a click handler: the window is
   * opened before anything is awaited, so popup blockers allow it. A blocked popup falls back
   * to a redirect.
   */
  readonly start = (): void => {
    const { mode, locale, returnTo, navigate } = this.#options
    const opened =
      (mode === 'popup' &&
        window.open('about:blank', 'likeness-verification', 'popup,width=480,height=760')) ||
      null
    // The server replaces the return marker, so the address can be sent as it is. A host
    // without a page address (a web view's `navigate`) gives `returnTo` or takes the default.
    const back = returnTo ?? (opened || typeof location === 'undefined' ? undefined : location.href)
    this.#popup = opened
    this.#starting = true
    this.#actionError = null
    this.#update()
    this.#runtime.adapter
      .startVerification({ mode: opened ? 'popup' : 'redirect', locale, returnTo: back })
      .then(
        ({ session, url }) => {
          this.#store(session)
          if (opened) {
            if (this.#popup === opened) opened.location.href = url
          } else if (navigate) navigate(url)
          else location.assign(url)
        },
        (reason: unknown) => {
          this.#closePopup()
          this.#actionError = toLikenessError(reason)
          this.#options.onError?.(this.#actionError)
        },
      )
      .finally(() => {
        this.#starting = false
        this.#update()
      })
  }

  /** Starts again after a failure or expiry. */
  readonly retry = (): void => {
    this.start()
  }

  /** Gives up a pending verification (closes the popup, tells the server). */
  readonly cancel = (): void => {
    this.#closePopup()
    this.#runtime.adapter.cancelVerification().then(
      (session) => {
        this.#store(session)
      },
      (reason: unknown) => {
        this.#actionError = toLikenessError(reason)
        this.#update()
      },
    )
  }

  protected override onSubscribe(): void {
    this.#stops = [
      this.#query.subscribe(() => {
        this.#update()
      }),
    ]
    tidyReturnMarker()
    this.#update()
  }

  protected override onUnsubscribe(): void {
    for (const stop of this.#stops) stop()
    this.#stops = []
    this.#watch(null)
  }

  // Takes what the server just said, for every watcher of the shared query.
  #store(session: VerificationSession | null) {
    this.#runtime.client.setQueryData(this.#runtime.keys.verification, session)
  }

  #refresh() {
    void this.#runtime.client.invalidateQueries({ queryKey: this.#runtime.keys.verification })
  }

  #closePopup() {
    this.#popup?.close()
    this.#popup = null
  }

  #update() {
    const result = this.#query.getCurrentResult()
    const session = result.data ?? null
    const pending = session?.status === 'pending'
    const expiresAt = pending && session.expiresAt ? Date.parse(session.expiresAt) : undefined
    if (this.isWatched) this.#watch(pending ? session : null, expiresAt)

    let status: VerificationHookStatus = session?.status ?? 'idle'
    // `expiresAt` is known only while pending.
    if (expiresAt !== undefined && this.#runtime.clock.now() >= expiresAt) status = 'expired'
    if (this.#starting) status = 'starting'
    // The server says why a verification failed or expired; an expiry seen here first is
    // explained here.
    const failure =
      ((status === 'failed' || status === 'expired') && session?.failure) ||
      (status === 'expired'
        ? { code: 'expired' as const, message: 'The verification expired.' }
        : null)
    const error = this.#actionError ?? (result.error ? toLikenessError(result.error) : null)
    const previous = this.getSnapshot()
    const next: VerificationSnapshot = {
      status,
      session,
      reason: failure?.message ?? null,
      reasonCode: failure?.code ?? null,
      error: error?.message === previous.error?.message ? previous.error : error,
      isLoading: result.isPending,
      isVerified: status === 'verified',
    }
    const changed = (Object.keys(next) as (keyof VerificationSnapshot)[]).some(
      (key) => next[key] !== previous[key],
    )
    if (changed) this.publish(next)
    // Only while watched: a controller made and dropped (StrictMode's extra one) tells nobody.
    if (this.isWatched) this.#report(next, failure)
  }

  // Tells the host once about each verification that ends.
  #report(
    { session, status, isVerified }: VerificationSnapshot,
    failure: { code: string; message: string } | null | false,
  ) {
    const outcome = session && (isVerified || failure) && `${session.id}:${status}`
    if (!session || !outcome || this.#reported === outcome) return
    this.#reported = outcome
    if (!failure) this.#options.onVerified?.(session)
    else {
      this.#options.onError?.(
        new LikenessError('not_verified', {
          message: failure.message,
          details: { reasonCode: failure.code },
        }),
      )
    }
  }

  // While a verification is pending: hear from the popup, notice it closing, see the time out.
  #watch(session: VerificationSession | null, expiresAt?: number) {
    const key = session ? `${session.id}:${expiresAt ?? ''}` : null
    if (this.#watching?.key === key) return
    this.#watching?.stop()
    this.#watching = null
    if (!session || key === null) return
    // The popup's page posts its result here (the popup is then done). The message carries
    // no proof; it only says "ask the server now".
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: unknown } | null
      if (
        data?.type === VERIFICATION_MESSAGE_TYPE &&
        event.origin === (this.#options.popupOrigin ?? location.origin)
      ) {
        this.#popup = null
        this.#refresh()
      }
    }
    // A popup closed without a result means the person gave up. The server answers a cancel
    // of a verification that already ended with that verification, as it stands.
    const closed = setInterval(() => {
      if (!this.#popup?.closed) return
      this.#popup = null
      this.cancel()
    }, POPUP_CHECK_MS)
    // Look again (and ask the server) when the link runs out of time. (A wait beyond 24 days
    // overflows and fires at once: one more read, nothing else.)
    const expiry =
      expiresAt &&
      setTimeout(
        () => {
          this.#update()
          this.#refresh()
        },
        expiresAt - this.#runtime.clock.now() + 50,
      )
    window.addEventListener('message', onMessage)
    this.#watching = {
      key,
      stop: () => {
        window.removeEventListener('message', onMessage)
        clearInterval(closed)
        clearTimeout(expiry)
      },
    }
  }
}

const IDLE: VerificationSnapshot = {
  status: 'idle',
  session: null,
  reason: null,
  reasonCode: null,
  error: null,
  isLoading: true,
  isVerified: false,
}

// Coming back from the liveness page: tidy the marker off the address bar.
function tidyReturnMarker() {
  if (typeof location === 'undefined') return
  const url = new URL(location.href)
  url.searchParams.delete(RETURN_PARAM)
  if (url.href !== location.href) history.replaceState(history.state, '', url)
}
