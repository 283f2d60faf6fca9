export {
  LikenessUIProvider,
  resolveLocale,
  type LikenessUIProviderProps,
  type LikenessLocale,
  type MessageCatalog,
  type MessageOverrides,
} from './i18n.tsx'
export {
  VerifyButton,
  verifyButtonMessages,
  checkVerificationEnvironment,
  type VerifyButtonProps,
  type VerifyButtonRootOptions,
  type VerifyButtonRootProps,
  type VerifyButtonTriggerProps,
  type VerifyButtonStatusProps,
  type VerifyButtonCancelProps,
  type VerifyButtonEnvironmentNoticeProps,
  type VerifyButtonState,
  type VerifyButtonMessageKey,
  type EnvironmentIssue,
  type VerificationEnvironment,
} from './verify-button/index.ts'
