import type { Asset } from '@likeness/core'
import { createContext, useCallback, useContext, type ComponentPropsWithRef } from 'react'
import { Button } from '../primitives/button.tsx'
import { useComposedRefs } from '../primitives/compose-refs.ts'
import { useGalleryPart } from './asset-gallery-root.tsx'
import { Icon, type IconName } from './icons.tsx'
import type { GridNavigation } from './use-grid-navigation.ts'

// Set by the grid around each of its tiles: the tile then is a grid cell with a roving tab stop.
export const TileCellContext = createContext<{
  index: number
  isActive: boolean
  getCellProps: GridNavigation['getCellProps']
  cellRef: (index: number, element: HTMLElement | null) => void
} | null>(null)

// The badge's `data-tone` for each status a tile shows.
const TONES = { processing: 'accent', active: 'success', failed: 'danger' } as const

/**
 * Props of {@link AssetGalleryTile}.
 *
 * @example
 * ```tsx
 * const props: AssetGalleryTileProps = { asset }
 * ```
 */
export interface AssetGalleryTileProps extends ComponentPropsWithRef<'div'> {
  asset: Asset
}

/**
 * The small picture of an asset and its media preview, the thumbnail of a photo, a video's
 * first frame or an icon for a recording, with its name, its status (`Processing` with a
 * spinner, `Active`, `Failed` with the reason) and buttons to preview or delete it.
 * Inside `AssetGallery.Grid` it is a grid cell moved to with the arrow keys (its buttons are
 * then left out of the tab order: Enter previews and Delete deletes); on its own, a plain
 * block whose buttons take focus.
 *
 * Data attributes: `data-status` (`processing`, `active`, `failed`, `unknown`), `data-type`
 * (`image`, `video`, `audio`), `data-selected` when selected, `data-active` on the grid's tab
 * stop.
 *
 * @example
 * ```tsx
 * <AssetGallery.Grid>{(asset) => <AssetGallery.Tile asset={asset} className="my-tile" />}</AssetGallery.Grid>
 * ```
 */
export function AssetGalleryTile({
  asset,
  className,
  style,
  ref,
  ...props
}: AssetGalleryTileProps) {
  const {
    t,
    unstyled,
    slotProps,
    selectionMode,
    selectedIds,
    describeAssetError,
    openPreview,
    askDelete,
  } = useGalleryPart('Tile')
  const cell = useContext(TileCellContext)
  // The grid's cell context is memoised: the same callback while the tile keeps its place.
  const cellRef = useCallback(
    (node: HTMLDivElement | null) => {
      cell?.cellRef(cell.index, node)
    },
    [cell],
  )
  const composedRef = useComposedRefs(cellRef, ref)
  const isSelected = selectedIds.includes(asset.id)
  const reason = describeAssetError(asset)
  const status =
    asset.status === 'failed' || asset.status === 'active' ? asset.status : 'processing'
  const tone = TONES[status]

  const own = {
    ...props,
    ...slotProps('tile', 'lk-gallery-tile', { className, style }),
    'data-status': asset.status,
    'data-type': asset.type,
    'data-selected': isSelected ? '' : undefined,
  }
  const element = cell
    ? cell.getCellProps(cell.index, {
        ...own,
        role: 'gridcell',
        'aria-selected': selectionMode === 'none' ? undefined : isSelected,
        'data-active': cell.isActive ? '' : undefined,
      })
    : own
  const button = {
    variant: 'secondary',
    size: 'small',
    unstyled,
    tabIndex: cell ? -1 : undefined,
    ...slotProps('tileButton', 'lk-gallery-icon-button'),
  } as const
  // Preview and delete: an icon button each, named (and titled) for the file.
  const action = (kind: 'preview' | 'delete', icon: IconName, run: (asset: Asset) => void) => {
    const label = t(`gallery.tile.${kind}`, { name: asset.name })
    return (
      <Button
        {...button}
        aria-label={label}
        title={label}
        onClick={(event) => {
          event.stopPropagation()
          run(asset)
        }}
      >
        <Icon name={icon} />
      </Button>
    )
  }

  return (
    <div {...element} ref={composedRef}>
      <div {...slotProps('thumb', 'lk-gallery-thumb')}>
        <Icon name={asset.type} {...slotProps('thumbIcon', 'lk-gallery-thumb-icon')} />
        {asset.previewUrl && asset.type === 'image' && (
          <img src={asset.previewUrl} alt="" loading="lazy" decoding="async" draggable={false} />
        )}
        {asset.previewUrl && asset.type === 'video' && (
          <video
            src={asset.previewUrl}
            preload="metadata"
            muted
            playsInline
            tabIndex={-1}
            aria-hidden
          />
        )}
        {isSelected && (
          <span {...slotProps('check', 'lk-gallery-check')}>
            <Icon name="check" />
            <span className="lk-visually-hidden">{t('gallery.tile.selected')}</span>
          </span>
        )}
      </div>
      <div {...slotProps('tileBody', 'lk-gallery-tile-body')}>
        <span {...slotProps('tileName', 'lk-gallery-tile-name')} title={asset.name}>
          {asset.name}
        </span>
        <span {...slotProps('badge', 'lk-badge')} data-tone={tone}>
          {status === 'processing' && <span {...slotProps('spinner', 'lk-spinner')} aria-hidden />}
          {t(`gallery.status.${status}`)}
        </span>
        {reason && (
          <span {...slotProps('tileReason', 'lk-gallery-tile-reason lk-error-text')}>{reason}</span>
        )}
      </div>
      {/* In the grid, Enter and Delete do what these do, and the cell's name stays short. */}
      <div
        {...slotProps('tileActions', 'lk-gallery-tile-actions')}
        aria-hidden={cell ? true : undefined}
      >
        {action('preview', 'eye', openPreview)}
        {action('delete', 'trash', askDelete)}
      </div>
    </div>
  )
}
