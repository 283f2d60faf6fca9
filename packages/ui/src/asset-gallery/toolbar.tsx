import { useId, type ComponentPropsWithRef } from 'react'
import {
  useGalleryPart,
  type AssetGalleryFilter,
  type AssetGallerySort,
} from './asset-gallery-root.tsx'

/**
 * Props of {@link AssetGalleryToolbar}.
 *
 * @example
 * ```tsx
 * const props: AssetGalleryToolbarProps = { className: 'my-toolbar' }
 * ```
 */
export type AssetGalleryToolbarProps = ComponentPropsWithRef<'div'>

const FILTERS: AssetGalleryFilter[] = ['all', 'processing', 'active', 'failed']
const SORTS: AssetGallerySort[] = ['newest', 'oldest', 'updated', 'updatedOldest']

/**
 * Filter by status, search by name (the list follows after a pause in typing) and order the
 * gallery, with native controls. Shows how many files match. Renders nothing until the person
 * is verified.
 *
 * @example
 * ```tsx
 * <AssetGallery.Root>
 *   <AssetGallery.Toolbar />
 *   <AssetGallery.Grid />
 * </AssetGallery.Root>
 * ```
 */
export function AssetGalleryToolbar({
  className,
  style,
  children,
  ...props
}: AssetGalleryToolbarProps) {
  const { t, slotProps, assets, filter, setFilter, search, setSearch, sort, setSort, view } =
    useGalleryPart('Toolbar')
  const id = useId()
  if (!assets.isVerified) return null
  const field = slotProps('toolbarField', 'lk-gallery-toolbar-field')
  const label = slotProps('label', 'lk-label')
  const control = slotProps('control', 'lk-field')
  return (
    <div {...props} {...slotProps('toolbar', 'lk-gallery-toolbar', { className, style })}>
      <div {...field}>
        <label {...label} htmlFor={`${id}-search`}>
          {t('gallery.search.label')}
        </label>
        <input
          id={`${id}-search`}
          type="search"
          {...control}
          value={search}
          placeholder={t('gallery.search.placeholder')}
          autoComplete="off"
          onChange={(event) => {
            setSearch(event.target.value)
          }}
        />
      </div>
      <div {...field}>
        <label {...label} htmlFor={`${id}-filter`}>
          {t('gallery.filter.label')}
        </label>
        <select
          id={`${id}-filter`}
          {...control}
          value={filter}
          onChange={(event) => {
            setFilter(event.target.value as AssetGalleryFilter)
          }}
        >
          {FILTERS.map((value) => (
            <option key={value} value={value}>
              {t(value === 'all' ? 'gallery.filter.all' : `gallery.status.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <div {...field}>
        <label {...label} htmlFor={`${id}-sort`}>
          {t('gallery.sort.label')}
        </label>
        <select
          id={`${id}-sort`}
          {...control}
          value={sort}
          onChange={(event) => {
            setSort(event.target.value as AssetGallerySort)
          }}
        >
          {SORTS.map((value) => (
            <option key={value} value={value}>
              {t(`gallery.sort.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <p {...slotProps('count', 'lk-hint lk-gallery-count')} aria-live="polite">
        {view === 'ready' || view === 'no-matches'
          ? assets.total === 1
            ? t('gallery.countOne')
            : t('gallery.count', { count: assets.total })
          : ''}
      </p>
      {children}
    </div>
  )
}
