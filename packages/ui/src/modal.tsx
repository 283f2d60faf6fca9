import {
  useEffect,
  useId,
  useRef,
  type ComponentPropsWithRef,
  type MouseEvent,
  type ReactNode,
  type RefObject,
} from 'react'
import { createPortal } from 'react-dom'
import { lk } from './class-names.ts'
import { composeEventHandlers } from './primitives/compose-event-handlers.ts'
import { useComposedRefs } from './primitives/compose-refs.ts'

// The dialog's own handling keeps `open` the caller's to decide, whatever the host's did.
const always = { checkForDefaultPrevented: false }

/**
 * Props of {@link Modal}: those of its `<dialog>` element, and who owns `open`.
 *
 * @example
 * ```tsx
 * const props: ModalProps = { open, onOpenChange: setOpen, title: 'Delete?', role: 'alertdialog' }
 * ```
 */
export interface ModalProps extends Omit<
  ComponentPropsWithRef<'dialog'>,
  'open' | 'role' | 'title'
> {
  /** Whether the dialog is shown; the caller owns it, Escape and the backdrop only ask. */
  open: boolean
  /** Names the dialog: an `<h2>` it is labelled by. */
  title: ReactNode
  /** Says what it is about: a `<p>` it is described by. */
  description?: ReactNode
  /** Called with `false` when the person asks to close (Escape, or a click on the backdrop). */
  onOpenChange: (open: boolean) => void
  /** `alertdialog` asks for a decision: a click on the backdrop does not close it. */
  role?: 'dialog' | 'alertdialog' | undefined
  /** Takes focus once the dialog shows; by default the browser picks the first focusable. */
  initialFocus?: RefObject<HTMLElement | null> | undefined
  /**
   * Where focus goes once the dialog closes: an element, or a function that moves it itself.
   * Default: the element that had focus when the dialog opened.
   */
  returnFocus?: HTMLElement | null | (() => void) | undefined
  /** Renders the dialog into this element (nothing while it is `null`); default: in place. */
  container?: Element | null | undefined
  /** Drops our classes (behaviour stays). */
  unstyled?: boolean | undefined
}

/**
 * A modal dialog on the platform's `<dialog>` (`showModal()`): the page behind is inert and the
 * dialog sits in the top layer, with no focus trap, scroll lock or injected styles of ours, so
 * it works under a strict Content-Security-Policy. Its title, description and children render
 * only while open.
 *
 * Data attributes: `data-state` (`open`, `closed`).
 *
 * @example
 * ```tsx
 * <Modal open={open} onOpenChange={setOpen} title="Settings" description="Saved as you go.">
 *   <button type="button" onClick={() => setOpen(false)}>Close</button>
 * </Modal>
 * ```
 */
export function Modal({
  open,
  onOpenChange,
  title,
  description,
  role = 'dialog',
  initialFocus,
  returnFocus,
  container,
  unstyled,
  className,
  children,
  ref,
  onCancel,
  onClose,
  onKeyDown,
  onPointerDown,
  onClick,
  ...props
}: ModalProps) {
  const id = useId()
  const self = useRef<HTMLDialogElement | null>(null)
  const composedRef = useComposedRefs(self, ref)
  const pressedOutside = useRef(false)
  // The effect below reads these when the dialog closes, after the render that closed it.
  const latest = useRef({ open, initialFocus, returnFocus })
  latest.current = { open, initialFocus, returnFocus }

  useEffect(() => {
    const dialog = self.current
    if (!open || !dialog) return
    const previous = document.activeElement
    if (!dialog.open) dialog.showModal()
    latest.current.initialFocus?.current?.focus()
    return () => {
      dialog.close()
      const back = latest.current.returnFocus
      // After the commit's other effects: the element to focus may only register itself there.
      queueMicrotask(() => {
        if (typeof back === 'function') back()
        else if (back) back.focus()
        else if (previous instanceof HTMLElement && previous.isConnected) previous.focus()
      })
    }
  }, [open, container])

  // A click on the backdrop lands on the dialog itself, outside its box (padding is inside).
  const outside = (event: MouseEvent<HTMLDialogElement>) => {
    const box = event.currentTarget.getBoundingClientRect()
    return (
      event.target === event.currentTarget &&
      (event.clientX < box.left ||
        event.clientX > box.right ||
        event.clientY < box.top ||
        event.clientY > box.bottom)
    )
  }

  const dialog = (
    <dialog
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-description` : undefined}
      {...props}
      ref={composedRef}
      role={role === 'alertdialog' ? role : undefined}
      className={lk(unstyled, 'lk-dialog-content', className)}
      data-state={open ? 'open' : 'closed'}
      onCancel={composeEventHandlers(
        onCancel,
        (event) => {
          // Escape only asks; the dialog closes when the caller sets `open` to false.
          event.preventDefault()
          onOpenChange(false)
        },
        always,
      )}
      onClose={composeEventHandlers(
        onClose,
        (event) => {
          // The browser may close it anyway (a second Escape with no click between cannot be
          // refused): show it again and ask, so `open` still decides.
          if (latest.current.open && !event.currentTarget.open) {
            event.currentTarget.showModal()
            onOpenChange(false)
          }
        },
        always,
      )}
      onKeyDown={composeEventHandlers(onKeyDown, (event) => {
        // Handled here too, not only as `cancel`: a script's synthetic Escape (a test, a host's
        // shortcut) never reaches the browser's close request. Taking it here spares the
        // browser's own, so the dialog asks once.
        if (event.key !== 'Escape' || event.nativeEvent.isComposing) return
        event.preventDefault()
        onOpenChange(false)
      })}
      onPointerDown={composeEventHandlers(
        onPointerDown,
        (event) => {
          // Only a press that also started on the backdrop closes (not a text selection
          // dragged out of the box).
          pressedOutside.current = outside(event)
        },
        always,
      )}
      onClick={composeEventHandlers(
        onClick,
        (event) => {
          if (role === 'dialog' && pressedOutside.current && outside(event)) onOpenChange(false)
          pressedOutside.current = false
        },
        always,
      )}
    >
      {open && (
        <>
          <h2 id={`${id}-title`} className={lk(unstyled, 'lk-dialog-title')}>
            {title}
          </h2>
          {description && (
            <p id={`${id}-description`} className={lk(unstyled, 'lk-dialog-description')}>
              {description}
            </p>
          )}
          {children}
        </>
      )}
    </dialog>
  )
  if (container === undefined) return dialog
  return container && createPortal(dialog, container)
}
