import { AssetGalleryDefault } from './asset-gallery.tsx'
import { AssetGalleryRoot } from './asset-gallery-root.tsx'
import { AssetGalleryDeleteAllButton } from './delete-all-button.tsx'
import {
  AssetGalleryDeleteDialog,
  AssetGalleryDeleteError,
  AssetGalleryPreviewDialog,
} from './dialogs.tsx'
import { AssetGalleryDropzone, AssetGalleryUploadButton } from './dropzone.tsx'
import { AssetGalleryGrid } from './grid.tsx'
import { AssetGalleryTile } from './tile.tsx'
import { AssetGalleryToolbar } from './toolbar.tsx'
import { AssetGalleryUploadList } from './upload-list.tsx'
import { AssetGalleryVerifyButton } from './verify-button.tsx'

/**
 * The ready-made gallery (see its props, {@link AssetGalleryProps}), with its parts attached
 * for hosts who arrange their own: `AssetGallery.Root`, `.Dropzone`, `.UploadButton`,
 * `.UploadList`, `.Toolbar`, `.Grid`, `.Tile`, `.PreviewDialog`, `.DeleteDialog`,
 * `.DeleteError`, `.DeleteAllButton`, `.VerifyButton`.
 *
 * @example
 * ```tsx
 * <AssetGallery.Root selectionMode="single">
 *   <AssetGallery.Dropzone />
 *   <AssetGallery.Grid />
 *   <AssetGallery.PreviewDialog />
 *   <AssetGallery.DeleteDialog />
 * </AssetGallery.Root>
 * ```
 */
// Pure, so a bundler drops the gallery when a host imports only other components.
export const AssetGallery = /* @__PURE__ */ Object.assign(AssetGalleryDefault, {
  Root: AssetGalleryRoot,
  Dropzone: AssetGalleryDropzone,
  UploadButton: AssetGalleryUploadButton,
  UploadList: AssetGalleryUploadList,
  Toolbar: AssetGalleryToolbar,
  DeleteError: AssetGalleryDeleteError,
  Grid: AssetGalleryGrid,
  Tile: AssetGalleryTile,
  PreviewDialog: AssetGalleryPreviewDialog,
  DeleteDialog: AssetGalleryDeleteDialog,
  DeleteAllButton: AssetGalleryDeleteAllButton,
  VerifyButton: AssetGalleryVerifyButton,
})

export type { AssetGalleryProps } from './asset-gallery.tsx'
export {
  AssetGalleryRoot,
  useAssetGallery,
  type AssetGalleryRootProps,
  type AssetGalleryContextValue,
  type AssetGalleryFilter,
  type AssetGalleryMessages,
  type AssetGallerySelectionMode,
  type AssetGallerySlot,
  type AssetGallerySort,
  type AssetGalleryView,
} from './asset-gallery-root.tsx'
export {
  AssetGalleryDropzone,
  AssetGalleryUploadButton,
  type AssetGalleryDropzoneProps,
  type AssetGalleryUploadButtonProps,
} from './dropzone.tsx'
export { AssetGalleryUploadList, type AssetGalleryUploadListProps } from './upload-list.tsx'
export { AssetGalleryToolbar, type AssetGalleryToolbarProps } from './toolbar.tsx'
export { AssetGalleryGrid, type AssetGalleryGridProps } from './grid.tsx'
export { AssetGalleryTile, type AssetGalleryTileProps } from './tile.tsx'
export {
  AssetGalleryPreviewDialog,
  AssetGalleryDeleteDialog,
  AssetGalleryDeleteError,
  type AssetGalleryPreviewDialogProps,
  type AssetGalleryDeleteDialogProps,
  type AssetGalleryDeleteErrorProps,
} from './dialogs.tsx'
export {
  AssetGalleryDeleteAllButton,
  type AssetGalleryDeleteAllButtonProps,
} from './delete-all-button.tsx'
export {
  useGridNavigation,
  gridTarget,
  type UseGridNavigationOptions,
  type GridNavigation,
} from './use-grid-navigation.ts'
export { useDropzone, type UseDropzoneOptions, type DropzoneState } from './use-dropzone.ts'
export { assetGalleryMessages, type AssetGalleryMessageKey } from './messages.ts'
