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
  // The filter and the sort order: a labelled native select each.
  const select = <T extends string>(
    name: 'filter' | 'sort',
    value: T,
    options: readonly T[],
    choose: (next: T) => void,
    optionText: (option: T) => string,
  ) => (
    <div {...field}>
      <label {...label} htmlFor={`${id}-${name}`}>
        {t(`gallery.${name}.label`)}
      </label>
      <select
        id={`${id}-${name}`}
        {...control}
        value={value}
        onChange={(event) => {
          choose(event.target.value as T)
        }}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {optionText(option)}
          </option>
        ))}
      </select>
    </div>
  )
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
      {select('filter', filter, FILTERS, setFilter, (value) =>
        t(value === 'all' ? 'gallery.filter.all' : `gallery.status.${value}`),
      )}
      {select('sort', sort, SORTS, setSort, (value) => t(`gallery.sort.${value}`))}
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
