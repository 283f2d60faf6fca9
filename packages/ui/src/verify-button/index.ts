import {
  VerifyButtonCancel,
  VerifyButtonDefault,
  VerifyButtonEnvironmentNotice,
  VerifyButtonRoot,
  VerifyButtonStatus,
  VerifyButtonTrigger,
} from './verify-button.tsx'

/**
 * The ready-made verify button (see its props, {@link VerifyButtonProps}), with its parts
 * attached for hosts who arrange their own: `VerifyButton.Root`, `.Trigger`, `.Status`,
 * `.Cancel`, `.EnvironmentNotice`.
 *
 * @example
 * ```tsx
 * <VerifyButton mode="popup" onVerified={() => navigate('/studio')} />
 * ```
 */
// Pure, so a bundler drops the button when a host imports only other components.
export const VerifyButton = /* @__PURE__ */ Object.assign(VerifyButtonDefault, {
  Root: VerifyButtonRoot,
  Trigger: VerifyButtonTrigger,
  Status: VerifyButtonStatus,
  Cancel: VerifyButtonCancel,
  EnvironmentNotice: VerifyButtonEnvironmentNotice,
})

export {
  type VerifyButtonProps,
  type VerifyButtonRootOptions,
  type VerifyButtonRootProps,
  type VerifyButtonTriggerProps,
  type VerifyButtonStatusProps,
  type VerifyButtonCancelProps,
  type VerifyButtonEnvironmentNoticeProps,
  type VerifyButtonState,
  type VerifyButtonSlot,
} from './verify-button.tsx'
export { verifyButtonMessages, type VerifyButtonMessageKey } from './messages.ts'
export {
  checkVerificationEnvironment,
  type EnvironmentIssue,
  type VerificationEnvironment,
} from './environment.ts'
