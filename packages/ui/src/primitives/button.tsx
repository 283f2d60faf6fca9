import { Slot } from 'radix-ui'
import type { ComponentPropsWithRef } from 'react'
import { lk } from '../class-names.ts'

/**
 * Props of our {@link Button}: a `button`'s, and the look of `.lk-button` in `styles/base.css`.
 *
 * @example
 * ```tsx
 * const props: ButtonProps = { variant: 'ghost', size: 'small', unstyled }
 * ```
 */
export interface ButtonProps extends ComponentPropsWithRef<'button'> {
  /**
   * `data-variant`: `secondary` (outlined), `ghost` (no background), `danger`; left out, the
   * accent look with no attribute (`primary` writes the attribute, for parts that document it).
   */
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger' | undefined
  /** `data-size`: `small`, `large`; left out, the middle size with no attribute. */
  size?: 'small' | 'medium' | 'large' | undefined
  /** Drops `lk-button` (and nothing else: the classes passed in are resolved already). */
  unstyled?: boolean | undefined
  /**
   * Renders the child element instead (Radix `Slot`), with these props merged in; `type` is
   * then passed only when given.
   */
  asChild?: boolean | undefined
}

/**
 * Every button of ours, one place for its markup: `type="button"` unless told otherwise (so it
 * never submits a host's form by accident), `lk-button` before the classes passed in, the
 * variant and size as data attributes, and the ref as a prop. Handlers pass straight through;
 * parts compose the host's with theirs (`composeEventHandlers`).
 *
 * @example
 * ```tsx
 * <Button variant="ghost" size="small" unstyled={unstyled} onClick={cancel}>
 *   Cancel
 * </Button>
 * ```
 */
export function Button({
  variant,
  size,
  unstyled,
  asChild,
  type,
  className,
  ...rest
}: ButtonProps) {
  const Element = asChild ? Slot.Root : 'button'
  return (
    <Element
      {...rest}
      type={asChild ? type : (type ?? 'button')}
      data-variant={variant}
      data-size={size}
      className={lk(unstyled, 'lk-button', className)}
    />
  )
}
