import {
  ACCEPTED_MEDIA_TYPES,
  isLikenessErrorCode,
  type Asset,
  type AssetStatus,
  type AssetType,
  type FileCheckCode,
  type FileRules,
  type LikenessError,
} from '@likeness/core'
import {
  useAssetDeletion,
  useAssets,
  useUploads,
  type AssetDeletionState,
  type AssetsState,
  type UploadsState,
} from '@likeness/react'
import {
  useMemo,
  type ClipboardEvent,
  type ComponentPropsWithRef,
  type CSSProperties,
  type RefObject,
} from 'react'
import { useTranslate, useUIContext, type Translate } from '../i18n.tsx'
import { composeEventHandlers } from '../primitives/compose-event-handlers.ts'
import { useComposedRefs } from '../primitives/compose-refs.ts'
import { createPartContext } from '../primitives/part-context.ts'
import { useSlots, type GetSlotProps } from '../primitives/slots.ts'
import type { VerifyButtonProps } from '../verify-button/index.ts'
import { assetGalleryMessages, type AssetGalleryMessageKey } from './messages.ts'
import { useGalleryView, type FocusTile } from './use-gallery-view.ts'

/**
 * How the gallery is ordered: by when files were added (`newest`, `oldest`) or last changed
 * (`updated`, `updatedOldest`).
 *
 * @example
 * ```tsx
 * <AssetGallery defaultSort="oldest" />
 * ```
 */
export type AssetGallerySort = 'newest' | 'oldest' | 'updated' | 'updatedOldest'

/**
 * Which assets the gallery shows: all of them or those of one status.
 *
 * @example
 * ```tsx
 * <AssetGallery defaultFilter="active" />
 * ```
 */
export type AssetGalleryFilter = 'all' | Exclude<AssetStatus, 'unknown'>

/**
 * How many assets a person may select: none (clicking a tile previews it), one, or many.
 *
 * @example
 * ```tsx
 * <AssetGallery selectionMode="multiple" onSelectedIdsChange={setIds} />
 * ```
 */
export type AssetGallerySelectionMode = 'none' | 'single' | 'multiple'

/**
 * What the gallery shows as a whole, also on the root's `data-state`: `loading`, `error` (the
 * list could not be read), `not-verified`, `empty` (no files at all), `no-matches` (none
 * for the filters), `ready`.
 *
 * @example
 * ```css
 * .lk-gallery[data-state='not-verified'] .my-help { display: none; }
 * ```
 */
export type AssetGalleryView =
  'loading' | 'error' | 'not-verified' | 'empty' | 'no-matches' | 'ready'

/**
 * String overrides of the gallery, by key of {@link assetGalleryMessages}.
 *
 * @example
 * ```tsx
 * const messages: AssetGalleryMessages = { 'gallery.empty.title': 'Nothing here yet' }
 * ```
 */
export type AssetGalleryMessages = Partial<Record<AssetGalleryMessageKey, string>>

/**
 * The parts of a gallery, by the names `classNames` and `styles` take (on {@link AssetGallery}
 * or `AssetGallery.Root`); our classes in brackets. A name shared by several elements
 * (`label`, `control`, `spinner`, `dialogButton`...) reaches them all.
 *
 * The gallery and what several parts have:
 * - `root`: the `<div>` of `AssetGallery.Root` (`lk-root lk-gallery`)
 * - `footer`: the `<div>` around "delete all" in the ready-made gallery (`lk-gallery-footer`)
 * - `label`: each `<label>`: search, status and order in the toolbar, the word to type before
 *   deleting everything (`lk-label`)
 * - `control`: each native control: the search `<input>`, the status and order `<select>`s,
 *   the word's `<input>` (`lk-field`; `lk-field lk-gallery-confirm-input` for the word)
 * - `hint`: the drop zone's line of help, and the preview's line when there is nothing to show
 *   (`lk-hint`)
 * - `spinner`: each spinning `<span>`: loading, loading more, a processing tile's badge, the
 *   "delete everything" button while it works (`lk-spinner`)
 * - `alertIcon`: the warning `<svg>` of the list's error and of a failed deletion
 *   (`lk-gallery-alert-icon`)
 *
 * Adding files:
 * - `dropzone`: the `<div>` of `AssetGallery.Dropzone` (`lk-gallery-dropzone`)
 * - `dropzoneIcon`: its `<svg>` (`lk-gallery-dropzone-icon`)
 * - `dropzoneText`: the `<div>` around its title and hint (`lk-gallery-dropzone-text`)
 * - `dropzoneTitle`: its title `<p>` (`lk-gallery-dropzone-title`)
 * - `dropzoneActions`: the `<div>` around its buttons (`lk-gallery-dropzone-actions`)
 * - `uploadButton`: each `<button>` of `AssetGallery.UploadButton` (choose files, use the
 *   camera), or your element with `asChild` (`lk-button`)
 * - `uploads`: the `<div>` of `AssetGallery.UploadList` (`lk-gallery-uploads`)
 * - `uploadItems`: its `<ul>` (`lk-gallery-upload-items`)
 * - `upload`: each file's `<li>` (`lk-gallery-upload`)
 * - `uploadText`: the `<div>` around a file's name and status (`lk-gallery-upload-text`)
 * - `uploadName`: a file's name (`lk-gallery-upload-name`)
 * - `uploadStatus`: where a file stands, and why it failed (`lk-gallery-upload-status` with
 *   `lk-hint`, or `lk-error-text` when there is a reason)
 * - `uploadProgress`: a running file's `<div role="progressbar">` (`lk-progress`)
 * - `uploadActions`: the `<div>` around a file's buttons (`lk-gallery-upload-actions`)
 * - `uploadAction`: each of them: cancel, retry, dismiss (`lk-button`)
 * - `clearUploads`: the "clear finished" `<button>` (`lk-button lk-gallery-uploads-clear`)
 *
 * The toolbar and the alert of a failed deletion:
 * - `toolbar`: the `<div>` of `AssetGallery.Toolbar` (`lk-gallery-toolbar`)
 * - `toolbarField`: the `<div>` around each label and control (`lk-gallery-toolbar-field`)
 * - `count`: how many files match (`lk-hint lk-gallery-count`)
 * - `deleteError`: the `<div role="alert">` of `AssetGallery.DeleteError` (none)
 * - `deleteErrorAlert`: the box in it while a deletion failed
 *   (`lk-alert lk-gallery-delete-error`)
 * - `deleteErrorText`: its text (`lk-gallery-alert-text`)
 * - `dismissButton`: its dismiss `<button>` (`lk-button`)
 *
 * The grid and its tiles:
 * - `grid`: the `<div>` of `AssetGallery.Grid` (`lk-gallery-grid`)
 * - `scroller`: the `<div>` that scrolls (`lk-gallery-scroller`)
 * - `rows`: the `<div role="grid">` (`lk-gallery-rows`)
 * - `row`: each `<div role="row">` (`lk-gallery-row`)
 * - `more`: the line saying more files are loading (`lk-gallery-more`)
 * - `state`: the box shown in place of the tiles: loading, error, not verified, empty, no
 *   matches (`lk-gallery-state`; `lk-alert lk-gallery-state` for the error)
 * - `stateIcon`: the empty state's `<svg>` (`lk-gallery-state-icon`)
 * - `stateTitle`: that box's title `<p>` (`lk-gallery-state-title`)
 * - `stateBody`: its text `<p>` (`lk-hint lk-gallery-state-body`; `lk-gallery-state-body` for
 *   the error)
 * - `stateButton`: its "try again" or "clear filters" `<button>` (`lk-button`)
 * - `tile`: each `<div>` of `AssetGallery.Tile` (`lk-gallery-tile`)
 * - `thumb`: the `<div>` of a tile's picture (`lk-gallery-thumb`)
 * - `thumbIcon`: the `<svg>` of its kind, under the picture (`lk-gallery-thumb-icon`)
 * - `check`: the mark of a selected tile (`lk-gallery-check`)
 * - `tileBody`: the `<div>` around a tile's name, badge and reason (`lk-gallery-tile-body`)
 * - `tileName`: a tile's name (`lk-gallery-tile-name`)
 * - `badge`: a tile's status badge (`lk-badge`)
 * - `tileReason`: why a tile's file failed (`lk-gallery-tile-reason lk-error-text`)
 * - `tileActions`: the `<div>` around a tile's buttons (`lk-gallery-tile-actions`)
 * - `tileButton`: each of them: preview, delete (`lk-button lk-gallery-icon-button`)
 *
 * The dialogs (each a `<dialog>`, `lk-dialog-content` and its own class):
 * - `previewDialog`: `AssetGallery.PreviewDialog` (`lk-gallery-preview`)
 * - `previewMedia`: the `<div>` around its photo, video or recording
 *   (`lk-gallery-preview-media`)
 * - `previewReason`: why its file failed (`lk-alert`)
 * - `deleteDialog`: `AssetGallery.DeleteDialog` (none of its own)
 * - `deleteAllButton`: the `<button>` of `AssetGallery.DeleteAllButton`, or your element with
 *   `asChild` (`lk-button lk-gallery-delete-all`)
 * - `deleteAllDialog`: the confirmation it opens (none of its own)
 * - `deleteAllError`: why deleting everything failed (`lk-error-text`)
 * - `dialogActions`: the `<div>` of each dialog's buttons (`lk-dialog-actions`)
 * - `dialogButton`: each of them: delete, select and close in the preview; cancel and delete
 *   in the confirmations (`lk-button`)
 *
 * Left without a slot: the dialogs' title `<h2>` and description `<p>` (the shared modal's,
 * `lk-dialog-title` and `lk-dialog-description`), and the live regions and keyboard hint, which
 * must stay hidden (`lk-visually-hidden`). The `VerifyButton` offered before verification takes
 * its own `classNames` through the root's `verifyButtonProps`.
 *
 * @example
 * ```tsx
 * <AssetGallery
 *   classNames={{ root: 'card', tile: 'card card-sm', dialogButton: 'btn' }}
 *   styles={{ grid: { height: 480 }, badge: { textTransform: 'uppercase' } }}
 * />
 * ```
 */
export type AssetGallerySlot =
  | 'root'
  | 'footer'
  | 'label'
  | 'control'
  | 'hint'
  | 'spinner'
  | 'alertIcon'
  | 'dropzone'
  | 'dropzoneIcon'
  | 'dropzoneText'
  | 'dropzoneTitle'
  | 'dropzoneActions'
  | 'uploadButton'
  | 'uploads'
  | 'uploadItems'
  | 'upload'
  | 'uploadText'
  | 'uploadName'
  | 'uploadStatus'
  | 'uploadProgress'
  | 'uploadActions'
  | 'uploadAction'
  | 'clearUploads'
  | 'toolbar'
  | 'toolbarField'
  | 'count'
  | 'deleteError'
  | 'deleteErrorAlert'
  | 'deleteErrorText'
  | 'dismissButton'
  | 'grid'
  | 'scroller'
  | 'rows'
  | 'row'
  | 'more'
  | 'state'
  | 'stateIcon'
  | 'stateTitle'
  | 'stateBody'
  | 'stateButton'
  | 'tile'
  | 'thumb'
  | 'thumbIcon'
  | 'check'
  | 'tileBody'
  | 'tileName'
  | 'badge'
  | 'tileReason'
  | 'tileActions'
  | 'tileButton'
  | 'previewDialog'
  | 'previewMedia'
  | 'previewReason'
  | 'deleteDialog'
  | 'deleteAllButton'
  | 'deleteAllDialog'
  | 'deleteAllError'
  | 'dialogActions'
  | 'dialogButton'

/**
 * Props of {@link AssetGalleryRoot}.
 *
 * @example
 * ```tsx
 * const props: AssetGalleryRootProps = { selectionMode: 'single', rules: { accept: ['image'] } }
 * ```
 */
export interface AssetGalleryRootProps extends Omit<ComponentPropsWithRef<'div'>, 'onPaste'> {
  /** Assets per page, 1 to 100. Default 60. */
  pageSize?: number | undefined
  /** How many files are sent at once. Default 4. */
  concurrency?: number | undefined
  /** What files must be like before they are sent; refused ones are explained. */
  rules?: FileRules | undefined
  /** Whether tiles can be selected, and how many. Default `none`. */
  selectionMode?: AssetGallerySelectionMode | undefined
  /** Selected asset ids, when the host controls the selection. */
  selectedIds?: readonly string[] | undefined
  /** Selected asset ids at first, when the gallery keeps the selection. */
  defaultSelectedIds?: readonly string[] | undefined
  /** Called with the new selection whenever it changes. */
  onSelectedIdsChange?: ((ids: readonly string[]) => void) | undefined
  /** The status filter at first. Default `all`. */
  defaultFilter?: AssetGalleryFilter | undefined
  /** The order at first. Default `newest`. */
  defaultSort?: AssetGallerySort | undefined
  /** How long typing in the search box pauses before the list is asked for. Default 300 ms. */
  searchDelayMs?: number | undefined
  /**
   * The camera to suggest on phones (`user` front, `environment` back); adds a "Use the
   * camera" button to the drop zone. Default: none.
   */
  capture?: 'user' | 'environment' | undefined
  /** Props of the `VerifyButton` offered while the person is not verified. */
  verifyButtonProps?: VerifyButtonProps | undefined
  /** Replaces any of the gallery's strings, by key. */
  messages?: AssetGalleryMessages | undefined
  /** Drops our classes; behaviour, data attributes and your `classNames` and `styles` stay. */
  unstyled?: boolean | undefined
  /**
   * A class to add to parts by slot name ({@link AssetGallerySlot}), after ours and before the
   * part's own `className`.
   */
  classNames?: Partial<Record<AssetGallerySlot, string>> | undefined
  /**
   * Inline styles for parts by slot name ({@link AssetGallerySlot}), merged over the part's
   * own `style`.
   */
  styles?: Partial<Record<AssetGallerySlot, CSSProperties>> | undefined
  /** Called with files pasted anywhere inside the gallery, before they are uploaded. */
  onPaste?: ((event: ClipboardEvent<HTMLDivElement>) => void) | undefined
}

/**
 * Everything the parts share, from {@link useAssetGallery}.
 *
 * @example
 * ```tsx
 * const { assets, selectedIds, openPreview }: AssetGalleryContextValue = useAssetGallery()
 * ```
 */
export interface AssetGalleryContextValue {
  /** The list behind the gallery (`useAssets`, with the toolbar's filters). */
  assets: AssetsState
  /** The gallery's uploads (`useUploads`, with the root's `rules`). */
  uploads: UploadsState
  /** Deleting assets (`useAssetDeletion`). */
  deletion: AssetDeletionState
  view: AssetGalleryView
  t: Translate<AssetGalleryMessageKey>
  unstyled: boolean
  /**
   * The class and style of a slot ({@link AssetGallerySlot}) as the root's `unstyled`,
   * `classNames` and `styles` ask: give it our classes (if any) and the element's own
   * `className` and `style`, and spread what it returns.
   */
  slotProps: GetSlotProps<AssetGallerySlot>
  locale: string
  selectionMode: AssetGallerySelectionMode
  selectedIds: readonly string[]
  setSelectedIds: (ids: readonly string[]) => void
  /** Selects or deselects one asset, following `selectionMode`. */
  toggleSelected: (id: string) => void
  filter: AssetGalleryFilter
  setFilter: (filter: AssetGalleryFilter) => void
  /** The search box's text; the list follows it after `searchDelayMs`. */
  search: string
  setSearch: (text: string) => void
  sort: AssetGallerySort
  setSort: (sort: AssetGallerySort) => void
  isFiltered: boolean
  clearFilters: () => void
  /** The asset shown in the preview dialog. */
  previewAsset: Asset | null
  openPreview: (asset: Asset | null) => void
  /** The asset the delete confirmation asks about. */
  deleteAsset: Asset | null
  askDelete: (asset: Asset | null) => void
  /** Deletes the asset being asked about; a failure comes back in `deleteFailure`. */
  confirmDelete: () => void
  /** Reads the verification and the list again, after an error. */
  retry: () => void
  /** The last single deletion that failed: the asset's name and why. */
  deleteFailure: { name: string; error: LikenessError } | null
  dismissDeleteFailure: () => void
  /** Opens the file picker, with a camera hint if given. */
  openFilePicker: (capture?: 'user' | 'environment') => void
  capture: 'user' | 'environment' | undefined
  /** Uploads files if the person is verified. */
  addFiles: (files: Iterable<File>) => void
  /** The person's words for a refused file, a failed call, or a failed asset. */
  describeRejection: (code: FileCheckCode) => string
  describeError: (error: LikenessError) => string
  describeAssetError: (asset: Asset) => string | undefined
  /**
   * Moves focus back into the gallery after a dialog: to the asset's tile, else the grid's tab
   * stop, else the root. With `removing`, focus moves on to the neighbour once the tile leaves.
   */
  restoreFocus: (assetId?: string, removing?: boolean) => void
  /** The grid registers how it focuses a tile here. */
  focusTileRef: RefObject<FocusTile | null>
  /** The root element, where dialogs render so they keep its theme and language. */
  container: HTMLElement | null
  verifyButtonProps: VerifyButtonProps | undefined
}

const [GalleryContext, usePart] = createPartContext<AssetGalleryContextValue>('AssetGallery')

/**
 * The gallery's shared state, for a part of your own inside `AssetGallery.Root`.
 *
 * @example
 * ```tsx
 * function Count() {
 *   const { assets } = useAssetGallery()
 *   return <span>{assets.total}</span>
 * }
 * ```
 */
export function useAssetGallery(): AssetGalleryContextValue {
  return useGalleryPart('part')
}

/** {@link useAssetGallery} for one of our parts, which it names when misplaced. */
export function useGalleryPart(part: string): AssetGalleryContextValue {
  return usePart(part)
}

const SORTS: Record<AssetGallerySort, ['createdAt' | 'updatedAt', 'asc' | 'desc']> = {
  newest: ['createdAt', 'desc'],
  oldest: ['createdAt', 'asc'],
  updated: ['updatedAt', 'desc'],
  updatedOldest: ['updatedAt', 'asc'],
}

const KINDS: readonly AssetType[] = ['image', 'video', 'audio']

/**
 * The gallery's state and context: lists the person's assets (with the filter, search and
 * order the toolbar sets), uploads, selection, and which dialog is open. Renders a `<div>`
 * that takes pasted files and holds the file input; put any parts inside, in any order.
 *
 * Data attributes: `data-state` is the {@link AssetGalleryView}. `classNames` and `styles`
 * restyle any part inside by its slot name ({@link AssetGallerySlot}).
 *
 * @example
 * ```tsx
 * <AssetGallery.Root selectionMode="single" onSelectedIdsChange={([id]) => setPortrait(id)}>
 *   <AssetGallery.Dropzone />
 *   <AssetGallery.Grid />
 *   <AssetGallery.PreviewDialog />
 *   <AssetGallery.DeleteDialog />
 * </AssetGallery.Root>
 * ```
 */
export function AssetGalleryRoot({
  pageSize = 60,
  concurrency,
  rules,
  selectionMode = 'none',
  selectedIds: selectedIdsProp,
  defaultSelectedIds = [],
  onSelectedIdsChange,
  defaultFilter = 'all',
  defaultSort = 'newest',
  searchDelayMs = 300,
  capture,
  verifyButtonProps,
  messages,
  unstyled = false,
  classNames,
  styles,
  onPaste,
  className,
  style,
  ref,
  children,
  ...props
}: AssetGalleryRootProps) {
  const t = useTranslate(assetGalleryMessages, messages)
  const slotProps = useSlots<AssetGallerySlot>({ unstyled, classNames, styles })
  const { requestedLocale } = useUIContext()
  const view = useGalleryView({
    selectedIds: selectedIdsProp,
    defaultSelectedIds,
    onSelectedIdsChange,
    selectionMode,
    defaultFilter,
    defaultSort,
    searchDelayMs,
  })
  const [sortBy, order] = SORTS[view.sort]
  const { filter, name } = view
  const assets = useAssets({
    statuses:
      filter === 'all' ? undefined : filter === 'processing' ? ['processing', 'unknown'] : [filter],
    name: name || undefined,
    sort: sortBy,
    order,
    pageSize,
  })
  const uploads = useUploads({ rules, concurrency })
  const deletion = useAssetDeletion()
  // Stable: a new callback each render would detach and reattach the root, setting
  // `container` twice and rendering the root again every time it renders.
  const rootRef = useComposedRefs(view.setContainer, ref)

  const accept = useMemo(
    () =>
      ACCEPTED_MEDIA_TYPES.filter((type) =>
        (rules?.accept ?? KINDS).some((kind) => type.startsWith(kind)),
      ).join(','),
    [rules?.accept],
  )

  const value = useMemo<AssetGalleryContextValue>(() => {
    const isFiltered = filter !== 'all' || name !== ''
    const galleryView: AssetGalleryView =
      assets.error && assets.assets.length === 0
        ? 'error'
        : assets.isLoading
          ? 'loading'
          : !assets.isVerified
            ? 'not-verified'
            : assets.assets.length > 0
              ? 'ready'
              : isFiltered
                ? 'no-matches'
                : 'empty'
    // The dialogs show the latest copy of their asset (a processing one settles while open).
    const latest = (asset: Asset | null) =>
      asset && (assets.assets.find((other) => other.id === asset.id) ?? asset)
    const failed = deletion.failure
    return {
      assets,
      uploads,
      deletion,
      view: galleryView,
      t,
      unstyled,
      slotProps,
      locale: requestedLocale,
      selectionMode,
      selectedIds: view.selectedIds,
      setSelectedIds: view.setSelectedIds,
      toggleSelected: view.toggleSelected,
      filter,
      setFilter: view.setFilter,
      search: view.search,
      setSearch: view.setSearch,
      sort: view.sort,
      setSort: view.setSort,
      isFiltered: isFiltered || view.search.trim() !== '',
      clearFilters: view.clearFilters,
      previewAsset: latest(view.previewAsset),
      openPreview: view.setPreviewAsset,
      deleteAsset: latest(view.deleteAsset),
      askDelete: view.setDeleteAsset,
      confirmDelete: () => {
        const asset = view.deleteAsset
        view.setDeleteAsset(null)
        if (!asset) return
        void deletion.remove(asset).then((deleted) => {
          if (deleted) view.deselect(asset.id)
        })
      },
      retry: assets.retry,
      deleteFailure: failed?.asset ? { name: failed.asset.name, error: failed.error } : null,
      dismissDeleteFailure: deletion.dismissFailure,
      openFilePicker: view.openFilePicker,
      capture,
      addFiles: (files) => {
        if (assets.isVerified) uploads.upload(files)
      },
      describeRejection: (code) =>
        t(`gallery.rejection.${code}`, {
          max: +((rules?.maxBytes ?? 30 * 2 ** 20) / 2 ** 20).toFixed(1),
          min: rules?.minImageSide ?? 0,
          seconds: rules?.maxMediaSeconds ?? 0,
          kinds: (rules?.accept ?? KINDS)
            .map((kind) => t(`gallery.kinds.${kind}`))
            .join(t('gallery.kinds.separator')),
        }),
      describeError: (error) =>
        t(`gallery.error.${isLikenessErrorCode(error.code) ? error.code : 'unknown'}`),
      describeAssetError: (asset) => {
        if (asset.status !== 'failed') return undefined
        const code = asset.error?.code
        return t(
          code === 'FaceMismatch'
            ? 'gallery.assetError.FaceMismatch'
            : code === 'InvalidMedia'
              ? 'gallery.assetError.InvalidMedia'
              : 'gallery.assetError.other',
        )
      },
      restoreFocus: view.restoreFocus,
      focusTileRef: view.focusTileRef,
      container: view.container,
      verifyButtonProps,
    }
  }, [
    assets,
    uploads,
    deletion,
    view,
    t,
    unstyled,
    slotProps,
    requestedLocale,
    selectionMode,
    capture,
    rules,
    verifyButtonProps,
  ])

  const { addFiles } = value
  return (
    <GalleryContext.Provider value={value}>
      <div
        {...props}
        ref={rootRef}
        // A place for focus to land when the element that had it is gone (after "delete all").
        tabIndex={-1}
        {...slotProps('root', 'lk-root lk-gallery', { className, style })}
        data-state={value.view}
        onPaste={composeEventHandlers(onPaste, (event) => {
          const files = Array.from(event.clipboardData.files)
          if (files.length === 0) return
          event.preventDefault()
          addFiles(files)
        })}
      >
        {children}
        <input
          ref={view.input}
          type="file"
          hidden
          multiple
          accept={accept}
          data-lk-gallery-input=""
          onChange={(event) => {
            addFiles(Array.from(event.currentTarget.files ?? []))
            // Choosing the same file again must fire `change` again.
            event.currentTarget.value = ''
          }}
        />
      </div>
    </GalleryContext.Provider>
  )
}
