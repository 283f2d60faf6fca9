#!/usr/bin/env node
// `pnpm sim --port 4010`: the simulator as a standalone HTTP server. Runs from source under
// Node's type stripping, hence the `.ts` imports and erasable-only syntax.
import { parseCliArgs, USAGE } from './node/cli-options.ts'
import { startSimulatorServer } from './node/server.ts'

const command = parseCliArgs(process.argv.slice(2), process.env)
if (command.kind === 'help') {
  process.stdout.write(USAGE)
  process.exit(0)
}
if (command.kind === 'error') {
  process.stderr.write(`easyrouter-sim: ${command.message}\n\n${USAGE}`)
  process.exit(2)
}

const server = await startSimulatorServer(command.options).catch((error: unknown) => {
  const reason = error instanceof Error ? error.message : String(error)
  process.stderr.write(`easyrouter-sim: could not start: ${reason}\n`)
  process.exit(1)
})

// Exactly one line with the address, for humans and for scripts waiting on it. Neither API keys
// nor H5 links are ever printed.
process.stdout.write(`EasyRouter simulator listening at ${server.url}\n`)
const keys = command.options.apiKeys
  ? 'only the configured API keys are accepted'
  : 'any "Authorization: Bearer <key>" is accepted'
const control =
  command.options.control === false
    ? ''
    : ` Control endpoints (send "x-sim-control: 1"): ${server.url}/__sim/health.`
process.stdout.write(
  `Point your EasyRouter base URL here (${keys}).${control} Press Ctrl+C to stop.\n`,
)

let closing = false
const shutdown = (): void => {
  if (closing) return
  closing = true
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('easyrouter-sim: error while closing', error)
      process.exit(1)
    },
  )
}
process.once('SIGINT', shutdown)
process.once('SIGTERM', shutdown)
