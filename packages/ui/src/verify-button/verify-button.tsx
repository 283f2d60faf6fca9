import type { LikenessError, VerificationSession } from '@likeness/core'
import {
  useVerificationSession,
  type VerificationHookStatus,
  type VerificationSessionState,
} from '@likeness/react'
import { Slot } from 'radix-ui'
import {
  cloneElement,
  createContext,
  isValidElement,
  useContext,
  useRef,
  useState,
  type ComponentPropsWithRef,
  type MouseEvent,
  type ReactElement,
  type ReactNode,
} from 'react'
import { lk } from '../class-names.ts'
import { useTranslate, useUIContext, type MessageOverrides, type Translate } from '../i18n.tsx'
import { checkVerificationEnvironment, type EnvironmentIssue } from './environment.ts'
import { verifyButtonMessages, type VerifyButtonMessageKey } from './messages.ts'

/**
 * What a verify button shows, as `data-state` on every part: `loading` (not known yet), then
 * the hook's status (`idle`, `starting`, `pending`, `verified`, `failed`, `expired`), or
 * `error` when starting failed.
 */
export type VerifyButtonState = 'loading' | 'error' | VerificationHookStatus

/** Options of {@link VerifyButton.Root} (and of {@link VerifyButton}). */
export interface VerifyButtonRootOptions {
  /** `redirect` (default) leaves the page for the liveness check; `popup` keeps it open. */
  mode?: 'redirect' | 'popup' | undefined
  /** Where to come back to after a redirect. Default: this page. */
  returnTo?: string | undefined
  /** Takes over sending the browser to the liveness page in redirect mode (a router, a web view). */
  navigate?: ((url: string) => void) | undefined
  /** Called once when the server confirms the person. */
  onVerified?: ((session: VerificationSession) => void) | undefined
  /** Called when starting fails, or the verification fails or expires. */
  onError?: ((error: LikenessError) => void) | undefined
  /**
   * Looks for what would stop the person on the liveness page (no HTTPS, no camera, an app's
   * built-in browser) before sending them there, and shows guidance with a way to continue.
   * Default `checkVerificationEnvironment`; `false` skips it.
   */
  checkEnvironment?: false | (() => readonly EnvironmentIssue[]) | undefined
  /** Replaces strings by key (see `verifyButtonMessages`). */
  messages?: MessageOverrides | undefined
  /** Drops our classes; behaviour and data attributes stay. */
  unstyled?: boolean | undefined
}

interface VerifyContextValue {
  verification: VerificationSessionState
  state: VerifyButtonState
  mode: 'redirect' | 'popup'
  t: Translate<VerifyButtonMessageKey>
  unstyled: boolean | undefined
  /** Issues found by the environment check, waiting for the person's choice; else null. */
  notice: readonly EnvironmentIssue[] | null
  dismissNotice: () => void
  /** The trigger, for focus to come back to when the notice closes. */
  triggerRef: { current: HTMLElement | null }
  /** Starts (or restarts) the verification; `force` skips the environment check. */
  begin: (force?: boolean) => void
}

const VerifyContext = createContext<VerifyContextValue | null>(null)

function useVerify(part: string): VerifyContextValue {
  const value = useContext(VerifyContext)
  if (!value) throw new Error(`<VerifyButton.${part}> must be inside <VerifyButton.Root>.`)
  return value
}

/** Props of {@link VerifyButton.Root}: its options and a `div`'s props. */
export interface VerifyButtonRootProps
  extends VerifyButtonRootOptions, Omit<ComponentPropsWithRef<'div'>, 'onError'> {}

function Root({
  mode = 'redirect',
  returnTo,
  navigate,
  onVerified,
  onError,
  checkEnvironment = checkVerificationEnvironment,
  messages,
  unstyled,
  className,
  children,
  ...rest
}: VerifyButtonRootProps) {
  const { requestedLocale } = useUIContext()
  const verification = useVerificationSession({
    mode,
    locale: requestedLocale,
    returnTo,
    navigate,
    onVerified,
    onError,
  })
  const t = useTranslate(verifyButtonMessages, messages)
  const [notice, setNotice] = useState<readonly EnvironmentIssue[] | null>(null)
  const triggerRef = useRef<HTMLElement | null>(null)
  const state: VerifyButtonState = verification.isLoading
    ? 'loading'
    : verification.status === 'idle' && verification.error
      ? 'error'
      : verification.status

  // Called straight from a click, so a popup opens within the person's gesture.
  const begin = (force = false) => {
    const issues = force || !checkEnvironment ? [] : checkEnvironment()
    if (issues.length > 0) {
      setNotice(issues)
      return
    }
    setNotice(null)
    verification.start()
  }

  return (
    <VerifyContext.Provider
      value={{
        verification,
        state,
        mode,
        t,
        unstyled,
        notice,
        dismissNotice: () => {
          setNotice(null)
          triggerRef.current?.focus()
        },
        triggerRef,
        begin,
      }}
    >
      <div {...rest} data-state={state} className={lk(unstyled, 'lk-root lk-verify', className)}>
        {children}
      </div>
    </VerifyContext.Provider>
  )
}

/** Props of {@link VerifyButton.Trigger}. */
export interface VerifyButtonTriggerProps extends ComponentPropsWithRef<'button'> {
  /** Default `medium`. */
  size?: 'small' | 'medium' | 'large' | undefined
  /** Default `primary`. */
  variant?: 'primary' | 'secondary' | undefined
  /**
   * Renders your element (a link, your design system's button) in place of ours, with our
   * props, state and label; give it a single element child.
   */
  asChild?: boolean | undefined
}

const TRIGGER_LABEL: Record<VerifyButtonState, VerifyButtonMessageKey> = {
  loading: 'verify.loading',
  idle: 'verify.idle',
  error: 'verify.failed',
  starting: 'verify.starting',
  pending: 'verify.restart',
  verified: 'verify.verified',
  failed: 'verify.failed',
  expired: 'verify.expired',
}

function Trigger({
  size = 'medium',
  variant = 'primary',
  asChild,
  className,
  children,
  onClick,
  ref,
  ...rest
}: VerifyButtonTriggerProps) {
  const { state, t, unstyled, begin, triggerRef } = useVerify('Trigger')
  const busy = state === 'loading' || state === 'starting'
  const done = state === 'verified'
  const label = (
    <>
      {busy && <span className={lk(unstyled, 'lk-spinner')} aria-hidden="true" />}
      {done && <CheckIcon />}
      {t(TRIGGER_LABEL[state])}
    </>
  )
  const props = {
    ...rest,
    ref: (node: HTMLButtonElement | null) => {
      triggerRef.current = node
      if (typeof ref === 'function') ref(node)
      else if (ref) ref.current = node
    },
    'data-state': state,
    'data-size': size,
    'data-variant': variant,
    'aria-busy': busy || undefined,
    // Stays focusable while it cannot act, so its label is still read out.
    'aria-disabled': busy || done || undefined,
    className: lk(unstyled, 'lk-button lk-verify-trigger', className),
    onClick: (event: MouseEvent<HTMLButtonElement>) => {
      onClick?.(event)
      if (event.defaultPrevented || busy || done) return
      begin()
    },
  }
  if (asChild && isValidElement(children)) {
    return (
      <Slot.Root {...props}>
        {cloneElement(children as ReactElement<{ children?: ReactNode }>, undefined, label)}
      </Slot.Root>
    )
  }
  return (
    <button type="button" {...props}>
      {label}
    </button>
  )
}

/** Props of {@link VerifyButton.Status}. */
export type VerifyButtonStatusProps = ComponentPropsWithRef<'div'>

function reasonKey(code: string | null): VerifyButtonMessageKey {
  const key = `verify.reason.${code ?? 'other'}`
  return key in verifyButtonMessages.en ? (key as VerifyButtonMessageKey) : 'verify.reason.other'
}

function Status({ className, ...rest }: VerifyButtonStatusProps) {
  const { state, mode, verification, t, unstyled } = useVerify('Status')
  let content: ReactNode = null
  if (state === 'pending') {
    content = (
      <>
        <strong>{t('verify.pending')}</strong> {t(`verify.pendingHint.${mode}`)}
      </>
    )
  } else if (state === 'verified') {
    content = t('verify.verifiedHint')
  } else if (state === 'failed' || state === 'expired' || state === 'error') {
    const title =
      state === 'failed'
        ? verification.reasonCode === 'cancelled'
          ? 'verify.cancelledTitle'
          : 'verify.failedTitle'
        : state === 'expired'
          ? 'verify.expiredTitle'
          : 'verify.errorTitle'
    const code = state === 'error' ? (verification.error?.code ?? null) : verification.reasonCode
    content = (
      <>
        <strong>{t(title)}</strong> {t(reasonKey(code))}
      </>
    )
  }
  // Always rendered, so screen readers are already listening when the text changes.
  return (
    <div
      role="status"
      {...rest}
      data-state={state}
      className={lk(unstyled, 'lk-verify-status', className)}
    >
      {content}
    </div>
  )
}

/** Props of {@link VerifyButton.Cancel}. */
export type VerifyButtonCancelProps = ComponentPropsWithRef<'button'>

function Cancel({ className, onClick, ...rest }: VerifyButtonCancelProps) {
  const { state, verification, t, unstyled } = useVerify('Cancel')
  if (state !== 'pending') return null
  return (
    <button
      type="button"
      {...rest}
      data-variant="ghost"
      data-size="small"
      className={lk(unstyled, 'lk-button lk-verify-cancel', className)}
      onClick={(event) => {
        onClick?.(event)
        if (!event.defaultPrevented) verification.cancel()
      }}
    >
      {t('verify.cancel')}
    </button>
  )
}

/** Props of {@link VerifyButton.EnvironmentNotice}. */
export type VerifyButtonEnvironmentNoticeProps = ComponentPropsWithRef<'div'>

function EnvironmentNotice({ className, ...rest }: VerifyButtonEnvironmentNoticeProps) {
  const { notice, t, unstyled, begin, dismissNotice, triggerRef } = useVerify('EnvironmentNotice')
  const [copied, setCopied] = useState(false)
  if (!notice) return null
  // The clipboard is missing on insecure pages; the button is then left out.
  const canCopy = 'clipboard' in navigator
  const copy = () => {
    void navigator.clipboard.writeText(location.href).then(() => {
      setCopied(true)
    })
  }
  return (
    <div
      role="alert"
      {...rest}
      data-tone="warning"
      className={lk(unstyled, 'lk-alert lk-verify-notice', className)}
    >
      <div>
        <strong>{t('verify.env.title')}</strong>
        {notice.map((issue) => (
          <p key={issue}>{t(`verify.env.${issue}`)}</p>
        ))}
        {copied && <p>{t('verify.env.copied')}</p>}
        <div className={lk(unstyled, 'lk-verify-notice-actions')}>
          <button
            type="button"
            data-variant="secondary"
            data-size="small"
            className={lk(unstyled, 'lk-button')}
            onClick={() => {
              triggerRef.current?.focus()
              begin(true)
            }}
          >
            {t('verify.env.continue')}
          </button>
          {canCopy && notice.includes('in_app') && (
            <button
              type="button"
              data-variant="secondary"
              data-size="small"
              className={lk(unstyled, 'lk-button')}
              onClick={copy}
            >
              {t('verify.env.copy')}
            </button>
          )}
          <button
            type="button"
            data-variant="ghost"
            data-size="small"
            className={lk(unstyled, 'lk-button')}
            onClick={dismissNotice}
          >
            {t('verify.env.dismiss')}
          </button>
        </div>
      </div>
    </div>
  )
}

function CheckIcon() {
  return (
    <svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path
        d="M3 8.5l3.2 3L13 4.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  )
}

/**
 * Props of {@link VerifyButton}: the root's options, and the trigger button's props (size,
 * variant, `asChild`, anything a `button` takes).
 */
export interface VerifyButtonProps
  extends VerifyButtonRootOptions, Omit<VerifyButtonTriggerProps, 'onError'> {}

/**
 * The person's liveness verification in one button: every state has a visible label and an
 * announced status line (starting, waiting for them to finish, verified with a check, failed
 * with the reason and a retry, expired with a fresh start, plus a cancel while waiting). Before
 * sending them to the liveness page it checks for HTTPS, a camera and in-app browsers, and
 * shows guidance instead of a dead end. The locale of `LikenessUIProvider` is passed on to the
 * liveness page.
 *
 * Built from parts a host can rearrange: `VerifyButton.Root` (state and options),
 * `.Trigger` (the button; `asChild`), `.Status` (a polite live region), `.Cancel`,
 * `.EnvironmentNotice`. Every part carries `data-state` ({@link VerifyButtonState}); the
 * trigger also `data-size` and `data-variant`.
 *
 * @example
 * ```tsx
 * <VerifyButton mode="popup" onVerified={() => navigate('/studio')} />
 *
 * <VerifyButton.Root mode="popup">
 *   <VerifyButton.Trigger asChild><a href="#verify" /></VerifyButton.Trigger>
 *   <VerifyButton.Status />
 * </VerifyButton.Root>
 * ```
 */
function VerifyButton({
  mode,
  returnTo,
  navigate,
  onVerified,
  onError,
  checkEnvironment,
  messages,
  unstyled,
  ...trigger
}: VerifyButtonProps) {
  return (
    <Root
      mode={mode}
      returnTo={returnTo}
      navigate={navigate}
      onVerified={onVerified}
      onError={onError}
      checkEnvironment={checkEnvironment}
      messages={messages}
      unstyled={unstyled}
    >
      <div className={lk(unstyled, 'lk-verify-row')}>
        <Trigger {...trigger} />
        <Cancel />
      </div>
      <EnvironmentNotice />
      <Status />
    </Root>
  )
}

// The parts are attached to the button in index.ts.
export {
  VerifyButton as VerifyButtonDefault,
  Root as VerifyButtonRoot,
  Trigger as VerifyButtonTrigger,
  Status as VerifyButtonStatus,
  Cancel as VerifyButtonCancel,
  EnvironmentNotice as VerifyButtonEnvironmentNotice,
}
