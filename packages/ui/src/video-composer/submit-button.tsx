import type { ComponentPropsWithRef } from 'react'
import { Button } from '../primitives/button.tsx'
import { flag } from './field.tsx'
import { useComposerPart } from './video-composer-root.tsx'

/**
 * Props of {@link VideoComposer.SubmitButton}: a `button`'s props, and `asChild` to render
 * your own element.
 *
 * @example
 * ```tsx
 * const props: VideoComposerSubmitButtonProps = { asChild: true, children: <MyButton /> }
 * ```
 */
export interface VideoComposerSubmitButtonProps extends ComponentPropsWithRef<'button'> {
  /** Renders the child element instead, with the button's props merged in (Radix `Slot`). */
  asChild?: boolean | undefined
}

/**
 * Submits the form (validating it first). Disabled while a job is sent or runs.
 *
 * Data attributes: `data-status` (as on the root), `data-disabled`.
 *
 * @example
 * ```tsx
 * <VideoComposer.SubmitButton asChild>
 *   <button className="cta">Make it</button>
 * </VideoComposer.SubmitButton>
 * ```
 */
export function SubmitButton({
  asChild,
  className,
  style,
  children,
  ...rest
}: VideoComposerSubmitButtonProps) {
  const { job, disabled, t, unstyled, slotProps } = useComposerPart('SubmitButton')
  return (
    <Button
      asChild={asChild}
      type="submit"
      unstyled={unstyled}
      {...slotProps('submitButton', 'lk-composer-submit', { className, style })}
      size="large"
      data-status={job.status}
      data-disabled={flag(disabled)}
      disabled={disabled}
      {...rest}
    >
      {children ??
        (job.status === 'submitting' ? (
          <>
            <span {...slotProps('spinner', 'lk-spinner')} aria-hidden="true" />
            {t('composer.submitting')}
          </>
        ) : (
          t('composer.submit')
        ))}
    </Button>
  )
}
