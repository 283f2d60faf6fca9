import { toLikenessError, type LikenessError } from '@likeness/core'
import { AlertDialog } from 'radix-ui'
import { useId, useRef, useState, type ComponentPropsWithRef } from 'react'
import { lk } from '../class-names.ts'
import { assignRef, useAssetGallery } from './asset-gallery-root.tsx'
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
 * before the button works. A failure is shown in the dialog, which stays open. Renders
 * nothing until the person is verified.
 *
 * Data attributes: `data-state` (`open`, `closed`) on the trigger and the dialog, from Radix.
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
  ...props
}: AssetGalleryDeleteAllButtonProps) {
  const gallery = useAssetGallery()
  const { t, unstyled, assets } = gallery
  const [open, setOpen] = useState(false)
  const [typed, setTyped] = useState('')
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<LikenessError | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const trigger = useRef<HTMLButtonElement | null>(null)
  const id = useId()
  const word = t('gallery.deleteAll.word')
  const matches = typed.trim().toLocaleUpperCase() === word.toLocaleUpperCase()

  const change = (next: boolean) => {
    if (pending) return
    setOpen(next)
    setTyped('')
    setError(null)
  }

  // The trigger stays mounted while the dialog is open: after success it leaves with the
  // verification, and focus goes to the gallery instead.
  if (!assets.isVerified && !open) return null
  return (
    <AlertDialog.Root open={open} onOpenChange={change}>
      {assets.isVerified && (
        <AlertDialog.Trigger
          asChild={asChild}
          ref={(element) => {
            trigger.current = element
            assignRef(ref, element)
          }}
          className={lk(unstyled, 'lk-button lk-gallery-delete-all', className)}
          data-variant="ghost"
          {...props}
        >
          {children ?? (
            <>
              <Icon name="trash" />
              {t('gallery.deleteAll.trigger')}
            </>
          )}
        </AlertDialog.Trigger>
      )}
      <AlertDialog.Portal container={gallery.container}>
        <AlertDialog.Overlay className={lk(unstyled, 'lk-dialog-overlay')} />
        <AlertDialog.Content
          className={lk(unstyled, 'lk-dialog-content')}
          onOpenAutoFocus={(event) => {
            event.preventDefault()
            input.current?.focus()
          }}
          onCloseAutoFocus={(event) => {
            if (trigger.current?.isConnected) return
            event.preventDefault()
            gallery.restoreFocus()
          }}
        >
          <AlertDialog.Title className={lk(unstyled, 'lk-dialog-title')}>
            {t('gallery.deleteAll.title')}
          </AlertDialog.Title>
          <AlertDialog.Description className={lk(unstyled, 'lk-dialog-description')}>
            {t('gallery.deleteAll.body')}
          </AlertDialog.Description>
          <form
            onSubmit={(event) => {
              event.preventDefault()
              if (!matches || pending) return
              setPending(true)
              setError(null)
              assets.removeAll().then(
                () => {
                  setPending(false)
                  setOpen(false)
                  setTyped('')
                  onDeleted?.()
                },
                (reason: unknown) => {
                  setPending(false)
                  setError(toLikenessError(reason))
                },
              )
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
              <AlertDialog.Cancel className={lk(unstyled, 'lk-button')} data-variant="secondary">
                {t('gallery.cancel')}
              </AlertDialog.Cancel>
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
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  )
}
