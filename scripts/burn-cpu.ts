// Keeps CPU cores busy until killed, to run tests the way a loaded machine would run them:
//
//   node scripts/burn-cpu.ts & BURN=$!
//   pnpm vitest run --project easyrouter-sim
//   kill $BURN
//
// Usage: node scripts/burn-cpu.ts [cores]   (default: every core the machine reports)
// One worker thread per core spins forever. No dependencies; Node runs the file as it is.
import os from 'node:os'
import { Worker } from 'node:worker_threads'

const arg = process.argv[2]
const cores = arg === undefined ? os.availableParallelism() : Number(arg)
if (!Number.isInteger(cores) || cores < 1) {
  console.error('Usage: node scripts/burn-cpu.ts [cores]   (a whole number, 1 or more)')
  process.exit(2)
}

const SPIN = 'let x = 0; for (;;) x = (x * 1103515245 + 12345) % 2147483648'
for (let i = 0; i < cores; i++) new Worker(SPIN, { eval: true })
console.error(`burn-cpu: ${String(cores)} busy thread(s) in pid ${String(process.pid)}`)
// SIGTERM and SIGINT end the process, and its threads with it: nothing to clean up.
