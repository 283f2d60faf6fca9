import type { ComponentPropsWithRef } from 'react'
import { Button } from '../primitives/button.tsx'
import { composeEventHandlers } from '../primitives/compose-event-handlers.ts'
import { useGalleryPart } from './asset-gallery-root.tsx'
import { Icon } from './icons.tsx'
import { useDropzone } from './use-dropzone.ts'

/**
 * Props of {@link AssetGalleryUploadButton}.
 *
 * @example
 * ```tsx
 * const props: AssetGalleryUploadButtonProps = { capture: 'user' }
 * ```
 */
export interface AssetGalleryUploadButtonProps extends ComponentPropsWithRef<'button'> {
  /** Opens the camera on phones that offer one (`user` front, `environment` back). */
  capture?: 'user' | 'environment' | undefined
  /** Renders your own element (Radix `Slot`), which gets the click and the props. */
  asChild?: boolean | undefined
}

/**
 * Opens the file picker (or the camera, with `capture`). Disabled until the person is
 * verified.
 *
 * @example
 * ```tsx
 * <AssetGallery.UploadButton asChild>
 *   <a href="#add">Add a photo</a>
 * </AssetGallery.UploadButton>
 * ```
 */
export function AssetGalleryUploadButton({
  capture,
  asChild = false,
  className,
  style,
  children,
  onClick,
  ...props
}: AssetGalleryUploadButtonProps) {
  const { t, unstyled, slotProps, openFilePicker, assets } = useGalleryPart('UploadButton')
  return (
    <Button
      disabled={!assets.isVerified}
      {...props}
      asChild={asChild}
      variant={capture ? 'secondary' : undefined}
      unstyled={unstyled}
      {...slotProps('uploadButton', '', { className, style })}
      onClick={composeEventHandlers(onClick, () => {
        openFilePicker(capture)
      })}
    >
      {children ?? (
        <>
          <Icon name={capture ? 'camera' : 'upload'} />
          {t(capture ? 'gallery.upload.camera' : 'gallery.upload.choose')}
        </>
      )}
    </Button>
  )
}

/**
 * Props of {@link AssetGalleryDropzone}.
 *
 * @example
 * ```tsx
 * const props: AssetGalleryDropzoneProps = { className: 'my-zone' }
 * ```
 */
export type AssetGalleryDropzoneProps = ComponentPropsWithRef<'div'>

/**
 * Where files are dropped; by default it explains itself and offers the upload button (and a
 * camera button when the root has `capture`). Pasting files works anywhere in the gallery.
 * Renders nothing until the person is verified.
 *
 * Data attributes: `data-dragging` while files hover it.
 *
 * @example
 * ```tsx
 * <AssetGallery.Dropzone className="my-zone">
 *   <AssetGallery.UploadButton>Add files</AssetGallery.UploadButton>
 * </AssetGallery.Dropzone>
 * ```
 */
export function AssetGalleryDropzone({
  className,
  style,
  children,
  ...props
}: AssetGalleryDropzoneProps) {
  const { t, slotProps, assets, addFiles, capture } = useGalleryPart('Dropzone')
  const { getRootProps, isDragging } = useDropzone({
    onFiles: addFiles,
    disabled: !assets.isVerified,
  })
  if (!assets.isVerified) return null
  return (
    <div
      {...getRootProps({
        ...props,
        ...slotProps('dropzone', 'lk-gallery-dropzone', { className, style }),
      })}
    >
      {children ?? (
        <>
          <Icon name="upload" {...slotProps('dropzoneIcon', 'lk-gallery-dropzone-icon')} />
          <div {...slotProps('dropzoneText', 'lk-gallery-dropzone-text')}>
            <p {...slotProps('dropzoneTitle', 'lk-gallery-dropzone-title')}>
              {t(isDragging ? 'gallery.dropzone.dragging' : 'gallery.dropzone.title')}
            </p>
            <p {...slotProps('hint', 'lk-hint')}>{t('gallery.dropzone.hint')}</p>
          </div>
          <div {...slotProps('dropzoneActions', 'lk-gallery-dropzone-actions')}>
            <AssetGalleryUploadButton />
            {capture && <AssetGalleryUploadButton capture={capture} />}
          </div>
        </>
      )}
    </div>
  )
}
