export { AssetGallery, type AssetGalleryProps } from './asset-gallery.tsx'
export {
  AssetGalleryRoot,
  useAssetGallery,
  type AssetGalleryRootProps,
  type AssetGalleryContextValue,
  type AssetGalleryFilter,
  type AssetGalleryMessages,
  type AssetGallerySelectionMode,
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
