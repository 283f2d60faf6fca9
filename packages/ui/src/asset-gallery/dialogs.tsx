import { useRef, type ComponentPropsWithRef } from 'react'
import { lk } from '../class-names.ts'
import { Modal } from '../modal.tsx'
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
export function AssetGalleryPreviewDialog({ className, ...props }: AssetGalleryPreviewDialogProps) {
  const gallery = useGalleryPart('PreviewDialog')
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
      className={lk(unstyled, 'lk-gallery-preview', className)}
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
          <div className={lk(unstyled, 'lk-gallery-preview-media')}>
            {!asset.previewUrl ? (
              <p className={lk(unstyled, 'lk-hint')}>
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
            <button
              type="button"
              className={button}
              onClick={() => {
                gallery.openPreview(null)
              }}
            >
              {t('gallery.preview.close')}
            </button>
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
export function AssetGalleryDeleteDialog({ className, ...props }: AssetGalleryDeleteDialogProps) {
  const gallery = useGalleryPart('DeleteDialog')
  const { t, unstyled, deleteAsset: asset } = gallery
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
      className={className}
      title={t('gallery.delete.title', { name: asset?.name ?? '' })}
      description={t('gallery.delete.body')}
      initialFocus={cancel}
      returnFocus={() => {
        gallery.restoreFocus(lastId.current, confirmed.current)
        confirmed.current = false
      }}
    >
      <div className={lk(unstyled, 'lk-dialog-actions')}>
        <button
          ref={cancel}
          type="button"
          className={lk(unstyled, 'lk-button')}
          data-variant="secondary"
          onClick={() => {
            gallery.askDelete(null)
          }}
        >
          {t('gallery.cancel')}
        </button>
        <button
          type="button"
          className={lk(unstyled, 'lk-button')}
          data-variant="danger"
          onClick={() => {
            confirmed.current = true
            gallery.confirmDelete()
          }}
        >
          {t('gallery.delete.confirm')}
        </button>
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
export function AssetGalleryDeleteError({ className, ...props }: AssetGalleryDeleteErrorProps) {
  const { t, unstyled, deleteFailure, dismissDeleteFailure, describeError } =
    useGalleryPart('DeleteError')
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
