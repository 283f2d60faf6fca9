export {
  VerifyButton,
  type VerifyButtonProps,
  type VerifyButtonRootOptions,
  type VerifyButtonRootProps,
  type VerifyButtonTriggerProps,
  type VerifyButtonStatusProps,
  type VerifyButtonCancelProps,
  type VerifyButtonEnvironmentNoticeProps,
  type VerifyButtonState,
} from './verify-button.tsx'
export { verifyButtonMessages, type VerifyButtonMessageKey } from './messages.ts'
export {
  checkVerificationEnvironment,
  type EnvironmentIssue,
  type VerificationEnvironment,
} from './environment.ts'
