import { useId, useRef, useState, type ComponentPropsWithRef } from 'react'
import { Modal } from '../modal.tsx'
import { Button } from '../primitives/button.tsx'
import { composeEventHandlers } from '../primitives/compose-event-handlers.ts'
import { useComposedRefs } from '../primitives/compose-refs.ts'
import { useGalleryPart } from './asset-gallery-root.tsx'
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
  style,
  children,
  ref,
  onClick,
  ...props
}: AssetGalleryDeleteAllButtonProps) {
  const gallery = useGalleryPart('DeleteAllButton')
  const { t, unstyled, slotProps, assets, deletion } = gallery
  const [open, setOpen] = useState(false)
  const [typed, setTyped] = useState('')
  const pending = deletion.isDeletingAll
  // A failure of "delete everything" (a single asset's failure is the gallery's to show).
  const error = open && deletion.failure?.asset === null ? deletion.failure.error : null
  const input = useRef<HTMLInputElement>(null)
  const trigger = useRef<HTMLButtonElement | null>(null)
  const triggerRef = useComposedRefs(trigger, ref)
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
  const button = { unstyled, ...slotProps('dialogButton') }
  return (
    <>
      {assets.isVerified && (
        <Button
          aria-haspopup="dialog"
          aria-expanded={open}
          aria-controls={`${id}-dialog`}
          data-state={open ? 'open' : 'closed'}
          {...props}
          ref={triggerRef}
          asChild={asChild}
          variant="ghost"
          unstyled={unstyled}
          {...slotProps('deleteAllButton', 'lk-gallery-delete-all', { className, style })}
          onClick={composeEventHandlers(onClick, () => {
            change(!open)
          })}
        >
          {children ?? (
            <>
              <Icon name="trash" />
              {t('gallery.deleteAll.trigger')}
            </>
          )}
        </Button>
      )}
      <Modal
        id={`${id}-dialog`}
        role="alertdialog"
        open={open}
        onOpenChange={change}
        container={gallery.container}
        unstyled={unstyled}
        {...slotProps('deleteAllDialog')}
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
          <label {...slotProps('label', 'lk-label')} htmlFor={`${id}-word`}>
            {t('gallery.deleteAll.prompt', { word })}
          </label>
          <input
            ref={input}
            id={`${id}-word`}
            {...slotProps('control', 'lk-field lk-gallery-confirm-input')}
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
            <p id={`${id}-error`} role="alert" {...slotProps('deleteAllError', 'lk-error-text')}>
              {t('gallery.deleteAll.failed', { reason: gallery.describeError(error) })}
            </p>
          )}
          <div {...slotProps('dialogActions', 'lk-dialog-actions')}>
            <Button
              {...button}
              variant="secondary"
              onClick={() => {
                change(false)
              }}
            >
              {t('gallery.cancel')}
            </Button>
            <Button {...button} type="submit" variant="danger" disabled={!matches || pending}>
              {pending && <span {...slotProps('spinner', 'lk-spinner')} aria-hidden />}
              {t(pending ? 'gallery.deleteAll.pending' : 'gallery.deleteAll.confirm')}
            </Button>
          </div>
        </form>
      </Modal>
    </>
  )
}
