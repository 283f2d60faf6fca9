/** One figure of one measurement, taken once per run. */
export interface Figure {
  measurement: string
  /** What was measured: the scenario, the entry, the route. */
  case: string
  /** What the number is, with its unit: `RSS peak (MiB)`. */
  figure: string
  /** One value per run. */
  values: number[]
  /** Decimals to print. Default 0. */
  decimals?: number
}

/** The smallest value and the median of a figure's runs. */
export function summarise(values: readonly number[]): { min: number; median: number } {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] ?? Number.NaN)
      : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2
  return { min: sorted[0] ?? Number.NaN, median }
}

/** Every figure as one plain-text table: measurement, case, figure, min and median of the runs. */
export function formatTable(figures: readonly Figure[]): string {
  const header = ['measurement', 'case', 'figure', 'runs', 'min', 'median']
  const rows = figures.map((figure) => {
    const { min, median } = summarise(figure.values)
    const digits = figure.decimals ?? 0
    return [
      figure.measurement,
      figure.case,
      figure.figure,
      String(figure.values.length),
      min.toFixed(digits),
      median.toFixed(digits),
    ]
  })
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  )
  // Text columns to the left, numbers to the right.
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column < 3 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd()
  const rule = widths.map((width) => '-'.repeat(width)).join('  ')
  return [line(header), rule, ...rows.map(line)].join('\n')
}
