import { Slot } from 'radix-ui'
import { useId, useRef, useState, type ComponentPropsWithRef } from 'react'
import { lk } from '../class-names.ts'
import { Modal } from '../modal.tsx'
import { assignRef, useGalleryPart } from './asset-gallery-root.tsx'
import { Icon } from './icons.tsx'

/**
 * Props of {@link AssetGalleryDeleteAllButton}: those of its trigger button.
 *
 * @example
 * ```tsx
 * const props: AssetGalleryDeleteAllButtonProps = { onDeleted: () => navigate('/') }
 * ```
 */
export interface AssetGalleryDeleteAllButtonProps extends ComponentPropsWithRef<'button'> {
  /** Renders your own trigger element (Radix `Slot`). */
  asChild?: boolean | undefined
  /** Called once everything was deleted. */
  onDeleted?: (() => void) | undefined
}

/**
 * "Delete all my likeness data": every asset, the group and the verification, behind a
 * confirmation in which the person types a word (`gallery.deleteAll.word`: DELETE, 删除)
 * before the button works. A failure is shown in the dialog, which stays open. The dialog is
 * a modal `<dialog>` with the `alertdialog` role, rendered in the gallery's root. Renders
 * nothing until the person is verified.
 *
 * Data attributes: `data-state` (`open`, `closed`) on the trigger and the dialog.
 *
 * @example
 * ```tsx
 * <AssetGallery.Root>
 *   <AssetGallery.DeleteAllButton onDeleted={() => toast('Everything was deleted')} />
 * </AssetGallery.Root>
 * ```
 */
export function AssetGalleryDeleteAllButton({
  asChild = false,
  onDeleted,
  className,
  children,
  ref,
  onClick,
  ...props
}: AssetGalleryDeleteAllButtonProps) {
  const gallery = useGalleryPart('DeleteAllButton')
  const { t, unstyled, assets, deletion } = gallery
  const [open, setOpen] = useState(false)
  const [typed, setTyped] = useState('')
  const pending = deletion.isDeletingAll
  // A failure of "delete everything" (a single asset's failure is the gallery's to show).
  const error = open && deletion.failure?.asset === null ? deletion.failure.error : null
  const input = useRef<HTMLInputElement>(null)
  const trigger = useRef<HTMLButtonElement | null>(null)
  const id = useId()
  const word = t('gallery.deleteAll.word')
  const matches = typed.trim().toLocaleUpperCase() === word.toLocaleUpperCase()

  const change = (next: boolean) => {
    if (pending) return
    setOpen(next)
    setTyped('')
    deletion.dismissFailure()
  }

  // The trigger stays mounted while the dialog is open: after success it leaves with the
  // verification, and focus goes to the gallery instead.
  if (!assets.isVerified && !open) return null
  const Trigger = asChild ? Slot.Root : 'button'
  return (
    <>
      {assets.isVerified && (
        <Trigger
          type={asChild ? undefined : 'button'}
          aria-haspopup="dialog"
          aria-expanded={open}
          aria-controls={`${id}-dialog`}
          data-state={open ? 'open' : 'closed'}
          ref={(element: HTMLButtonElement | null) => {
            trigger.current = element
            assignRef(ref, element)
          }}
          className={lk(unstyled, 'lk-button lk-gallery-delete-all', className)}
          data-variant="ghost"
          {...props}
          onClick={(event) => {
            onClick?.(event)
            if (!event.defaultPrevented) change(!open)
          }}
        >
          {children ?? (
            <>
              <Icon name="trash" />
              {t('gallery.deleteAll.trigger')}
            </>
          )}
        </Trigger>
      )}
      <Modal
        id={`${id}-dialog`}
        role="alertdialog"
        open={open}
        onOpenChange={change}
        container={gallery.container}
        unstyled={unstyled}
        title={t('gallery.deleteAll.title')}
        description={t('gallery.deleteAll.body')}
        initialFocus={input}
        returnFocus={() => {
          if (trigger.current?.isConnected) trigger.current.focus()
          else gallery.restoreFocus()
        }}
      >
        <form
          onSubmit={(event) => {
            event.preventDefault()
            if (!matches || pending) return
            void deletion.removeAll().then((deleted) => {
              if (!deleted) return
              setOpen(false)
              setTyped('')
              onDeleted?.()
            })
          }}
        >
          <label className={lk(unstyled, 'lk-label')} htmlFor={`${id}-word`}>
            {t('gallery.deleteAll.prompt', { word })}
          </label>
          <input
            ref={input}
            id={`${id}-word`}
            className={lk(unstyled, 'lk-field lk-gallery-confirm-input')}
            value={typed}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => {
              setTyped(event.target.value)
            }}
          />
          {error && (
            <p id={`${id}-error`} role="alert" className={lk(unstyled, 'lk-error-text')}>
              {t('gallery.deleteAll.failed', { reason: gallery.describeError(error) })}
            </p>
          )}
          <div className={lk(unstyled, 'lk-dialog-actions')}>
            <button
              type="button"
              className={lk(unstyled, 'lk-button')}
              data-variant="secondary"
              onClick={() => {
                change(false)
              }}
            >
              {t('gallery.cancel')}
            </button>
            <button
              type="submit"
              className={lk(unstyled, 'lk-button')}
              data-variant="danger"
              disabled={!matches || pending}
            >
              {pending && <span className={lk(unstyled, 'lk-spinner')} aria-hidden />}
              {t(pending ? 'gallery.deleteAll.pending' : 'gallery.deleteAll.confirm')}
            </button>
          </div>
        </form>
      </Modal>
    </>
  )
}
