// Placeholder with the final props; the full component replaces it.
import type { LikenessError, VerificationSession } from '@likeness/core'
import { useVerificationSession } from '@likeness/react'
import type { ComponentPropsWithRef } from 'react'
import type { MessageOverrides } from '../i18n.tsx'

export interface VerifyButtonProps
  extends Omit<ComponentPropsWithRef<'button'>, 'onError' | 'children'> {
  mode?: 'redirect' | 'popup' | undefined
  size?: 'small' | 'medium' | 'large' | undefined
  variant?: 'primary' | 'secondary' | undefined
  onVerified?: ((session: VerificationSession) => void) | undefined
  onError?: ((error: LikenessError) => void) | undefined
  navigate?: ((url: string) => void) | undefined
  returnTo?: string | undefined
  asChild?: boolean | undefined
  unstyled?: boolean | undefined
  messages?: MessageOverrides | undefined
}

export function VerifyButton({ mode, navigate, onVerified, onError }: VerifyButtonProps) {
  const { status, start } = useVerificationSession({ mode, navigate, onVerified, onError })
  return (
    <button type="button" onClick={start}>
      {status}
    </button>
  )
}
