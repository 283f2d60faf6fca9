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
  createContext,
  useCallback,
  useContext,
  useMemo,
  type ClipboardEvent,
  type ComponentPropsWithRef,
  type Ref,
  type RefObject,
} from 'react'
import { lk } from '../class-names.ts'
import { useTranslate, useUIContext, type Translate } from '../i18n.tsx'
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
  /** Drops every class of ours (behaviour stays). */
  unstyled?: boolean | undefined
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

const GalleryContext = createContext<AssetGalleryContextValue | null>(null)

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
  const value = useContext(GalleryContext)
  if (!value) throw new Error(`<AssetGallery.${part}> must be inside <AssetGallery.Root>.`)
  return value
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
 * Data attributes: `data-state` is the {@link AssetGalleryView}.
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
  onPaste,
  className,
  ref,
  children,
  ...props
}: AssetGalleryRootProps) {
  const t = useTranslate(assetGalleryMessages, messages)
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
  const { setContainer } = view
  // Stable: a new callback each render would detach and reattach the root, setting
  // `container` twice and rendering the root again every time it renders.
  const rootRef = useCallback(
    (element: HTMLDivElement | null) => {
      setContainer(element)
      assignRef(ref, element)
    },
    [ref, setContainer],
  )

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
        className={lk(unstyled, 'lk-root lk-gallery', className)}
        data-state={value.view}
        onPaste={(event) => {
          onPaste?.(event)
          const files = Array.from(event.clipboardData.files)
          if (event.defaultPrevented || files.length === 0) return
          event.preventDefault()
          addFiles(files)
        }}
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

// Merges a caller's ref with ours (React 19 refs are props).
export function assignRef<T>(ref: Ref<T> | undefined, value: T) {
  if (typeof ref === 'function') ref(value)
  else if (ref) ref.current = value
}
