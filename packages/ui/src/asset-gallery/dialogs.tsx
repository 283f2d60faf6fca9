import { AlertDialog, Dialog } from 'radix-ui'
import { useRef, type ComponentPropsWithRef } from 'react'
import { lk } from '../class-names.ts'
import { useAssetGallery } from './asset-gallery-root.tsx'
import { Icon } from './icons.tsx'

/**
 * Props of {@link AssetGalleryPreviewDialog}: those of its content element.
 *
 * @example
 * ```tsx
 * const props: AssetGalleryPreviewDialogProps = { className: 'my-preview' }
 * ```
 */
export type AssetGalleryPreviewDialogProps = ComponentPropsWithRef<'div'>

/**
 * A larger look at the asset a tile opened (photo, playable video or recording), with its
 * status, when it was added, and buttons to select (when the root allows selection), delete
 * or close. A Radix `Dialog`: focus stays inside while open and returns to the tile after.
 *
 * Data attributes: `data-state` (`open`, `closed`) from Radix, `data-status` and `data-type`
 * of the asset.
 *
 * @example
 * ```tsx
 * <AssetGallery.Root>
 *   <AssetGallery.Grid />
 *   <AssetGallery.PreviewDialog className="my-preview" />
 * </AssetGallery.Root>
 * ```
 */
export function AssetGalleryPreviewDialog({ className, ...props }: AssetGalleryPreviewDialogProps) {
  const gallery = useAssetGallery()
  const { t, unstyled, previewAsset: asset, selectionMode, selectedIds, locale } = gallery
  // Set when the dialog hands over to the delete confirmation, which then owns focus.
  const handedOver = useRef(false)
  const lastId = useRef<string | undefined>(undefined)
  if (asset) lastId.current = asset.id
  const status =
    asset?.status === 'failed' || asset?.status === 'active' ? asset.status : 'processing'
  const reason = asset && gallery.describeAssetError(asset)
  const isSelected = !!asset && selectedIds.includes(asset.id)
  const button = lk(unstyled, 'lk-button')
  let added = ''
  if (asset) {
    const date = new Date(asset.createdAt)
    added = Number.isNaN(date.getTime())
      ? ''
      : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
  }

  return (
    <Dialog.Root
      open={!!asset}
      onOpenChange={(open) => {
        if (!open) gallery.openPreview(null)
      }}
    >
      <Dialog.Portal container={gallery.container}>
        <Dialog.Overlay className={lk(unstyled, 'lk-dialog-overlay')} />
        <Dialog.Content
          {...props}
          className={lk(unstyled, 'lk-dialog-content lk-gallery-preview', className)}
          data-size="large"
          data-status={asset?.status}
          data-type={asset?.type}
          onCloseAutoFocus={(event) => {
            event.preventDefault()
            if (handedOver.current) handedOver.current = false
            else gallery.restoreFocus(lastId.current)
          }}
        >
          {asset && (
            <>
              <Dialog.Title className={lk(unstyled, 'lk-dialog-title lk-gallery-preview-title')}>
                {asset.name}
              </Dialog.Title>
              <Dialog.Description className={lk(unstyled, 'lk-dialog-description')}>
                {[
                  t(`gallery.type.${asset.type}`),
                  t(`gallery.status.${status}`),
                  added && t('gallery.preview.added', { date: added }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Dialog.Description>
              <div className={lk(unstyled, 'lk-gallery-preview-media')}>
                {!asset.previewUrl ? (
                  <p className={lk(unstyled, 'lk-hint')}>
                    <Icon name={asset.type} /> {t('gallery.preview.none')}
                  </p>
                ) : asset.type === 'image' ? (
                  <img src={asset.previewUrl} alt={asset.name} />
                ) : asset.type === 'video' ? (
                  <video
                    src={asset.previewUrl}
                    controls
                    preload="metadata"
                    aria-label={asset.name}
                  />
                ) : (
                  <audio
                    src={asset.previewUrl}
                    controls
                    preload="metadata"
                    aria-label={asset.name}
                  />
                )}
              </div>
              {reason && (
                <p className={lk(unstyled, 'lk-alert')} data-tone="danger">
                  {reason}
                </p>
              )}
              <div className={lk(unstyled, 'lk-dialog-actions')}>
                <button
                  type="button"
                  className={button}
                  data-variant="danger"
                  onClick={() => {
                    handedOver.current = true
                    gallery.openPreview(null)
                    gallery.askDelete(asset)
                  }}
                >
                  <Icon name="trash" />
                  {t('gallery.preview.delete')}
                </button>
                {selectionMode !== 'none' && (
                  <button
                    type="button"
                    className={button}
                    data-variant="secondary"
                    aria-pressed={isSelected}
                    onClick={() => {
                      gallery.toggleSelected(asset.id)
                    }}
                  >
                    {t(isSelected ? 'gallery.preview.deselect' : 'gallery.preview.select')}
                  </button>
                )}
                <Dialog.Close className={button}>{t('gallery.preview.close')}</Dialog.Close>
              </div>
            </>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}

/**
 * Props of {@link AssetGalleryDeleteDialog}: those of its content element.
 *
 * @example
 * ```tsx
 * const props: AssetGalleryDeleteDialogProps = { className: 'my-confirm' }
 * ```
 */
export type AssetGalleryDeleteDialogProps = ComponentPropsWithRef<'div'>

/**
 * Asks before one asset is deleted (a Radix `AlertDialog`; Cancel has focus first). The tile
 * disappears at once; if the server refuses, it comes back and `AssetGallery.DeleteError`
 * says so. Focus returns to the tile, or to its neighbour once it is gone.
 *
 * Data attributes: `data-state` (`open`, `closed`) from Radix.
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
export function AssetGalleryDeleteDialog({ className, ...props }: AssetGalleryDeleteDialogProps) {
  const gallery = useAssetGallery()
  const { t, unstyled, deleteAsset: asset } = gallery
  const confirmed = useRef(false)
  const lastId = useRef<string | undefined>(undefined)
  if (asset) lastId.current = asset.id
  return (
    <AlertDialog.Root
      open={!!asset}
      onOpenChange={(open) => {
        if (!open) gallery.askDelete(null)
      }}
    >
      <AlertDialog.Portal container={gallery.container}>
        <AlertDialog.Overlay className={lk(unstyled, 'lk-dialog-overlay')} />
        <AlertDialog.Content
          {...props}
          className={lk(unstyled, 'lk-dialog-content', className)}
          onCloseAutoFocus={(event) => {
            event.preventDefault()
            gallery.restoreFocus(lastId.current, confirmed.current)
            confirmed.current = false
          }}
        >
          <AlertDialog.Title className={lk(unstyled, 'lk-dialog-title')}>
            {t('gallery.delete.title', { name: asset?.name ?? '' })}
          </AlertDialog.Title>
          <AlertDialog.Description className={lk(unstyled, 'lk-dialog-description')}>
            {t('gallery.delete.body')}
          </AlertDialog.Description>
          <div className={lk(unstyled, 'lk-dialog-actions')}>
            <AlertDialog.Cancel className={lk(unstyled, 'lk-button')} data-variant="secondary">
              {t('gallery.cancel')}
            </AlertDialog.Cancel>
            <AlertDialog.Action
              className={lk(unstyled, 'lk-button')}
              data-variant="danger"
              onClick={() => {
                confirmed.current = true
                gallery.confirmDelete()
              }}
            >
              {t('gallery.delete.confirm')}
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
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
export function AssetGalleryDeleteError({ className, ...props }: AssetGalleryDeleteErrorProps) {
  const { t, unstyled, deleteFailure, dismissDeleteFailure, describeError } = useAssetGallery()
  return (
    <div role="alert" {...props} className={className}>
      {deleteFailure && (
        <div className={lk(unstyled, 'lk-alert lk-gallery-delete-error')} data-tone="danger">
          <Icon name="alert" className={lk(unstyled, 'lk-gallery-alert-icon')} />
          <p className={lk(unstyled, 'lk-gallery-alert-text')}>
            {t('gallery.delete.failed', {
              name: deleteFailure.name,
              reason: describeError(deleteFailure.error),
            })}
          </p>
          <button
            type="button"
            className={lk(unstyled, 'lk-button')}
            data-variant="ghost"
            data-size="small"
            onClick={dismissDeleteFailure}
          >
            {t('gallery.dismiss')}
          </button>
        </div>
      )}
    </div>
  )
}
