import type { Asset } from '@likeness/core'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useControllableState } from '../use-controllable-state.ts'
import type {
  AssetGalleryFilter,
  AssetGallerySelectionMode,
  AssetGallerySort,
} from './asset-gallery-root.tsx'

/** How the grid focuses a tile; registered by the grid, used after dialogs. */
export type FocusTile = (assetId?: string, removing?: boolean) => boolean

interface GalleryViewOptions {
  selectedIds: readonly string[] | undefined
  defaultSelectedIds: readonly string[]
  onSelectedIdsChange: ((ids: readonly string[]) => void) | undefined
  selectionMode: AssetGallerySelectionMode
  defaultFilter: AssetGalleryFilter
  defaultSort: AssetGallerySort
  searchDelayMs: number
}

/**
 * What the gallery shows and how, and nothing of the person's data: filters and search (the
 * list follows the search after a pause), order, selection, the open dialogs, and where focus
 * and the file picker are. The same object until one of them changes.
 */
export function useGalleryView({
  selectedIds: controlled,
  defaultSelectedIds,
  onSelectedIdsChange,
  selectionMode,
  defaultFilter,
  defaultSort,
  searchDelayMs,
}: GalleryViewOptions) {
  const [filter, setFilter] = useState(defaultFilter)
  const [search, setSearch] = useState('')
  const [name, setName] = useState('')
  const [sort, setSort] = useState(defaultSort)
  useEffect(() => {
    const timer = setTimeout(() => {
      setName(search.trim())
    }, searchDelayMs)
    return () => {
      clearTimeout(timer)
    }
  }, [search, searchDelayMs])
  const [selectedIds, setSelectedIds] = useControllableState(
    controlled,
    defaultSelectedIds,
    onSelectedIdsChange,
  )
  const [previewAsset, setPreviewAsset] = useState<Asset | null>(null)
  const [deleteAsset, setDeleteAsset] = useState<Asset | null>(null)
  const [container, setContainer] = useState<HTMLDivElement | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const focusTileRef = useRef<FocusTile | null>(null)

  return useMemo(
    () => ({
      filter,
      setFilter,
      search,
      setSearch,
      /** The search the list asks for: `search`, trimmed, after the pause. */
      name,
      sort,
      setSort,
      clearFilters: () => {
        setFilter('all')
        setSearch('')
        setName('')
      },
      selectedIds,
      setSelectedIds,
      /** Selects or deselects one asset, following `selectionMode`. */
      toggleSelected: (id: string) => {
        if (selectionMode === 'none') return
        const isSelected = selectedIds.includes(id)
        if (selectionMode === 'single') setSelectedIds(isSelected ? [] : [id])
        else {
          setSelectedIds(
            isSelected ? selectedIds.filter((other) => other !== id) : [...selectedIds, id],
          )
        }
      },
      /** Drops a deleted asset from the selection. */
      deselect: (id: string) => {
        if (selectedIds.includes(id)) setSelectedIds(selectedIds.filter((other) => other !== id))
      },
      previewAsset,
      setPreviewAsset,
      deleteAsset,
      setDeleteAsset,
      container,
      setContainer,
      input,
      focusTileRef,
      openFilePicker: (hint?: 'user' | 'environment') => {
        const element = input.current
        if (!element) return
        // One input serves both: the camera hint is set only for the click that asks for it.
        if (hint) element.setAttribute('capture', hint)
        else element.removeAttribute('capture')
        element.click()
      },
      restoreFocus: (assetId?: string, removing?: boolean) => {
        if (!focusTileRef.current?.(assetId, removing)) container?.focus()
      },
    }),
    [filter, search, name, sort, selectedIds, selectionMode, previewAsset, deleteAsset, container],
  )
}
