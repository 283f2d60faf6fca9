import type { ReactNode } from 'react'
import {
  AssetGalleryRoot,
  useGalleryPart,
  type AssetGalleryRootProps,
} from './asset-gallery-root.tsx'
import { AssetGalleryDeleteAllButton } from './delete-all-button.tsx'
import {
  AssetGalleryDeleteDialog,
  AssetGalleryDeleteError,
  AssetGalleryPreviewDialog,
} from './dialogs.tsx'
import { AssetGalleryDropzone } from './dropzone.tsx'
import { AssetGalleryGrid } from './grid.tsx'
import { AssetGalleryVerifyButton } from './verify-button.tsx'
import { AssetGalleryToolbar } from './toolbar.tsx'
import { AssetGalleryUploadList } from './upload-list.tsx'

/**
 * Props of {@link AssetGallery}: those of `AssetGallery.Root`.
 *
 * @example
 * ```tsx
 * const props: AssetGalleryProps = { selectionMode: 'multiple', pageSize: 48 }
 * ```
 */
export type AssetGalleryProps = AssetGalleryRootProps

/**
 * The person's likeness files, ready to use: a drop zone (files, paste, camera), the uploads
 * with progress, a toolbar to filter, search and sort, a virtualized grid of tiles you can
 * move through with the keyboard and select from, preview and delete dialogs, and "delete all
 * my likeness data". Until the person is verified it offers a `VerifyButton`.
 *
 * Made of parts on the same object, to rearrange or replace: `Root` (state and context),
 * `Dropzone`, `UploadButton`, `UploadList`, `Toolbar`, `DeleteError`, `Grid`, `Tile`,
 * `PreviewDialog`, `DeleteDialog`, `DeleteAllButton`.
 *
 * Data attributes: `data-state` on the root (see `AssetGalleryView`); the parts document
 * theirs (`data-status`, `data-type`, `data-selected`, `data-active`, `data-dragging`).
 * `classNames` and `styles` restyle any part by its slot name (`AssetGallerySlot`).
 *
 * @example
 * ```tsx
 * <LikenessProvider baseUrl="/api/likeness">
 *   <AssetGallery
 *     selectionMode="multiple"
 *     rules={{ accept: ['image'], minImageSide: 512 }}
 *     onSelectedIdsChange={setReferenceIds}
 *   />
 * </LikenessProvider>
 * ```
 */
function AssetGallery({ children, ...props }: AssetGalleryProps) {
  return (
    <AssetGalleryRoot {...props}>
      <AssetGalleryDropzone />
      <AssetGalleryUploadList />
      <AssetGalleryToolbar />
      <AssetGalleryDeleteError />
      <AssetGalleryGrid notVerified={<AssetGalleryVerifyButton />} />
      <Footer>
        <AssetGalleryDeleteAllButton />
      </Footer>
      {children}
      <AssetGalleryPreviewDialog />
      <AssetGalleryDeleteDialog />
    </AssetGalleryRoot>
  )
}

/** The ready-made gallery's row of "delete all". */
function Footer({ children }: { children: ReactNode }) {
  const { slotProps } = useGalleryPart('Root')
  return <div {...slotProps('footer', 'lk-gallery-footer')}>{children}</div>
}

// The parts are attached to it in index.ts.
export { AssetGallery as AssetGalleryDefault }
