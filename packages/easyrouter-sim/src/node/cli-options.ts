import { parseArgs } from 'node:util'
import type { SimulatorTimings } from '../options.ts'
import type { SimulatorServerOptions } from './server.ts'

/** What the command line asks for. */
export type CliCommand =
  | { kind: 'run'; options: SimulatorServerOptions & { port: number; host: string } }
  | { kind: 'help' }
  | { kind: 'error'; message: string }

/** The `--help` text. */
export const USAGE = `Usage: easyrouter-sim [options]

Runs the EasyRouter simulator as an HTTP server.

Options:
  --port <n>                    Port to listen on; 0 picks a free one (default 4010)
  --host <host>                 Interface to listen on (default 127.0.0.1)
  --base-url <url>              Public URL used in links (default: the listening address)
  --api-key <key>               Accept only this key; repeat for more keys. Without it, any
                                non-empty Bearer key is accepted. Keys can also come from
                                EASYROUTER_SIM_API_KEYS (comma-separated), which keeps them out
                                of the process list.
  --asset-processing-ms <n>     Minimum time an asset stays Processing (default 3000)
  --asset-fetch-timeout-ms <n>  Time allowed to download an uploaded asset (default 30000)
  --video-queued-ms <n>         Time a video task stays queued (default 2000)
  --video-generation-ms <n>     Time a video task stays in_progress (default 12000)
  --session-ttl-ms <n>          Lifetime of a liveness session (default 1800000)
  --signed-url-ttl-ms <n>       Lifetime of signed media URLs (default 43200000)
  --max-asset-bytes <n>         Largest asset accepted (default 52428800)
  --no-control                  Disable the /__sim control endpoints (which otherwise need
                                the request header "x-sim-control: 1")
  -h, --help                    Show this help
`

const TIMING_FLAGS = {
  'asset-processing-ms': 'assetProcessingMs',
  'asset-fetch-timeout-ms': 'assetFetchTimeoutMs',
  'video-queued-ms': 'videoQueuedMs',
  'video-generation-ms': 'videoGenerationMs',
  'session-ttl-ms': 'sessionTtlMs',
  'signed-url-ttl-ms': 'signedUrlTtlMs',
} as const satisfies Record<string, keyof SimulatorTimings>

function wholeNumber(flag: string, value: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(value) || Number(value) > max) {
    throw new Error(
      `--${flag} must be a whole number${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}, got "${value}".`,
    )
  }
  return Number(value)
}

/** Parses the command line (and `EASYROUTER_SIM_API_KEYS`) into server options. */
export function parseCliArgs(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): CliCommand {
  try {
    const { values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', default: '4010' },
        host: { type: 'string', default: '127.0.0.1' },
        'base-url': { type: 'string' },
        'api-key': { type: 'string', multiple: true },
        'max-asset-bytes': { type: 'string' },
        'no-control': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        ...Object.fromEntries(
          Object.keys(TIMING_FLAGS).map((flag) => [flag, { type: 'string' as const }]),
        ),
      },
    })
    if (values.help) return { kind: 'help' }

    const options: SimulatorServerOptions & { port: number; host: string } = {
      port: wholeNumber('port', values.port, 65535),
      host: values.host,
    }
    if (values['base-url'] !== undefined) options.baseUrl = values['base-url']
    const envKeys = (env['EASYROUTER_SIM_API_KEYS'] ?? '').split(',').map((key) => key.trim())
    const apiKeys = [...(values['api-key'] ?? []), ...envKeys].filter((key) => key !== '')
    if (apiKeys.length > 0) options.apiKeys = apiKeys
    if (values['max-asset-bytes'] !== undefined) {
      options.maxAssetBytes = wholeNumber('max-asset-bytes', values['max-asset-bytes'])
    }
    if (values['no-control']) options.control = false
    const timings: SimulatorTimings = {}
    for (const [flag, key] of Object.entries(TIMING_FLAGS)) {
      const value = (values as Record<string, unknown>)[flag]
      if (typeof value === 'string') timings[key] = wholeNumber(flag, value)
    }
    if (Object.keys(timings).length > 0) options.timings = timings
    return { kind: 'run', options }
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) }
  }
}
