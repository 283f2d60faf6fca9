import type { LikenessError, VerificationSession } from '@likeness/core'
import {
  useVerificationSession,
  type VerificationHookStatus,
  type VerificationSessionState,
} from '@likeness/react'
import {
  cloneElement,
  isValidElement,
  useMemo,
  useRef,
  useState,
  type ComponentPropsWithRef,
  type CSSProperties,
  type ReactElement,
  type ReactNode,
} from 'react'
import { useTranslate, useUIContext, type MessageOverrides, type Translate } from '../i18n.tsx'
import { Button } from '../primitives/button.tsx'
import { composeEventHandlers } from '../primitives/compose-event-handlers.ts'
import { useComposedRefs } from '../primitives/compose-refs.ts'
import { createPartContext } from '../primitives/part-context.ts'
import { useSlots, type GetSlotProps, type SlotProps } from '../primitives/slots.ts'
import { checkVerificationEnvironment, type EnvironmentIssue } from './environment.ts'
import { verifyButtonMessages, type VerifyButtonMessageKey } from './messages.ts'

/**
 * What a verify button shows, as `data-state` on every part: `loading` (not known yet), then
 * the hook's status (`idle`, `starting`, `pending`, `verified`, `failed`, `expired`), or
 * `error` when starting failed.
 */
export type VerifyButtonState = 'loading' | 'error' | VerificationHookStatus

/**
 * The parts of a verify button, by the names `classNames` and `styles` take (on
 * {@link VerifyButton} or {@link VerifyButton.Root}); our classes in brackets:
 *
 * - `root`: the `<div>` of `VerifyButton.Root` (`lk-root lk-verify`)
 * - `row`: the `<div>` around the trigger and cancel in the ready-made `VerifyButton`
 *   (`lk-verify-row`)
 * - `trigger`: the `<button>` of `VerifyButton.Trigger`, or your element with `asChild`
 *   (`lk-button lk-verify-trigger`)
 * - `spinner`: the `<span>` spinning in the trigger while loading or starting (`lk-spinner`)
 * - `checkIcon`: the check `<svg>` in the trigger once verified (none)
 * - `status`: the `<div role="status">` of `VerifyButton.Status` (`lk-verify-status`)
 * - `cancel`: the `<button>` of `VerifyButton.Cancel` (`lk-button lk-verify-cancel`)
 * - `notice`: the `<div role="alert">` of `VerifyButton.EnvironmentNotice`
 *   (`lk-alert lk-verify-notice`)
 * - `noticeActions`: the `<div>` of the notice's buttons (`lk-verify-notice-actions`)
 * - `noticeButton`: each of those `<button>`s: continue anyway, copy the link, not now
 *   (`lk-button`)
 *
 * @example
 * ```tsx
 * <VerifyButton classNames={{ trigger: 'btn btn-primary' }} styles={{ status: { marginTop: 8 } }} />
 * ```
 */
export type VerifyButtonSlot =
  | 'root'
  | 'row'
  | 'trigger'
  | 'spinner'
  | 'checkIcon'
  | 'status'
  | 'cancel'
  | 'notice'
  | 'noticeActions'
  | 'noticeButton'

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
  /** Drops our classes; behaviour, data attributes and your `classNames` and `styles` stay. */
  unstyled?: boolean | undefined
  /**
   * A class to add to parts by slot name ({@link VerifyButtonSlot}), after ours and before
   * the part's own `className`.
   */
  classNames?: Partial<Record<VerifyButtonSlot, string>> | undefined
  /**
   * Inline styles for parts by slot name ({@link VerifyButtonSlot}), merged over the part's
   * own `style`.
   */
  styles?: Partial<Record<VerifyButtonSlot, CSSProperties>> | undefined
}

interface VerifyContextValue {
  verification: VerificationSessionState
  state: VerifyButtonState
  mode: 'redirect' | 'popup'
  t: Translate<VerifyButtonMessageKey>
  unstyled: boolean | undefined
  slotProps: GetSlotProps<VerifyButtonSlot>
  /** Issues found by the environment check, waiting for the person's choice; else null. */
  notice: readonly EnvironmentIssue[] | null
  dismissNotice: () => void
  /** The trigger, for focus to come back to when the notice closes. */
  triggerRef: { current: HTMLElement | null }
  /** Starts (or restarts) the verification; `force` skips the environment check. */
  begin: (force?: boolean) => void
}

const [VerifyContext, useVerify] = createPartContext<VerifyContextValue>('VerifyButton')

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
  classNames,
  styles,
  className,
  style,
  children,
  ...rest
}: VerifyButtonRootProps) {
  const { requestedLocale } = useUIContext()
  const slotProps = useSlots<VerifyButtonSlot>({ unstyled, classNames, styles })
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

  const value = useMemo<VerifyContextValue>(
    () => ({
      verification,
      state,
      mode,
      t,
      unstyled,
      slotProps,
      notice,
      dismissNotice: () => {
        setNotice(null)
        triggerRef.current?.focus()
      },
      triggerRef,
      // Called straight from a click, so a popup opens within the person's gesture.
      begin: (force = false) => {
        const issues = force || !checkEnvironment ? [] : checkEnvironment()
        if (issues.length > 0) {
          setNotice(issues)
          return
        }
        setNotice(null)
        verification.start()
      },
    }),
    [verification, state, mode, t, unstyled, slotProps, notice, checkEnvironment],
  )

  return (
    <VerifyContext.Provider value={value}>
      <div
        {...rest}
        data-state={state}
        {...slotProps('root', 'lk-root lk-verify', { className, style })}
      >
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
  style,
  children,
  onClick,
  ref,
  ...rest
}: VerifyButtonTriggerProps) {
  const { state, t, unstyled, slotProps, begin, triggerRef } = useVerify('Trigger')
  const composedRef = useComposedRefs(triggerRef, ref)
  const busy = state === 'loading' || state === 'starting'
  const done = state === 'verified'
  const label = (
    <>
      {busy && <span {...slotProps('spinner', 'lk-spinner')} aria-hidden="true" />}
      {done && <CheckIcon {...slotProps('checkIcon')} />}
      {t(TRIGGER_LABEL[state])}
    </>
  )
  const slotted = asChild && isValidElement(children)
  return (
    <Button
      {...rest}
      ref={composedRef}
      asChild={slotted}
      size={size}
      variant={variant}
      unstyled={unstyled}
      data-state={state}
      aria-busy={busy || undefined}
      // Stays focusable while it cannot act, so its label is still read out.
      aria-disabled={busy || done || undefined}
      {...slotProps('trigger', 'lk-verify-trigger', { className, style })}
      onClick={composeEventHandlers(onClick, () => {
        if (!busy && !done) begin()
      })}
    >
      {slotted
        ? cloneElement(children as ReactElement<{ children?: ReactNode }>, undefined, label)
        : label}
    </Button>
  )
}

/** Props of {@link VerifyButton.Status}. */
export type VerifyButtonStatusProps = ComponentPropsWithRef<'div'>

function reasonKey(code: string | null): VerifyButtonMessageKey {
  const key = `verify.reason.${code ?? 'other'}`
  return key in verifyButtonMessages.en ? (key as VerifyButtonMessageKey) : 'verify.reason.other'
}

function Status({ className, style, ...rest }: VerifyButtonStatusProps) {
  const { state, mode, verification, t, slotProps } = useVerify('Status')
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
      {...slotProps('status', 'lk-verify-status', { className, style })}
    >
      {content}
    </div>
  )
}

/** Props of {@link VerifyButton.Cancel}. */
export type VerifyButtonCancelProps = ComponentPropsWithRef<'button'>

function Cancel({ className, style, onClick, ...rest }: VerifyButtonCancelProps) {
  const { state, verification, t, unstyled, slotProps } = useVerify('Cancel')
  if (state !== 'pending') return null
  return (
    <Button
      {...rest}
      variant="ghost"
      size="small"
      unstyled={unstyled}
      {...slotProps('cancel', 'lk-verify-cancel', { className, style })}
      onClick={composeEventHandlers(onClick, () => {
        verification.cancel()
      })}
    >
      {t('verify.cancel')}
    </Button>
  )
}

/** Props of {@link VerifyButton.EnvironmentNotice}. */
export type VerifyButtonEnvironmentNoticeProps = ComponentPropsWithRef<'div'>

function EnvironmentNotice({ className, style, ...rest }: VerifyButtonEnvironmentNoticeProps) {
  const { notice, t, unstyled, slotProps, begin, dismissNotice, triggerRef } =
    useVerify('EnvironmentNotice')
  const [copied, setCopied] = useState(false)
  if (!notice) return null
  // The clipboard is missing on insecure pages; the button is then left out.
  const canCopy = 'clipboard' in navigator
  const copy = () => {
    void navigator.clipboard.writeText(location.href).then(() => {
      setCopied(true)
    })
  }
  const action = {
    variant: 'secondary',
    size: 'small',
    unstyled,
    ...slotProps('noticeButton'),
  } as const
  return (
    <div
      role="alert"
      {...rest}
      data-tone="warning"
      {...slotProps('notice', 'lk-alert lk-verify-notice', { className, style })}
    >
      <div>
        <strong>{t('verify.env.title')}</strong>
        {notice.map((issue) => (
          <p key={issue}>{t(`verify.env.${issue}`)}</p>
        ))}
        {copied && <p>{t('verify.env.copied')}</p>}
        <div {...slotProps('noticeActions', 'lk-verify-notice-actions')}>
          <Button
            {...action}
            onClick={() => {
              triggerRef.current?.focus()
              begin(true)
            }}
          >
            {t('verify.env.continue')}
          </Button>
          {canCopy && notice.includes('in_app') && (
            <Button {...action} onClick={copy}>
              {t('verify.env.copy')}
            </Button>
          )}
          <Button {...action} variant="ghost" onClick={dismissNotice}>
            {t('verify.env.dismiss')}
          </Button>
        </div>
      </div>
    </div>
  )
}

function CheckIcon(props: SlotProps) {
  return (
    <svg
      {...props}
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
    >
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
 * trigger also `data-size` and `data-variant`. `classNames` and `styles` restyle any part by
 * its slot name ({@link VerifyButtonSlot}).
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
  classNames,
  styles,
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
      classNames={classNames}
      styles={styles}
    >
      <Row>
        <Trigger {...trigger} />
        <Cancel />
      </Row>
      <EnvironmentNotice />
      <Status />
    </Root>
  )
}

/** The ready-made button's row of trigger and cancel. */
function Row({ children }: { children: ReactNode }) {
  const { slotProps } = useVerify('Root')
  return <div {...slotProps('row', 'lk-verify-row')}>{children}</div>
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
