import { useRef, type ComponentPropsWithRef } from 'react'
import { Modal } from '../modal.tsx'
import { Button } from '../primitives/button.tsx'
import { useGalleryPart } from './asset-gallery-root.tsx'
import { Icon } from './icons.tsx'

/**
 * Props of {@link AssetGalleryPreviewDialog}: those of its `<dialog>` element.
 *
 * @example
 * ```tsx
 * const props: AssetGalleryPreviewDialogProps = { className: 'my-preview' }
 * ```
 */
export type AssetGalleryPreviewDialogProps = Omit<
  ComponentPropsWithRef<'dialog'>,
  'open' | 'role' | 'title'
>

/**
 * A larger look at the asset a tile opened (photo, playable video or recording), with its
 * status, when it was added, and buttons to select (when the root allows selection), delete
 * or close. A modal `<dialog>` (Escape or a click on the backdrop closes it); focus returns to
 * the tile after.
 *
 * Data attributes: `data-state` (`open`, `closed`), `data-status` and `data-type` of the asset.
 *
 * @example
 * ```tsx
 * <AssetGallery.Root>
 *   <AssetGallery.Grid />
 *   <AssetGallery.PreviewDialog className="my-preview" />
 * </AssetGallery.Root>
 * ```
 */
export function AssetGalleryPreviewDialog({
  className,
  style,
  ...props
}: AssetGalleryPreviewDialogProps) {
  const gallery = useGalleryPart('PreviewDialog')
  const {
    t,
    unstyled,
    slotProps,
    previewAsset: asset,
    selectionMode,
    selectedIds,
    locale,
  } = gallery
  // Set when the dialog hands over to the delete confirmation, which then owns focus.
  const handedOver = useRef(false)
  const lastId = useRef<string | undefined>(undefined)
  if (asset) lastId.current = asset.id
  const status =
    asset?.status === 'failed' || asset?.status === 'active' ? asset.status : 'processing'
  const reason = asset && gallery.describeAssetError(asset)
  const isSelected = !!asset && selectedIds.includes(asset.id)
  const button = { unstyled, ...slotProps('dialogButton') }
  let added = ''
  if (asset) {
    const date = new Date(asset.createdAt)
    added = Number.isNaN(date.getTime())
      ? ''
      : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
  }

  return (
    <Modal
      {...props}
      open={!!asset}
      onOpenChange={(open) => {
        if (!open) gallery.openPreview(null)
      }}
      title={asset?.name}
      description={
        asset &&
        [
          t(`gallery.type.${asset.type}`),
          t(`gallery.status.${status}`),
          added && t('gallery.preview.added', { date: added }),
        ]
          .filter(Boolean)
          .join(' · ')
      }
      container={gallery.container}
      unstyled={unstyled}
      {...slotProps('previewDialog', 'lk-gallery-preview', { className, style })}
      data-size="large"
      data-status={asset?.status}
      data-type={asset?.type}
      returnFocus={() => {
        if (handedOver.current) handedOver.current = false
        else gallery.restoreFocus(lastId.current)
      }}
    >
      {asset && (
        <>
          <div {...slotProps('previewMedia', 'lk-gallery-preview-media')}>
            {!asset.previewUrl ? (
              <p {...slotProps('hint', 'lk-hint')}>
                <Icon name={asset.type} /> {t('gallery.preview.none')}
              </p>
            ) : asset.type === 'image' ? (
              <img src={asset.previewUrl} alt={asset.name} />
            ) : asset.type === 'video' ? (
              <video src={asset.previewUrl} controls preload="metadata" aria-label={asset.name} />
            ) : (
              <audio src={asset.previewUrl} controls preload="metadata" aria-label={asset.name} />
            )}
          </div>
          {reason && (
            <p {...slotProps('previewReason', 'lk-alert')} data-tone="danger">
              {reason}
            </p>
          )}
          <div {...slotProps('dialogActions', 'lk-dialog-actions')}>
            <Button
              {...button}
              variant="danger"
              onClick={() => {
                handedOver.current = true
                gallery.openPreview(null)
                gallery.askDelete(asset)
              }}
            >
              <Icon name="trash" />
              {t('gallery.preview.delete')}
            </Button>
            {selectionMode !== 'none' && (
              <Button
                {...button}
                variant="secondary"
                aria-pressed={isSelected}
                onClick={() => {
                  gallery.toggleSelected(asset.id)
                }}
              >
                {t(isSelected ? 'gallery.preview.deselect' : 'gallery.preview.select')}
              </Button>
            )}
            <Button
              {...button}
              onClick={() => {
                gallery.openPreview(null)
              }}
            >
              {t('gallery.preview.close')}
            </Button>
          </div>
        </>
      )}
    </Modal>
  )
}

/**
 * Props of {@link AssetGalleryDeleteDialog}: those of its `<dialog>` element.
 *
 * @example
 * ```tsx
 * const props: AssetGalleryDeleteDialogProps = { className: 'my-confirm' }
 * ```
 */
export type AssetGalleryDeleteDialogProps = Omit<
  ComponentPropsWithRef<'dialog'>,
  'open' | 'role' | 'title'
>

/**
 * Asks before one asset is deleted (a modal `<dialog>` with the `alertdialog` role: Cancel has
 * focus first, Escape cancels, a click on the backdrop does nothing). The tile disappears at
 * once; if the server refuses, it comes back and `AssetGallery.DeleteError` says so. Focus
 * returns to the tile, or to its neighbour once it is gone.
 *
 * Data attributes: `data-state` (`open`, `closed`).
 *
 * @example
 * ```tsx
 * <AssetGallery.Root>
 *   <AssetGallery.Grid />
 *   <AssetGallery.DeleteDialog />
 *   <AssetGallery.DeleteError />
 * </AssetGallery.Root>
 * ```
 */
export function AssetGalleryDeleteDialog({
  className,
  style,
  ...props
}: AssetGalleryDeleteDialogProps) {
  const gallery = useGalleryPart('DeleteDialog')
  const { t, unstyled, slotProps, deleteAsset: asset } = gallery
  const button = { unstyled, ...slotProps('dialogButton') }
  const cancel = useRef<HTMLButtonElement>(null)
  const confirmed = useRef(false)
  const lastId = useRef<string | undefined>(undefined)
  if (asset) lastId.current = asset.id
  return (
    <Modal
      {...props}
      role="alertdialog"
      open={!!asset}
      onOpenChange={(open) => {
        if (!open) gallery.askDelete(null)
      }}
      container={gallery.container}
      unstyled={unstyled}
      {...slotProps('deleteDialog', '', { className, style })}
      title={t('gallery.delete.title', { name: asset?.name ?? '' })}
      description={t('gallery.delete.body')}
      initialFocus={cancel}
      returnFocus={() => {
        gallery.restoreFocus(lastId.current, confirmed.current)
        confirmed.current = false
      }}
    >
      <div {...slotProps('dialogActions', 'lk-dialog-actions')}>
        <Button
          {...button}
          ref={cancel}
          variant="secondary"
          onClick={() => {
            gallery.askDelete(null)
          }}
        >
          {t('gallery.cancel')}
        </Button>
        <Button
          {...button}
          variant="danger"
          onClick={() => {
            confirmed.current = true
            gallery.confirmDelete()
          }}
        >
          {t('gallery.delete.confirm')}
        </Button>
      </div>
    </Modal>
  )
}

/**
 * Props of {@link AssetGalleryDeleteError}.
 *
 * @example
 * ```tsx
 * const props: AssetGalleryDeleteErrorProps = { className: 'my-alerts' }
 * ```
 */
export type AssetGalleryDeleteErrorProps = ComponentPropsWithRef<'div'>

/**
 * Says, as an alert, that a deletion failed and the asset is back, with why; dismissible. The
 * alert region stays in the page so the message is announced when it appears.
 *
 * @example
 * ```tsx
 * <AssetGallery.Root>
 *   <AssetGallery.DeleteError />
 *   <AssetGallery.Grid />
 * </AssetGallery.Root>
 * ```
 */
export function AssetGalleryDeleteError({
  className,
  style,
  ...props
}: AssetGalleryDeleteErrorProps) {
  const { t, unstyled, slotProps, deleteFailure, dismissDeleteFailure, describeError } =
    useGalleryPart('DeleteError')
  return (
    <div role="alert" {...props} {...slotProps('deleteError', '', { className, style })}>
      {deleteFailure && (
        <div
          {...slotProps('deleteErrorAlert', 'lk-alert lk-gallery-delete-error')}
          data-tone="danger"
        >
          <Icon name="alert" {...slotProps('alertIcon', 'lk-gallery-alert-icon')} />
          <p {...slotProps('deleteErrorText', 'lk-gallery-alert-text')}>
            {t('gallery.delete.failed', {
              name: deleteFailure.name,
              reason: describeError(deleteFailure.error),
            })}
          </p>
          <Button
            variant="ghost"
            size="small"
            unstyled={unstyled}
            {...slotProps('dismissButton')}
            onClick={dismissDeleteFailure}
          >
            {t('gallery.dismiss')}
          </Button>
        </div>
      )}
    </div>
  )
}
