import { useMemo, type CSSProperties } from 'react'
import { lk } from '../class-names.ts'

/**
 * What a root takes to restyle its parts by slot name, as Mantine's Styles API does: drop our
 * classes, add a class to a slot, set a slot's inline style.
 *
 * @example
 * ```ts
 * const options: SlotStyleOptions<'root' | 'trigger'> = {
 *   classNames: { trigger: 'btn btn-lg' },
 *   styles: { root: { gap: 12 } },
 * }
 * ```
 */
export interface SlotStyleOptions<Slot extends string> {
  /** Drops our classes on every slot; the host's classes and styles stay. */
  unstyled?: boolean | undefined
  /** A class to add to each slot named. */
  classNames?: Partial<Record<Slot, string>> | undefined
  /** Inline style for each slot named, merged over the element's own. */
  styles?: Partial<Record<Slot, CSSProperties>> | undefined
}

/**
 * The class and style of one slot's element, to spread on it.
 *
 * @example
 * ```tsx
 * const props: SlotProps = slotProps('trigger', 'lk-verify-trigger')
 * return <button {...props} />
 * ```
 */
export interface SlotProps {
  className: string | undefined
  style: CSSProperties | undefined
}

/**
 * Resolves a slot: `ours` (our classes, dropped when unstyled), then the host's class for the
 * slot, then the element's own `className`; and the host's style for the slot merged over the
 * element's own `style`.
 *
 * @example
 * ```tsx
 * function Status({ className, style, ...rest }: ComponentPropsWithRef<'div'>) {
 *   const { slotProps } = useVideoComposer()
 *   return <div {...rest} {...slotProps('status', 'lk-composer-status', { className, style })} />
 * }
 * ```
 */
export type GetSlotProps<Slot extends string> = (
  slot: Slot,
  ours?: string,
  own?: { className?: string | undefined; style?: CSSProperties | undefined },
) => SlotProps

/**
 * The slot resolver for a root's `unstyled`, `classNames` and `styles` (see
 * {@link GetSlotProps}).
 *
 * @example
 * ```ts
 * const resolve = slotProps({ unstyled: true, classNames: { root: 'card' } })
 * resolve('root', 'lk-root lk-verify') // { className: 'card', style: undefined }
 * ```
 */
export function slotProps<Slot extends string>({
  unstyled,
  classNames,
  styles,
}: SlotStyleOptions<Slot>): GetSlotProps<Slot> {
  return (slot, ours = '', own = {}) => {
    const theirs = styles?.[slot]
    const classes = [classNames?.[slot], own.className].filter(Boolean).join(' ')
    return {
      className: lk(unstyled, ours, classes),
      style: theirs ? { ...own.style, ...theirs } : own.style,
    }
  }
}

/**
 * {@link slotProps} for a root's props, the same function while they are the same.
 *
 * @example
 * ```tsx
 * const resolve = useSlots<VerifyButtonSlot>({ unstyled, classNames, styles })
 * return <div {...resolve('root', 'lk-root lk-verify', { className, style })} />
 * ```
 */
export function useSlots<Slot extends string>({
  unstyled,
  classNames,
  styles,
}: SlotStyleOptions<Slot>): GetSlotProps<Slot> {
  return useMemo(() => slotProps({ unstyled, classNames, styles }), [unstyled, classNames, styles])
}
