export { VerifyButton, type VerifyButtonProps } from './verify-button.tsx'
