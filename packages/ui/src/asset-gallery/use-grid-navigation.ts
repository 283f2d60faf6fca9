import type { FocusEvent, KeyboardEvent, MouseEvent } from 'react'

/**
 * Options of {@link useGridNavigation}: the shape of the grid and what its keys do.
 *
 * @example
 * ```ts
 * const options: UseGridNavigationOptions = { count: 40, columns: 4, activeIndex, onActiveIndexChange }
 * ```
 */
export interface UseGridNavigationOptions {
  /** How many cells there are, in reading order. */
  count: number
  /** Cells per row. */
  columns: number
  /** Rows that PageUp and PageDown move by. Default 3. */
  pageRows?: number | undefined
  /** The cell that holds the one tab stop of the grid. */
  activeIndex: number
  /** Called when a key or focus moves the tab stop; focus the new cell in response. */
  onActiveIndexChange: (index: number, reason: 'keyboard' | 'focus') => void
  /** Enter on a cell (and Space when `onSelect` is not given). */
  onAction?: ((index: number) => void) | undefined
  /** Space on a cell, and a click. */
  onSelect?: ((index: number) => void) | undefined
  /** Delete or Backspace on a cell. */
  onDelete?: ((index: number) => void) | undefined
}

/**
 * What {@link useGridNavigation} returns.
 *
 * @example
 * ```tsx
 * const { getCellProps }: GridNavigation = useGridNavigation(options)
 * ```
 */
export interface GridNavigation {
  /**
   * Props for one cell: `tabIndex` (0 on the active cell only), `onKeyDown`, `onFocus` and
   * `onClick`, merged with yours. Yours run first; call `event.preventDefault()` to skip ours.
   */
  getCellProps: <P extends CellHandlers>(index: number, own?: P) => P & CellNavigationProps
}

// Method syntax makes a handler of a narrower element (a div's) fit, as React's own types do.
type Handler<E> = { bivariance(event: E): void }['bivariance']

interface CellHandlers {
  onKeyDown?: Handler<KeyboardEvent<HTMLElement>> | undefined
  onFocus?: Handler<FocusEvent<HTMLElement>> | undefined
  onClick?: Handler<MouseEvent<HTMLElement>> | undefined
}

interface CellNavigationProps {
  tabIndex: number
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void
  onFocus: (event: FocusEvent<HTMLElement>) => void
  onClick: (event: MouseEvent<HTMLElement>) => void
}

/**
 * The cell a key leads to from `index`, or `undefined` when the key does not move. Follows the
 * ARIA grid pattern: arrows, Home/End within the row, Ctrl+Home/End to the ends, PageUp/Down
 * by `pageRows`. ArrowDown into a shorter last row lands on its last cell.
 *
 * @example
 * ```ts
 * gridTarget('ArrowDown', 1, { count: 10, columns: 4 }) // 5
 * ```
 */
export function gridTarget(
  key: string,
  index: number,
  {
    count,
    columns,
    pageRows = 3,
    ctrl = false,
  }: {
    count: number
    columns: number
    pageRows?: number | undefined
    ctrl?: boolean | undefined
  },
): number | undefined {
  const last = count - 1
  const rowStart = index - (index % columns)
  const down = (rows: number) => {
    const target = index + rows * columns
    // A partial last row: go to its end rather than nowhere.
    return target <= last ? target : rowStart + columns <= last ? last : undefined
  }
  const up = (rows: number) => {
    const target = index - rows * columns
    return target >= 0 ? target : index >= columns ? index % columns : undefined
  }
  const target = {
    ArrowRight: index + 1,
    ArrowLeft: index - 1,
    ArrowDown: down(1),
    ArrowUp: up(1),
    PageDown: down(pageRows),
    PageUp: up(pageRows),
    Home: ctrl ? 0 : rowStart,
    End: ctrl ? last : Math.min(rowStart + columns - 1, last),
  }[key]
  return target === undefined || target < 0 || target > last || target === index
    ? undefined
    : target
}

/**
 * Keyboard behaviour of a grid of cells with a roving tab stop, as prop getters that merge
 * your handlers (downshift-style). It keeps no state: you own `activeIndex` and focus the cell
 * it names, which suits virtualized grids whose cells come and go.
 *
 * @example
 * ```tsx
 * const { getCellProps } = useGridNavigation({
 *   count: items.length,
 *   columns: 4,
 *   activeIndex,
 *   onActiveIndexChange: (index) => {
 *     setActiveIndex(index)
 *     cells.current[index]?.focus()
 *   },
 *   onAction: (index) => open(items[index]),
 * })
 * return items.map((item, index) => (
 *   <div key={item.id} role="gridcell" {...getCellProps(index)}>{item.name}</div>
 * ))
 * ```
 */
export function useGridNavigation(options: UseGridNavigationOptions): GridNavigation {
  const { activeIndex, onActiveIndexChange, onAction, onSelect, onDelete } = options
  const getCellProps = <P extends CellHandlers>(index: number, own?: P) =>
    ({
      ...own,
      tabIndex: index === activeIndex ? 0 : -1,
      onFocus: (event: FocusEvent<HTMLElement>) => {
        own?.onFocus?.(event)
        if (index !== activeIndex) onActiveIndexChange(index, 'focus')
      },
      onClick: (event: MouseEvent<HTMLElement>) => {
        own?.onClick?.(event)
        if (event.defaultPrevented) return
        if (onSelect) onSelect(index)
        else onAction?.(index)
      },
      onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
        own?.onKeyDown?.(event)
        // Keys typed inside a control of the cell belong to that control.
        if (event.defaultPrevented || event.target !== event.currentTarget) return
        const { key } = event
        const target = gridTarget(key, index, {
          ...options,
          ctrl: event.ctrlKey || event.metaKey,
        })
        if (target !== undefined) {
          onActiveIndexChange(target, 'keyboard')
        } else if (key === 'Enter' || (key === ' ' && !onSelect)) {
          onAction?.(index)
        } else if (key === ' ') {
          onSelect?.(index)
        } else if (key === 'Delete' || key === 'Backspace') {
          onDelete?.(index)
        } else if (!/^(Arrow|Page|Home|End)/.test(key)) {
          return
        }
        // Also the keys that hit an edge: the page must not scroll instead.
        event.preventDefault()
      },
    }) as P & CellNavigationProps
  return { getCellProps }
}
