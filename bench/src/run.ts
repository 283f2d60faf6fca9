// `pnpm bench [name ...]`: runs every measurement (or the ones named) and prints one table of
// figures, the minimum and the median of each over its runs. Measurements, not tests: nothing
// here passes or fails on a number. Loopback only; no network needed.
import type { Measurement } from './lib/measurement.ts'
import { formatTable, type Figure } from './lib/table.ts'
import { uploadMemory } from './upload-memory/index.ts'

const MEASUREMENTS: Measurement[] = [uploadMemory]

const names = process.argv.slice(2)
const unknown = names.filter((name) => !MEASUREMENTS.some((m) => m.name === name))
if (unknown.length > 0) {
  process.stderr.write(
    `Unknown measurement ${unknown.join(', ')}; there are: ${MEASUREMENTS.map((m) => m.name).join(', ')}\n`,
  )
  process.exit(2)
}
const chosen = names.length > 0 ? MEASUREMENTS.filter((m) => names.includes(m.name)) : MEASUREMENTS
if (process.platform !== 'linux') {
  process.stderr.write('The memory figures read /proc, so the bench runs on Linux only.\n')
  process.exit(2)
}

const log = (line: string) => process.stderr.write(`${line}\n`)
const figures: Figure[] = []
for (const measurement of chosen) {
  log(`${measurement.name}: ${measurement.description}`)
  figures.push(...(await measurement.run(log)))
}
process.stdout.write(`\nNode ${process.version}, ${new Date().toISOString()}\n\n`)
process.stdout.write(`${formatTable(figures)}\n`)
