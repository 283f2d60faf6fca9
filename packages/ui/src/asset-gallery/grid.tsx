import type { Asset } from '@likeness/core'
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual'
import {
  memo,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ComponentPropsWithRef,
  type CSSProperties,
  type ReactNode,
} from 'react'
import { Button } from '../primitives/button.tsx'
import { useGalleryPart } from './asset-gallery-root.tsx'
import { Icon } from './icons.tsx'
import { AssetGalleryTile, TileCellContext } from './tile.tsx'
import { useGridNavigation, type GridNavigation } from './use-grid-navigation.ts'

/**
 * Props of {@link AssetGalleryGrid}.
 *
 * @example
 * ```tsx
 * const props: AssetGalleryGridProps = { minTileWidth: 120, gap: 8 }
 * ```
 */
export interface AssetGalleryGridProps extends Omit<ComponentPropsWithRef<'div'>, 'children'> {
  /** Narrowest a tile may be, in pixels; the number of columns follows the width. Default 168. */
  minTileWidth?: number | undefined
  /** Space between tiles, in pixels. Default 12. */
  gap?: number | undefined
  /** Renders one tile; default `<AssetGallery.Tile asset={asset} />`. */
  children?: ((asset: Asset) => ReactNode) | undefined
  /**
   * What the not-verified panel offers below its text, e.g. `<AssetGallery.VerifyButton />`
   * (the ready-made gallery's choice). Left out, the panel only explains, and the
   * `VerifyButton` code is not bundled with the grid.
   */
  notVerified?: ReactNode
}

/**
 * The person's assets as a keyboard-navigable grid (`role="grid"`, rows of as many tiles as
 * the width allows) that is virtualized: only the rows in view, and a few around them, are in
 * the page, so thousands of assets stay fast; further pages load as the person scrolls. In
 * place of the grid it shows the loading, error (with retry), not-verified (with a
 * `VerifyButton`), empty and no-matches states.
 *
 * Keys: arrows move, Home/End go to the ends of the row (with Ctrl, of the grid), PageUp and
 * PageDown move by a screenful, Enter previews, Space selects (previews when nothing can be
 * selected), Delete asks to delete.
 *
 * Data attributes: `data-state` is the gallery's `AssetGalleryView`; the scroll area has the
 * CSS variables `--lk-gallery-columns` and `--lk-gallery-gap`.
 *
 * @example
 * ```tsx
 * <AssetGallery.Root selectionMode="multiple">
 *   <AssetGallery.Grid minTileWidth={120} style={{ height: 480 }} />
 * </AssetGallery.Root>
 * ```
 */
export function AssetGalleryGrid({
  minTileWidth = 168,
  gap = 12,
  children,
  notVerified,
  className,
  style,
  ref,
  ...props
}: AssetGalleryGridProps) {
  const gallery = useGalleryPart('Grid')
  const { t, slotProps, assets: state, view, selectionMode, focusTileRef } = gallery
  const { assets, total, hasNextPage, isFetchingNextPage, fetchNextPage } = state
  const hintId = useId()

  const [scroller, setScroller] = useState<HTMLDivElement | null>(null)
  const [width, setWidth] = useState(0)
  // Measured here, not read in render: a layout read there forces a reflow on every render.
  const [height, setHeight] = useState(0)
  useLayoutEffect(() => {
    if (!scroller) return
    const measure = () => {
      setWidth(scroller.clientWidth)
      setHeight(scroller.clientHeight)
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(scroller)
    return () => {
      observer.disconnect()
    }
  }, [scroller])

  const columns = Math.max(1, Math.floor((width + gap) / (minTileWidth + gap)))
  const rowCount = Math.ceil(assets.length / columns)
  const tileWidth = width > 0 ? (width - gap * (columns - 1)) / columns : minTileWidth

  const [active, setActive] = useState(0)
  const activeIndex = Math.max(0, Math.min(active, assets.length - 1))
  const activeRow = Math.floor(activeIndex / columns)
  // The tab stop's row stays rendered even when scrolled away, so Tab always finds the grid.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const rows = defaultRangeExtractor(range)
      return rows.includes(activeRow) || activeRow >= range.count
        ? rows
        : [...rows, activeRow].sort((a, b) => a - b)
    },
    [activeRow],
  )
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller,
    // A square thumbnail, the name and badge below, and the gap.
    estimateSize: () => Math.round(tileWidth) + 92 + gap,
    overscan: 2,
    rangeExtractor,
  })
  const rows = virtualizer.getVirtualItems()
  const lastRow = rows.at(-1)?.index ?? -1

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastRow >= rowCount - 3) void fetchNextPage()
  }, [hasNextPage, isFetchingNextPage, lastRow, rowCount, fetchNextPage])

  const cells = useRef(new Map<number, HTMLElement>())
  const focusIndex = useRef<number | null>(null)
  // An asset being deleted whose tile has focus: when it leaves, its neighbour takes focus.
  const leaving = useRef<string | null>(null)
  const [, setFocusRequest] = useState(0)
  const requestFocus = (index: number) => {
    setActive(index)
    focusIndex.current = index
    setFocusRequest((count) => count + 1)
  }
  useLayoutEffect(() => {
    if (leaving.current && !assets.some((asset) => asset.id === leaving.current)) {
      leaving.current = null
      focusIndex.current = activeIndex
    }
    if (focusIndex.current === null) return
    const cell = cells.current.get(focusIndex.current)
    if (cell) {
      focusIndex.current = null
      cell.focus()
    }
  })
  useEffect(() => {
    focusTileRef.current = (assetId, removing = false) => {
      if (view !== 'ready') return false
      const index = assets.findIndex((asset) => asset.id === assetId)
      requestFocus(index >= 0 ? index : activeIndex)
      leaving.current = removing && index >= 0 ? (assetId ?? null) : null
      return true
    }
    return () => {
      focusTileRef.current = null
    }
  })

  const at = (index: number) => assets[index]
  const { getCellProps } = useGridNavigation({
    count: assets.length,
    columns,
    pageRows: Math.max(1, Math.floor((scroller ? height : 0) / (tileWidth + 92 + gap))),
    activeIndex,
    onActiveIndexChange: (index, reason) => {
      if (reason === 'keyboard') requestFocus(index)
      else setActive(index)
    },
    onAction: (index) => {
      gallery.openPreview(at(index) ?? null)
    },
    onSelect:
      selectionMode === 'none'
        ? undefined
        : (index) => {
            const asset = at(index)
            if (asset) gallery.toggleSelected(asset.id)
          },
    onDelete: (index) => {
      gallery.askDelete(at(index) ?? null)
    },
  })
  const cellRef = useCallback((index: number, element: HTMLElement | null) => {
    if (element) cells.current.set(index, element)
    else cells.current.delete(index)
  }, [])
  // One function for the grid's life that answers with this render's navigation, so a tile
  // re-renders when its own asset or tab stop changes, not on every scroll of the grid.
  const navigation = useRef(getCellProps)
  navigation.current = getCellProps
  const stableCellProps = useCallback<GridNavigation['getCellProps']>(
    (index, own) => navigation.current(index, own),
    [],
  )

  const root = slotProps('grid', 'lk-gallery-grid', { className, style })
  if (view !== 'ready') {
    return (
      <div {...props} ref={ref} {...root} data-state={view}>
        <GalleryStateView notVerified={notVerified} />
      </div>
    )
  }

  return (
    <div {...props} ref={ref} {...root} data-state={view}>
      <div
        // Stable, so React does not detach and reattach it (and render again) on every render.
        ref={setScroller}
        {...slotProps('scroller', 'lk-gallery-scroller', {
          style: {
            '--lk-gallery-columns': columns,
            '--lk-gallery-gap': `${gap}px`,
          } as CSSProperties,
        })}
      >
        <div
          role="grid"
          aria-label={t('gallery.label')}
          aria-describedby={hintId}
          aria-rowcount={Math.max(rowCount, Math.ceil(total / columns))}
          aria-colcount={columns}
          aria-multiselectable={selectionMode === 'multiple' ? true : undefined}
          {...slotProps('rows', 'lk-gallery-rows', {
            style: { height: virtualizer.getTotalSize(), position: 'relative' },
          })}
        >
          {rows.map((row) => (
            <div
              key={row.key}
              role="row"
              aria-rowindex={row.index + 1}
              data-index={row.index}
              ref={virtualizer.measureElement}
              {...slotProps('row', 'lk-gallery-row', {
                style: {
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  width: '100%',
                  transform: `translateY(${row.start}px)`,
                },
              })}
            >
              {assets.slice(row.index * columns, (row.index + 1) * columns).map((asset, column) => {
                const index = row.index * columns + column
                return (
                  <GridCell
                    key={asset.id}
                    asset={asset}
                    index={index}
                    isActive={index === activeIndex}
                    getCellProps={stableCellProps}
                    cellRef={cellRef}
                    render={children}
                  />
                )
              })}
            </div>
          ))}
        </div>
        <div role="status" {...slotProps('more', 'lk-gallery-more')}>
          {isFetchingNextPage && (
            <>
              <span {...slotProps('spinner', 'lk-spinner')} aria-hidden />
              {t('gallery.loadingMore')}
            </>
          )}
        </div>
      </div>
      <p id={hintId} className="lk-visually-hidden">
        {t(selectionMode === 'none' ? 'gallery.keyboardHint' : 'gallery.keyboardHintSelect')}
      </p>
    </div>
  )
}

interface GridCellProps {
  asset: Asset
  index: number
  isActive: boolean
  getCellProps: GridNavigation['getCellProps']
  cellRef: (index: number, element: HTMLElement | null) => void
  render: ((asset: Asset) => ReactNode) | undefined
}

// One tile and the cell context it reads; rendered again only when one of these changes. Pure,
// so a host importing only other components does not bundle the gallery through it.
const GridCell = /* @__PURE__ */ memo(function GridCell({
  asset,
  index,
  isActive,
  getCellProps,
  cellRef,
  render,
}: GridCellProps) {
  const cell = useMemo(
    () => ({ index, isActive, getCellProps, cellRef }),
    [index, isActive, getCellProps, cellRef],
  )
  return (
    <TileCellContext.Provider value={cell}>
      {render ? render(asset) : <AssetGalleryTile asset={asset} />}
    </TileCellContext.Provider>
  )
})

function GalleryStateView({ notVerified }: { notVerified: ReactNode }) {
  const { t, unstyled, slotProps, view, assets, retry, describeError, clearFilters } =
    useGalleryPart('Grid')
  const box = slotProps('state', 'lk-gallery-state')
  const title = slotProps('stateTitle', 'lk-gallery-state-title')
  const body = slotProps('stateBody', 'lk-hint lk-gallery-state-body')
  const button = { variant: 'secondary', unstyled, ...slotProps('stateButton') } as const
  if (view === 'loading') {
    return (
      <div role="status" {...box}>
        <span {...slotProps('spinner', 'lk-spinner')} aria-hidden />
        {t('gallery.loading')}
      </div>
    )
  }
  if (view === 'error') {
    return (
      <div role="alert" {...slotProps('state', 'lk-alert lk-gallery-state')} data-tone="danger">
        <Icon name="alert" {...slotProps('alertIcon', 'lk-gallery-alert-icon')} />
        <div>
          <p {...title}>{t('gallery.listError.title')}</p>
          <p {...slotProps('stateBody', 'lk-gallery-state-body')}>
            {assets.error && describeError(assets.error)}
          </p>
          <Button {...button} onClick={retry}>
            <Icon name="retry" />
            {t('gallery.retry')}
          </Button>
        </div>
      </div>
    )
  }
  if (view === 'not-verified') {
    return (
      <div {...box}>
        <p {...title}>{t('gallery.notVerified.title')}</p>
        <p {...body}>{t('gallery.notVerified.body')}</p>
        {notVerified}
      </div>
    )
  }
  if (view === 'no-matches') {
    return (
      <div {...box}>
        <p {...title}>{t('gallery.noMatches')}</p>
        <Button {...button} onClick={clearFilters}>
          {t('gallery.clearFilters')}
        </Button>
      </div>
    )
  }
  return (
    <div {...box}>
      <Icon name="image" {...slotProps('stateIcon', 'lk-gallery-state-icon')} />
      <p {...title}>{t('gallery.empty.title')}</p>
      <p {...body}>{t('gallery.empty.body')}</p>
    </div>
  )
}
