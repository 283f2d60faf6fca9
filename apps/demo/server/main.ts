// Starts the demo: `pnpm start` at the repository root (development, on the simulator), or
// `pnpm --filter demo start` after `pnpm --filter demo build` (production). See the README.
import path from 'node:path'
import { startDemoServer } from './demo-server.ts'
import { exposureProblem, isLoopbackHost } from './exposure.ts'

const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production'
const port = Number(process.env.PORT ?? 4010)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not "${process.env.PORT ?? ''}".`)
  process.exit(1)
}
const apiKey = process.env.EASYROUTER_API_KEY || undefined
if (apiKey && !process.env.PUBLIC_URL) {
  console.error(
    'With EASYROUTER_API_KEY, set PUBLIC_URL to where EasyRouter and browsers reach this app ' +
      '(an https address that forwards to this port): the liveness page comes back to it, and ' +
      'EasyRouter downloads uploaded portraits from it.',
  )
  process.exit(1)
}
const password = process.env.DEMO_PASSWORD || undefined
const refused = exposureProblem({
  easyrouterApiKey: apiKey,
  publicUrl: process.env.PUBLIC_URL,
  host: process.env.HOST,
  password,
})
if (refused) {
  console.error(refused)
  process.exit(1)
}
const simulatorControls = process.env.LIKENESS_SIMULATOR_CONTROLS === '1'

function timings(json: string | undefined) {
  if (!json) return undefined
  try {
    return JSON.parse(json) as Record<string, number>
  } catch {
    console.error('LIKENESS_SIMULATOR_TIMINGS must be JSON, e.g. {"assetProcessingMs":1000}.')
    process.exit(1)
  }
}

const demo = await startDemoServer({
  port,
  host: process.env.HOST,
  publicUrl: process.env.PUBLIC_URL,
  production,
  dataDir: process.env.LIKENESS_DATA_DIR ?? path.join(import.meta.dirname, '..', '.likeness'),
  easyrouterApiKey: apiKey,
  easyrouterBaseUrl: process.env.EASYROUTER_BASE_URL,
  secret: process.env.LIKENESS_SECRET,
  // For tests: a known simulator key (to prove it never reaches the browser) and timings.
  simulatorKey: process.env.LIKENESS_SIMULATOR_KEY,
  simulatorCanary: process.env.LIKENESS_SIMULATOR_CANARY,
  simulatorTimings: timings(process.env.LIKENESS_SIMULATOR_TIMINGS),
  simulatorControls,
  password,
})

const notes = [
  password ? 'Every request asks for DEMO_PASSWORD.' : null,
  demo.mode === 'simulator' && simulatorControls
    ? `The simulator's controls are on (/sim/__sim/*, with x-sim-control: 1)${
        isLoopbackHost(new URL(demo.url).hostname)
          ? ''
          : ': anyone who reaches this address can use them'
      }.`
    : null,
].filter((note) => note !== null)
console.warn(
  `\n  Likeness demo (${production ? 'production' : 'development'}, ${
    demo.mode === 'simulator' ? 'on the EasyRouter simulator' : 'on EasyRouter'
  })\n\n  Open ${demo.url}\n${notes.map((note) => `  ${note}\n`).join('')}`,
)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void demo.close().then(() => process.exit(0))
  })
}
