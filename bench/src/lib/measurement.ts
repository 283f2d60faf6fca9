import type { Figure } from './table.ts'

/** One measurement: a name to pick it by, and a run that returns its figures. */
export interface Measurement {
  name: string
  /** One line: what it measures and against what. */
  description: string
  run: (log: (line: string) => void) => Promise<Figure[]>
}
